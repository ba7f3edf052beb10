"""French formatting of dates, times, amounts and percentages for readers."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_timezone_name
from babel.numbers import format_decimal

LOCALE = "fr_FR"
UNKNOWN = "non communiqué"


def french_date(value: dt.date | None) -> str:
    """`28 avril 2023`; 1er for the first day of a month, as French writes it."""
    if value is None:
        return UNKNOWN
    text = format_date(value, format="d MMMM y", locale=LOCALE)
    return "1er" + text[1:] if value.day == 1 else text


def french_time(value: dt.time | None) -> str:
    """`12 h 00`, or `23 h 59`."""
    if value is None:
        return "heure non communiquée"
    return f"{value.hour} h {value.minute:02d}"


def french_euros(value: int | None) -> str:
    if value is None:
        return UNKNOWN
    return format_decimal(value, locale=LOCALE).replace("\u202f", "\u00a0") + "\u00a0€"


def french_percent(value: int | None) -> str:
    return UNKNOWN if value is None else f"{value}\u00a0%"


def timezone_label(name: str) -> str:
    """A readable zone name (`heure de Paris`-like) followed by its IANA id."""
    readable = get_timezone_name(name, locale=LOCALE)
    return f"{readable} ({name})"
