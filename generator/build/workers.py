"""Render many pages on every core: the catalog's thousands of pages, in forked worker processes.

Rendering is pure Python (Jinja2, Python-Markdown), so threads would take turns on one core.
Forked workers inherit the checked site and the template environment as they are in memory
(nothing to pickle on the way in) and send back the rendered files. Small sites stay in one
process: starting workers costs more than it saves.

`Ahead` goes further: its workers start at once and render in the background while the main
process goes on with other work (MkDocs renders on one core), and leave their results on disk
until they are asked for, so that thousands of pages never sit in memory.

Workers end with the process that made them, however it ends (stopping.py): stopped with it
on Ctrl-C or SIGTERM, killed by the kernel if it is killed; their files' folder is named after
it, for the next start to remove if it could not.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import shutil
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Callable, Generic, Iterator, TypeVar

from . import gc_freeze, stopping
from ..content.entries import keep_derived

T = TypeVar("T")

THRESHOLD = 400  # items below which one process is faster
CHUNK = 100  # items a worker renders between two exchanges with the main process

_task: Callable[[int], object] | None = None


def _run(index: int):
    return _task(index)


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _shared(count: int) -> bool:
    """Whether `count` items are worth forked workers here."""
    return count >= THRESHOLD and workers() >= 2 and "fork" in multiprocessing.get_all_start_methods()


def _pool(task: Callable[[int], object]) -> ProcessPoolExecutor:
    """Workers forked at their first task: they see `task` as it is (a closure need not pickle).
    They are forked by the thread that submits (Python's fork pool launches them all at the
    first submission), which waits for them: they die with it (stopping.die_with)."""
    return ProcessPoolExecutor(max_workers=workers(), mp_context=multiprocessing.get_context("fork"),
                               initializer=_set_task, initargs=(task, os.getpid()))


def map_pages(task: Callable[[int], T], count: int) -> list[T]:
    """`[task(0), …, task(count - 1)]`, computed on every core when there are many."""
    if not _shared(count):
        return [task(index) for index in range(count)]
    with _pool(task) as pool:
        return list(pool.map(_run, range(count), chunksize=CHUNK))


def _set_task(task: Callable[[int], object], parent: int) -> None:
    """A worker's start."""
    global _task
    stopping.die_with(parent)
    _task = task
    gc_freeze.in_worker()
    keep_derived(False)


def _spool(start: int, stop: int, folder: str) -> str:
    """Compute `task(start)` … `task(stop - 1)` and leave them in a file: its path goes back."""
    path = Path(folder) / f"{start}.pickle"
    path.write_bytes(pickle.dumps([_task(index) for index in range(start, stop)], pickle.HIGHEST_PROTOCOL))
    return str(path)


class Ahead(Generic[T]):
    """`task(0)`, …, `task(count - 1)` computed in the background by forked workers from now on;
    iterating gives them in order, waiting for those not done yet. Results must pickle."""

    def __init__(self, task: Callable[[int], T], count: int):
        self.task, self.count = task, count
        self.pool: ProcessPoolExecutor | None = None
        self.folder: str | None = None
        self.chunks: list[Future] = []
        if not _shared(count):
            return  # computed on demand, in this process
        self.folder = str(stopping.temporary_folder("pages"))
        # Forked at once (the first submission), the workers leave their results in files, so
        # that neither process holds them all at once.
        self.pool = _pool(task)
        self.chunks = [self.pool.submit(_spool, start, min(start + CHUNK, count), self.folder)
                       for start in range(0, count, CHUNK)]

    def __iter__(self) -> Iterator[T]:
        if self.folder is None:
            yield from (self.task(index) for index in range(self.count))
            return
        try:
            for chunk in self.chunks:
                path = Path(chunk.result())
                items = pickle.loads(path.read_bytes())
                path.unlink()
                yield from items
        finally:
            self.close()

    @property
    def by_workers(self) -> bool:
        """Whether the results are computed by workers (else here, as they are iterated)."""
        return bool(self.chunks)

    def rendered(self) -> bool:
        """Whether every result is computed (and waits on disk, or is computed on demand here)."""
        return all(chunk.done() for chunk in self.chunks)

    def release(self) -> None:
        """Let the workers go once all is `rendered`: their memory is free for other work, while
        their results are still given in order."""
        if self.pool is not None and self.rendered():
            self.pool.shutdown(wait=True)
            self.pool = None

    def close(self) -> None:
        """Stop the workers (work not started is dropped) and remove what they left."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
