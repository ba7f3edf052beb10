"""Render many pages on every core: the catalog's thousands of pages, in forked worker processes.

Rendering is pure Python (Jinja2, Python-Markdown), so threads would take turns on one core.
Forked workers inherit the checked site and the template environment as they are in memory
(nothing to pickle on the way in) and send back the rendered files. Small sites stay in one
process: starting workers costs more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterator, TypeVar

T = TypeVar("T")

THRESHOLD = 400  # items below which one process is faster
CHUNK = 100  # items a worker renders between two exchanges with the main process

_task: Callable[[int], object] | None = None


def _run(index: int):
    return _task(index)


def workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def map_pages(task: Callable[[int], T], count: int) -> list[T]:
    """`[task(0), …, task(count - 1)]`, computed on every core when there are many."""
    return list(each_page(task, count))


def each_page(task: Callable[[int], T], count: int) -> Iterator[T]:
    """`task(0)`, …, `task(count - 1)` in order, as they are done: on every core when there are many."""
    global _task
    cores = workers()
    if count < THRESHOLD or cores < 2 or "fork" not in multiprocessing.get_all_start_methods():
        yield from (task(index) for index in range(count))
        return
    _task = task
    try:
        with ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_run, range(count), chunksize=CHUNK)
    finally:
        _task = None
