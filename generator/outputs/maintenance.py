"""The maintainers' page, /maintenance/: running calls whose information is getting old.

Kept out of the menu, of the search index and of search engines (`robots: noindex`); the
maintainers bookmark it. `deffinov check` prints the same list as warnings (site/freshness.py).
"""

from __future__ import annotations

from ..content.entries import SiteModel
from ..presentation import urls
from ..presentation.freshness import stale_calls
from .base import Output, PlannedFile, RenderContext, RenderedFile
from .pages import PageLinks


class Maintenance(Output):
    reads = ("calls", "regions", "day")
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return [PlannedFile(urls.MAINTENANCE, None)]

    def render(self, context: RenderContext) -> list[RenderedFile]:
        months = context.stale_after_months
        page = context.templates.get_template("maintenance.html").render(
            stale=stale_calls(context.site, context.now, months), months=months, today=context.now.date(),
            link=PageLinks(context.urls, urls.MAINTENANCE, context.site_url),
        )
        return [RenderedFile(urls.MAINTENANCE, None, page)]


OUTPUT = Maintenance()
