"""A call's dates resolved in its time zone, and its status on any day: à venir, ouvert, clos…

The build computes the status as the no-script fallback. Pages also carry the machine dates and
`status_rule()` (labels, threshold), and the page's script (theme/assets/javascripts/deffinov/
status.js) applies the same order of checks on the reader's day, so that a page built long ago
stays right. Both are run against one table of cases, tests/status_cases.yml.

The rule never says "ouvert" without a known opening and a known deadline ahead, and never
"clos" while a stage whose deadline is unknown may still be to come. A call its editor declares
closed without a known end (no deadline, or a last stage without one) is "clos, date de fin
inconnue": the sources do not date its end, and the site does not either.

The days left before a deadline are counted in the call's own time zone, the one its deadline is
written in: "15 mars à 16 h 00, heure de Tahiti (aujourd'hui)" is true for every reader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

from ..content.call import CallState, Stage
from ..content.entries import CallEntry
from ..content.fields import FuzzyDate, LabelledEnum

CLOSING_SOON_DAYS = 14
END_OF_DAY = dt.time(23, 59, 59)


class Status(LabelledEnum):
    UPCOMING = "upcoming"
    OPEN = "open"
    CLOSING_SOON = "closing_soon"
    OPENING_UNKNOWN = "opening_unknown"
    CLOSED = "closed"
    CLOSED_UNDATED = "closed_undated"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"

    @classmethod
    def _labels(cls):
        return {
            "upcoming": "à venir",
            "open": "ouvert",
            "closing_soon": "clôture proche",
            "opening_unknown": "ouverture non communiquée",
            "closed": "clos",
            "closed_undated": "clos, date de fin inconnue",
            "suspended": "suspendu",
            "cancelled": "annulé",
            "unknown": "date limite non communiquée",
        }


# A call one may apply to on the day: open, closing soon included (the home page's "Appels
# ouverts", the "ouvert" filter).
OPEN_NOW = (Status.OPEN, Status.CLOSING_SOON)
# A call still running: open now, to open on a known day, or with a deadline ahead and no known
# opening. Not "unknown" (date limite non communiquée): nothing dated says such a call is open or
# will be, so the site does not invite to apply to it; nor suspended, closed or cancelled ones.
# The home page shows every live call, `deffinov check` warns about those checked long ago, and a
# call page offers to apply only to them. Templates have these sets as globals (outputs/templates.py).
LIVE = (*OPEN_NOW, Status.OPENING_UNKNOWN, Status.UPCOMING)

# What the "ouvert" filter shows: a call closing soon is open too; "clos", every closed call.
FILTER_GROUPS = {
    Status.OPEN: OPEN_NOW,
    Status.CLOSED: (Status.CLOSED, Status.CLOSED_UNDATED),
}


@dataclass(frozen=True)
class Deadline:
    """One moment a call's applications must be in by, in the call's time zone."""

    label: str
    date: FuzzyDate
    time: dt.time | None
    moment: dt.datetime  # aware; end of day when the time is unknown
    initial_date: FuzzyDate | None = None


@dataclass(frozen=True)
class Step:
    """One line of a call's calendar: a wave or stage, with its opening and its deadline when known."""

    label: str
    opens: FuzzyDate | None
    deadline: Deadline | None


def _wave_label(index: int, count: int, label: str | None, stage: Stage) -> str:
    text = label or (stage.label if count == 1 else f"Vague {index}")
    if label and stage is not Stage.SINGLE and label.lower() not in stage.label.lower():
        text += f" — {stage.label}"
    return text


def steps(call: CallEntry, timezone: str) -> list[Step]:
    """Every wave or stage in the editor's order, then the end of a rolling call."""
    return list(call.derived((steps, timezone), lambda: _steps(call, timezone)))


def _steps(call: CallEntry, timezone: str) -> list[Step]:
    zone = ZoneInfo(timezone)
    cal = call.data.calendar
    result = []
    for index, wave in enumerate(cal.waves, start=1):
        label = _wave_label(index, len(cal.waves), wave.label, wave.stage)
        deadline = None
        if wave.deadline:
            moment = dt.datetime.combine(wave.deadline.date, wave.time or END_OF_DAY, zone)
            deadline = Deadline(label, wave.deadline, wave.time, moment, wave.initial_deadline)
        result.append(Step(label, wave.opens, deadline))
    if cal.closes:
        label = "Fin des dépôts au fil de l'eau" if cal.rolling else "Clôture"
        moment = dt.datetime.combine(cal.closes.date, cal.closes_time or END_OF_DAY, zone)
        result.append(Step(label, None, Deadline(label, cal.closes, cal.closes_time, moment)))
    return result


def opening(call: CallEntry, timezone: str) -> dt.datetime | None:
    """The earliest known opening of the call or of one of its waves."""
    cal = call.data.calendar
    known = [d.date for d in (cal.opens, *(wave.opens for wave in cal.waves)) if d]
    return dt.datetime.combine(min(known), dt.time(0, 0), ZoneInfo(timezone)) if known else None


