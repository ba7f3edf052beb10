"""The geometry of the calls' timeline: one row per dated call, years along the axis.

Drawn as SVG at build time by theme/deffinov/calendar.html; the list of dates beside it is its
text equivalent. Coordinates are in SVG user units; nothing here knows about SVG.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .agenda import AgendaEvent

WIDTH = 720
LABEL_WIDTH = 200  # room for the region's name on the left
ROW_HEIGHT = 22
AXIS_HEIGHT = 24


@dataclass(frozen=True)
class Row:
    label: str
    title: str  # the call's title, for the row's tooltip
    y: float
    start: float
    end: float
    deadlines: list[float]
    uncertain: bool  # one of its dates has an unconfirmed year


@dataclass(frozen=True)
class Timeline:
    rows: list[Row]
    years: list[tuple[int, float]]  # (year, x of its 1st of January)
    width: int
    height: int
    today: float | None  # x of the build day, when it falls on the axis


def timeline(calls: list[tuple[str, str, list[AgendaEvent]]], today: dt.date) -> Timeline | None:
    """`calls` are (label, title, events) triples; calls without a dated event are left out."""
    dated = [(label, title, events) for label, title, events in calls if events]
    if not dated:
        return None
    days = [event.date.date for _, _, events in dated for event in events]
    first, last = dt.date(min(days).year, 1, 1), dt.date(max(days).year + 1, 1, 1)
    span = (last - first).days

    def x(day: dt.date) -> float:
        return round(LABEL_WIDTH + (WIDTH - LABEL_WIDTH - 8) * (day - first).days / span, 1)

    rows = []
    for index, (label, title, events) in enumerate(sorted(dated, key=lambda c: (c[2][0].start, c[0]))):
        dates = [event.date.date for event in events]
        rows.append(Row(
            label=label, title=title, y=AXIS_HEIGHT + index * ROW_HEIGHT + ROW_HEIGHT / 2,
            start=x(min(dates)), end=x(max(dates)),
            deadlines=[x(event.date.date) for event in events if event.kind == "deadline"],
            uncertain=any(event.date.year_uncertain for event in events),
        ))
    years = [(year, x(dt.date(year, 1, 1))) for year in range(first.year, last.year)]
    on_axis = first <= today < last
    return Timeline(rows, years, WIDTH, AXIS_HEIGHT + len(rows) * ROW_HEIGHT + 8, x(today) if on_axis else None)
