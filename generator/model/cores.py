"""Work spread over the machine's cores: slices of a list handed to forked processes, which
share the parent's memory (nothing is pickled but each slice's bounds and its results)."""

from __future__ import annotations

import math
import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

_WORK: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any]] | None = None


def _slice(bounds: tuple[int, int]) -> list[Any]:
    assert _WORK is not None
    work, items = _WORK
    return work(items[bounds[0]:bounds[1]])


def on_every_core(work: Callable[[Sequence[Any]], list[Any]], items: Sequence[Any],
                  workers: int | None = None) -> list[Any]:
    """work(items), computed as work of one slice per core, the results in order; in this
    process where there is one core or no fork."""
    global _WORK
    workers = workers or os.cpu_count() or 1
    if workers < 2 or len(items) < 2 or "fork" not in mp.get_all_start_methods():
        return work(items)
    step = math.ceil(len(items) / workers)
    slices = [(n, n + step) for n in range(0, len(items), step)]
    _WORK = (work, items)
    try:
        with ProcessPoolExecutor(len(slices), mp_context=mp.get_context("fork")) as pool:
            return [out for part in pool.map(_slice, slices) for out in part]
    finally:
        _WORK = None
