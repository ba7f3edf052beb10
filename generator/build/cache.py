"""What `mkdocs serve` keeps from one build to the next: results found again by their inputs.

The content of a file that was not saved again is the very same object at the next build
(content/loading.py reads only changed files), so a result computed from the same objects and
equal plain values (the day, the site's address, the templates' dates) is still right. Each
build keeps what it used; what the next one does not use is dropped.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, TypeVar

T = TypeVar("T")
PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time)


def _same(a, b) -> bool:
    if a is b:
        return True
    kind = type(a)
    if kind is not type(b):
        return False
    if kind is tuple:
        return len(a) == len(b) and all(x is y or _same(x, y) for x, y in zip(a, b))
    return isinstance(a, PLAIN) and a == b


def _key(value):
    kind = type(value)
    if kind is tuple:
        return tuple(_key(item) for item in value)
    if kind in _PLAIN_TYPES or isinstance(value, PLAIN):
        return value
    return id(value)  # kept alive by the memo with its result: an id is not reused meanwhile


_PLAIN_TYPES = set(PLAIN)


class Memo:
    """Results of the last builds, by name and inputs (objects compared by identity, plain values
    and tuples of them by equality), under the settings of the build (see `next_build`)."""

    active = True

    def __init__(self):
        self.current: dict = {}
        self.previous: dict = {}
        self.settings: tuple = ()

    def get(self, name: str, inputs: tuple, compute: Callable[[], T]) -> T:
        key = (name, _key(inputs))
        found = self.current.get(key) or self.previous.get(key)
        if found is not None and _same(found[0], inputs):
            self.current[key] = found
            return found[1]
        value = compute()
        self.current[key] = (inputs, value)
        return value

    def of(self, name: str, item: object, compute: Callable[[], T]) -> T:
        """`get(name, (item,), compute)` for one object, found by identity alone: the quick way for
        thousands of rows."""
        key = (name, id(item))
        found = self.current.get(key) or self.previous.get(key)
        if found is not None and found[0] is item:
            self.current[key] = found
            return found[1]
        value = compute()
        self.current[key] = (item, value)
        return value

    def next_build(self, settings: tuple) -> None:
        """A build starts, with `settings` every result depends on (the site's address, the
        templates' dates…); results the last build did not use are dropped after this one, and
        all of them when the settings changed."""
        self.previous = self.current if settings == self.settings else {}
        self.current, self.settings = {}, settings


class NoMemo:
    """A one-off build: computes everything, keeps nothing."""

    active = False

    def get(self, name: str, inputs: tuple, compute: Callable[[], T]) -> T:
        return compute()

    def of(self, name: str, item: object, compute: Callable[[], T]) -> T:
        return compute()

    def next_build(self, settings: tuple) -> None:
        pass
