"""The one way the package does work beside the build: a forked copy of the process.

A fork starts at once (no interpreter to start, nothing to import again) and shares the
parent's memory until either writes to it, so what it is handed is never pickled: the build's
second process (pages/second_process.py), `mkdocs serve`'s refresher of the data files
(mkdocs_adapter/serving.py) and the slices of a long list worked on every core (on_every_core)
are all forks. Where the system cannot fork, the work is done in the process itself.
"""

from __future__ import annotations

import gc
import math
import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess
from typing import Any

_WORK: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any]] | None = None


def can_fork() -> bool:
    return "fork" in mp.get_all_start_methods()


def forked(target: Callable[..., Any], *args: Any) -> BaseProcess:
    """target(*args) in a forked copy of this process, started. The objects made so far are
    frozen out of the garbage collector first (gc.freeze): its passes would otherwise write to
    every one of them and copy the pages the two processes share; whoever forks unfreezes
    them when its work ends (the plugin, at the end of each build)."""
    gc.freeze()
    process = mp.get_context("fork").Process(target=target, args=args)
    process.start()
    return process


def stop(process: BaseProcess | None) -> None:
    """Kill a forked process, if it still runs, and wait for it (no zombie left)."""
    if process is not None:
        if process.is_alive():
            process.kill()
        process.join()


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
    if workers < 2 or len(items) < 2 or not can_fork():
        return work(items)
    step = math.ceil(len(items) / workers)
    slices = [(n, n + step) for n in range(0, len(items), step)]
    _WORK = (work, items)
    try:
        with ProcessPoolExecutor(len(slices), mp_context=mp.get_context("fork")) as pool:
            return [out for part in pool.map(_slice, slices) for out in part]
    finally:
        _WORK = None
