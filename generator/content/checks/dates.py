"""Dates that record the past (a check, a change, a publication, an update) are not in the future.

A typo such as `2072-06-01` in an amendment would otherwise become every calendar event's DTSTAMP
and the feed entry's `updated`, and stay at the top of feed readers for decades.
"""

from __future__ import annotations

import datetime as dt
import typing

from pydantic import BaseModel

from ...french import french_date
from ..errors import ContentError, field_path
from ..fields import PAST, FuzzyDate

# A day of slack: the editor's clock may be a time zone ahead of the build machine's.
SLACK = dt.timedelta(days=1)


def future_dates(entry, today: dt.date) -> list[ContentError]:
    """One error for each past-recording date of `entry` later than tomorrow."""
    return [ContentError(entry.path, entry.positions.line_of(loc), field_path(loc), _message(value))
            for loc, value in _past_dates(entry.data, ())
            if (value.date if isinstance(value, FuzzyDate) else value) > today + SLACK]


def _records_past(annotation) -> bool:
    """Whether `annotation` is PastDate, possibly optional."""
    return any(arg is PAST or _records_past(arg) for arg in typing.get_args(annotation))


def _past_dates(model: BaseModel, loc: tuple):
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        past = PAST in info.metadata or _records_past(info.annotation)
        if isinstance(value, dt.date) and past:
            yield (*loc, name), value
        elif isinstance(value, FuzzyDate) and past:
            yield (*loc, name), value
        elif isinstance(value, BaseModel):
            yield from _past_dates(value, (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _past_dates(item, (*loc, name, index))


def _message(value: dt.date | FuzzyDate) -> str:
    return (f"la date {french_date(value)} est dans le futur, alors que ce champ dit quand une chose a eu lieu "
            "(une vérification, une modification, une publication, une mise à jour). Vérifiez l'année : la date est "
            "au plus tard celle du jour.")
