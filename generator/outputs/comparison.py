"""The comparison page: each region's live or latest call side by side, and who each call admits."""

from __future__ import annotations

from ..content.entries import SiteModel
from ..presentation import comparison
from ..presentation import urls
from ..presentation.changes import calls_changed
from ..presentation.views import call_views, reading_rule
from .base import Output, PlannedFile, RenderContext, RenderedFile
from .pages import PageLinks


class Comparison(Output):
    reads = ("calls", "regions", "day")
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return [PlannedFile(urls.COMPARISON, None)]

    def render(self, context: RenderContext) -> list[RenderedFile]:
        site = context.site
        # Region by region, in the order of the regions page, a region's calls by title.
        every = call_views(site, context.now)
        calls = comparison.latest_of_each_region(every, [region.slug for region in site.regions])
        with_calls = {slug for view in every for slug in view.entry.regions}
        page = context.templates.get_template("compare.html").render(
            calls=calls, recorded=len(every), calls_csv=urls.open_data_file("appels.csv"),
            facts=comparison.facts(calls), eligibility=comparison.eligibility(calls),
            regions={region.slug: region for region in site.regions},
            without=[region for region in site.regions if region.slug not in with_calls],
            link=PageLinks(context.urls, urls.COMPARISON, context.site_url), status_rule=reading_rule(),
            today=context.now.date(),
        )
        return [RenderedFile(urls.COMPARISON, None, page, updated=calls_changed(site))]


OUTPUT = Comparison()
