"""The catalog's pages: the catalog with its facets, one page per resource and per provider, and
plain paginated lists by type and by region for readers without script.

One builder per kind of page (`BUILDERS`), each a function of the catalog as grouped once
(`CatalogOnTheDay`), which `Catalog.render` runs in turn. All but the catalog itself are
BulkFiles: their contents are rendered by the worker that writes them."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from ..content.entries import RegionEntry, SiteModel
from ..content.region import RegionCategory
from ..content.resource import ResourceType
from ..presentation import urls
from ..presentation.catalog import (
    FACETS, FOLDED_FACETS, RESULTS_SHOWN, ResourceView, by_place, example_count, facet_counts, kept_facet_values,
    paginate, resource_views,
)
from ..presentation.changes import page_changes
from ..presentation.clusters import NEAR_RADII, Place, with_places
from ..presentation.map import region_map
from ..presentation.structured_data import resource_data
from ..presentation.views import reading_rule
from .base import BulkFile, LaterFile, Output, PlannedFile, RenderContext, RenderedOnce
from .pages import PageLinks
from .places import place_position, towns_near


def _lists(site: SiteModel) -> list[tuple[str, str, int]]:
    """Every plain list page as (facet, value, page number), from the content alone."""
    by_type = Counter(resource.data.type.value for resource in site.resources)
    by_region = Counter(resource.region for resource in site.resources)
    found = []
    for facet, values, counts in (("types", [t.value for t in ResourceType], by_type),
                                  ("regions", [r.slug for r in site.regions], by_region)):
        for value in values:
            found += [(facet, value, n) for n in range(1, len(paginate(range(counts[value]))) + 1)]
    return found


class Catalog(Output):
    bulk_pages = True  # its resource and provider pages are BulkFiles (see pipeline.render)
    reads = ("regions", "calls", "providers", "resources", "day")

    def files(self, site: SiteModel) -> list[PlannedFile]:
        offered = Counter(resource.data.provider for resource in site.resources)
        return (
            [PlannedFile(urls.CATALOG, None)]
            + [PlannedFile(urls.resource_page(r.id), r.path) for r in site.resources]
            + [PlannedFile(urls.provider_page(p.id, n), p.path) for p in site.providers
               for n in range(1, len(paginate(range(offered[p.id]))) + 1)]
            + [PlannedFile(urls.catalog_list(facet, value, n), None) for facet, value, n in _lists(site)]
        )

    def render(self, context: RenderContext) -> list[LaterFile | BulkFile]:
        catalog = CatalogOnTheDay.of(context)
        return [file for build in BUILDERS for file in build(catalog)]


@dataclass(frozen=True)
class CatalogOnTheDay:
    """What every page of the catalog is built from: its resources grouped once for all the
    builders below, and how a page is rendered, at once or in a worker (BulkFile)."""

    context: RenderContext
    views: list[ResourceView]  # every resource whose provider is known, by title
    regions: dict[str, RegionEntry]
    changed: dict[str, dt.date | None]  # each page's last change (the sitemap's lastmod)
    common: dict  # what every template of these pages is given

    @classmethod
    def of(cls, context: RenderContext) -> CatalogOnTheDay:
        site = context.site
        regions = {region.slug: region for region in site.regions}
        return cls(context, resource_views(site), regions, page_changes(site), dict(
            regions=regions, categories=list(RegionCategory), today=context.now.date(), status_rule=reading_rule(),
        ))

    @cached_property
    def names(self) -> dict[str, str]:
        """Each region's name, by slug."""
        return {slug: region.data.name for slug, region in self.regions.items()}

    @cached_property
    def by_type(self) -> dict[ResourceType, list[ResourceView]]:
        return _grouped(self.views, lambda view: view.data.type)

    @cached_property
    def by_region(self) -> dict[str, list[ResourceView]]:
        return _grouped(self.views, lambda view: view.entry.region)

    def content(self, uri: str, template: str, values: dict) -> str:
        link = PageLinks(self.context.urls, uri, self.context.site_url)
        return self.context.templates.get_template(template).render(**self.common, **values, link=link)

    def updated(self, uri: str) -> dt.date | None:
        """A page's last change; a list not named in the changes changes with the catalog."""
        return self.changed.get(uri, self.changed[urls.CATALOG])

    def page(self, uri: str, template: str, source: str | None = None, **values) -> LaterFile:
        return LaterFile(uri, source, RenderedOnce(functools.partial(self.content, uri, template, values)),
                         updated=self.updated(uri))

    def bulk_page(self, uri: str, template: str, source: str | None, **values) -> BulkFile:
        return BulkFile(uri, source, functools.partial(self.content, uri, template, values), self.updated(uri))


def _grouped(views: list[ResourceView], key) -> dict:
    groups: dict = {}
    for view in views:
        groups.setdefault(key(view), []).append(view)
    return groups


# One builder per kind of page: each takes the catalog on the day and returns the pages of its kind.

def catalog_page(catalog: CatalogOnTheDay) -> list[LaterFile]:
    """The catalog: its facets with their counts, the map of regions, the lists by type and region."""
    site = catalog.context.site
    # `mkdocs serve` keeps it while the resources, providers and regions are unchanged (a call saved).
    return [catalog.context.memo.named(urls.CATALOG, (tuple(site.resources), tuple(site.providers), tuple(site.regions)),
                                       lambda: _catalog_page(catalog))]


