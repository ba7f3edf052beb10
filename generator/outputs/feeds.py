"""Atom feeds of new and amended calls, for the whole site and for each region.

A static site cannot send alerts: a feed reader (or a mail service that follows feeds) is how a
visitor is told the moment a call is published or a deadline moves. Each call gives one entry
when it appears and one per dated amendment; identifiers are tag URIs that never change.

A feed must tell a new call from an old call newly recorded. A call's entry is:
- "Appel à projets : …" when the call was still to come or running on the day its fiche was added
  (its `recorded` date): news for a candidate;
- "Appel clos ajouté au site : …" when it was already over that day (closed, cancelled): a record
  of the past, which the title and the text say.
Its `published` is the call's own publication date when the sources give it (day and year), else
the day the fiche was added; its `updated` is the day the fiche was added, which the text states
("Fiche ajoutée au site le …"). An amendment's entry is dated by the amendment.

The author of every entry is the site's publisher (mkdocs.yml, `publisher`): the texts are the
site's own, written from the sources, not the official body's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo

from feedgen.feed import FeedGenerator

from .. import french
from ..content.call import CallState
from ..content.entries import CallEntry, SiteModel
from ..presentation import urls
from ..presentation.schedule import END_OF_DAY, Status, last_dated_fact, schedule
from .base import Output, PlannedFile, RenderContext, RenderedFile

TAG = "tag:deffinov-tiers-lieux,2022:"
MAX_ENTRIES = 50  # a feed is news, not an archive: the newest entries only
SITE_NAME = "DEFFINOV Tiers-lieux"  # the author when the publisher's name is not filled in yet
# What a call can no longer be on the day it is recorded, for its entry to be news.
OVER = (Status.CLOSED, Status.CLOSED_UNDATED, Status.CANCELLED)


@dataclass(frozen=True)
class FeedEntry:
    key: str  # stable: "appels/x" or "appels/x/modifications/2"
    title: str
    published: dt.date
    updated: dt.date
    text: str
    call: CallEntry

    @property
    def day(self) -> dt.date:
        return self.updated


def recorded(call: CallEntry) -> dt.date:
    """The day the call's fiche was added to the site (before the field existed: its last check)."""
    return call.data.recorded or call.data.last_checked


def entries(call: CallEntry, timezone: str) -> list[FeedEntry]:
    """The call's fiche, then each of its amendments."""
    data = call.data
    added = recorded(call)
    own = data.calendar.published
    published = own.date if own and own.certain and own.date <= added else added
    # What the site said of the call at the end of the day its fiche was added, in its own zone.
    # The editor's state (closed, cancelled) is not dated: it counts only if no amendment came
    # after that day, otherwise it may have been set since, and the dates alone decide.
    dates = schedule(call, timezone)
    if any(amendment.date > added for amendment in data.amendments):
        dates = replace(dates, state=CallState.ACTIVE)
    status = dates.status(dt.datetime.combine(added, END_OF_DAY, ZoneInfo(timezone)))
    added_text = f"Fiche ajoutée au site le {french.french_date(added)}."
    if status in OVER:
        fact = last_dated_fact(call, timezone)
        title = f"Appel clos ajouté au site : {data.title}"
        said = [added_text, f"Ce n'est pas un nouvel appel : au jour de l'ajout, il était {status.label}.",
                f"Dernière information datée : {french.french_date(fact.date)}, {fact.what}." if fact
                else "Aucune information datée dans les sources consultées.", data.summary]
    else:
        title = f"Appel à projets : {data.title}"
        said = [data.summary, *([f"Appel publié le {french.french_date(own)}."] if published != added else []),
                added_text]
    text = " ".join(said)
    found = [FeedEntry(f"appels/{call.id}", title, published, added, text, call)]
    for number, amendment in enumerate(sorted(data.amendments, key=lambda a: a.date), start=1):
        found.append(FeedEntry(f"appels/{call.id}/modifications/{number}", f"Modification : {data.title}",
                               amendment.date, amendment.date,
                               f"{french.french_date(amendment.date)} : {amendment.text}", call))
    return found


class Feeds(Output):
    reads = ("calls", "regions")
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return [PlannedFile(urls.ALL_CALLS_FEED, None)] + [
            PlannedFile(urls.region_feed(region.slug), region.path) for region in site.regions
        ]

    def render(self, context: RenderContext) -> list[RenderedFile]:
        site = context.site
        by_call = {call.id: entries(call, site.timezone_of(call)) for call in site.calls}
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
    feed.generator(SITE_NAME)
    feed.author(author(context))
    feed.link(href=_href(context, feed_uri, feed_uri), rel="self", type="application/atom+xml")
    feed.link(href=_href(context, page_uri, feed_uri), rel="alternate", type="text/html")
    # The newest change, so that an unchanged site gives an unchanged feed.
    feed.updated(_midnight(max((e.day for e in items), default=dt.date(2022, 6, 27))))
    for item in reversed(newest):  # feedgen prepends: add the oldest first
        entry = feed.add_entry()
        entry.id(TAG + item.key)
        entry.title(item.title)
        entry.updated(_midnight(item.updated))
        entry.published(_midnight(item.published))
        entry.link(href=_href(context, urls.call_page(item.call.id), feed_uri), rel="alternate", type="text/html")
        entry.summary(item.text)
        entry.author(author(context))
    return feed.atom_str(pretty=True).decode("utf-8")


def author(context: RenderContext) -> dict:
    """The site's publisher, who writes the entries; the site's name until the publisher is filled in."""
    name = context.publisher.strip()
    person = {"name": name if name and not name.startswith("[") else SITE_NAME}
    home = context.absolute(urls.HOME)
    return {**person, "uri": home} if home else person


OUTPUT = Feeds()
