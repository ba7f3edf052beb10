"""iCalendar files to subscribe to: every call, each region's calls, each call.

The site-wide file, the one people subscribe to, holds the live and recent events: from the
first day of last year on, so that its size follows the calls of two years, not of every year
the site has recorded. Every year with events also has its own file (`deffinov-tiers-lieux-2023.ics`),
the record of that year, whole.

Each deadline is an event at its exact local time, carried with its time zone (VTIMEZONE from
the tz database), so that Cayenne, Réunion, Nouméa and Paris in summer all land at the right
instant. Identifiers never change, so a subscribed calendar updates rather than duplicates, and
the sequence rises with every published amendment of the call.

Each event is serialised once (by the iCalendar library, which escapes and folds it) and the same
text goes into every file that holds it: the call's, its regions', its year's and the site-wide
one. In `mkdocs serve` an unchanged call's events are not serialised again at all.
"""

from __future__ import annotations

import datetime as dt
import functools
import weakref

import icalendar

from .. import french
from ..content.call import CallState
from ..content.entries import CallEntry, SiteModel
from ..presentation import urls
from ..presentation.agenda import AgendaEvent, agenda, event_years, recent_from
from ..presentation.changes import call_changed
from . import faster_icalendar
from .base import Output, PlannedFile, RenderContext, RenderedFile

faster_icalendar.install()  # the same lines, folded faster (see there)

PRODID = "-//DEFFINOV Tiers-lieux//Calendrier des appels à projets//FR"
UID_DOMAIN = "deffinov-tiers-lieux"


class SiteCalendars(Output):
    """The site-wide calendar (live and recent events) and one whole file per year."""

    # What its files come from (see pipeline.render); the day decides what the site-wide file keeps.
    reads = ("calls", "regions", "day")
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return [PlannedFile(urls.ALL_CALLS_CALENDAR, None)] + [
            PlannedFile(urls.year_calendar(year), None) for year in event_years(site.calls)]

    def render(self, context: RenderContext) -> list[RenderedFile]:
        events = _events(context)
        recent = recent_from(context.now.date())
        files = [RenderedFile(urls.ALL_CALLS_CALENDAR, None, _ical(
            "Appels DEFFINOV Tiers-lieux", [event for event in events if event[0].date.date >= recent]))]
        for year in sorted({event.date.date.year for event, _ in events}):  # event_years, from the events at hand
            files.append(RenderedFile(urls.year_calendar(year), None, _ical(
                f"Appels DEFFINOV Tiers-lieux – {year}", [e for e in events if e[0].date.date.year == year])))
        return files


class Calendars(Output):
    """One calendar per region and one per call: whole, whatever the day."""

    reads = ("calls", "regions")  # what its files come from (see pipeline.render)
    bulk_pages = False

    def files(self, site: SiteModel) -> list[PlannedFile]:
        return (
            [PlannedFile(urls.region_calendar(region.slug), region.path) for region in site.regions]
            + [PlannedFile(urls.call_calendar(call.id), call.path) for call in site.calls]
        )

    def render(self, context: RenderContext) -> list[RenderedFile]:
        site = context.site
        events: dict[str, list[Serialised]] = {}
        for event in _events(context):
            events.setdefault(event[0].call.id, []).append(event)

        def calendar(uri, source, name, calls):
            return RenderedFile(uri, source, _ical(name, [event for call in calls for event in events.get(call.id, [])]))

        files = []
        for region in site.regions:
            own = [call for call in site.calls if region.slug in call.regions]
            files.append(calendar(urls.region_calendar(region.slug), region.path,
                                  f"Appels DEFFINOV Tiers-lieux – {region.data.name}", own))
        for call in site.calls:
            # `mkdocs serve` keeps the calendar of each call not saved since the last build.
            files.append(context.memo.get("calendrier-appel", (call, site.timezone_of(call)), lambda call=call: calendar(
                urls.call_calendar(call.id), call.path, call.data.title, [call])))
        return files


Serialised = tuple[AgendaEvent, str]  # an event and its VEVENT, as the library writes it


# The events of the build being rendered: both calendar outputs show them all, and serialising
# them is most of a calendar's cost. Kept while the build's context lives, not a cache between
# builds (a preview's is the memo's, below).
_serialised: tuple[weakref.ref | None, list[Serialised]] = (None, [])


