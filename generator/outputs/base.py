"""The shape every output takes: planned files, rendered files, and what rendering needs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Protocol

from jinja2 import Environment

from ..content.entries import SiteModel
from ..build.cache import Memo, NoMemo
from ..presentation.urls import Urls
from ..settings import STALE_AFTER_MONTHS


@dataclass(frozen=True)
class PlannedFile:
    uri: str  # path inside the docs tree: "appels/x/index.md" is a page, "x.ics" a file served as is
    source: str | None  # repository-relative file it comes from (edit links), None when generated from many


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
    render: Callable[[], str] = field(repr=False, compare=False)
    updated: dt.date | None = None
    bulk = True  # one of thousands of pages of one kind: written from one rendering of the theme
    on_request = False  # not a data file (see RenderedFile)

    @property
    def content(self) -> str:
        return self.render()


@dataclass(frozen=True)
class RenderContext:
    """What every output may use: the checked site, the day it is built for, addresses, templates."""

    site: SiteModel
    now: dt.datetime
    urls: Urls
    templates: Environment
    site_url: str = ""  # the public address, for absolute links in calendars and feeds; may be empty
    stale_after_months: int = STALE_AFTER_MONTHS  # when a running call's last check is too old (presentation/freshness.py)
    publisher: str = ""  # who publishes the site (mkdocs.yml, publisher.name): the author of the feeds
    memo: Memo | NoMemo = field(default_factory=NoMemo)  # `mkdocs serve`: results of the last build

    def absolute(self, uri: str) -> str | None:
        """The public address of a planned file, when the site's address is known."""
        if not self.site_url:
            return None
        return self.site_url.rstrip("/") + "/" + self.urls.url_of(uri)


class Output(Protocol):
    # An output may set `bulk_pages = True` when it renders BulkFiles: it then renders first.
    # It may set `reads`, the lists of the site it renders from ("calls", "resources"…) and "day"
    # when what it says depends on the day it is read: `mkdocs serve` then keeps its files for
    # the next build while these are unchanged (pipeline.render).
    def files(self, site: SiteModel) -> list[PlannedFile]: ...

    def render(self, context: RenderContext) -> list[RenderedFile]: ...
