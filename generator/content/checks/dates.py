"""Dates that record the past (a check, a change, a publication, an update) are not in the future.

A typo such as `2072-06-01` in an amendment would otherwise become every calendar event's DTSTAMP
and the feed entry's `updated`, and stay at the top of feed readers for decades.
"""

from __future__ import annotations

import datetime as dt
import functools
import typing

from pydantic import BaseModel

from ...french import french_date
from ..errors import ContentError, field_path
from ..fields import PAST, FuzzyDate, model_of

# A day of slack: the editor's clock may be a time zone ahead of the build machine's.
SLACK = dt.timedelta(days=1)


def future_dates(entry, today: dt.date) -> list[ContentError]:
    """One error for each past-recording date of `entry` later than tomorrow."""
    return [ContentError(entry.path, entry.positions.line_of(loc), field_path(loc), _message(value))
            for loc, value in _past_dates(entry.data, ())
            if (value.date if isinstance(value, FuzzyDate) else value) > today + SLACK]


def _past_dates(model: BaseModel, loc: tuple):
    for name, kind in _plan(type(model)):
        value = getattr(model, name)
        if kind is PAST:
            if value is not None:
                yield (*loc, name), value
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from _past_dates(item, (*loc, name, index))
        elif value is not None:
            yield from _past_dates(value, (*loc, name))


# Pure (from the model class): not a cache between builds (build/cache.py).
@functools.cache
def _plan(model: type[BaseModel]) -> tuple[tuple[str, object], ...]:
    """The fields of `model` that are, or hold, a past-recording date: (name, PAST) or (name, the
    nested model). Worked out once per model: a large catalog is walked tens of thousands of times."""
    plan = []
    for name, info in model.model_fields.items():
        if PAST in info.metadata or _records_past(info.annotation):
            plan.append((name, PAST))
        elif (nested := model_of(info.annotation)) is not None and _plan(nested):
            plan.append((name, nested))
    return tuple(plan)


def _records_past(annotation) -> bool:
    """Whether `annotation` is PastDate, possibly optional."""
    return any(arg is PAST or _records_past(arg) for arg in typing.get_args(annotation))


def _message(value: dt.date | FuzzyDate) -> str:
    return (f"la date {french_date(value)} est dans le futur, alors que ce champ dit quand une chose a eu lieu "
            "(une vérification, une modification, une publication, une mise à jour). Vérifiez l'année : la date est "
            "au plus tard celle du jour.")
