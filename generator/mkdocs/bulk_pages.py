"""The pages made by the thousand (the catalog's resources, providers and plain lists, the calls), written from one rendering of the theme.

Material renders every page through its whole base template (header, navigation, footer): about
two milliseconds a page, 40 s for 20,000 resources. These pages differ only by their title,
description, content, sections, edit link and address, so Material renders each kind once with
placeholders (a "shell"), and each page is the shell with its own values put in: string joins.
A shell is rendered again for each distinct list of sections, which the templates keep few.

The catalog has its own search index (outputs/catalog_index.py): its pages carry no
`data-pagefind-body`, so the site's search index (Pagefind) leaves them out; a call page is
`searchable` and keeps it.

What a bulk page skips of MkDocs: every page event (on_page_markdown, on_page_content,
on_post_page…), Python-Markdown, and MkDocs' sitemap (the plugin adds them to it). Their content is
HTML from autoescaped templates, their title already has its id (TITLE_ID), their sections are
read from their h2 (document.sections).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from mkdocs.commands.build import get_context
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from . import material_html
from ..outputs import document
from ..outputs.base import BulkFile
from ..presentation.urls import Urls

SLOT = "DEFFINOVSLOT"
_SLOTS = re.compile(r"(?:<h1)?" + SLOT + r"(TITLE|DESCRIPTION|CONTENT|SOURCE|ID)")
# Material prints a title of its own when the content has no "<h1": the content's slot shows one.
CONTENT_SLOT = "<h1" + SLOT + "CONTENT"
TITLE_ID = "titre"  # the templates give these pages' h1 this id: the skip link's target


class Shell:
    """A page of the theme with placeholders, split once so that filling it is one join."""

    def __init__(self, html: str):
        self.parts = _SLOTS.split(html)  # text, slot name, text, slot name, …

    def fill(self, values: dict[str, str]) -> str:
        parts = self.parts
        return "".join(values[part] if index % 2 else part for index, part in enumerate(parts))


class BulkPageWriter:
    """Writes bulk pages into the site folder, rendering a shell the first time one is needed."""

    def __init__(self, config, nav, env, files):
        self.config, self.nav, self.env = config, nav, env
        self.doc_files = files.documentation_pages()
        self.urls = Urls(config.use_directory_urls)
        self.site_dir = Path(config.site_dir)
        self.shells: dict[tuple, Shell] = {}

    def write(self, rendered: BulkFile, content: str | None = None) -> None:
        """Write the page, whose content may have been rendered ahead (else it is rendered now)."""
        meta, html = document.split(rendered.content if content is None else content)
        path = PurePosixPath(rendered.uri)
        folder, item = path.parent.parent, path.parent.name  # "catalogue/ressources", "<id>"
        sections = tuple((h.id, h.text) for h in document.sections(html))
        # A page kept from search engines (an example of the catalog) has its own shell: the robots
        # meta tag is written by the theme, outside the slots.
        robots = meta.get("robots") or None
        key = (str(folder), path.name, sections, bool(rendered.source), robots, rendered.searchable)
        if key not in self.shells:
            self.shells[key] = self._shell(f"{folder}/{SLOT}ID/{path.name}", sections, bool(rendered.source), robots,
                                           rendered.searchable)
        shell = self.shells[key]
        page = shell.fill({
            "TITLE": meta.get("title", ""), "DESCRIPTION": meta.get("description", ""), "CONTENT": html,
            "SOURCE": quote(rendered.source or ""), "ID": item,
        })
        target = self.site_dir / self.dest_uri(rendered)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")

    def dest_uri(self, rendered: BulkFile) -> str:
        """The page's file in the site folder: "appels/x/index.html"."""
        url = self.urls.url_of(rendered.uri)
        return url + "index.html" if url.endswith("/") else url

    def _shell(self, uri: str, sections: tuple, sourced: bool, robots: str | None = None,
               searchable: bool = False) -> Shell:
        """Material's rendering of a page of this address and these sections, values left as slots;
        a page made from many files (a list) has no edit link; `robots`, what search engines may do."""
        config = self.config
        file = File.generated(config, uri, content="")
        file.edit_uri = SLOT + "SOURCE" if sourced else None
        page = Page(None, file, config)
        page.markdown = ""
        page.meta = {"title": SLOT + "TITLE", "description": SLOT + "DESCRIPTION"}
        if robots:
            page.meta["robots"] = robots
        page.content = CONTENT_SLOT
        title = AnchorLink(SLOT + "TITLE", TITLE_ID, 1)
        title.children = [AnchorLink(text, anchor, 2) for anchor, text in sections]
        page.toc = TableOfContents([title])
        page.active = True
        context = get_context(self.nav, self.doc_files, config, page)
        context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
        html = self.env.get_template("main.html").render(context)
        page.active = False
        if not searchable:  # left out of Pagefind's index: the catalog's own index finds these pages
            html = html.replace(" data-pagefind-body", "", 1)
        return Shell(material_html.spaces_collapsed(material_html.without_toggle_autocomplete(html)))
