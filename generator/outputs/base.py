"""The shape every output takes: planned files, rendered files, and what rendering needs."""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, fields
from typing import Callable, ClassVar, Iterable

from jinja2 import Environment

from ..content.entries import SiteModel
from ..build.cache import Memo, NoMemo
from ..presentation.urls import Urls
from ..settings import STALE_AFTER_MONTHS


@dataclass(frozen=True)
class PlannedFile:
    uri: str  # path inside the docs tree: "appels/x/index.md" is a page, "x.ics" a file served as is
    source: str | None  # repository-relative file it comes from (edit links), None when generated from many
    on_request: bool = False  # a data file no page links to, as its RenderedFile says (see there)


@dataclass(frozen=True)
class RenderedFile:
    uri: str
    source: str | None
    content: str
    updated: dt.date | None = None  # last change of what a page shows: the sitemap's lastmod
    # A data file no Markdown page links to (open data, the catalog's index): `mkdocs serve`
    # writes it only when it is first requested (generator/mkdocs/preview.py).
    on_request: bool = False
    bulk = False  # not a field: bulk pages are BulkFiles


@dataclass(frozen=True)
class BulkFile:
    """A bulk page rendered only when its content is asked for: by the worker process that writes
    it, so that thousands of pages are never held in memory nor sent between processes."""

    uri: str
    source: str | None
    # None once rendered elsewhere (the workers) and let go of (generator/mkdocs/plugin.py).
    render: Callable[[], str] | None = field(repr=False, compare=False)
    updated: dt.date | None = None
    searchable: bool = False  # in the site's search index (a call page), or not (the catalog has its own)
    bulk = True  # one of thousands of pages of one kind: written from one rendering of the theme
    on_request = False  # not a data file (see RenderedFile)

    @property
    def content(self) -> str:
        return self.render()

    def content_unkept(self) -> str:
        """Its content, rendered without being kept: what a worker that writes it once asks for."""
        return self.render.unkept() if isinstance(self.render, RenderedOnce) else self.render()


@dataclass(frozen=True)
class LaterFile:
    """A page of an output that has bulk pages too, rendered when its content is first asked for:
    after the bulk pages are known, so that workers render those meanwhile (pipeline.render)."""

    uri: str
    source: str | None
    render: Callable[[], str] = field(repr=False, compare=False)
    updated: dt.date | None = None
    on_request = False  # a page (see RenderedFile)
    bulk = False  # written by MkDocs, as any page

    @property
    def content(self) -> str:
        return self.render()


@dataclass(frozen=True)
class RequestedFolder:
    """The files of an output of data files only (`Output.data_only`) in `mkdocs serve`: planned
    and rendered when one of them is first requested, not at every save (pipeline.render)."""

    uri: str  # the folder, "catalogue/index/"
    files: Callable[[], list[RenderedFile]] = field(repr=False, compare=False)
    source = None
    updated = None
    on_request = True  # see RenderedFile
    bulk = False


@dataclass(frozen=True)
class FileOnRequest:
    """A file of an output in `mkdocs serve`, as planned: its output renders all its files when one
    of them is first asked for (`made`, by uri), not at every save (pipeline.render)."""

    uri: str
    source: str | None
    on_request: bool
    made: Callable[[], dict[str, "RenderedFile"]] = field(repr=False, compare=False)
    bulk = False

    @property
    def content(self) -> str:
        return self.made()[self.uri].content

    @property
    def updated(self) -> dt.date | None:
        return self.made()[self.uri].updated


class RenderedOnce:
    """A bulk page's `render` that renders at the first call and then keeps only the text: a
    page `mkdocs serve` keeps from build to build holds its text, not what it was made from."""

    def __init__(self, render: Callable[[], str]):
        self._render: Callable[[], str] | None = render
        self._text: str | None = None

    def __call__(self) -> str:
        if self._text is None:
            self._text, self._render = self._render(), None
        return self._text

    def unkept(self) -> str:
        """The text, without keeping it (see BulkFile.content_unkept)."""
        return self._text if self._text is not None else self._render()


@dataclass(frozen=True)
class RenderContext:
    """What every output may use: the checked site, the day it is built for, addresses, templates."""

    site: SiteModel
    now: dt.datetime
    urls: Urls
    templates: Environment
    site_url: str = ""  # the public address, for absolute links in calendars and feeds; may be empty
    stale_after_months: int = STALE_AFTER_MONTHS  # when a running call's last check is too old (freshness.py)
    publisher: str = ""  # who publishes the site (mkdocs.yml, publisher.name): the author of the feeds
    editor: dict = field(default_factory=dict)  # the browser editor's forge (mkdocs.yml, editor; settings.py)
    memo: Memo | NoMemo = field(default_factory=NoMemo)  # `mkdocs serve`: results of the last build

    def absolute(self, uri: str) -> str | None:
        """The public address of a planned file, when the site's address is known."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + self.urls.url_of(uri)


# What an output may read of the site: the site model's parts, and "day" for an output whose
# files depend on the day they are read for (statuses, "ouvert", days left).
READABLE = tuple(part.name for part in fields(SiteModel)) + ("day",)


class Output(ABC):
    """One output of the build: what it reads of the site, the files it plans without rendering
    (`deffinov check` finds address conflicts from them), whether some are bulk pages, and how it
    renders them. `OUTPUTS` (outputs/__init__.py) lists one instance of each.

    A base class rather than a structural `Protocol`: an output says that it is one, a missing
    method makes it impossible to instantiate, and its declarations are checked when its class is
    defined. `reads` is only used by `mkdocs serve`'s memo, so a mistake there would otherwise
    show only on a rebuild in a preview; a Protocol checked at runtime only sees that the names
    exist."""

    # The parts of the site its files come from (READABLE): `mkdocs serve` keeps its files for the
    # next build while these are unchanged (pipeline.render). Every output declares it.
    reads: ClassVar[tuple[str, ...]]
    # Whether it renders BulkFiles (thousands of pages of one kind): such outputs render first, so
    # that the bulk pages' contents are rendered in workers meanwhile (pipeline.render).
    bulk_pages: ClassVar[bool]
    # The folder of its own its files are in, if they are all data files no page links to
    # (`on_request`), named so that no page can take their address (".json"): `check` then does
    # not plan them (they can claim no address), and `mkdocs serve` renders them only when one of
    # them is requested (RequestedFolder).
    data_only: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        reads, bulk = getattr(cls, "reads", None), getattr(cls, "bulk_pages", None)
        if not isinstance(reads, tuple) or not reads or not set(reads) <= set(READABLE):
            raise TypeError(f"{cls.__name__}.reads must be a tuple of {', '.join(READABLE)}; found {reads!r}")
        if not isinstance(bulk, bool):
            raise TypeError(f"{cls.__name__}.bulk_pages must be True or False; found {bulk!r}")

    @abstractmethod
    def files(self, site: SiteModel) -> list[PlannedFile]:
        """Every file it will write for `site`, without rendering any."""

    @abstractmethod
    def render(self, context: RenderContext) -> Iterable[RenderedFile | BulkFile]:
        """The files `files` planned, rendered for `context`, BulkFiles only if `bulk_pages`; a
        generator lets a build write each large data file away before the next is made."""
