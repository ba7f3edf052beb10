"""The generated pages: home, list of calls, regions, one page per region and per call.

One builder per kind of page (`BUILDERS`), each a function of the site as read on the build's day
(`SiteOnTheDay`), which `Pages.render` runs in turn.

Each page is Markdown whose reader-facing values sit in HTML blocks rendered by Jinja2 with
autoescaping; only static section titles are Markdown headings (they feed the table of contents).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Callable
from urllib.parse import urlencode

from ..content.entries import RegionEntry, SiteModel
from ..content.region import RegionCategory
from ..presentation import urls
from ..presentation.agenda import AGENDA_PAGE_SIZE, events_per_year, page_count
from ..presentation.catalog import ResourceView, example_count, paginate, resource_views
from ..presentation.changes import page_changes
from ..presentation.structured_data import call_data
from ..presentation.views import (
    AgendaItem, CallView, agenda_items, by_month, call_views, programme_span, reading_rule, region_timeline, runners_of,
    unknown_facts, upcoming_deadlines,
)
from .base import BulkFile, LaterFile, Output, PlannedFile, RenderContext, RenderedOnce


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

    def calendar_year(self, year: int, number: int = 1) -> str:
        return self.to(urls.calendar_year_page(year, number))

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

    def map_place(self, cluster) -> str:
        """Where a circle of the map leads (presentation/clusters.py): its provider's page, the
        catalog near the commune it is named after, else its region's list."""
        if cluster.provider:
            return self.to(urls.provider_page(cluster.provider))
        if cluster.near:
            commune, departement, km = cluster.near
            return self.catalog() + "?" + urlencode({"pres": commune, "dep": departement, "rayon": km})
        return self.catalog_region(cluster.region)


class Pages(Output):
    reads = ("regions", "calls", "providers", "resources", "day")
    bulk_pages = True  # the call pages

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return (
            [PlannedFile(uri, None) for uri in (urls.HOME, urls.REGIONS, urls.CALENDAR_PAGE)]
            + [PlannedFile(urls.calendar_year_page(year, number), None)
               for year, events in sorted(events_per_year(site.calls, approximate=True).items())
               for number in range(1, page_count(events) + 1)]
            + [PlannedFile(urls.calls_page(n), None) for n in range(1, len(paginate(site.calls)) + 1)]
            + [PlannedFile(urls.region_page(region.slug, number), region.path) for region in site.regions
               for number in range(1, len(paginate([c for c in site.calls if region.slug in c.regions])) + 1)]
            + [PlannedFile(urls.call_page(call.id), call.path) for call in site.calls]
        )

    def render(self, context: RenderContext) -> list[LaterFile | BulkFile]:
        day = SiteOnTheDay.of(context)
        return [file for build in BUILDERS for file in build(day)]


