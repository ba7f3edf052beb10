"""A call's dates resolved in its time zone, and its status on any day: à venir, ouvert, clos…

The build computes the status as the no-script fallback. Pages also carry the machine dates and
`status_rule()` (labels, threshold), and theme/assets/javascripts/deffinov.js applies the same
order of checks on the reader's day, so that a page built long ago stays right. Both are run
against one table of cases, tests/status_cases.yml.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ..content.call import CallState, Stage
from ..content.entries import CallEntry
from ..content.fields import LabelledEnum

CLOSING_SOON_DAYS = 14
END_OF_DAY = dt.time(23, 59, 59)


class Status(LabelledEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSING_SOON = "closing_soon"
    CLOSED = "closed"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"

    @classmethod
    def _labels(cls):
        return {
            "upcoming": "à venir",
            "open": "ouvert",
            "closing_soon": "clôture proche",
            "closed": "clos",
            "suspended": "suspendu",
            "cancelled": "annulé",
            "unknown": "calendrier non communiqué",
        }


@dataclass(frozen=True)
class Deadline:
    """One moment a call's applications must be in by, in the call's time zone."""

    label: str
    date: dt.date
    time: dt.time | None
    moment: dt.datetime  # aware; end of day when the time is unknown
    initial_date: dt.date | None = None


def deadlines(call: CallEntry, timezone: str) -> list[Deadline]:
    """Every deadline of a call in order: its waves, then the end of a rolling call."""
    zone = ZoneInfo(timezone)
    cal = call.data.calendar
    result = []
    for index, wave in enumerate(cal.waves, start=1):
        label = wave.label or (wave.stage.label if len(cal.waves) == 1 else f"Vague {index}")
        if wave.label and wave.stage is not Stage.SINGLE and wave.label.lower() not in wave.stage.label.lower():
            label += f" — {wave.stage.label}"
        moment = dt.datetime.combine(wave.deadline, wave.time or END_OF_DAY, zone)
        result.append(Deadline(label, wave.deadline, wave.time, moment, wave.initial_deadline))
    if cal.closes:
        moment = dt.datetime.combine(cal.closes, cal.closes_time or END_OF_DAY, zone)
        result.append(Deadline("Fin des dépôts au fil de l'eau" if cal.rolling else "Clôture", cal.closes, cal.closes_time, moment))
    return sorted(result, key=lambda d: d.moment)


def opening(call: CallEntry, timezone: str) -> dt.datetime | None:
    cal = call.data.calendar
    start = cal.opens or (cal.waves[0].opens if cal.waves else None)
    return dt.datetime.combine(start, dt.time(0, 0), ZoneInfo(timezone)) if start else None


# An editor's explicit state wins over the dates.
STATE_STATUS = {
    CallState.SUSPENDED: Status.SUSPENDED,
    CallState.CANCELLED: Status.CANCELLED,
    CallState.CLOSED: Status.CLOSED,
}


@dataclass(frozen=True)
class Schedule:
    """A call's dates resolved in its time zone, computed once and asked about any day."""

    state: CallState
    opening: dt.datetime | None
    deadlines: list[Deadline]

    @property
    def last_deadline(self) -> Deadline | None:
        return self.deadlines[-1] if self.deadlines else None

    def next_deadline(self, now: dt.datetime) -> Deadline | None:
        return next((d for d in self.deadlines if d.moment >= now), None)

    def status(self, now: dt.datetime) -> Status:
        if self.state in STATE_STATUS:
            return STATE_STATUS[self.state]
        if self.opening and now < self.opening:
            return Status.UPCOMING
        upcoming = self.next_deadline(now)
        if self.deadlines and not upcoming:
            return Status.CLOSED
        if upcoming:
            if upcoming.moment - now <= dt.timedelta(days=CLOSING_SOON_DAYS):
                return Status.CLOSING_SOON
            return Status.OPEN
        return Status.OPEN if self.opening else Status.UNKNOWN


def schedule(call: CallEntry, timezone: str) -> Schedule:
    return Schedule(call.data.calendar.state, opening(call, timezone), deadlines(call, timezone))


def status_rule() -> dict:
    """What the browser script needs to apply `Schedule.status` on the reader's day."""
    return {
        "closing_soon_days": CLOSING_SOON_DAYS,
        "state_status": {state.value: status.value for state, status in STATE_STATUS.items()},
        "labels": {status.value: status.label for status in Status},
    }
