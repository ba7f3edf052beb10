"""Every dated moment of a call that people put in their calendars: openings, deadlines, results.

One list, used by the iCalendar files and the calendar pages. What the site-wide calendar file
holds is the live and recent part (`recent_from`), every year has its own file; the calendar page
shows the coming dates, at most a page of them, and every year has its own pages of at most
`AGENDA_PAGE_SIZE` dates: no page or file grows with every call the site has ever recorded. A date the sources give without its
day is not an event in a calendar file (it has no day to be on), but the calendar page lists it
in its month; a date whose year is unsure is one, and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..content.entries import CallEntry
from ..content.fields import FuzzyDate
from .schedule import END_OF_DAY, steps


@dataclass(frozen=True)
class AgendaEvent:
    key: str  # stable within its call, part of the event's identifier: "etape-2-date-limite"
    kind: str  # "opening", "deadline" or "results"
    title: str  # "Date limite : Vague 2"
    date: FuzzyDate
    time: dt.time | None  # None: the whole day
    timezone: str
    call: CallEntry

    @property
    def start(self) -> dt.datetime:
        """The moment it happens in its zone: the time given, or the start of the day."""
        return dt.datetime.combine(self.date.date, self.time or dt.time(0, 0), ZoneInfo(self.timezone))

    @property
    def moment(self) -> dt.datetime:
        """When it is over: a deadline without a time runs to the end of its day, a date known only
        to the month to the end of its month."""
        day = self.date.date
        if self.date.day_unknown:
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return dt.datetime.combine(day, self.time or END_OF_DAY, ZoneInfo(self.timezone))

    @property
    def order(self) -> dt.datetime:
        """Where it goes in a list by time: a date known only to the month after the days of its month."""
        return self.moment if self.date.day_unknown else self.start


def agenda(call: CallEntry, timezone: str, approximate: bool = False) -> list[AgendaEvent]:
    """The call's events in time order; with `approximate`, dates known only to the month too
    (a timeline can place them, a calendar cannot)."""
    return list(call.derived((agenda, timezone, approximate), lambda: _agenda(call, timezone, approximate)))


def _agenda(call: CallEntry, timezone: str, approximate: bool) -> list[AgendaEvent]:
    cal = call.data.calendar
    found: list[AgendaEvent] = []

    def add(key, kind, title, date, time=None):
        if date is not None and (approximate or not date.day_unknown):
            found.append(AgendaEvent(key, kind, title, date, time, timezone, call))

    add("ouverture", "opening", "Ouverture des dépôts", cal.opens)
    for index, (wave, step) in enumerate(zip(cal.waves, steps(call, timezone)), start=1):
        add(f"etape-{index}-ouverture", "opening", f"Ouverture : {step.label}", wave.opens)
        add(f"etape-{index}-date-limite", "deadline", f"Date limite : {step.label}", wave.deadline, wave.time)
    add("fin-des-depots", "deadline", "Fin des dépôts" if cal.rolling else "Clôture", cal.closes, cal.closes_time)
    add("resultats", "results", "Annonce des résultats", call.data.results.announced)
    return sorted(found, key=lambda event: event.order)


def recent_from(today: dt.date) -> dt.date:
    """The first day the site-wide calendar (file and page) shows: the first day of last year."""
    return dt.date(today.year - 1, 1, 1)


AGENDA_PAGE_SIZE = 200  # dates on a calendar page: a few kilobytes compressed, months at a glance


def event_years(calls: list[CallEntry], approximate: bool = False) -> list[int]:
    """The years in which some call has an event, in order (with `approximate`, counting dates known
    only to their month)."""
    return sorted(events_per_year(calls, approximate))


def events_per_year(calls: list[CallEntry], approximate: bool = False) -> dict[int, int]:
    """How many events each year holds. An event's day is written in its own zone, so the zone
    given here changes no year (and a site planned while a region file is in error may not know it)."""
    counts: dict[int, int] = {}
    for call in calls:
        for event in agenda(call, "UTC", approximate):
            counts[event.date.date.year] = counts.get(event.date.date.year, 0) + 1
    return counts


def page_count(events: int, size: int = AGENDA_PAGE_SIZE) -> int:
    """The pages a year of `events` dates takes: one at least, so that the year has its page."""
    return max(1, -(-events // size))
