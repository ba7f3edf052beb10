"""Python's cycle collector during a large build.

The collector scans every live object each time enough new ones have appeared. A build makes
millions of objects that live until it ends (the model of 20,000 files, the planned pages), so
it scanned them again and again: a third of `deffinov check` at 20,000 resources, and more than
two seconds at exit. While they are made it is paused; once made they are frozen (left out of
every later scan, and of forked workers' memory, which scanning would copy page by page).
Objects no longer referenced are still freed at once: only cycles wait for the next build.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager


@contextmanager
def kept_for_the_build():
    """Make objects that live until the build ends: no scan while they are made, none after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if paused:
            gc.enable()


def new_build() -> None:
    """Before another build in the same process (`mkdocs serve`): the last one's objects may go."""
    gc.unfreeze()


def in_worker() -> None:
    """In a forked worker: what it inherited is never scanned, what it makes is."""
    gc.freeze()
    gc.enable()
