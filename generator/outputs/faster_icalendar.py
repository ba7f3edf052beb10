"""The iCalendar library's line folding, the same lines in a fraction of the time.

The library folds each content line (RFC 5545, 3.1: at most 75 octets, continued after CRLF and
a space) one character at a time, encoding each to count its octets: a third of the cost of a
call's events, whose descriptions are long. `fold` gives the same text from the encoded line:
each piece is the longest run of whole characters of at most 74 octets, and, as the library does
(its issue 1501), a piece never ends on a backslash or a caret, which begin an escape.

Installed only over the function it was written against: if an upgrade of the library changes
it, the library's own is kept (the same text, only slower); the tests compare both.
"""

from __future__ import annotations

import icalendar.parser.content_line as content_line
from icalendar.parser import string as ical_string

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