# An editor's explicit state wins over the dates.
STATE_STATUS = {
    CallState.SUSPENDED: Status.SUSPENDED,
    CallState.CANCELLED: Status.CANCELLED,
    CallState.CLOSED: Status.CLOSED,
}
# ... and says what the dates cannot: a call declared closed whose end no source dates.
UNDATED_STATUS = {Status.CLOSED: Status.CLOSED_UNDATED}

# The days left before a deadline, in words; `{n}` is the number of days.
COUNTDOWN = {"today": "aujourd'hui", "tomorrow": "demain", "days": "dans {n}\u00a0jours"}


@dataclass(frozen=True)
class Schedule:
    """A call's dates resolved in its time zone, computed once and asked about any day."""

    state: CallState
    opening: dt.datetime | None
    steps: list[Step]

    @cached_property
    def deadlines(self) -> list[Deadline]:
        """Known deadlines, soonest first."""
        return sorted((s.deadline for s in self.steps if s.deadline), key=lambda d: d.moment)

    @property
    def open_ended(self) -> bool:
        """True when the last step has no known deadline: the call may go on after the known ones."""
        return bool(self.steps) and self.steps[-1].deadline is None

    @property
    def last_deadline(self) -> Deadline | None:
        return self.deadlines[-1] if self.deadlines else None

    @property
    def end_known(self) -> bool:
        """Whether the sources date the call's end: a known deadline, and no stage after it without one."""
        return bool(self.deadlines) and not self.open_ended

    def next_deadline(self, now: dt.datetime) -> Deadline | None:
        return next((d for d in self.deadlines if d.moment >= now), None)

    def status(self, now: dt.datetime) -> Status:
        if self.state in STATE_STATUS:
            stopped = STATE_STATUS[self.state]
            return stopped if self.end_known else UNDATED_STATUS.get(stopped, stopped)
        if self.opening and now < self.opening:
            return Status.UPCOMING
        upcoming = self.next_deadline(now)
        if upcoming:
            if upcoming.moment - now <= dt.timedelta(days=CLOSING_SOON_DAYS):
                return Status.CLOSING_SOON
            return Status.OPEN if self.opening else Status.OPENING_UNKNOWN
        if self.end_known:
            return Status.CLOSED
        return Status.UNKNOWN


def days_left(deadline: Deadline, now: dt.datetime) -> int:
    """Calendar days from `now` to the deadline, both read in the call's zone (the deadline's)."""
    return (deadline.moment.date() - now.astimezone(deadline.moment.tzinfo).date()).days


def countdown(deadline: Deadline, now: dt.datetime) -> str:
    """`aujourd'hui`, `demain`, `dans 12 jours`: what is left of a deadline still ahead of `now`."""
    days = days_left(deadline, now)
    if days <= 0:
        return COUNTDOWN["today"]
    if days == 1:
        return COUNTDOWN["tomorrow"]
    return COUNTDOWN["days"].replace("{n}", str(days))


@dataclass(frozen=True)
class DatedFact:
    """Something the sources date about a call: `what` happened on `date`."""

    what: str  # "ouverture des dépôts", "source « … », grandest.fr"
    date: FuzzyDate


def dated_facts(call: CallEntry, timezone: str) -> list[DatedFact]:
    """Every date the call's file gives of its life and of its sources, in time order."""
    data, cal = call.data, call.data.calendar
    found = [DatedFact("publication de l'appel", cal.published), DatedFact("ouverture des dépôts", cal.opens)]
    for wave, step in zip(cal.waves, steps(call, timezone)):
        found.append(DatedFact(f"ouverture ({step.label})", wave.opens))
        found.append(DatedFact(f"date limite ({step.label})", wave.deadline))
    found.append(DatedFact("fin des dépôts", cal.closes))
    found.append(DatedFact("annonce des résultats", data.results.announced))
    found += [DatedFact("modification publiée", FuzzyDate(date=change.date)) for change in data.amendments]
    found += [DatedFact(f"source « {source.title} », {source.publisher}", source.published)
              for source in data.sources]
    return sorted((fact for fact in found if fact.date is not None), key=lambda fact: fact.date.date)


def last_dated_fact(call: CallEntry, timezone: str) -> DatedFact | None:
    """The latest thing the sources date about the call: all that is known of when it was still alive."""
    def compute() -> DatedFact | None:
        facts = dated_facts(call, timezone)
        return facts[-1] if facts else None
    return call.derived((last_dated_fact, timezone), compute)


def schedule(call: CallEntry, timezone: str) -> Schedule:
    """The call's dates in `timezone` (worked out once per entry: a Schedule is asked, not changed)."""
    return call.derived((schedule, timezone), lambda: Schedule(
        call.data.calendar.state, opening(call, timezone), steps(call, timezone)))


def status_rule() -> dict:
    """What the browser script needs to apply `Schedule.status` on the reader's day."""
    return {
        "closing_soon_days": CLOSING_SOON_DAYS,
        "state_status": {state.value: status.value for state, status in STATE_STATUS.items()},
        "undated_status": {status.value: undated.value for status, undated in UNDATED_STATUS.items()},
        "labels": {status.value: status.label for status in Status},
        "filter_groups": {group.value: [s.value for s in members] for group, members in FILTER_GROUPS.items()},
    }