@dataclass(frozen=True)
class SiteOnTheDay:
    """What every page of calls is built from: the site's calls read on the build's day, once for
    all the builders below, and how a page is rendered and kept."""

    context: RenderContext
    calls: list[CallView]  # in the order lists show them
    regions: dict[str, RegionEntry]
    changed: dict[str, dt.date | None]  # each page's last change (the sitemap's lastmod)
    common: dict  # what every template of these pages is given

    @classmethod
    def of(cls, context: RenderContext) -> SiteOnTheDay:
        site, now = context.site, context.now
        regions = {region.slug: region for region in site.regions}
        return cls(context, call_views(site, now), regions, page_changes(site), dict(
            regions=regions, today=now.date(), categories=list(RegionCategory), status_rule=reading_rule(),
        ))

    @property
    def today(self) -> dt.date:
        return self.context.now.date()

    def page(self, uri: str, template: str, source: str | None = None, **values) -> LaterFile:
        # Rendered with these and nothing more: a page `mkdocs serve` keeps from build to build
        # before anyone opens it holds them, not the whole site of the build that made it. The
        # template is read now: one that does not compile fails the build, not a page opened later.
        render = functools.partial(_render, self.context.templates.get_template(template), self.common,
                                   PageLinks(self.context.urls, uri, self.context.site_url), values)
        return LaterFile(uri, source, RenderedOnce(render), updated=self.changed.get(uri))

    def kept(self, uri: str, inputs: tuple, compute: Callable[[], LaterFile]) -> LaterFile:
        """The page `compute` renders, or, in `mkdocs serve`, the last build's while `inputs` are
        unchanged (see generator/build/cache.py)."""
        return self.context.memo.named(uri, inputs, compute)

    # What a page depends on, for `mkdocs serve` to keep it: the day, the regions, and the calls and
    # resources it shows as read that day.
    @cached_property
    def regions_read(self) -> tuple:
        return tuple(self.context.site.regions)

    @cached_property
    def read(self) -> dict[str, tuple]:
        """Each call as a page shows it on the day, by id."""
        return {view.entry.id: (view.entry, view.status, view.next_deadline and view.next_deadline.moment,
                                view.countdown) for view in self.calls}

    def showing(self, calls: list[CallView], *more) -> tuple:
        """What a page showing `calls` (and the values `more`) depends on."""
        return (self.today, self.regions_read, tuple(self.read[view.entry.id] for view in calls), *more)

    @cached_property
    def all_calls(self) -> tuple:
        """What a page showing every call depends on."""
        return (self.today, self.regions_read, tuple(self.read.values()))

    @cached_property
    def resources(self) -> list[ResourceView]:
        return resource_views(self.context.site)


def _render(template, common: dict, link: PageLinks, values: dict) -> str:
    return template.render(**common, **values, link=link)


# One builder per kind of page: each takes the site on the day and returns the pages of its kind.

# How many items a section that would grow with the content shows (the home page's calls and
# deadlines, a region's places): the page stays light whatever the content; each links to the whole.
SELECTION = 12


def home_page(day: SiteOnTheDay) -> list[LaterFile]:
    """The home page: calls open now first, the next deadlines, the latest calls, the regions;
    a bounded selection of each, with a link to the whole."""
    return [day.kept(urls.HOME, day.all_calls, lambda: day.page(
        urls.HOME, "home.html", calls=day.calls, upcoming=upcoming_deadlines(day.calls, day.context.now),
        selection=SELECTION))]


def regions_page(day: SiteOnTheDay) -> list[LaterFile]:
    """The list of regions and territories, with how many calls each has (counted here: a filter
    in the template read every call's regions once a region, 48,000 times at 2,000 calls)."""
    return [day.kept(urls.REGIONS, day.all_calls, lambda: day.page(urls.REGIONS, "regions.html", counts=Counter(
        slug for view in day.calls for slug in view.entry.regions)))]