def _events(context: RenderContext) -> list[Serialised]:
    """Every call's events with their text, once a build; a preview serialises only those of the
    calls that changed (found by identity: an unchanged file gives the same entry) or whose zone did."""
    global _serialised
    if _serialised[0] is not None and _serialised[0]() is context:
        return _serialised[1]
    site = context.site
    found = []
    for call in site.calls:
        zone = site.timezone_of(call)
        events = agenda(call, zone)
        texts = context.memo.of(f"ical-{zone}", call, lambda: [
            _event(event, context).to_ical().decode("utf-8") for event in events])
        found += zip(events, texts)
    _serialised = (weakref.ref(context, _forget), found)
    return found


def _forget(gone: weakref.ref) -> None:
    """The context of the events kept is gone: so are they (with the calls they hold)."""
    global _serialised
    if _serialised[0] is gone:
        _serialised = (None, [])


def _ical(name: str, events: list[Serialised]) -> str:
    """A calendar file: its head, the VTIMEZONE of each zone its timed events use, its events."""
    events = sorted(events, key=lambda e: (e[0].start, e[0].call.id, e[0].key))
    zones = ""
    if events:
        # Time zone rules only for the years the events span: short files, and readers built on
        # dateutil misread the very long lists of changes a 1970–2038 span produces.
        years = [event.start.year for event, _ in events]
        first, last = dt.date(min(years) - 1, 1, 1), dt.date(max(years) + 2, 1, 1)
        # What cal.add_missing_timezones(first, last) does, with each zone's rules worked out and
        # written once for all the calendars of a build (most of a calendar's cost), in a stable
        # order: the zones of the events given a time (the others are whole days, in no zone).
        zones = "".join(_timezone_text(tzid, first, last)
                        for tzid in sorted({event.timezone for event, _ in events if event.time}))
    return _head(name) + zones + "".join(text for _, text in events) + "END:VCALENDAR\r\n"


# Pure (from its argument): not a cache between builds (build/cache.py).
@functools.lru_cache(maxsize=4096)
def _head(name: str) -> str:
    """A calendar's lines before its components, as the library writes them."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    text = cal.to_ical().decode("utf-8")
    return text.removesuffix("END:VCALENDAR\r\n")


@functools.lru_cache(maxsize=None)
def _timezone_text(tzid: str, first: dt.date, last: dt.date) -> str:
    zone = _timezone(tzid, first, last)
    return zone.to_ical().decode("utf-8") if zone is not None else ""


# Pure (from its arguments and the time zone database): not a cache between builds (build/cache.py).
@functools.lru_cache(maxsize=None)
def _timezone(tzid: str, first: dt.date, last: dt.date) -> icalendar.Timezone | None:
    """The VTIMEZONE of `tzid` between two dates; None for a zone the tz database does not know."""
    try:
        return faster_icalendar.vtimezone(tzid, first, last)
    except ValueError:
        return None


def _event(event: AgendaEvent, context: RenderContext) -> icalendar.Event:
    call = event.call
    data = call.data
    uncertain = french.uncertainty(event.date)
    item = icalendar.Event()
    item.add("uid", f"{call.id}-{event.key}@{UID_DOMAIN}")
    item.add("dtstamp", _last_change(call))
    item.add("sequence", len(data.amendments))
    item.add("summary", f"{event.title} – {data.title}" + (f" ({uncertain})" if uncertain else ""))
    if event.time:
        item.add("dtstart", event.start)
    else:
        item.add("dtstart", event.date.date)
        item.add("dtend", event.date.date + dt.timedelta(days=1))
    item.add("transp", "TRANSPARENT")
    if data.calendar.state is CallState.CANCELLED:
        item.add("status", "CANCELLED")
    page = context.absolute(urls.call_page(call.id))
    description = [data.summary]
    if event.time:
        description.append(f"Heure limite : {french.french_time(event.time)}, {french.local_time_of(event.timezone)}.")
    if uncertain:
        description.append(f"Date donnée par les sources sans certitude : {uncertain}.")
    if page:
        description.append(page)
        item.add("url", page)
    item.add("description", "\n\n".join(description))
    return item


def _last_change(call: CallEntry) -> dt.datetime:
    """A stable stamp: the last day the call's information changed or was checked."""
    return dt.datetime.combine(call_changed(call), dt.time(0, 0), dt.timezone.utc)


OUTPUT = Calendars()
SITE_WIDE = SiteCalendars()
