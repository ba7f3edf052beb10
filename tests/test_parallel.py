"""Pages rendered on every core: the same results, in the same order, as in one process."""

from __future__ import annotations

import os

import pytest

from generator import parallel


def test_few_items_stay_in_this_process():
    assert parallel.map_pages(lambda index: (index, os.getpid()), 3) == [(i, os.getpid()) for i in range(3)]


@pytest.mark.skipif(parallel.workers() < 2, reason="one core: nothing to share")
def test_many_items_are_shared_between_workers_and_come_back_in_order():
    squares = {n: n * n for n in range(parallel.THRESHOLD * 2)}  # inherited by the forked workers
    found = parallel.map_pages(lambda index: (squares[index], os.getpid()), len(squares))
    assert [value for value, _ in found] == [n * n for n in range(len(squares))]
    assert len({pid for _, pid in found}) >= 2 and os.getpid() not in {pid for _, pid in found}
