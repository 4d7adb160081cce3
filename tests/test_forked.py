"""Work in a forked child process: the same result as in-process, failures reported."""

from __future__ import annotations

import os
import threading
import time

import pytest

from generator.forked import Forked, can_fork


def pid_and_sum(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def fails() -> None:
    raise ValueError("bad input")


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_the_work_runs_in_another_process_and_returns_its_result():
    pid, total = Forked(pid_and_sum, list(range(100_000))).result()
    assert total == sum(range(100_000)) and pid != os.getpid()


def test_a_failure_in_the_child_is_raised_in_the_parent():
    work = Forked(fails)
    with pytest.raises(RuntimeError, match="ValueError: bad input"):
        work.result()


def test_with_other_threads_running_the_work_is_done_in_process():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        pid, total = Forked(pid_and_sum, [1, 2, 3]).result()
    finally:
        stop.set()
        thread.join()
    assert (pid, total) == (os.getpid(), 6)


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_a_cancelled_child_is_stopped():
    work = Forked(time.sleep, 30)
    process = work._process
    work.cancel()
    assert not process.is_alive()
    with pytest.raises(RuntimeError):
        work.result()
