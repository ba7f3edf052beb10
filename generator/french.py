"""French formatting of dates, times, amounts and percentages for readers."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, get_timezone_location
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
    """`Cayenne (America/Cayenne)`: the zone's city in French, then its IANA id."""
    city = get_timezone_location(name, locale=LOCALE, return_city=True)
    return f"{city} ({name})"


def french_range(low, high, unit) -> str:
    """`de 50 000 € à 200 000 €`, `jusqu'à 36 mois`, `au moins 12 mois`, or empty when both are unknown."""
    if low is not None and high is not None:
        return f"de {unit(low)} à {unit(high)}"
    if high is not None:
        return f"jusqu'à {unit(high)}"
    if low is not None:
        return f"au moins {unit(low)}"
    return ""


def french_months(value: int) -> str:
    return f"{value}\u00a0mois"
