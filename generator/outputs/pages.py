"""The generated pages: home, list of calls, regions, one page per region and per call.

Each page is Markdown whose reader-facing values sit in HTML blocks rendered by Jinja2 with
autoescaping; only static section titles are Markdown headings (they feed the table of contents).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.entries import SiteModel
from ..content.region import RegionCategory
from ..presentation import urls
from ..presentation.catalog import paginate, resource_views
from ..presentation.changes import page_changes
from ..presentation.structured_data import call_data
from ..presentation.views import (
    CallView, agenda_by_month, call_timeline, call_views, programme_span, reading_rule, runners_of,
    unknown_facts, upcoming_deadlines,
)
from .base import Output, PlannedFile, RenderContext, RenderedFile


@dataclass(frozen=True)
class PageLinks:
    """Links from one page to the others, relative to it (`link.call(view)` in templates)."""

    urls: urls.Urls
    page: str
    site_url: str = ""

    def to(self, uri: str) -> str:
        return self.urls.link(uri, self.page)

    def absolute(self, uri: str) -> str | None:
        """The public address of `uri` when the site's address is known (subscriptions need it)."""
        return self.site_url.rstrip("/") + "/" + self.urls.url_of(uri) if self.site_url else None

    def call_calendar(self, view: CallView) -> str:
        return urls.call_calendar(view.entry.id)

    def region_calendar(self, slug: str) -> str:
        return urls.region_calendar(slug)

    def all_calendar(self) -> str:
        return urls.ALL_CALLS_CALENDAR

    def all_feed(self) -> str:
        return urls.ALL_CALLS_FEED

    def calendar(self) -> str:
        return self.to(urls.CALENDAR_PAGE)

    def region_feed(self, slug: str) -> str:
        return urls.region_feed(slug)

    def follow(self) -> str:
        return self.to(urls.FOLLOW)

    def call(self, view: CallView) -> str:
        return self.to(urls.call_page(view.entry.id))

    def region(self, slug: str) -> str:
        return self.to(urls.region_page(slug))

    def home(self) -> str:
        return self.to(urls.HOME)

    def calls(self) -> str:
        return self.to(urls.CALLS)

    def regions(self) -> str:
        return self.to(urls.REGIONS)

    def programme(self) -> str:
        return self.to(urls.PROGRAMME)

    def comparison(self) -> str:
        return self.to(urls.COMPARISON)

    def open_data(self) -> str:
        return self.to(urls.OPEN_DATA)

    def catalog(self) -> str:
        return self.to(urls.CATALOG)

    def offer(self) -> str:
        return self.to(urls.OFFER_RESOURCE)

    def resource(self, view) -> str:
        return self.to(urls.resource_page(view.entry.id))

    def provider(self, provider) -> str:
        return self.to(urls.provider_page(provider.id))

    def catalog_list(self, facet: str, value: str, number: int = 1) -> str:
        return self.to(urls.catalog_list(facet, value, number))

    def catalog_region(self, slug: str) -> str:
        return self.catalog_list("regions", slug)


class Pages(Output):
    reads = ("regions", "calls", "providers", "resources", "day")
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return (
            [PlannedFile(uri, None) for uri in (urls.HOME, urls.REGIONS, urls.CALENDAR_PAGE)]
            + [PlannedFile(urls.calls_page(n), None) for n in range(1, len(paginate(site.calls)) + 1)]
            + [PlannedFile(urls.region_page(region.slug), region.path) for region in site.regions]
            + [PlannedFile(urls.call_page(call.id), call.path) for call in site.calls]
        )

    def render(self, context: RenderContext) -> list[RenderedFile]:
        site, now = context.site, context.now
        calls = call_views(site, now)
        regions = {region.slug: region for region in site.regions}
        changed = page_changes(site)
        common = dict(
            regions=regions, today=now.date(), categories=list(RegionCategory), status_rule=reading_rule(),
        )

        def page(uri: str, template: str, source: str | None = None, **values) -> RenderedFile:
            link = PageLinks(context.urls, uri, context.site_url)
            content = context.templates.get_template(template).render(**common, **values, link=link)
            return RenderedFile(uri, source, content, updated=changed.get(uri))

        # `mkdocs serve` keeps a page whose inputs are unchanged: the day, the regions, and the
        # calls and resources it shows as read that day (see generator/build/cache.py).
        regions_read = tuple(site.regions)
        read = {view.entry.id: (view.entry, view.status, view.next_deadline and view.next_deadline.moment,
                                view.countdown) for view in calls}
        all_calls = (now.date(), regions_read, tuple(read.values()))

        def kept(uri: str, inputs: tuple, compute) -> RenderedFile:
            return context.memo.get(uri, inputs, compute)

        pages = [
            kept(urls.HOME, all_calls, lambda: page(urls.HOME, "home.html", calls=calls,
                                                    upcoming=upcoming_deadlines(calls, now))),
            kept(urls.REGIONS, all_calls, lambda: page(urls.REGIONS, "regions.html", calls=calls)),
            kept(urls.CALENDAR_PAGE, all_calls, lambda: page(
                urls.CALENDAR_PAGE, "calendar.html", months=agenda_by_month(calls),
                timeline=call_timeline(calls, regions, now.date()))),
        ]
        chunks = paginate(calls)
        for number, chunk in enumerate(chunks, start=1):
            uri = urls.calls_page(number)
            pages.append(kept(uri, all_calls, lambda uri=uri, number=number, chunk=chunk: page(
                uri, "calls.html", calls=chunk, total=len(calls), number=number, pages=len(chunks),
                page_link=lambda n, link=PageLinks(context.urls, uri): link.to(urls.calls_page(n)))))
        resources = resource_views(site)
        funded_by: dict[str, list] = {}
        for view in resources:
            if view.data.funded_by:
                funded_by.setdefault(view.data.funded_by, []).append(view)
        in_region: dict[str, list] = {}
        for view in resources:
            in_region.setdefault(view.entry.region, []).append(view)
        for region in site.regions:
            own = [view for view in calls if region.slug in view.entry.regions]
            shown = in_region.get(region.slug, [])
            uri = urls.region_page(region.slug)
            pages.append(kept(uri, (now.date(), regions_read, tuple(read[view.entry.id] for view in own),
                                    tuple((view.entry, view.provider) for view in shown)),
                              lambda uri=uri, region=region, own=own, shown=shown: page(
                                  uri, "region.html", region.path, region=region, calls=own,
                                  runners=runners_of(own), resources=shown)))
        # What a call page says of a call declared closed without a dated end: the period the
        # programme's dated calls ran in.
        spans = {programme: programme_span(calls, programme) for programme in {view.data.programme for view in calls}}
        for view in calls:
            uri = urls.call_page(view.entry.id)
            funded = funded_by.get(view.entry.id, [])
            span = spans[view.data.programme]
            pages.append(kept(uri, (now.date(), regions_read, read[view.entry.id], span,
                                    tuple((resource.entry, resource.provider) for resource in funded)),
                              lambda uri=uri, view=view, funded=funded, span=span: page(
                                  uri, "call.html", view.entry.path, call=view, unknown=unknown_facts(view.data),
                                  programme_span=span,
                                  structured=call_data(view, context.absolute(uri),
                                                       [regions[slug].data.name for slug in view.entry.regions]),
                                  funded=funded)))
        return pages


OUTPUT = Pages()
