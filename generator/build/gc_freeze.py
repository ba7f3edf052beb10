"""Python's cycle collector during a large build.

The collector scans every live object each time enough new ones have appeared. A build makes
millions of objects that live until it ends (the model of 20,000 files, the planned pages), so
it scanned them again and again: a third of `deffinov check` at 20,000 resources, and more than
two seconds at exit. While they are made it is paused; once made they are frozen (left out of
every later scan, and of forked workers' memory, which scanning would copy page by page).

A frozen object no longer referenced is still freed at once, but a frozen cycle never is: no
scan sees it. So a process that builds again (`mkdocs serve`) freezes its first build only. Most
of it is what later builds reuse (the entries read, the compiled templates, the results the cache
layer keeps); what a rebuild makes is left to the collector, paused while a build runs and run
once it is done (`between_builds`), scanning only what the rebuilds made. Freezing each rebuild
kept the cycles of every past build (34 MiB a save at 5,000 resources, 52 at 20,000); unfreezing
them before a rebuild left them to a scan of everything, one to three seconds a save at 20,000.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import sys
from contextlib import contextmanager


@contextmanager
def kept_for_the_build(freeze: bool = True):
    """Make objects that live until the build ends: no scan while they are made, and, when
    `freeze` (a process's first build), none after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if paused:
            gc.enable()


def paused() -> None:
    """A build of `mkdocs serve` starts: no scan until it is done (`between_builds`). What the
    rebuilds made, not frozen, was otherwise scanned again and again while MkDocs rendered its
    pages: three full scans a save instead of one, a quarter of a second more at 20,000 resources."""
    gc.disable()


def between_builds() -> None:
    """A build of `mkdocs serve` done (or failed), once its page is shown
    (`OnDemandPages.when_idle`): one scan frees the cycles it and the last one let go, and the
    memory freed goes back to the system. Else the C library kept what was freed for later use: the
    preview's size rose and fell from one save to the next by about what a rebuild uses for a while
    (a hundred MiB at 5,000 resources). Only what the rebuilds made is scanned (see above): a
    seventh of a second at 20,000 resources, and about as much again to free what the last build let
    go."""
    gc.enable()
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def let_go() -> None:
    """A build has let go of what it had frozen (its site, once its pages are rendered): free it,
    cycles included, and give the memory back to the system before a large process starts."""
    gc.unfreeze()
    gc.collect()
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


# A function of the C library, looked up once: no result of a build (build/cache.py).
@functools.lru_cache(maxsize=None)
def _malloc_trim():
    """glibc's malloc_trim, which gives the free memory of its heaps back to the system; None on
    another system or C library."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_size_t]
    function.restype = ctypes.c_int
    return function


def in_worker() -> None:
    """In a forked worker: what it inherited is never scanned, what it makes is."""
    gc.freeze()
    gc.enable()
