"""The regions' calls side by side: one row per fact a candidate compares, one column per call,
and an eligibility matrix of who each call admits. Drawn from the model; each row is labelled
with its field's French title; a value the sources do not give is None ("non communiqué")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import french
from ..content.call import ApplicantKind, Call
from ..content.fields import label
from .schedule import LIVE
from .views import CallView

YES, NOT_LISTED, NOT_IN_PARTIAL = "oui", "non cité", "non précisé"
ONE_YEAR = 12  # months


def latest_of_each_region(calls: list[CallView], region_order: list[str]) -> list[CallView]:
    """The call each region compares: its live call (the one whose next deadline comes first), else
    its most recent one; one column per region at most, so the table is as wide as the map of
    France, whatever the number of calls recorded. A call run by several regions is shown once."""
    def rank(view: CallView):
        live = view.status in LIVE
        moment = view.next_deadline or view.schedule.last_deadline
        when = moment.moment.timestamp() if moment else float("-inf")
        return (0, when) if live else (1, -when)

    chosen: list[CallView] = []
    for slug in region_order:
        own = sorted((view for view in calls if slug in view.entry.regions), key=lambda v: (rank(v), v.data.title))
        if own and own[0] not in chosen:
            chosen.append(own[0])
    return chosen


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[str | list[str] | None]  # one per call: a text, lines, or None when the sources do not say


def _text(values) -> str | None:
    return "\u00a0; ".join(values) or None


def _amount(value) -> str | None:
    return None if value is None else french.french_euros(value)


def _percent(value) -> str | None:
    return None if value is None else french.french_percent(value)


def _date(value) -> str | None:
    return french.french_date(value) if value else None


def _duration(call: Call) -> str | None:
    duration = call.duration
    parts = [french.french_range(duration.min_months, duration.max_months, french.french_months)]
    if duration.end_by:
        parts.append(f"achevé au plus tard {'en' if duration.end_by.day_unknown else 'le'} {french.french_date(duration.end_by)}")
    return ", ".join(part for part in parts if part) or None


def _deadlines(view: CallView) -> str | None:
    texts = []
    for step in view.schedule.steps:
        if step.deadline:
            deadline = step.deadline
            moment = french.french_date(deadline.date, note=False)
            if deadline.time:
                moment += f" à {french.french_time(deadline.time)}, {french.local_time_of(view.timezone)}"
            uncertain = french.uncertainty(deadline.date)
            texts.append(f"{step.label}\u00a0: {moment}" + (f" ({uncertain})" if uncertain else ""))
        else:
            texts.append(f"{step.label}\u00a0: date limite non communiquée")
    return _text(texts)


def _channels(call: Call) -> str | list[str] | None:
    """`Plateforme en ligne ; Courrier postal`; when a channel has a note, one line per channel, the
    note a sentence of its own after its label (`Courrier postal. Exemplaire papier du dossier.`):
    an editor's note may begin with a capital or end with a full stop, and reads right either way."""
    channels = call.application.channels
    if not any(deposit.note for deposit in channels):
        return _text([deposit.channel.label for deposit in channels])
    return [deposit.channel.label + "." + (f" {french.sentence(deposit.note)}" if deposit.note else "")
            for deposit in channels]


def _kinds(kinds: list[ApplicantKind], complete: bool) -> str | None:
    """`tiers-lieu, CFA (liste complète selon les sources)`: a list says whether the sources give it whole."""
    if not kinds:
        return None
    extent = "liste complète selon les sources" if complete else "liste partielle : d'autres structures peuvent l'être"
    return ", ".join(kind.label for kind in kinds) + f" ({extent})"


# Each row: the field whose French title labels it, and how a call's value reads.
FACTS: list[tuple[str, Callable[[CallView], str | None]]] = [
    ("run_by", lambda v: _text(v.data.run_by)),
    ("budget", lambda v: _amount(v.data.budget)),
    ("aid.min", lambda v: _amount(v.data.aid.min)),
    ("aid.max", lambda v: _amount(v.data.aid.max)),
    ("aid.max_rate", lambda v: _percent(v.data.aid.max_rate)),
    ("aid.min_cofinancing", lambda v: _percent(v.data.aid.min_cofinancing)),
    ("aid.min_self_financing", lambda v: _percent(v.data.aid.min_self_financing)),
    ("duration", lambda v: _duration(v.data)),
    ("payment_schedule", lambda v: _text([f"{french.french_percent(p.percent)} {p.when}" for p in v.data.payment_schedule])),
    ("eligibility.lead_kinds", lambda v: _kinds(v.data.eligibility.lead_kinds, v.data.eligibility.lead_kinds_complete)),
    ("eligibility.applicants", lambda v: _text(v.data.eligibility.applicants)),
    ("eligibility.collective", lambda v: v.data.eligibility.collective),
    ("eligibility.lead_partner", lambda v: v.data.eligibility.lead_partner),
    ("eligibility.seniority", lambda v: v.data.eligibility.seniority),
    ("application.channels", lambda v: _channels(v.data)),
    ("application.proof", lambda v: v.data.application.proof),
    ("calendar.published", lambda v: _date(v.data.calendar.published)),
    ("calendar.opens", lambda v: _date(v.data.calendar.opens)),
    ("calendar.waves", _deadlines),
]


def facts(calls: list[CallView]) -> list[Row]:
    """The comparison table's rows, in the order a candidate reads a call."""
    return [Row(label(Call, path), [read(view) for view in calls]) for path, read in FACTS]


def _admits(call: Call, kind: ApplicantKind) -> str | None:
    kinds = call.eligibility.applicant_kinds
    if not kinds:
        return None
    if kind in kinds:
        return YES
    # Absent from a list the sources give whole: not cited. Absent from a partial list: unknown.
    return NOT_LISTED if call.eligibility.applicant_kinds_complete else NOT_IN_PARTIAL


def _one_year(call: Call) -> str | None:
    months = call.eligibility.seniority_months
    if months is None:
        return None
    return f"{YES} ({french.french_months(months)})" if months >= ONE_YEAR else f"non ({french.french_months(months)})" if months else "non"


def eligibility(calls: list[CallView]) -> list[Row]:
    """Which calls admit each kind of member, then which require a year of existence.

    "non cité" says that the sources give the whole list of members a call admits and this kind is
    not among them; "non précisé", that they give part of it only (examples, a list ending in
    "…"); a call whose sources list none reads "non communiqué" throughout."""
    rows = [Row(kind.label[:1].upper() + kind.label[1:], [_admits(view.data, kind) for view in calls]) for kind in ApplicantKind]
    rows.append(Row("Au moins un an d'existence exigé", [_one_year(view.data) for view in calls]))
    return rows
