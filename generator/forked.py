"""Work done by a forked child process on the second core while MkDocs goes on in this one.

`Forked(fn, *args).result()` is `fn(*args)`: computed in a child forked from this process (it
sees the same data without copying it) when that is safe, that is on a platform with fork and
with no other thread running (`mkdocs serve` runs threads: forking them can deadlock); else
computed right here, at once.
"""

from __future__ import annotations

import gc
import multiprocessing
import threading
import traceback
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _child(fn: Callable[..., Any], args: tuple[Any, ...], send: Any) -> None:
    try:
        send.send((True, fn(*args)))
    except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
        send.send((False, f"{type(error).__name__}: {error}\n{traceback.format_exc()}"))
    finally:
        send.close()


def can_fork() -> bool:
    return ("fork" in multiprocessing.get_all_start_methods()
            and threading.active_count() == 1)


class Forked(Generic[T]):
    def __init__(self, fn: Callable[..., T], *args: Any):
        self._value: tuple[bool, Any] | None = None
        self._process: Any = None
        if not can_fork():
            try:
                self._value = (True, fn(*args))
            except Exception as error:  # raised by result(), as from a child
                self._value = (False, f"{type(error).__name__}: {error}\n"
                                      f"{traceback.format_exc()}")
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(fn, args, send), daemon=True)
        # Objects alive now are left out of the garbage collector's passes, in the child: a
        # pass writes to every object it visits, which would copy the parent's whole heap
        # into the child page by page (Python's documentation of gc.freeze).
        gc.freeze()
        try:
            self._process.start()
        finally:
            gc.unfreeze()
        send.close()  # the child holds the sending end: EOF here if it dies

    def result(self) -> T:
        if self._value is None:
            try:
                self._value = self._receive.recv()
            except EOFError:
                self._value = (False, f"the child process died (exit code "
                                      f"{self._process.exitcode})")
            finally:
                self._receive.close()
                self._process.join()
                self._process = None  # it holds the arguments: let them go
        ok, value = self._value
        if not ok:
            raise RuntimeError(f"background work failed: {value}")
        return value

    def cancel(self) -> None:
        """Stop the child (the build failed elsewhere)."""
        if self._process is not None and self._value is None:
            self._process.terminate()
            self._process.join()
            self._receive.close()
            self._process = None
            self._value = (False, "cancelled")
