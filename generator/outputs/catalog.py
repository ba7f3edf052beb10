"""The catalog's pages: the catalog with its facets, one page per resource and per provider, and
plain paginated lists by type and by region for readers without script."""

from __future__ import annotations

from collections import Counter

from ..content.entries import SiteModel
from ..content.region import RegionCategory
from ..content.resource import ResourceType
from ..site import urls
from ..site.catalog import FACETS, facet_counts, paginate, resource_views
from ..site.changes import page_changes
from ..site.map import region_map
from ..site.structured_data import resource_data
from ..site.views import reading_rule
from .base import PlannedFile, RenderContext, RenderedFile
from .pages import PageLinks
from .parallel import map_pages


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


class Catalog:
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

        def page(uri, template, source=None, bulk=False, **values):
            link = PageLinks(context.urls, uri, context.site_url)
            content = context.templates.get_template(template).render(**common, **values, link=link)
            return RenderedFile(uri, source, content, bulk, updated=changed.get(uri, changed[urls.CATALOG]))

        files = [page(
            urls.CATALOG, "catalog.html", total=len(views), providers=len(site.providers),
            examples=any(view.data.example for view in views), facets=facet_counts(views, names),
            facet_labels=FACETS, types=list(ResourceType),
            type_counts=Counter(view.data.type.value for view in views),
            region_counts=Counter(view.entry.region for view in views),
            drawing=region_map([
                (region.data.insee_code, region.slug, region.data.name,
                 sum(1 for view in views if view.entry.region == region.slug))
                for region in site.regions
            ]),
        )]
        def resource_page(index: int) -> RenderedFile:
            view = views[index]
            structured = resource_data(view, context.absolute(urls.resource_page(view.entry.id)),
                                       context.absolute(urls.provider_page(view.provider.id)), names[view.entry.region])
            return page(urls.resource_page(view.entry.id), "resource.html", view.entry.path, True, view=view,
                        structured=structured, funded=_funding_call(view, calls, context))

        files += map_pages(resource_page, len(views))
        by_provider = {}
        for view in views:
            by_provider.setdefault(view.provider.id, []).append(view)
        providers = site.providers

        def provider_page(index: int) -> RenderedFile:
            provider = providers[index]
            return page(urls.provider_page(provider.id), "provider.html", provider.path, True, provider=provider,
                        resources=by_provider.get(provider.id, []))

        files += map_pages(provider_page, len(providers))
        lists = {
            "types": {t.value: (t.plural_label, [v for v in views if v.data.type is t]) for t in ResourceType},
            "regions": {slug: (f"Ressources en {name}", [v for v in views if v.entry.region == slug]) for slug, name in names.items()},
        }
        # (facet, value, title, page number, its entries, pages, entries in all)
        jobs = [(facet, value, title, number, chunk, len(chunks), len(items))
                for facet, values in lists.items() for value, (title, items) in values.items()
                for chunks in [paginate(items)] for number, chunk in enumerate(chunks, start=1)]

        def list_page(index: int) -> RenderedFile:
            facet, value, title, number, chunk, pages, total = jobs[index]
            uri = urls.catalog_list(facet, value, number)
            link = PageLinks(context.urls, uri, context.site_url)
            return page(uri, "catalog_list.html", title=title, items=chunk, number=number, pages=pages, total=total,
                        page_link=lambda n: link.to(urls.catalog_list(facet, value, n)))

        files += map_pages(list_page, len(jobs))
        return files


def _funding_call(view, calls, context):
    """The call that funded the resource, as a view the templates can link to."""
    from ..site.views import call_view

    call = calls.get(view.data.funded_by)
    return call_view(context.site, call, context.now) if call else None


OUTPUT = Catalog()
