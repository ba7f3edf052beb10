"""Every address of the site, from one place: where each generated page lives and how to link to it.

Pages are named by their source path in the docs tree (`appels/<id>/index.md`), as MkDocs names
files; `Urls` turns them into the addresses MkDocs gives them, with or without directory URLs,
and into links relative to the page that holds them (links in HTML blocks are not rewritten by
MkDocs, and relative links keep the site working under any base path).
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass
from pathlib import PurePosixPath

HOME = "index.md"
CALLS = "appels/index.md"
REGIONS = "regions/index.md"
PROGRAMME = "programme.md"
FOLLOW = "suivre.md"


def call_page(call_id: str) -> str:
    return f"appels/{call_id}/index.md"


def region_page(slug: str, number: int = 1) -> str:
    """Page `number` of a region: the first holds all the region says, the next ones more calls."""
    return f"regions/{slug}/index.md" if number == 1 else f"regions/{slug}/page-{number}/index.md"


CATALOG = "catalogue/index.md"
OFFER_RESOURCE = "proposer-une-ressource.md"
CALENDAR_PAGE = "calendrier/index.md"


def calendar_year_page(year: int, number: int = 1) -> str:
    """Page `number` of a year's calendar: its dates from January on, a page after another."""
    return f"calendrier/{year}/index.md" if number == 1 else f"calendrier/{year}/page-{number}/index.md"


MAINTENANCE = "maintenance/index.md"  # for the site's maintainers: out of the menu and of search engines


def resource_page(resource_id: str) -> str:
    return f"catalogue/{resource_id}/index.md"


def provider_page(provider_id: str, number: int = 1) -> str:
    """Page `number` of a tiers-lieu or collective: the first says all about it, the next ones
    list more of its resources."""
    return f"lieux/{provider_id}/index.md" if number == 1 else f"lieux/{provider_id}/page-{number}/index.md"


def calls_page(number: int = 1) -> str:
    """Page `number` of the list of calls: open calls first, then the most recent."""
    return CALLS if number == 1 else f"appels/page-{number}/index.md"


def catalog_list(facet: str, value: str, number: int = 1) -> str:
    """A plain list of the catalog, by type or by region, page `number` (readable without script)."""
    suffix = "" if number == 1 else f"page-{number}/"
    return f"catalogue/{facet}/{value}/{suffix}index.md"

OPEN_DATA = "donnees-ouvertes/index.md"
COMPARISON = "comparaison/index.md"


def open_data_file(name: str) -> str:
    """A download of the open-data page: `appels.csv`, `appels.schema.json`…"""
    return f"donnees-ouvertes/{name}"


ALL_CALLS_CALENDAR = "calendrier/deffinov-tiers-lieux.ics"


def year_calendar(year: int) -> str:
    """Every call's events of one year: the archive of what the site-wide calendar no longer holds."""
    return f"calendrier/deffinov-tiers-lieux-{year}.ics"


ALL_CALLS_FEED = "appels/flux.atom"


def region_feed(slug: str) -> str:
    return f"regions/{slug}/flux.atom"


def call_calendar(call_id: str) -> str:
    return f"appels/{call_id}/calendrier.ics"


def region_calendar(slug: str) -> str:
    return f"regions/{slug}/calendrier.ics"


@dataclass(frozen=True)
class Urls:
    """MkDocs' rule for the address of a docs file, under the site's `use_directory_urls`."""

    directory_urls: bool = True

    def url_of(self, uri: str) -> str:
        """`appels/x/index.md` -> `appels/x/` (or `appels/x/index.html`); with directory URLs, home is ``.
        Files other than pages keep their path: `appels/x/calendrier.ics`."""
        return _url_of(uri, self.directory_urls)

    def link(self, target_uri: str, from_uri: str) -> str:
        """A link to the page `target_uri`, relative to the page `from_uri`."""
        target, source = self.url_of(target_uri), self.url_of(from_uri)
        source_dir = source if source.endswith("/") or not source else posixpath.dirname(source)
        relative = _relative(target, source_dir)
        if target.endswith("/") or not target:
            return "./" if relative == "." else relative + "/"
        return relative


# Pure (from its arguments alone): not a cache between builds (build/cache.py).
@functools.lru_cache(maxsize=None)
def _url_of(uri: str, directory_urls: bool) -> str:
    # Cached: every page links to the same lists, regions and providers, thousands of times a build.
    path = PurePosixPath(uri)
    if path.suffix != ".md":
        return uri
    if not directory_urls:
        return str(path.with_name("index.html") if path.stem == "README" else path.with_suffix(".html"))
    stem = path.parent if path.stem in ("index", "README") else path.with_suffix("")
    text = str(stem)
    return "" if text == "." else text + "/"


def _relative(target: str, start: str) -> str:
    """posixpath.relpath for the site's own addresses (no `.` or `..` in them), several times faster:
    a page of the catalog holds hundreds of links."""
    to, base = [p for p in target.split("/") if p], [p for p in start.split("/") if p]
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."
