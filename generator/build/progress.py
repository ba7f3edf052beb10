"""The progress of a long build, in French: pages read and written, of how many, by kind; the search index.

On a terminal it is one line rewritten in place; in a log (CI) it is a plain line every tenth of
the way. A small site shows nothing: its build is over before a line would help. Everything goes
through the logger MkDocs configures, so `mkdocs build -q` silences it. Plain Python: the
plugin tells it what happens, step by step.
"""

from __future__ import annotations

import logging
import shutil
import sys
import time
from collections import Counter

from ..content.loading import CALLS_DIR, PROGRAMME_FILE, PROVIDERS_DIR, REGION_FILE, RESOURCES_DIR

SHOWN_FROM = 500  # generated pages: a smaller build takes seconds and prints nothing more than before
REFRESH = 0.1  # seconds between two redraws of the terminal line
STEPS = 10  # plain lines per build in a log: one every tenth of the pages read and written

GROUPS = ("appels", "ressources", "lieux", "régions", "listes", "éditoriales")
_FOLDER_KINDS = {CALLS_DIR: "appels", RESOURCES_DIR: "ressources", PROVIDERS_DIR: "lieux"}


def kind_of(source: str | None, generated: bool) -> str:
    """What a page shows, from the content file it comes from: an editorial page, a list (from
    many files), or one call, resource, provider or region."""
    if not generated:
        return "éditoriales"
    if source is None:
        return "listes"
    # Plain string splits: this runs for each of tens of thousands of pages at every build.
    folder, _, name = source.rpartition("/")
    if name == REGION_FILE:
        return "régions"
    if name == PROGRAMME_FILE:
        return "éditoriales"  # the programme page, written from its data file
    return _FOLDER_KINDS.get(folder.rpartition("/")[2], "listes")


def number(value: int) -> str:
    return f"{value:,}".replace(",", " ")


class BuildProgress:
    """One build, step by step: content checked, pages prepared, read (Markdown to HTML), written
    (into the theme), search index."""

    def __init__(self, log: logging.Logger, *, stream=None, terminal: bool | None = None, clock=time.monotonic):
        self.log = log
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty() if terminal is None else terminal
        self.clock = clock
        self.times = {"start": clock()}
        self.shown = False
        self.kind: dict[str, str] = {}  # page uri -> kind
        self.totals: Counter = Counter()
        self.total = 0
        self.done = {"read": Counter(), "written": Counter()}
        self.last_draw = 0.0
        self.next_step = 1
        self.line_drawn = False
        self._clearer: _ClearLine | None = None

    # What the plugin reports ----------------------------------------------------------------

    def checked(self, generated_pages: int) -> None:
        """The content is read and checked; the generator is about to render its pages."""
        self._mark("checked")
        self.shown = generated_pages >= SHOWN_FROM and self.log.isEnabledFor(logging.INFO)
        if self.shown and self.terminal:
            self._clearer = _ClearLine(self)
            for handler in logging.getLogger("mkdocs").handlers:
                handler.addFilter(self._clearer)
        if self.shown:
            self._show(f"Contenu vérifié en {self._since('start', 'checked')} ; préparation de "
                       f"{number(generated_pages)} pages…", force=True)

    def planned(self, kinds: dict[str, str]) -> None:
        """Every page MkDocs will build, by its uri, with its kind."""
        self.kind = kinds
        self.totals = Counter(kinds.values())
        self.total = len(kinds)

    def read(self, uri: str) -> None:
        self._count("read", uri)

    def written(self, uri: str) -> None:
        self._count("written", uri)

    def search_started(self, pages: int | None = None) -> None:
        self._mark("search")
        if self.shown:
            count = self.total if pages is None else pages
            self._show(f"Index de recherche (Pagefind) : indexation de {number(count)} pages…", force=True)

    def search_done(self) -> None:
        self._mark("search_done")

    def finish(self) -> None:
        """One line saying what was built and how long each step took; the terminal line is cleared."""
        if self.shown:
            self._clear()
            steps = [
                ("contenu vérifié", "start", "checked"), ("pages préparées", "checked", "read"),
                ("lues", "read", "read_end"), ("écrites", "written", "written_end"),
                ("index de recherche", "search", "search_done"),
            ]
            parts = [f"{name} en {self._since(begin, end)}" for name, begin, end in steps
                     if begin in self.times and end in self.times]
            self.log.info("Site construit : %s pages (%s) ; %s.", number(self.total), self._by_kind(None), ", ".join(parts))
        self.stop()

    def stop(self) -> None:
        """Clear the terminal line and stop listening to other messages (end of build, or its failure)."""
        self._clear()
        self.kind = {}  # what a preview builds afterwards, when requested, is not counted
        if self._clearer:
            for handler in logging.getLogger("mkdocs").handlers:
                handler.removeFilter(self._clearer)
            self._clearer = None

    # Counting and drawing ----------------------------------------------------------------------

    def _count(self, phase: str, uri: str) -> None:
        kind = self.kind.get(uri)
        if kind is None:
            return
        self._mark(phase)
        done = self.done[phase]
        done[kind] += 1
        count = sum(done.values())
        if count == self.total:
            self._mark(f"{phase}_end")
        if not self.shown:
            return
        label = "Lecture des pages" if phase == "read" else "Écriture des pages"
        line = f"{label} : {number(count)} / {number(self.total)} ({self._by_kind(done)})"
        if self.terminal:
            # A narrow terminal gets the kind being done only: a wrapped line cannot be redrawn.
            short = f"{label} : {number(count)} / {number(self.total)} ({kind} {number(done[kind])}/{number(self.totals[kind])})"
            self._show(line, short, force=count == self.total)
            return
        # In a log: one line each time another tenth of all the work (reading and writing) is done.
        progress = (sum(self.done["read"].values()) + sum(self.done["written"].values())) / (2 * self.total)
        if progress * STEPS >= self.next_step:
            while progress * STEPS >= self.next_step:
                self.next_step += 1
            self.log.info("%s", line)

    def _by_kind(self, done: Counter | None) -> str:
        kinds = [kind for kind in GROUPS if self.totals[kind]]
        if done is None:
            return ", ".join(f"{kind} {number(self.totals[kind])}" for kind in kinds)
        return ", ".join(f"{kind} {number(done[kind])}/{number(self.totals[kind])}" for kind in kinds)

    def _show(self, line: str, short: str = "", force: bool = False) -> None:
        if not self.terminal:
            self.log.info("%s", line)
            return
        now = self.clock()
        if not force and now - self.last_draw < REFRESH:
            return
        self.last_draw = now
        width = shutil.get_terminal_size((100, 20)).columns - 1
        if len(line) > width:
            line = short if short and len(short) <= width else (short or line)[: width - 1] + "…"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self.line_drawn = True

    def _clear(self) -> None:
        if self.line_drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.line_drawn = False

    def _mark(self, event: str) -> None:
        if event not in self.times:
            self.times[event] = self.clock()

    def _since(self, begin: str, end: str) -> str:
        return f"{self.times[end] - self.times[begin]:.1f} s".replace(".", ",")


class _ClearLine(logging.Filter):
    """Clears the progress line before any other message, so that it starts on a line of its own."""

    def __init__(self, progress: BuildProgress):
        super().__init__()
        self.progress = progress

    def filter(self, record):
        self.progress._clear()
        return True