def _catalog_page(catalog: CatalogOnTheDay) -> LaterFile:
    # What it shows is worked out when it renders, as its content: the counts and the map of a
    # large catalog take seconds, which the build spends while workers render the bulk pages
    # (pipeline.render), not before they start.
    return LaterFile(urls.CATALOG, None, RenderedOnce(lambda: catalog.content(urls.CATALOG, "catalog.html",
                                                                              _catalog_values(catalog))),
                     updated=catalog.updated(urls.CATALOG))


def _catalog_values(catalog: CatalogOnTheDay) -> dict:
    views, site, names = catalog.views, catalog.context.site, catalog.names
    by_type, by_region = catalog.by_type, catalog.by_region
    return dict(
        total=len(views), providers=len(site.providers),
        examples=example_count(views), example_providers=example_count(site.providers),
        facets=facet_counts(kept_facet_values(views, names, catalog.context.memo), [view.data.example for view in views]),
        facet_labels=FACETS, folded_facets=FOLDED_FACETS, types=list(ResourceType),
        first_results=by_place(site)[:RESULTS_SHOWN],
        type_counts=Counter({kind.value: len(items) for kind, items in by_type.items()}),
        type_examples=Counter({kind.value: example_count(items) for kind, items in by_type.items()}),
        drawing=with_places(region_map([
            (region.data.insee_code, region.slug, region.data.name, len(by_region.get(region.slug, [])))
            for region in site.regions
        ], examples={slug: example_count(items) for slug, items in by_region.items()}), _places(catalog), towns_near),
        near_radii=NEAR_RADII,
    )


def _places(catalog: CatalogOnTheDay) -> list[Place]:
    """Every provider whose place the site can put on the map, with its resources counted."""
    by_provider = _grouped(catalog.views, lambda view: view.provider.id)
    found = []
    for provider in catalog.context.site.providers:
        where = place_position(provider.data.place)
        if where is None:
            continue
        offered = by_provider.get(provider.id, [])
        found.append(Place(
            provider.id, provider.data.name, provider.data.place.city, provider.region,
            catalog.regions[provider.region].data.insee_code, provider.data.place.departement, *where, len(offered), example_count(offered),
            provider.data.example,
        ))
    return found


def resource_pages(catalog: CatalogOnTheDay) -> list[BulkFile]:
    """One page per resource, with its structured data and the call that funded it."""
    context = catalog.context
    calls = {call.id: call for call in context.site.calls}

    def resource_content(view: ResourceView) -> str:
        uri = urls.resource_page(view.entry.id)
        structured = resource_data(view, context.absolute(uri), context.absolute(urls.provider_page(view.provider.id)),
                                   catalog.names[view.entry.region])
        return catalog.content(uri, "resource.html", dict(view=view, structured=structured,
                                                          funded=_funding_call(view, calls, context)))

    # A resource page changes with its resource alone, not with the catalog (no fallback).
    return [BulkFile(urls.resource_page(view.entry.id), view.entry.path, functools.partial(resource_content, view),
                     catalog.changed.get(urls.resource_page(view.entry.id))) for view in catalog.views]


def provider_pages(catalog: CatalogOnTheDay) -> list[BulkFile]:
    """One page per tiers-lieu or collective, with its resources: page after page when they are many."""
    by_provider = _grouped(catalog.views, lambda view: view.provider.id)
    pages = []
    for provider in catalog.context.site.providers:
        offered = by_provider.get(provider.id, [])
        chunks = paginate(offered)
        for number, chunk in enumerate(chunks, start=1):
            link = PageLinks(catalog.context.urls, urls.provider_page(provider.id, number), catalog.context.site_url)
            pages.append(catalog.bulk_page(
                urls.provider_page(provider.id, number), "provider.html", provider.path, provider=provider,
                resources=chunk, total=len(offered), number=number, pages=len(chunks),
                page_link=lambda n, link=link, provider=provider: link.to(urls.provider_page(provider.id, n))))
    return pages


def type_lists(catalog: CatalogOnTheDay) -> list[BulkFile]:
    """The plain lists of resources of each type, paginated, for readers without script."""
    return _list_pages(catalog, "types", {kind.value: (kind.plural_label, catalog.by_type.get(kind, []))
                                          for kind in ResourceType})


def region_lists(catalog: CatalogOnTheDay) -> list[BulkFile]:
    """The plain lists of resources of each region, paginated, for readers without script."""
    return _list_pages(catalog, "regions", {slug: (f"Ressources en {name}", catalog.by_region.get(slug, []))
                                            for slug, name in catalog.names.items()})


def _list_pages(catalog: CatalogOnTheDay, facet: str, lists: dict[str, tuple[str, list[ResourceView]]]) -> list[BulkFile]:
    """The pages of each list of one facet: `lists` gives each value its title and resources."""
    pages = []
    for value, (title, items) in lists.items():
        chunks, examples = paginate(items), example_count(items)  # once a list, not once a page
        for number, chunk in enumerate(chunks, start=1):
            uri = urls.catalog_list(facet, value, number)
            link = PageLinks(catalog.context.urls, uri, catalog.context.site_url)
            pages.append(catalog.bulk_page(
                uri, "catalog_list.html", None, title=title, items=chunk, number=number, pages=len(chunks),
                total=len(items), examples=examples,
                page_link=lambda n, link=link, value=value: link.to(urls.catalog_list(facet, value, n))))
    return pages


def _funding_call(view, calls, context):
    """The call that funded the resource, as a view the templates can link to."""
    from ..presentation.views import call_view

    call = calls.get(view.data.funded_by)
    return call_view(context.site, call, context.now) if call else None


# In the order the pages were always rendered and planned: the catalog first.
BUILDERS = (catalog_page, resource_pages, provider_pages, type_lists, region_lists)

OUTPUT = Catalog()
