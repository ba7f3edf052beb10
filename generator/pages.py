"""Plan and render the generated pages: home, regions, calls. Plain Python, no MkDocs.

Each page is Markdown whose reader-facing values sit in HTML blocks rendered by Jinja2 with
autoescaping; only static section titles are Markdown headings (they feed the table of contents).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from . import status as call_status
from .errors import ContentError
from .model import RegionCategory
from .site_model import CallEntry, SiteModel


@dataclass(frozen=True)
class GeneratedPage:
    uri: str  # path of the Markdown file inside the docs tree, e.g. "appels/x/index.md"
    content: str
    source: str | None  # repository-relative file the page comes from, for edit links


@dataclass(frozen=True)
class CallView:
    """What templates need to show a call on a given day."""

    entry: CallEntry
    url: str
    timezone: str
    status: call_status.Status
    deadlines: list[call_status.Deadline]
    next_deadline: call_status.Deadline | None
    opening: dt.datetime | None

    @property
    def data(self):
        return self.entry.data

    @property
    def last_deadline(self) -> call_status.Deadline | None:
        return self.deadlines[-1] if self.deadlines else None

    @property
    def sort_key(self):
        """Open calls first, then upcoming, then unknown, then closed (most recent first)."""
        rank = {
            call_status.Status.CLOSING_SOON: 0, call_status.Status.OPEN: 0, call_status.Status.UPCOMING: 1,
            call_status.Status.SUSPENDED: 2, call_status.Status.UNKNOWN: 3, call_status.Status.CLOSED: 4,
            call_status.Status.CANCELLED: 5,
        }[self.status]
        if self.next_deadline:
            return (rank, self.next_deadline.moment.timestamp(), self.data.title)
        last = self.last_deadline.moment.timestamp() if self.last_deadline else 0
        return (rank, -last, self.data.title)


LIST_PAGES = {"home": "index.md", "calls": "appels/index.md", "regions": "regions/index.md"}


def call_uri(call_id: str) -> str:
    return f"appels/{call_id}/index.md"


def region_uri(slug: str) -> str:
    return f"regions/{slug}/index.md"


def generated_uris(site: SiteModel) -> list[tuple[str, str | None]]:
    """Every generated page as (uri, source file), without rendering anything."""
    return (
        [(uri, None) for uri in LIST_PAGES.values()]
        + [(region_uri(region.slug), region.path) for region in site.regions]
        + [(call_uri(call.id), call.path) for call in site.calls]
    )


def url_of(uri: str) -> str:
    """The address MkDocs gives a Markdown file (use_directory_urls)."""
    path = PurePosixPath(uri)
    stem = path.parent if path.stem in ("index", "README") else path.with_suffix("")
    text = str(stem)
    return "" if text == "." else text + "/"


def call_views(site: SiteModel, now: dt.datetime) -> list[CallView]:
    views = []
    for call in site.calls:
        zone = site.timezone_of(call)
        dates = call_status.schedule(call, zone)
        views.append(CallView(
            entry=call,
            url=url_of(call_uri(call.id)),
            timezone=zone,
            status=dates.status(now),
            deadlines=dates.deadlines,
            next_deadline=dates.next_deadline(now),
            opening=dates.opening,
        ))
    return sorted(views, key=lambda view: view.sort_key)


def upcoming_deadlines(calls: list[CallView], now: dt.datetime) -> list[tuple[call_status.Deadline, CallView]]:
    """Deadlines still ahead, soonest first, of calls that are neither closed nor stopped."""
    live = (call_status.Status.OPEN, call_status.Status.CLOSING_SOON, call_status.Status.UPCOMING)
    pairs = [(deadline, call) for call in calls if call.status in live for deadline in call.deadlines if deadline.moment >= now]
    return sorted(pairs, key=lambda pair: pair[0].moment)


def build_pages(site: SiteModel, now: dt.datetime, env) -> list[GeneratedPage]:
    """Render every generated page for the day `now`."""
    calls = call_views(site, now)
    regions = {region.slug: region for region in site.regions}
    common = dict(regions=regions, today=now.date(), categories=list(RegionCategory), Status=call_status.Status)

    def page(uri: str, template: str, source: str | None = None, **values) -> GeneratedPage:
        # Links inside HTML blocks are not rewritten by MkDocs: make them relative to the page.
        base = "../" * url_of(uri).count("/")
        content = env.get_template(template).render(**common, **values, base=base)
        return GeneratedPage(uri, content, source)

    pages = [
        page(LIST_PAGES["home"], "home.html", calls=calls, upcoming=upcoming_deadlines(calls, now)),
        page(LIST_PAGES["calls"], "calls.html", calls=calls),
        page(LIST_PAGES["regions"], "regions.html", calls=calls),
    ]
    for region in site.regions:
        own = [view for view in calls if region.slug in view.entry.regions]
        pages.append(page(region_uri(region.slug), "region.html", region.path, region=region, calls=own))
    for view in calls:
        pages.append(page(call_uri(view.entry.id), "call.html", view.entry.path, call=view))
    return pages


def url_conflicts(uris: list[tuple[str, str | None]], content_dir: Path, root: Path) -> list[ContentError]:
    """Editorial pages may not take an address that a generated page needs, and vice versa."""
    taken = {url_of(uri): source for uri, source in uris}
    errors = []
    for path in sorted(Path(content_dir).rglob("*.md")):
        uri = path.relative_to(content_dir).as_posix()
        if url_of(uri) in taken:
            owner = taken[url_of(uri)] or "le générateur (page de liste)"
            errors.append(ContentError(
                path.relative_to(root).as_posix(), None, None,
                f"cette page prendrait l'adresse /{url_of(uri)}, déjà produite par {owner}. "
                "Renommez ou déplacez ce fichier.",
            ))
    return errors
