"""The geometry of the calls' timeline: one row per region, years along the axis.

A row holds the spans of its region's calls (overlapping ones merged) and a dot per deadline
(dots that would overlap drawn once), so the drawing stays the same size whatever the number of
calls: as many rows as regions, as many marks as the axis has room for. Drawn as SVG at build time
by theme/deffinov/calendar.html; the list of dates beside it is its text equivalent. Coordinates
are in SVG user units; nothing here knows about SVG.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .agenda import AgendaEvent

WIDTH = 720
LABEL_WIDTH = 200  # room for the region's name on the left
ROW_HEIGHT = 22
AXIS_HEIGHT = 24
GAP = 3  # spans closer than this (in units, about a week over four years) are drawn as one
DOT = 4  # a deadline's radius: a dot closer than this to the one before would hide under it


@dataclass(frozen=True)
class Span:
    start: float
    end: float
    uncertain: bool  # one of its dates has an unconfirmed year


@dataclass(frozen=True)
class Row:
    label: str  # the region's name
    calls: int
    deadlines_count: int
    y: float
    spans: list[Span]
    deadlines: list[float]  # x of each deadline, but those a dot would cover


@dataclass(frozen=True)
class Timeline:
    rows: list[Row]
    years: list[tuple[int, float]]  # (year, x of its 1st of January)
    width: int
    height: int
    today: float | None  # x of the build day, when it falls on the axis


def timeline(regions: list[tuple[str, list[list[AgendaEvent]]]], today: dt.date) -> Timeline | None:
    """`regions` are (name, the events of each of its calls) pairs, in the order rows are drawn
    when they start together; calls without a dated event are left out, and regions without one."""
    dated = [(name, [events for events in calls if events]) for name, calls in regions]
    dated = [(name, calls) for name, calls in dated if calls]
    if not dated:
        return None
    days = [event.date.date for _, calls in dated for events in calls for event in events]
    first, last = dt.date(min(days).year, 1, 1), dt.date(max(days).year + 1, 1, 1)
    span = (last - first).days

    def x(day: dt.date) -> float:
        return round(LABEL_WIDTH + (WIDTH - LABEL_WIDTH - 8) * (day - first).days / span, 1)

    def begins(calls: list[list[AgendaEvent]]) -> dt.datetime:
        return min(events[0].start for events in calls)

    rows = []
    for index, (name, calls) in enumerate(sorted(dated, key=lambda region: begins(region[1]))):
        deadlines = [x(event.date.date) for events in calls for event in events if event.kind == "deadline"]
        rows.append(Row(
            label=name, calls=len(calls), deadlines_count=len(deadlines),
            y=AXIS_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2,
            spans=_merged([Span(x(min(e.date.date for e in events)), x(max(e.date.date for e in events)),
                                any(e.date.year_uncertain for e in events)) for events in calls]),
            deadlines=_apart(deadlines),
        ))
    years = [(year, x(dt.date(year, 1, 1))) for year in range(first.year, last.year)]
    on_axis = first <= today < last
    return Timeline(rows, years, WIDTH, AXIS_HEIGHT + len(rows) * ROW_HEIGHT + 8, x(today) if on_axis else None)


def _merged(spans: list[Span]) -> list[Span]:
    """The spans with those that overlap or nearly touch drawn as one; uncertain if one of them is."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if merged and span.start <= merged[-1].end + GAP:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end), last.uncertain or span.uncertain)
        else:
            merged.append(span)
    return merged


def _apart(positions: list[float]) -> list[float]:
    """The positions in order, leaving out each one a dot already drawn would cover."""
    kept: list[float] = []
    for position in sorted(positions):
        if not kept or position - kept[-1] >= DOT:
            kept.append(position)
    return kept
