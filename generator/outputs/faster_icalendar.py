"""The iCalendar library's line folding and time zones, the same text in a fraction of the time.

The library folds each content line (RFC 5545, 3.1: at most 75 octets, continued after CRLF and
a space) one character at a time, encoding each to count its octets: a third of the cost of a
call's events, whose descriptions are long. `fold` gives the same text from the encoded line:
each piece is the longest run of whole characters of at most 74 octets, and, as the library does
(its issue 1501), a piece never ends on a backslash or a caret, which begin an escape.

A calendar's VTIMEZONE lists a zone's changes of offset between two dates. The library finds
them by stepping through time from the first date, 64 days at a time, until the offset changes;
in a zone whose offset never changes again (Cayenne, Nouméa, Saint-Denis de La Réunion…) it
steps on to the year 9999, where the tz database ends (OverflowError): about 45,000 steps each
time. At 2,000 calls, the 108 zones and spans of the calendars took 1.6–2.4 s that way, more than
writing all their events. `vtimezone` gives the library a zone that ends a while after the last
date (`ENDING_AFTER`): the search stops there as it stops at the database's end, after the same
steps, so the same changes are found before the last date.

Each is used only over the library code it was written against: if an upgrade changes it, the
library's own is kept (the same text, only slower); the tests compare both.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import icalendar.parser.content_line as content_line
from icalendar.parser import string as ical_string
from icalendar.timezone import tzp

from .library_code import method_is

LIMIT = 75
FOLD = "\r\n "
# What the function `fold` stands for uses (icalendar 7.3.2): another version may fold otherwise.
FOLDLINE_NAMES = ("isinstance", "str", "len", "encode", "DEFAULT_ENCODING", "pop", "append", "join")
FOLDLINE_CONSTANTS = ("\n", 0, 1, -1, "\\^", "")
FOLDLINE_DEFAULTS = (LIMIT, FOLD)
_ESCAPES = (ord("\\"), ord("^"))


def fold(line: str, limit: int = LIMIT, fold_sep: str = FOLD) -> str:
    """`line` folded as `icalendar.parser.string._foldline` folds it."""
    assert isinstance(line, str)
    assert "\n" not in line
    data = line.encode("utf-8")
    room = limit - 1  # octets a piece may hold: one more would reach the limit
    if len(data) <= room:
        return line
    pieces = []
    start = 0
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        if data[end - 1] in _ESCAPES:  # (a piece holds 71 octets or more: never the escape alone)
            end -= 1  # the escape goes on the next line, with what it escapes
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return fold_sep.join(piece.decode("utf-8") for piece in pieces)


def install() -> bool:
    """Fold content lines with `fold` where the library's function is the one it mirrors."""
    if content_line._foldline is fold:
        return True
    stock = ical_string._foldline
    if (content_line._foldline is not stock or stock.__defaults__ != FOLDLINE_DEFAULTS
            or not method_is(stock, FOLDLINE_NAMES, (stock.__doc__, *FOLDLINE_CONSTANTS))):
        return False
    content_line._foldline = fold
    return True


# What `vtimezone` relies on in `Timezone.from_tzinfo` (icalendar 7.3.2): the names it uses, and
# its steps through time, the longest 64 days.
FROM_TZINFO_NAMES = (
    "tzid_from_tzinfo", "ValueError", "getattr", "datetime", "year", "month", "day", "hasattr", "localize", "replace",
    "defaultdict", "list", "utcoffset", "_from_tzinfo_skip_search", "OverflowError", "dst", "timedelta", "tzname",
    "str", "append", "add", "items", "min", "remove", "date", "TimezoneStandard", "TimezoneDaylight", "TZOFFSETFROM",
    "TZOFFSETTO", "DTSTART", "add_component")
SKIP_SEARCH = tuple(dt.timedelta(days=days) for days in (64, 32, 16, 8, 4, 2, 1)) + tuple(
    dt.timedelta(seconds=seconds) for seconds in (14400, 3600, 1200, 300, 60, 20, 5, 1))
# Past the last date, far more than one step of the search (a step that would pass the end stops
# it): every step the search takes before the last date is the library's own.
ENDING_AFTER = dt.timedelta(days=400)


class _EndingZone(dt.tzinfo):
    """A zone of the tz database that ends at `end` (a wall-clock time): past it, as past the
    database's own end, its offset is an OverflowError."""

    def __init__(self, zone: dt.tzinfo, end: dt.datetime):
        self.zone, self.end = zone, end

    def _within(self, moment: dt.datetime) -> dt.datetime:
        if moment.replace(tzinfo=None) > self.end:
            raise OverflowError("past the end of this zone")
        return moment

    def utcoffset(self, moment):
        return self.zone.utcoffset(self._within(moment))

    def dst(self, moment):
        return self.zone.dst(self._within(moment))

    def tzname(self, moment):
        return self.zone.tzname(self._within(moment))


def vtimezone(tzid: str, first: dt.date, last: dt.date) -> icalendar.Timezone:
    """`icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)`, found faster; a
    ValueError for a zone the tz database does not know, as there."""
    zone = tzp.timezone(tzid)
    from_tzinfo = icalendar.Timezone.from_tzinfo
    if (not isinstance(zone, zoneinfo.ZoneInfo) or tuple(icalendar.Timezone._from_tzinfo_skip_search) != SKIP_SEARCH
            or not method_is(from_tzinfo.__func__, FROM_TZINFO_NAMES)):
        return icalendar.Timezone.from_tzid(tzid, first_date=first, last_date=last)
    end = dt.datetime(last.year, last.month, last.day) + ENDING_AFTER
    return from_tzinfo(_EndingZone(zone, end), tzid, first, last)
