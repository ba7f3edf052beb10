"""The pages the pipeline renders as HTML (lists, the calendar, the catalog, the home page…) as
MkDocs pages, and, in a preview, built only when someone opens them.

MkDocs builds every page at each save: reads it, renders Material's template around it, writes it.
For the generated pages of a large site that is a third of a save (their contents: the catalog's
counts and map, the calendar, the open-data page; then Material's template, a hundred times),
spent on pages the editor is not looking at. In a preview, a generated page is only placed at
each save (in the navigation, as a link target, with its title when the navigation shows it), and
MkDocs' own steps build it when it is first requested (preview.py), or before the background
search index reads it: the page served is the one a full build writes.
"""

from __future__ import annotations

import logging
import re

from mkdocs.commands import build as mkdocs_build
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..outputs import document

# The template a page still waiting to be built names: it renders nothing, and MkDocs then writes
# nothing ("Page skipped … Generated empty output", a message SkippedPages keeps out of the terminal).
LATER_TEMPLATE = "deffinov-page-built-on-request.html"


class GeneratedPage(Page):
    """A page the pipeline rendered as HTML: MkDocs takes its title and sections, and converts nothing."""

    def read_source(self, config):
        self.meta, self.html = document.split(self.file.content_string)
        self.markdown = ""

    def render(self, config, files):
        self.content = self.html
        self.toc = TableOfContents([AnchorLink(h.text, h.id, 2) for h in document.sections(self.html)])
        self.present_anchor_ids = document.anchor_ids(self.html)


class PageOnRequest(GeneratedPage):
    """A generated page of a preview: while `waiting`, MkDocs' build places it and writes nothing;
    `build` then builds it as MkDocs does, from its content rendered then (`rendered.content`)."""

    def __init__(self, title, file, config, rendered):
        super().__init__(title, file, config)
        self.rendered = rendered  # the pipeline's file (LaterFile, RenderedFile): its content, once asked for
        self.waiting = True
        self._anchors: set[str] | None = None

    def read_source(self, config):
        if self.waiting:
            self.meta, self.html, self.markdown = {"template": LATER_TEMPLATE}, "", ""
            return
        self.file.content_string = self.rendered.content
        super().read_source(config)

    def render(self, config, files):
        if self.waiting:
            self.content, self.toc = "", TableOfContents([])
            return
        super().render(config, files)

    # An editorial page's link to one of this page's anchors is checked at every save (strict
    # mode): the anchors are then read from its content, rendered for that.
    @property
    def present_anchor_ids(self) -> set[str]:
        if self._anchors is None:
            self._anchors = document.anchor_ids(document.split(self.rendered.content)[1])
        return self._anchors

    @present_anchor_ids.setter
    def present_anchor_ids(self, anchors: set[str]) -> None:
        self._anchors = anchors

    def build(self, config, files, doc_files, nav, env) -> None:
        """Build and write the page as MkDocs' build does (its own steps, every page event), among
        `files`, whose pages are `doc_files`."""
        self.waiting = False
        mkdocs_build._populate_page(self, config, files)
        mkdocs_build._build_page(self, config, doc_files, nav, env)


def nav_titles(nav: list | None) -> dict[str, str]:
    """The title mkdocs.yml's `nav` gives each page it names, by source path: MkDocs' title for a
    page of the navigation, which a generated page takes too, built or waiting (PageOnRequest)."""
    titles: dict[str, str] = {}
    for item in nav or []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles[value.lstrip("/")] = title
                else:
                    titles.update(nav_titles(value))
    return titles


class SkippedPages(logging.Filter):
    """Keeps MkDocs' "Page skipped" message about the pages waiting to be built out of the
    terminal: a hundred lines at every save, saying only that they were not built yet."""

    MESSAGE = re.compile(r"Page skipped: '(.*)'\. Generated empty output\.")

    def __init__(self):
        super().__init__()
        self.waiting: set[str] = set()  # their source paths (src_uri)

    def filter(self, record: logging.LogRecord) -> bool:
        found = self.MESSAGE.fullmatch(record.getMessage())
        return not (found and found[1] in self.waiting)
