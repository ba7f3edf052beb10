"""The day the information an item shows last changed: the sitemap's `lastmod` of its page, the
stamp of its calendar events. Never the day of the build: an unchanged call keeps its date."""

from __future__ import annotations

import datetime as dt

from ..content.entries import CallEntry, SiteModel
from . import urls


def call_changed(call: CallEntry) -> dt.date:
    """The last day the call's information was checked or amended."""
    return max([call.data.last_checked, *(amendment.date for amendment in call.data.amendments)])


def latest(days) -> dt.date | None:
    known = [day for day in days if day]
    return max(known) if known else None


def calls_changed(site: SiteModel, region: str | None = None) -> dt.date | None:
    """The last change of every call, or of a region's calls and of the region itself."""
    calls = [call for call in site.calls if region is None or region in call.regions]
    own = site.region(region).data.last_checked if region else None
    return latest([own, *(call_changed(call) for call in calls)])


def catalog_changed(site: SiteModel, provider: str | None = None) -> dt.date | None:
    """The last update of every resource and provider, or of one provider and its resources."""
    return latest([
        *(p.data.last_updated for p in site.providers if provider in (None, p.id)),
        *(r.data.last_updated for r in site.resources if provider in (None, r.data.provider)),
    ])


def site_changed(site: SiteModel) -> dt.date | None:
    return latest([calls_changed(site), catalog_changed(site), *(r.data.last_checked for r in site.regions)])


def page_changes(site: SiteModel) -> dict[str, dt.date | None]:
    """The last change of every generated page, by its path in the docs tree; a list of the
    catalog not named here changes with the catalog."""
    return site.derived(page_changes, lambda: _page_changes(site))


def _page_changes(site: SiteModel) -> dict[str, dt.date | None]:
    calls = calls_changed(site)
    catalog = catalog_changed(site)
    providers = {provider.id: provider.data.last_updated for provider in site.providers}
    changes = {uri: calls for uri in (urls.HOME, urls.CALLS, urls.CALENDAR_PAGE, urls.COMPARISON)}
    changes[urls.REGIONS] = latest([calls, *(region.data.last_checked for region in site.regions)])
    changes[urls.CATALOG] = catalog
    changes[urls.OPEN_DATA] = site_changed(site)
    # Resources grouped once by region and by provider: one pass, not one per page.
    by_region: dict[str, list[dt.date]] = {}
    by_provider: dict[str, list[dt.date]] = {}
    for resource in site.resources:
        by_region.setdefault(resource.region, []).append(resource.data.last_updated)
        by_provider.setdefault(resource.data.provider, []).append(resource.data.last_updated)
    for region in site.regions:
        changes[urls.region_page(region.slug)] = latest([calls_changed(site, region.slug), *by_region.get(region.slug, [])])
    for call in site.calls:
        changes[urls.call_page(call.id)] = call_changed(call)
    for resource in site.resources:
        changes[urls.resource_page(resource.id)] = latest([resource.data.last_updated, providers.get(resource.data.provider)])
    for provider in site.providers:
        changes[urls.provider_page(provider.id)] = latest([provider.data.last_updated, *by_provider.get(provider.id, [])])
    return changes
