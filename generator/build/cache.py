"""The one cache layer: what `mkdocs serve` keeps from one build to the next, and when it is kept.

The rule. A result made by one build is used again by a later one only if every input it was
made from is the same, "the same" being, for each kind of input:

- a file (a content file, a template): the same stamp (mtime, ctime, size, inode), taken more
  than RECENT_NS after the file was last written (`settled`). A file written moments ago may be
  written again within the same tick of the file system's clock, leaving the same stamp (git's
  "racily clean" files): for a content file, what was made from it is kept with the digest of
  the text it was made from, and used again only if the file still has that text (as git
  compares a racily clean file's content); a template's folder is compiled again;
- an object a build loaded (an entry, a provider): the very same object. Loading (`files`) hands
  a build the object of the previous one only for a file unchanged by the rule above, so
  identity means "same content";
- a plain value (the day, a status, a name) or a tuple of them: equality.

The build's settings (site address, URL style, publisher, the templates' stamps) are inputs of
every result: when they change, or a template is too recent to be trusted, nothing is kept.

Each call site declares its inputs (`get(name, inputs, compute)`; an output its `reads`): what it
does not declare, it must not read. Verify mode (`Memo(verify=True)`, or DEFFINOV_VERIFY_CACHE=1
in the environment of `mkdocs serve`) checks that: every result found again is made again and
compared (a mismatch names the call site), outputs render from a view of the site that refuses
what they did not declare (pipeline.py), and after each build a clean build from scratch must give
the same bytes (pipeline.render).

Not reuse between builds, so not here: a few helpers keep a result with the site object they are
given (`SiteModel.derived`: the views of calls and resources, the pages' changes), the catalog
index its `_last`, the plugin its `_updated` for the files of its build; each build loads a new
site object, so they never serve a previous build's result. Two stores outside this layer
reuse results between builds, both by the second rule above (an entry is the same object only
while its file is unchanged): a call's entry keeps what is worked out from it alone, its
schedule and its events in a time zone (`CallEntry.derived`, asked for by functions that have no
layer at hand); outputs/catalog_index.py keeps each resource's folded search words by the
identity of its entry and provider, for the same reason. Module-level
`functools` caches are pure functions of their arguments (French dates, addresses, labels, the
time zone database, data files of the package), each says so where it is declared.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from dataclasses import fields
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
PLAIN = (str, int, float, bool, type(None), dt.date, dt.datetime, dt.time)

# A file written less than this before its stamp is taken may be written again within the same
# tick of the file system's clock, unseen (two seconds covers FAT and network shares).
RECENT_NS = 2_000_000_000

VERIFY_ENV = "DEFFINOV_VERIFY_CACHE"  # "1": `mkdocs serve` checks each rebuild against a clean one


def stamp(path: str | Path) -> tuple | None:
    """What changes when a file is written, replaced or touched: (mtime, ctime, size, inode);
    None for a file that is not there."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


def settled(found: tuple | None, taken_ns: int) -> bool:
    """Whether a stamp taken at `taken_ns` can be trusted to change at the file's next write: the
    file was last written more than RECENT_NS before. (Its mtime, not its ctime: setting a file's
    date back, as tests and some tools do, renews its ctime, and the stamp still holds the ctime.)"""
    return found is not None and found[0] < taken_ns - RECENT_NS


class Unsettled:
    """Stands for a stamp too recent to be trusted: equal to nothing else, so that what depends on
    it is never found again."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "Unsettled()"


def folder_stamp(folder: Path) -> tuple:
    """Every file of a folder (templates) with its stamp; an `Unsettled()` among them when one was
    written too recently to be trusted."""
    files = tuple(sorted((str(path), stamp(path)) for path in folder.rglob("*") if path.is_file()))
    now = time.time_ns()
    if all(settled(found, now) for _, found in files):
        return files
    return files + (Unsettled(),)


def text_digest(text: str) -> bytes:
    """What tells two texts apart, in 16 bytes (a file read again is compared by it)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class StaleResult(AssertionError):
    """Verify mode: a result found again differs from the same computation made now."""


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


