"""French formatting of dates, times, amounts and percentages for readers.

Non-breaking spaces (U+00A0) keep a number with its unit and a time with its parts on one line.
Dates may be a `datetime.date` or a content `FuzzyDate` (a date whose year or day is unsure).
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from babel.dates import format_date, get_timezone_location
from babel.numbers import format_decimal

LOCALE = "fr_FR"
UNKNOWN = "non communiqué"


NBSP = "\u00a0"
YEAR_UNCERTAIN = "année non confirmée"


def french_date(value, note: bool = True) -> str:
    """`28 avril 2023`, 1er for the first day of a month; `septembre 2022` when the day is unknown;
    `10 septembre 2022 (année non confirmée)` when the year is unsure (without `note`: no brackets)."""
    if value is None:
        return UNKNOWN
    day = value if isinstance(value, dt.date) else value.date
    text = _day_text(day, getattr(value, "day_unknown", False))
    if note and uncertainty(value):
        text += f" ({uncertainty(value)})"
    return text


# Pure (from its arguments and the Unicode locale data): not a cache between builds (build/cache.py).
@functools.lru_cache(maxsize=4096)
def _day_text(day: dt.date, day_unknown: bool) -> str:
    """A day in words, worked out once: pages print the same few days thousands of times."""
    if day_unknown:
        return format_date(day, format="MMMM y", locale=LOCALE)
    text = format_date(day, format="d MMMM y", locale=LOCALE)
    return "1er" + text[1:] if day.day == 1 else text


def uncertainty(value) -> str:
    """What is unsure about a date, in words for readers; empty when it is certain."""
    return YEAR_UNCERTAIN if getattr(value, "year_uncertain", False) else ""


def french_time(value: dt.time | None) -> str:
    """`12 h 00`, or `23 h 59`, on one line."""
    if value is None:
        return "heure non communiquée"
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


# Pure (from its argument and the locale data): not a cache between builds (build/cache.py).
# Calls repeat a few amounts (ceilings, budgets), and Babel's formatting is a tenth of a call page.
@functools.lru_cache(maxsize=4096)
def french_euros(value: int | None) -> str:
    if value is None:
        return UNKNOWN
    return format_decimal(value, locale=LOCALE).replace("\u202f", NBSP) + NBSP + "€"


def french_percent(value: int | None) -> str:
    return UNKNOWN if value is None else f"{value}\u00a0%"


def timezone_label(name: str) -> str:
    """`Cayenne (America/Cayenne)`: the zone's city in French, then its IANA id."""
    return f"{zone_city(name)} ({name})"


# Pure (from the locale data): not a cache between builds (build/cache.py).
@functools.lru_cache(maxsize=None)
def zone_city(name: str) -> str:
    """`Paris`, `Cayenne`, `La Réunion`: how readers name a time zone."""
    return get_timezone_location(name, locale=LOCALE, return_city=True)


def local_time_of(name: str) -> str:
    """`heure de Paris`: said after every time of day shown to readers."""
    return f"heure de{NBSP}{zone_city(name)}"


def french_range(low, high, unit) -> str:
    """`de 50 000 € à 200 000 €`, `jusqu'à 36 mois`, `au moins 12 mois`, or empty when both are unknown."""
    if low is not None and high is not None:
        return f"de {unit(low)} à {unit(high)}"
    if high is not None:
        return f"jusqu'à {unit(high)}"
    if low is not None:
        return f"au moins {unit(low)}"
    return ""


def french_size(octets: int) -> str:
    """`850 octets`, `12,4 ko`, `1,2 Mo`: a file's size as French readers write it."""
    if octets < 1000:
        return f"{octets}{NBSP}octets"
    value, unit = (octets / 1000, "ko") if octets < 1_000_000 else (octets / 1_000_000, "Mo")
    return format_decimal(round(value, 1), locale=LOCALE) + NBSP + unit


def counted(count: int, one: str, many: str) -> str:
    """`1 appel à projets`, `9 appels à projets`, `0 ressource`: French puts 0 and 1 in the singular."""
    return f"{count} {one if count < 2 else many}"


def of_which_examples(count: int, french: bool = True) -> str:
    """`, dont 3 exemples` after a count that includes the catalog's example entries; empty when it
    includes none; with a plain space when not `french` text (an attribute's value).
    deffinov/catalog.js writes the same words after the counts it updates."""
    if not count:
        return ""
    return f", dont {count}{NBSP if french else ' '}exemple{'s' if count > 1 else ''}"


def french_months(value: int) -> str:
    return f"{value}\u00a0mois"


# The spaces that must not break: before punctuation, between groups of digits, after «.
# One pass, led by the space itself so that the search skips ahead to each one.
_BREAKING_SPACE = re.compile(r" (?:(?<=\S )(?=[:;!?»€%])|(?<=\d )(?=\d{3}\b)|(?<=« ))")


def typography(text: str) -> str:
    """French spacing in editors' text: a non-breaking space before « : ; ! ? » € % », after « and
    between groups of digits, so that no line starts with a colon, a quote or half an amount."""
    if " " not in text:
        return text  # every rule replaces a space; templates print millions of short strings
    return _BREAKING_SPACE.sub(NBSP, text)


# What may close a sentence, and what may stand after its last mark (a closing quote or bracket).
_SENTENCE_END = (".", "!", "?", "…")
_AFTER_END = "»)]\"'’ \u00a0\u202f"


def sentence(text: str) -> str:
    """Editors' text made a sentence of its own: a capital first letter and a final full stop, unless
    it already ends with one (or with ! ? …, before a closing quote or bracket). `dossier complet,
    à la seconde étape` becomes `Dossier complet, à la seconde étape.`; a text that already is a
    sentence is left as it is, so that it can follow a label whatever the editor wrote."""
    text = text.strip()
    if not text:
        return text
    if text[0].isalpha():
        text = text[0].upper() + text[1:]
    return text if text.rstrip(_AFTER_END).endswith(_SENTENCE_END) else text + "."


def french_month(value: dt.date) -> str:
    """`septembre 2022`."""
    return format_date(value, format="MMMM y", locale=LOCALE)
