"""Atom feeds of new and amended calls, for the whole site and for each region.

A static site cannot send alerts: a feed reader (or a mail service that follows feeds) is how a
visitor is told the moment a call is published or a deadline moves. Each call gives one entry
when it appears and one per dated amendment; identifiers are tag URIs that never change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from .. import french
from ..content.entries import CallEntry, SiteModel
from ..site import urls
from .base import PlannedFile, RenderContext, RenderedFile

TAG = "tag:deffinov-tiers-lieux,2022:"
MAX_ENTRIES = 50  # a feed is news, not an archive: the newest entries only


@dataclass(frozen=True)
class FeedEntry:
    key: str  # stable: "appels/x" or "appels/x/modifications/2"
    title: str
    day: dt.date
    text: str
    call: CallEntry


def entries(call: CallEntry) -> list[FeedEntry]:
    """The call's publication, then each of its amendments."""
    data = call.data
    published = data.calendar.published
    day = published.date if published and published.certain else data.last_checked
    found = [FeedEntry(f"appels/{call.id}", f"Appel à projets : {data.title}", day, data.summary, call)]
    for number, amendment in enumerate(sorted(data.amendments, key=lambda a: a.date), start=1):
        found.append(FeedEntry(f"appels/{call.id}/modifications/{number}", f"Modification : {data.title}",
                               amendment.date, f"{french.french_date(amendment.date)} : {amendment.text}", call))
    return found


class Feeds:
    reads = ("calls", "regions")

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return [PlannedFile(urls.ALL_CALLS_FEED, None)] + [
            PlannedFile(urls.region_feed(region.slug), region.path) for region in site.regions
        ]

    def render(self, context: RenderContext) -> list[RenderedFile]:
        site = context.site
        by_call = {call.id: entries(call) for call in site.calls}
        files = [RenderedFile(urls.ALL_CALLS_FEED, None, _atom(
            context, urls.ALL_CALLS_FEED, urls.CALLS, "Appels à projets DEFFINOV Tiers-lieux",
            [entry for call in site.calls for entry in by_call[call.id]]))]
        for region in site.regions:
            own = [entry for call in site.calls if region.slug in call.regions for entry in by_call[call.id]]
            files.append(RenderedFile(urls.region_feed(region.slug), region.path, _atom(
                context, urls.region_feed(region.slug), urls.region_page(region.slug),
                f"Appels à projets DEFFINOV Tiers-lieux – {region.data.name}", own)))
        return files


def _href(context: RenderContext, uri: str, feed_uri: str) -> str:
    """Absolute when the site's address is known; otherwise relative to the feed, as Atom allows."""
    return context.absolute(uri) or context.urls.link(uri, feed_uri)


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0, 0), dt.timezone.utc)


def _atom(context: RenderContext, feed_uri: str, page_uri: str, title: str, items: list[FeedEntry]) -> str:
    newest = sorted(items, key=lambda e: (e.day, e.key), reverse=True)[:MAX_ENTRIES]
    feed = FeedGenerator()
    feed.id(TAG + feed_uri)
    feed.title(title)
    feed.subtitle("Nouveaux appels à projets et modifications publiées, dans l'ordre où ils paraissent.")
    feed.language("fr")
    feed.generator("DEFFINOV Tiers-lieux")
    feed.link(href=_href(context, feed_uri, feed_uri), rel="self", type="application/atom+xml")
    feed.link(href=_href(context, page_uri, feed_uri), rel="alternate", type="text/html")
    # The newest change, so that an unchanged site gives an unchanged feed.
    feed.updated(_midnight(max((e.day for e in items), default=dt.date(2022, 6, 27))))
    for item in reversed(newest):  # feedgen prepends: add the oldest first
        entry = feed.add_entry()
        entry.id(TAG + item.key)
        entry.title(item.title)
        entry.updated(_midnight(item.day))
        entry.published(_midnight(item.day))
        entry.link(href=_href(context, urls.call_page(item.call.id), feed_uri), rel="alternate", type="text/html")
        entry.summary(item.text)
        entry.author(name=", ".join(item.call.data.run_by) or "DEFFINOV Tiers-lieux")
    return feed.atom_str(pretty=True).decode("utf-8")


OUTPUT = Feeds()