def equal_results(a, b) -> bool:
    """Whether two results are the same bytes: a page rendered when asked for (a bulk page, a later
    one) is rendered to be compared (its dataclass equality leaves the renderer out)."""
    if isinstance(a, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(equal_results(x, y) for x, y in zip(a, b))
    if callable(getattr(a, "render", None)) and callable(getattr(b, "render", None)):
        return all(getattr(a, f.name) == getattr(b, f.name) for f in fields(a) if f.compare) and a.content == b.content
    return a == b


class Memo:
    """Results of the last build, by name and inputs (objects compared by identity, plain values
    and tuples of them by equality), under the settings of the build (see `next_build`); what the
    content files gave (`files`) and the templates' environment (`templates`), by stamp."""

    active = True

    def __init__(self, verify: bool = False):
        self.verify = verify
        self.current: dict = {}
        self.previous: dict = {}
        self.settings: tuple = ()
        self._open = False  # a build started (next_build) and not done
        self._made: list | None = None  # keys of the results the result being computed is made from
        self._files: dict[str, tuple[tuple, object, bytes | None]] = {}  # path -> (stamp, result, digest if unsettled)
        self._templates: dict[str, tuple[tuple, object]] = {}

    @classmethod
    def for_preview(cls) -> "Memo":
        """The layer of `mkdocs serve`: in verify mode when the environment asks for it."""
        return cls(verify=os.environ.get(VERIFY_ENV, "") not in ("", "0"))

    def get(self, name: str, inputs: tuple, compute: Callable[[], T]) -> T:
        return self._result((name, _key(inputs)), name, inputs, lambda kept: _same(kept, inputs), compute)

    def named(self, name: str, inputs: tuple, compute: Callable[[], T]) -> T:
        """`get` for a result a build makes once (a page, an output's files): found by its name
        alone, then its inputs compared, without working out a key from thousands of them."""
        return self._result((name,), name, inputs, lambda kept: _same(kept, inputs), compute)

    def of(self, name: str, item: object, compute: Callable[[], T]) -> T:
        """`get(name, (item,), compute)` for one object, found by identity alone: the quick way for
        thousands of rows."""
        return self._result((name, id(item)), name, item, lambda kept: kept is item, compute)

    def carry(self, name: str) -> None:
        """Keep the last build's result of `named(name, …)`, and those it was made from, for a
        later `named` call, made when something asks for it (a file of an output rendered on
        request): its rows are then found again, as if this build had asked for them."""
        found = self.current.get((name,)) or self.previous.get((name,))
        if found is not None:
            self._keep((name,), found)

    def _result(self, key: tuple, name: str, inputs, matches: Callable[[object], bool], compute: Callable[[], T]) -> T:
        """The result kept under `key` if its inputs `matches`, else `compute()`, kept with the keys
        of the results it was made from (its rows, say)."""
        found = self.current.get(key) or self.previous.get(key)
        if found is not None and matches(found[0]):
            self._keep(key, found)
            return self._checked(name, found[1], compute)
        # The last build's result under this key is outdated: let go of it now, not when the next
        # build starts (a table of the open data, made again when requested, is tens of MiB).
        self.previous.pop(key, None)
        outer, self._made = self._made, []
        try:
            value = compute()
        finally:
            made, self._made = self._made, outer
        self.current[key] = (inputs, value, made)
        if outer is not None:
            outer.append(key)
        return value

    def _keep(self, key: tuple, found: tuple) -> None:
        """A result found again is used by this build, and so are those it was made from: a call's
        calendars kept while a resource is saved keep each event's text for the next call saved."""
        self.current[key] = found
        if self._made is not None:
            self._made.append(key)
        inner = list(found[2])
        while inner:
            child = inner.pop()
            if child not in self.current and (entry := self.previous.get(child)) is not None:
                self.current[child] = entry
                inner.extend(entry[2])

    def _checked(self, name: str, kept: T, compute: Callable[[], T]) -> T:
        """A result found again; in verify mode, made again and compared: a call site that reads
        something it does not declare among its inputs is caught as soon as that thing changes."""
        if not self.verify:
            return kept
        outer, self._made = self._made, None  # a check, not a use: nothing to keep
        try:
            fresh = compute()
        finally:
            self._made = outer
        if not equal_results(kept, fresh):
            raise StaleResult(f"cache : le résultat gardé de « {name} » diffère du même calcul refait "
                              f"maintenant ; ce calcul lit quelque chose qu'il ne déclare pas dans ses entrées.\n"
                              f"gardé : {_short(kept)}\nrefait : {_short(fresh)}")
        return kept

    def next_build(self, settings: tuple) -> None:
        """A build starts, with `settings` every result depends on (the site's address, the
        templates' stamps…); results of the last build it does not use are dropped when the next
        one starts (`done`), and all of them now when the settings changed (an `Unsettled()` among
        them is never equal). A build that failed (invalid content) before it was done drops nothing: the
        build that follows its fix may use what the last good one made."""
        if settings != self.settings:
            self.previous = {}
        elif self._open:
            self.previous = {**self.previous, **self.current}
        else:
            self.previous = self.current
        self.current, self.settings, self._open = {}, settings, True

    def done(self) -> None:
        """The build has rendered what it renders at once. The results of the last build it did not
        use stay until the next build starts (`next_build`): a page or file rendered when requested
        (a preview's catalog page, its open data) is made after this, from the last results it finds,
        and what it uses of them is kept (a template saved: every result is held twice meanwhile)."""
        self._open = False

    def files(self, paths: list[str], read: Callable[[list[int]], Iterable[tuple[T, bytes | None]]],
              digest_of: Callable[[str], bytes | None]) -> list[T]:
        """What each file of `paths` gives: kept from the last build for a file whose stamp did not
        change, else `read(numbers)` for those to read (their numbers in `paths`), each result with
        the `text_digest` of the text it was made from (None if the file was not read as text).

        A result is kept for the next build while its file is asked for. With a stamp too recent to
        be trusted (`settled`), a save just made, it is kept with its digest: the next build uses it
        only if `digest_of(path)` (the same digest, of the file as it is then) still matches. The
        build after a save then reads that one file again, not every result made from it."""
        started = time.time_ns()
        stamps = [stamp(path) for path in paths]
        results: list = [None] * len(paths)
        stale = []
        for number, (path, found) in enumerate(zip(paths, stamps)):
            known = self._files.get(path)
            if known is None or found is None or known[0] != found:
                stale.append(number)
            elif known[2] is None:
                results[number] = known[1]
            elif digest_of(path) == known[2]:  # racily clean: the text decides
                results[number] = known[1]
                if settled(found, started):  # read after the stamp was taken: trusted from now on
                    self._files[path] = (found, known[1], None)
            else:
                stale.append(number)
        fresh = list(read(stale))
        taken = time.time_ns()  # after reading: a file written while it was read is not trusted
        for number, (result, digest) in zip(stale, fresh):
            results[number] = result
            if settled(stamps[number], taken):
                self._files[paths[number]] = (stamps[number], result, None)
            elif digest is not None:
                self._files[paths[number]] = (stamps[number], result, digest)
            else:
                self._files.pop(paths[number], None)
        asked = set(paths)
        for path in [path for path in self._files if path not in asked]:
            del self._files[path]  # files gone, or of another project
        return results

    def templates(self, folder: Path, make: Callable[[Path], T]) -> T:
        """The environment of a templates folder, the same one while no template changes: compiling
        every template again took a tenth of a rebuild. Its templates are compiled on first use and
        never reloaded (auto_reload is off), so it is kept only for settled stamps."""
        state = folder_stamp(folder)
        known = self._templates.get(str(folder))
        if known is not None and known[0] == state:
            return known[1]
        made = make(folder)
        self._templates[str(folder)] = (state, made)
        return made


class NoMemo:
    """A one-off build: computes everything, keeps nothing."""

    active = False
    verify = False

    def get(self, name: str, inputs: tuple, compute: Callable[[], T]) -> T:
        return compute()

    def named(self, name: str, inputs: tuple, compute: Callable[[], T]) -> T:
        return compute()

    def carry(self, name: str) -> None:
        pass

    def of(self, name: str, item: object, compute: Callable[[], T]) -> T:
        return compute()

    def next_build(self, settings: tuple) -> None:
        pass

    def done(self) -> None:
        pass

    def files(self, paths: list[str], read: Callable[[list[int]], Iterable[tuple[T, bytes | None]]],
              digest_of: Callable[[str], bytes | None]) -> list[T]:
        return [result for result, _ in read(list(range(len(paths))))]

    def templates(self, folder: Path, make: Callable[[Path], T]) -> T:
        return make(folder)


def _short(value, limit: int = 300) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"