def calendar_page(day: SiteOnTheDay) -> list[LaterFile]:
    """The calendar of the calls' dates, month by month: on /calendrier/, the timeline of every
    year by region and the coming dates (from the first day of the build's month, one page of them
    at most); each year on its own pages of at most AGENDA_PAGE_SIZE dates, with its timeline."""
    items = agenda_items(day.calls)
    per_year: dict[int, list[AgendaItem]] = {}
    for item in items:
        per_year.setdefault(item.event.date.date.year, []).append(item)
    years = sorted(per_year)
    pages = {year: paginate(year_items, AGENDA_PAGE_SIZE) for year, year_items in per_year.items()}

    def page(uri: str, chunk: list[AgendaItem], previous: list[AgendaItem], timeline_calls: list[CallView],
             **values) -> LaterFile:
        continued = bool(previous and chunk) and _month(previous[-1]) == _month(chunk[0])
        return day.page(uri, "calendar.html", months=by_month(chunk), continued=continued, years=years,
                        timeline=region_timeline(timeline_calls, day.regions, day.today), **values)

    def coming() -> LaterFile:
        month = day.today.replace(day=1)
        ahead = [item for item in items if item.event.date.date >= month]
        more = None  # the first date left out, and the page of its year that holds it
        if len(ahead) > AGENDA_PAGE_SIZE:
            first_left = ahead[AGENDA_PAGE_SIZE]
            year = first_left.event.date.date.year
            index = next(i for i, item in enumerate(per_year[year]) if item is first_left)
            more = {"shown": AGENDA_PAGE_SIZE, "first": first_left.event,
                    "href": PageLinks(day.context.urls, urls.CALENDAR_PAGE).calendar_year(
                        year, index // AGENDA_PAGE_SIZE + 1) + f"#mois-{_month(first_left):%Y-%m}"}
        return page(urls.CALENDAR_PAGE, ahead[:AGENDA_PAGE_SIZE], [], day.calls, year=None, start=month,
                    calendar_file=urls.ALL_CALLS_CALENDAR, number=1, pages=1, more=more)

    def year_page(year: int, number: int) -> LaterFile:
        chunks = pages[year]
        chunk, previous = chunks[number - 1], chunks[number - 2] if number > 1 else []
        in_year = {item.call.entry.id for item in per_year[year]}
        uri = urls.calendar_year_page(year, number)
        link = PageLinks(day.context.urls, uri)
        first_pages: dict[dt.date, int] = {}  # the page each month begins on, for the list of months
        for index, page_months in enumerate(months[year], start=1):
            for month in page_months:
                first_pages.setdefault(month, index)
        return page(uri, chunk, previous,
                    [view for view in day.calls if view.entry.id in in_year] if number == 1 else [],
                    year=year, calendar_file=urls.year_calendar(year), number=number, pages=len(chunks),
                    page_link=lambda n: link.calendar_year(year, n), more=None,
                    month_links=[(month, ("" if n == number else link.calendar_year(year, n)) + f"#mois-{month:%Y-%m}")
                                 for month, n in first_pages.items()])

    def year_inputs(year: int, number: int) -> tuple:
        """What a year's page shows: its dates' calls, the months of each page of the year (where
        it goes on from, where each month begins), the years; on its first page, the timeline of
        the year's calls."""
        chunk = pages[year][number - 1]
        shown = [item.call for item in chunk] + ([item.call for item in per_year[year]] if number == 1 else [])
        return day.showing(shown, tuple(item.event.key for item in chunk), number, months[year], tuple(years))

    # The months of each page of each year, in order: worked out once for all the pages.
    months = {year: tuple(tuple(dict.fromkeys(map(_month, chunk))) for chunk in chunks) for year, chunks in pages.items()}
    return [day.kept(urls.CALENDAR_PAGE, day.all_calls, coming)] + [
        day.kept(urls.calendar_year_page(year, number), year_inputs(year, number),
                 functools.partial(year_page, year, number))
        for year in years for number in range(1, len(pages[year]) + 1)]


def _month(item: AgendaItem) -> dt.date:
    return item.event.date.date.replace(day=1)


def calls_lists(day: SiteOnTheDay) -> list[LaterFile]:
    """The list of every call with its filters, one page per chunk."""
    chunks = paginate(day.calls)

    def list_page(uri: str, number: int, chunk: list[CallView]) -> LaterFile:
        link = PageLinks(day.context.urls, uri)
        return day.page(uri, "calls.html", calls=chunk, total=len(day.calls), number=number, pages=len(chunks),
                        page_link=lambda n: link.to(urls.calls_page(n)))

    # A page depends on the calls it shows and their count, not on every call: a saved call
    # renders again only the pages it is on, or moves between.
    return [day.kept(urls.calls_page(number), day.showing(chunk, len(day.calls), len(chunks)),
                     functools.partial(list_page, urls.calls_page(number), number, chunk))
            for number, chunk in enumerate(chunks, start=1)]


def region_pages(day: SiteOnTheDay) -> list[LaterFile]:
    """One page per region or territory: its calls (a list page after page when they are many),
    who runs them, the places that offer resources there."""
    in_region: dict[str, list[ResourceView]] = {}
    for view in day.resources:
        in_region.setdefault(view.entry.region, []).append(view)
    pages = []
    for region in day.context.site.regions:
        own = [view for view in day.calls if region.slug in view.entry.regions]
        resources = in_region.get(region.slug, [])
        offered = Offered(len(resources), example_count(resources),
                          tuple({view.provider.id: view.provider for view in resources}.values())) if resources else None
        chunks = paginate(own)
        for number, chunk in enumerate(chunks, start=1):
            uri = urls.region_page(region.slug, number)
            link = PageLinks(day.context.urls, uri)
            inputs = (day.today, day.regions_read, tuple(day.read[view.entry.id] for view in own),
                      (offered.count, offered.examples, offered.providers) if offered and number == 1 else None)
            pages.append(day.kept(uri, inputs, functools.partial(
                day.page, uri, "region.html", region.path, region=region, calls=chunk, total=len(own),
                runners=runners_of(own), offered=offered, selection=SELECTION, number=number, pages=len(chunks),
                page_link=lambda n, slug=region.slug, link=link: link.to(urls.region_page(slug, n)))))
    return pages


@dataclass(frozen=True)
class Offered:
    """What a region's page says of the catalog there: how many resources, how many of them are
    examples, by which providers (in the catalog's order)."""

    count: int
    examples: int
    providers: tuple


def call_pages(day: SiteOnTheDay) -> list[BulkFile]:
    """One page per call: its facts, calendar, how to apply, sources, and the resources it funded.
    Bulk pages, in the site's search: at 2,000 calls, MkDocs' page loop and Material's template
    would take seconds, in one process and at every save of a preview (generator/mkdocs/bulk_pages.py)."""
    funded_by: dict[str, list[ResourceView]] = {}
    for view in day.resources:
        if view.data.funded_by:
            funded_by.setdefault(view.data.funded_by, []).append(view)
    # What a call page says of a call declared closed without a dated end: the period the
    # programme's dated calls ran in.
    programmes = {view.data.programme for view in day.calls}
    spans = {programme: programme_span(day.calls, programme) for programme in programmes}

    # What the pages are rendered with, and nothing more: a page a preview keeps (below) holds
    # these, not the build's whole site. The template is read now: one that does not compile fails
    # the build (and a preview shows why), not a page asked for later.
    template, common, addresses, site_url = (
        day.context.templates.get_template("call.html"), day.common, day.context.urls, day.context.site_url)

    def call_page(uri: str, view: CallView, funded: list[ResourceView], span, address: str, names: list[str]) -> str:
        return template.render(**common, call=view, unknown=unknown_facts(view.data), programme_span=span,
                               structured=call_data(view, address, names), funded=funded,
                               link=PageLinks(addresses, uri, site_url))

    def call_file(uri: str, view: CallView, funded: list[ResourceView], span) -> BulkFile:
        render = functools.partial(call_page, uri, view, funded, span, day.context.absolute(uri),
                                   [day.regions[slug].data.name for slug in view.entry.regions])
        return BulkFile(uri, view.entry.path, RenderedOnce(render), day.changed.get(uri), searchable=True)

    pages = []
    for view in day.calls:
        uri = urls.call_page(view.entry.id)
        funded = funded_by.get(view.entry.id, [])
        span = spans[view.data.programme]
        inputs = (day.today, day.regions_read, day.read[view.entry.id], span,
                  tuple((resource.entry, resource.provider) for resource in funded))
        pages.append(day.kept(uri, inputs, functools.partial(call_file, uri, view, funded, span)))
    return pages


# In the order the pages were always rendered and planned: the home page first.
BUILDERS = (home_page, regions_page, calendar_page, calls_lists, region_pages, call_pages)

OUTPUT = Pages()
