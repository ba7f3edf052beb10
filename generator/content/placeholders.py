"""Placeholders: the values `deffinov new` writes for editors to replace, which `deffinov check` refuses.

A placeholder reads `[à compléter : what to write]`; it may stand for any value (a text, a date,
an identifier) and for the Markdown body, so that a half-filled file is never published.
"""

from __future__ import annotations

from .reading import texts

MARK = "[à compléter"


def placeholder(hint: str) -> str:
    """The placeholder of a value: `[à compléter : titre officiel de l'appel]`."""
    return f"{MARK} : {hint}]"


def may_hold(text: str) -> bool:
    """Whether a file's text may hold a placeholder: a cheap test before looking value by value."""
    return "compléter" in text or "COMPLÉTER" in text


def is_placeholder(value) -> bool:
    return isinstance(value, str) and value.lstrip().lower().startswith(MARK)


def locations(data) -> list[tuple]:
    """Where placeholders stand in parsed YAML data: [("title",), ("sources", 0, "publisher")]."""
    return [loc for loc, text in texts(data) if is_placeholder(text)]


def line_in(text: str) -> int | None:
    """The 1-based line of the first placeholder in a Markdown body, if any."""
    for number, line in enumerate(text.splitlines(), start=1):
        if MARK in line.lower():
            return number
    return None
