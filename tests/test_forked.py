"""Work in a forked child process: the same result as in-process, failures reported."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

import pytest

from generator import forked
from generator.forked import Forked


def pid_and_sum(numbers: list[int]) -> tuple[int, int]:
    return os.getpid(), sum(numbers)


def fails() -> None:
    raise ValueError("bad input")


@pytest.fixture
def fork(monkeypatch):
    """Fork even if the test session runs threads (servers of other tests): the work here
    takes no lock."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    monkeypatch.setattr(forked, "can_fork", lambda: True)


def test_the_work_runs_in_another_process_and_returns_its_result(fork):
    pid, total = Forked(pid_and_sum, list(range(100_000))).result()
    assert total == sum(range(100_000)) and pid != os.getpid()


def test_a_failure_in_the_child_is_raised_in_the_parent(fork):
    work = Forked(fails)
    with pytest.raises(RuntimeError, match="ValueError: bad input"):
        work.result()


def test_a_failure_in_process_is_raised_the_same_way(monkeypatch):
    monkeypatch.setattr(forked, "can_fork", lambda: False)
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


def test_a_cancelled_child_is_stopped(fork):
    work = Forked(time.sleep, 30)
    process = work._process
    work.cancel()
    assert not process.is_alive()
    with pytest.raises(RuntimeError):
        work.result()
