"""Pages rendered on every core: the same results, in the same order, as in one process."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from generator.build import workers


def test_few_items_stay_in_this_process():
    assert workers.map_pages(lambda index: (index, os.getpid()), 3) == [(i, os.getpid()) for i in range(3)]


@pytest.mark.skipif(workers.workers() < 2, reason="one core: nothing to share")
def test_many_items_are_shared_between_workers_and_come_back_in_order():
    squares = {n: n * n for n in range(workers.THRESHOLD * 2)}  # inherited by the forked workers
    # The first items of the first two chunks meet at a barrier: they can only pass it if two
    # workers run at once. (Counting the workers that happened to take a chunk failed under load,
    # when one worker was quick enough to take them all.)
    meeting = multiprocessing.get_context("fork").Barrier(2, timeout=30)

    def task(index):
        if index in (0, workers.CHUNK):
            meeting.wait()
        return squares[index], os.getpid()

    found = workers.map_pages(task, len(squares))
    assert [value for value, _ in found] == [n * n for n in range(len(squares))]
    assert found[0][1] != found[workers.CHUNK][1] and os.getpid() not in {pid for _, pid in found}
