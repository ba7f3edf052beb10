"""The catalog's pages: the catalog with its facets, one page per resource and per provider, and
plain paginated lists by type and by region for readers without script."""

from __future__ import annotations

import functools
from collections import Counter

from ..content.entries import SiteModel
from ..content.region import RegionCategory
from ..content.resource import ResourceType
from ..presentation import urls
from ..presentation.catalog import FACETS, example_count, facet_counts, kept_facet_values, paginate, resource_views
from ..presentation.changes import page_changes
from ..presentation.map import region_map
from ..presentation.structured_data import resource_data
from ..presentation.views import reading_rule
from .base import BulkFile, Output, PlannedFile, RenderContext, RenderedFile
from .pages import PageLinks


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
        return (
            [PlannedFile(urls.CATALOG, None)]
            + [PlannedFile(urls.resource_page(r.id), r.path) for r in site.resources]
            + [PlannedFile(urls.provider_page(p.id), p.path) for p in site.providers]
            + [PlannedFile(urls.catalog_list(facet, value, n), None) for facet, value, n in _lists(site)]
        )

    def render(self, context: RenderContext) -> list[RenderedFile]:
        site = context.site
        regions = {region.slug: region for region in site.regions}
        names = {slug: region.data.name for slug, region in regions.items()}
        calls = {call.id: call for call in site.calls}
        views = resource_views(site)
        changed = page_changes(site)
        common = dict(regions=regions, categories=list(RegionCategory), today=context.now.date(),
                      status_rule=reading_rule())

        def content(uri, template, values):
            link = PageLinks(context.urls, uri, context.site_url)
            return context.templates.get_template(template).render(**common, **values, link=link)

        def page(uri, template, source=None, **values):
            return RenderedFile(uri, source, content(uri, template, values), updated=changed.get(uri, changed[urls.CATALOG]))

        def bulk_page(uri, template, source, **values):
            return BulkFile(uri, source, functools.partial(content, uri, template, values),
                            changed.get(uri, changed[urls.CATALOG]))

        by_type: dict[ResourceType, list] = {}
        by_region: dict[str, list] = {}
        for view in views:
            by_type.setdefault(view.data.type, []).append(view)
            by_region.setdefault(view.entry.region, []).append(view)
        files = [page(
            urls.CATALOG, "catalog.html", total=len(views), providers=len(site.providers),
            examples=example_count(views), example_providers=example_count(site.providers),
            facets=facet_counts(kept_facet_values(views, names, context.memo), [view.data.example for view in views]),
            facet_labels=FACETS, types=list(ResourceType),
            type_counts=Counter({kind.value: len(items) for kind, items in by_type.items()}),
            type_examples=Counter({kind.value: example_count(items) for kind, items in by_type.items()}),
            region_counts=Counter({slug: len(items) for slug, items in by_region.items()}),
            region_examples=Counter({slug: example_count(items) for slug, items in by_region.items()}),
            drawing=region_map([
                (region.data.insee_code, region.slug, region.data.name, len(by_region.get(region.slug, [])))
                for region in site.regions
            ], examples={slug: example_count(items) for slug, items in by_region.items()}),
        )]
        def resource_content(view) -> str:
            uri = urls.resource_page(view.entry.id)
            structured = resource_data(view, context.absolute(uri),
                                       context.absolute(urls.provider_page(view.provider.id)), names[view.entry.region])
            return content(uri, "resource.html", dict(view=view, structured=structured,
                                                      funded=_funding_call(view, calls, context)))

        files += [BulkFile(urls.resource_page(view.entry.id), view.entry.path, functools.partial(resource_content, view),
                           changed.get(urls.resource_page(view.entry.id))) for view in views]
        by_provider = {}
        for view in views:
            by_provider.setdefault(view.provider.id, []).append(view)
        providers = site.providers

        files += [bulk_page(urls.provider_page(provider.id), "provider.html", provider.path, provider=provider,
                            resources=by_provider.get(provider.id, [])) for provider in providers]
        lists = {
            "types": {t.value: (t.plural_label, by_type.get(t, [])) for t in ResourceType},
            "regions": {slug: (f"Ressources en {name}", by_region.get(slug, [])) for slug, name in names.items()},
        }
        # (facet, value, title, page number, its entries, pages, entries in all, examples among them)
        jobs = [(facet, value, title, number, chunk, len(chunks), len(items), examples)
                for facet, values in lists.items() for value, (title, items) in values.items()
                for chunks, examples in [(paginate(items), example_count(items))]  # once a list, not once a page
                for number, chunk in enumerate(chunks, start=1)]

        def list_page(facet, value, title, number, chunk, pages, total, examples) -> BulkFile:
            uri = urls.catalog_list(facet, value, number)
            link = PageLinks(context.urls, uri, context.site_url)
            return bulk_page(uri, "catalog_list.html", None, title=title, items=chunk, number=number, pages=pages,
                             total=total, examples=examples,
                             page_link=lambda n: link.to(urls.catalog_list(facet, value, n)))

        return files + [list_page(*job) for job in jobs]


def _funding_call(view, calls, context):
    """The call that funded the resource, as a view the templates can link to."""
    from ..presentation.views import call_view

    call = calls.get(view.data.funded_by)
    return call_view(context.site, call, context.now) if call else None


OUTPUT = Catalog()
