"""Opening hours in French: `Mo-Fr 08:00-17:00; Sa 08:00-12:00` becomes `du lundi au vendredi de
8 h à 17 h ; le samedi de 8 h à 12 h`.

A provider's `opening_hours` is written in OpenStreetMap's syntax, the one the public schema of
places (`horaires`) uses and the open data keeps. The syntax is read by opening-hours-py (the
Python binding of the opening-hours Rust crate): check refuses what it refuses, and it also says
what a week looks like. The French is written from that reading, not from the text:

1. the parser normalises the value into rules that do not overlap (`Mo-Su 10:00-12:00, Mo-Fr
   14:00-18:00` becomes `Mo-Fr 10:00-12:00,14:00-18:00; Sa-Su 10:00-12:00`);
2. the rules that only name days of the week and times of day make the ordinary week; the parser
   says when each day of such a week is open, and the days that share their hours are named
   together;
3. a last rule closing on public holidays (`PH off`) is said in French; any other rule (holidays
   otherwise, months, dates, weeks of the year, sunrise, comments, open ends, fallbacks) is not
   translated: the page then shows the original rule beside the French, and says so.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from opening_hours import OpeningHours, State

from ..french import NBSP

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
DAY_MINUTES = 24 * 60

_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAYS = rf"{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*"
_TIMES = r"\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*"
# A rule of the ordinary week, as the parser normalises it: days, times, both, or "closed".
_WEEKLY = re.compile(rf"24/7|closed|off|{_DAYS}(?: {_TIMES})?(?: (?:closed|off))?|{_TIMES}")
_HOLIDAYS_CLOSED = re.compile(r"PH (?:closed|off)")
# A Monday with no public holiday near it, read without a country: only weekly rules are evaluated.
_WEEK = dt.datetime(2024, 1, 8)


@dataclass(frozen=True)
class FrenchHours:
    """What a page says of a value: its French, and whether that French says all of it."""

    rule: str  # the value as written, in OpenStreetMap's syntax
    french: str | None  # the ordinary week in French; None when no rule is one of the week
    complete: bool  # whether the French says everything the rule does


def _rules(expression: str) -> list[str]:
    """The rules of a normalised expression, split at the `;` that are outside quoted comments."""
    rules, current, quoted = [], "", False
    for character in expression:
        if character == '"':
            quoted = not quoted
        if character == ";" and not quoted:
            rules.append(current.strip())
            current = ""
        else:
            current += character
    return [rule for rule in [*rules, current.strip()] if rule]


def _week(rules: list[str]) -> list[tuple[tuple[int, int], ...]]:
    """For each day from Monday, its open spans in minutes from its midnight; a span that goes on
    past midnight ends after 1440 (`22:00-02:00` is (1320, 1560)) and is not repeated the next day."""
    hours = OpeningHours("; ".join(rules))
    start, end = _WEEK - dt.timedelta(days=1), _WEEK + dt.timedelta(days=8)
    spans: list[list[tuple[int, int]]] = [[] for _ in DAYS]
    for begin, finish, state, _comment in hours.intervals(start, end):
        if state != State.OPEN:
            continue
        for day in range(7):
            midnight = _WEEK + dt.timedelta(days=day)
            low, high = max(begin, midnight), min(finish, midnight + dt.timedelta(days=1))
            if low < high:
                spans[day].append((_minutes(low - midnight), _minutes(high - midnight)))
    # A night that crosses midnight is said on the day it begins ("de 22 h à 2 h").
    for day in range(7):
        today, tomorrow = spans[day], spans[(day + 1) % 7]
        if (today and today[-1][1] == DAY_MINUTES and today[-1] != (0, DAY_MINUTES)
                and tomorrow and tomorrow[0][0] == 0 and tomorrow[0] != (0, DAY_MINUTES)):
            today[-1] = (today[-1][0], DAY_MINUTES + tomorrow[0][1])
            del tomorrow[0]
    return [tuple(day) for day in spans]


def _minutes(delta: dt.timedelta) -> int:
    return int(delta.total_seconds()) // 60


def _time(minutes: int) -> str:
    """`8 h`, `8 h 30`, `minuit`; past midnight, the next day's hour."""
    if minutes in (0, DAY_MINUTES):
        return "minuit"
    hour, minute = divmod(minutes % DAY_MINUTES, 60)
    return f"{hour}{NBSP}h" + (f"{NBSP}{minute:02d}" if minute else "")


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def _days(numbers: list[int]) -> str:
    """`du lundi au vendredi`, `le samedi et le dimanche`, `le lundi, le mercredi et le vendredi`."""
    if len(numbers) == 7:
        return "tous les jours"
    runs: list[list[int]] = []
    for number in numbers:
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    said = []
    for run in runs:
        if len(run) >= 3:
            said.append(f"du {DAYS[run[0]]} au {DAYS[run[-1]]}")
        else:
            said.extend(f"le {DAYS[number]}" for number in run)
    return _listed(said)


def _spans(spans: tuple[tuple[int, int], ...]) -> str:
    if spans == ((0, DAY_MINUTES),):
        return f", 24{NBSP}h sur 24"
    return " " + _listed([f"de {_time(low)} à {_time(high)}" for low, high in spans])


def _french_week(rules: list[str]) -> str:
    week = _week(rules)
    groups: dict[tuple, list[int]] = {}
    for number, spans in enumerate(week):
        if spans:
            groups.setdefault(spans, []).append(number)
    if not groups:
        return "fermé"
    return " ; ".join(_days(numbers) + _spans(spans) for spans, numbers in groups.items())


# Pure (the rule in, its French out): kept for the process, not a cache between builds (build/cache.py).
@functools.lru_cache(maxsize=4096)
def french_hours(rule: str) -> FrenchHours:
    """`rule` (which check has accepted) in French, as far as the ordinary week goes."""
    rules = _rules(str(OpeningHours(rule).normalize()))
    holidays_closed = bool(rules) and _HOLIDAYS_CLOSED.fullmatch(rules[-1]) is not None
    if holidays_closed:
        rules = rules[:-1]
    weekly = [one for one in rules if _WEEKLY.fullmatch(one)]
    if not weekly:
        return FrenchHours(rule, None, False)
    french = _french_week(weekly) + (" ; fermé les jours fériés" if holidays_closed else "")
    return FrenchHours(rule, french, len(weekly) == len(rules))
