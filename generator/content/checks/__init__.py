"""Cross-field and cross-file rules, one module per model; `check_site` runs them all."""

from __future__ import annotations

import datetime as dt

from ..entries import SiteModel
from ..errors import ContentError
from .call import check_call, check_unique_ids
from .catalog import check_catalog
from .dates import future_dates
from .programme import check_programme
from .region import check_unique_insee


def check_site(site: SiteModel, region_slugs: set[str], today: dt.date,
               refused_calls: set[str] = frozenset(), refused_providers: set[str] = frozenset()) -> list[ContentError]:
    """Every rule, on every file that loaded; `region_slugs` are all region folders, loaded or not,
    and the refused ids are of files that exist but were refused (their errors are reported)."""
    errors: list[ContentError] = []
    for call in site.calls:
        errors.extend(check_call(call, region_slugs))
    errors.extend(check_unique_ids(site.calls))
    errors.extend(check_unique_insee(site.regions))
    errors.extend(check_catalog(site, refused_calls, refused_providers))
    if site.programme:
        errors.extend(check_programme(site.programme, today))
    for entry in (*site.regions, *site.calls, *site.providers, *site.resources, *filter(None, [site.programme])):
        errors.extend(future_dates(entry, today))
    return errors
