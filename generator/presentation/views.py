"""What the site shows of each call on a given day: its schedule, status and next deadline, in order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..content.call import Call
from ..content.entries import CallEntry, SiteModel
from ..content.fields import label
from .agenda import AgendaEvent, agenda
from .schedule import (
    COUNTDOWN, LIVE, DatedFact, Deadline, Schedule, Status, countdown, last_dated_fact, schedule, status_rule,
)
from .timeline import timeline

# Open calls first, then upcoming, then unknown, then closed (most recent first).
STATUS_RANK = {
    Status.CLOSING_SOON: 0, Status.OPEN: 0, Status.OPENING_UNKNOWN: 1, Status.UPCOMING: 1,
    Status.SUSPENDED: 2, Status.UNKNOWN: 3, Status.CLOSED: 4, Status.CLOSED_UNDATED: 4, Status.CANCELLED: 5,
}


@dataclass(frozen=True)
class CallView:
    """A call as read on one day: its dates come from its schedule, its status from that day."""

    entry: CallEntry
    timezone: str
    schedule: Schedule
    status: Status
    next_deadline: Deadline | None
    countdown: str | None = None  # the days left before the next deadline: "dans 12 jours"
    last_dated: DatedFact | None = None  # the latest thing the sources date about the call

    @property
    def data(self) -> Call:
        return self.entry.data

    @property
    def sort_key(self):
        rank = STATUS_RANK[self.status]
        if self.next_deadline:
            return (rank, self.next_deadline.moment.timestamp(), self.data.title)
        last = self.schedule.last_deadline
        return (rank, -(last.moment.timestamp() if last else 0), self.data.title)


def call_view(site: SiteModel, call: CallEntry, now: dt.datetime) -> CallView:
    return view_of(call, site.timezone_of(call), now)


def view_of(call: CallEntry, zone: str, now: dt.datetime) -> CallView:
    """A call in its time zone, as read at `now`."""
    dates = schedule(call, zone)
    upcoming = dates.next_deadline(now)
    return CallView(call, zone, dates, dates.status(now), upcoming, upcoming and countdown(upcoming, now),
                    last_dated_fact(call, zone))


def reading_state(site: SiteModel, now: dt.datetime) -> tuple:
    """All that pages read from the moment they are built for: the day, and each call's status and
    next deadline. Two moments with the same state give the same pages."""
    return (now.date(), tuple((view.entry.id, view.status, view.next_deadline and view.next_deadline.moment,
                               view.countdown) for view in call_views(site, now)))


def call_views(site: SiteModel, now: dt.datetime) -> list[CallView]:
    """Every call as read on `now`, in the order lists show them (a new list each time: a
    caller may reorder it)."""
    return list(site.derived((call_views, now), lambda: sorted(
        (call_view(site, call, now) for call in site.calls), key=lambda view: view.sort_key)))


def upcoming_deadlines(calls: list[CallView], now: dt.datetime) -> list[tuple[Deadline, CallView]]:
    """Deadlines still ahead, soonest first, of calls that are neither closed nor stopped."""
    pairs = [
        (deadline, call)
        for call in calls if call.status in LIVE
        for deadline in call.schedule.deadlines if deadline.moment >= now
    ]
    return sorted(pairs, key=lambda pair: pair[0].moment)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def unknown_facts(call: Call) -> list[str]:
    """What a visitor looks for on a call page and the sources do not say, as lowercase labels.

    The page gathers them in one line instead of a row of "non communiqué" each.
    """
    aid, duration, eligibility, application = call.aid, call.duration, call.eligibility, call.application
    missing = {
        "budget": call.budget is None,
        "aid": all(value is None for value in (aid.min, aid.max, aid.max_rate, aid.min_cofinancing, aid.min_self_financing)),
        "duration": all(value is None for value in (duration.min_months, duration.max_months, duration.end_by)),
        "payment_schedule": not call.payment_schedule,
        "eligibility": not (eligibility.applicants or eligibility.applicant_kinds or eligibility.lead_kinds
                            or eligibility.collective or eligibility.lead_partner),
        "priorities": not call.priorities,
        "criteria": not call.criteria,
        "application.channels": not application.channels,
        "application.proof": application.proof is None,
        "documents": not call.documents,
        "contacts": not call.contacts,
    }
    return [_lower_first(label(Call, path)) for path, absent in missing.items() if absent]


def runners_of(calls: list[CallView]) -> list[str]:
    """Who runs the given calls, each named once, in order of appearance."""
    return list(dict.fromkeys(name for view in calls for name in view.data.run_by))


@dataclass(frozen=True)
class AgendaItem:
    event: AgendaEvent
    call: CallView


def agenda_items(calls: list[CallView]) -> list[AgendaItem]:
    """Every dated event of every call, in time order; a date known only to the month closes its
    month."""
    return sorted(
        (AgendaItem(event, view) for view in calls for event in agenda(view.entry, view.timezone, approximate=True)),
        key=lambda item: (item.event.order, item.call.data.title),
    )


def by_month(items: list[AgendaItem]) -> list[tuple[dt.date, list[AgendaItem]]]:
    """`items` grouped by month (the 1st of each month), in their order."""
    months: dict[dt.date, list[AgendaItem]] = {}
    for item in items:
        months.setdefault(item.event.date.date.replace(day=1), []).append(item)
    return list(months.items())


def region_timeline(calls: list[CallView], regions: dict, today: dt.date):
    """The timeline of the given calls, one row per region (a call of two regions is on both)."""
    return timeline([
        (region.data.name, [agenda(view.entry, view.timezone, approximate=True)
                            for view in calls if slug in view.entry.regions])
        for slug, region in regions.items()
    ], today)


def reading_rule() -> dict:
    """What the page's script needs to say, on the reader's day, what the build said on its own:
    the status rule, the order of lists, and the words around a deadline."""
    return {
        **status_rule(),
        "rank": {status.value: rank for status, rank in STATUS_RANK.items()},
        "live": [status.value for status in LIVE],
        "words": {"next": "Prochaine date limite", "last": "Dernière date limite", **COUNTDOWN},
    }


def programme_span(calls: list[CallView], programme: str) -> tuple[dt.date, dt.date] | None:
    """The first and the last date of the calls of a programme (openings, deadlines, results; year
    confirmed): the period its calls are known to have run in, each date traced to its call."""
    days = [event.date.date for view in calls if view.data.programme == programme
            for event in agenda(view.entry, view.timezone, approximate=True) if not event.date.year_uncertain]
    return (min(days), max(days)) if days else None
