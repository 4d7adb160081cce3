"""Where the pages are completed: the Completers, chosen by the plugin's `completion` option,
run the steps of pages/lifecycle.py on each page MkDocs writes.

- SecondProcessCompleter (builds): a process of its own, on the second core, checks the
  content, writes the search payload and the data files while MkDocs converts the Markdown,
  then completes each page in place once MkDocs has written it;
- InProcessCompleter (tests, debugging): the same steps in the build's own process, each page
  completed before MkDocs writes it; KnownPlanCompleter (`mkdocs serve`'s incremental builds)
  with the plan made already.
Both give the same site, byte for byte (tests/test_lifecycle.py).

Why a second process (measured, BENCHMARKS.md): a forked child and its parent unshare every
page of the heap either writes to, so the two held nearly twice the build's memory; completing
10,000 pages in the build's own process cost it about 11 s; a thread zipping them cost it about
4 s of hand-offs of the interpreter lock.

The second process, as the build starts it:

    python -m virtual_centre.pages.completers BUILD_CONTEXT_JSON

and what goes through its pipes, as JSON lines:
  stdout  first the problems of the content, as soon as it is checked (the process ends there
          if there are any; if there are none, an empty file stands where each output will
          be, and the process writes the outputs while the build renders its pages);
  stdin   ["page", src_uri, dest_uri] for each page once MkDocs has written it, then
          ["pages-done"], answered on stdout by "pages-done" once every page named is
          completed; at the end of stdin the zip takes every other file of the site.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import queue
import subprocess
import sys
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from ..model.problems import Problem
from ..outputs.offline import ZIP_PATH, ZipWriter
from .context import BuildContext
from .lifecycle import (
    checked,
    complete,
    encoded,
    keep_skeleton,
    placeholders,
    prepare,
    write_outputs,
    zip_writer,
)
from .plan import SitePlan
from .spawn import module_process, stop

# -- the completers ---------------------------------------------------------------------------


class Completer(ABC):
    """Completes the pages of one build: problems(), then page() for each page MkDocs is
    about to write, pages_done(), finish() (or cancel() if the build fails)."""

    @abstractmethod
    def problems(self) -> list[Problem]:
        """The problems of the content (none: the data files are written)."""

    @abstractmethod
    def page(self, src_uri: str, dest_uri: str, output: str) -> str:
        """A page MkDocs is about to write: what it should write."""

    @abstractmethod
    def pages_done(self) -> None:
        """Every page is complete once this returns."""

    @abstractmethod
    def finish(self) -> Path | None:
        """The offline zip finished (every other file of the site in it); its path, if any."""

    @abstractmethod
    def cancel(self) -> None:
        """The build failed: stop, and leave no half-written zip."""


class InProcessCompleter(Completer):
    """Every step in the build's own process: each page completed before MkDocs writes it."""

    def __init__(self, ctx: BuildContext):
        self.ctx = ctx
        self._problems, self.plan = prepare(ctx)
        self.writer = zip_writer(ctx) if self.plan is not None else None

    def problems(self) -> list[Problem]:
        return self._problems

    def page(self, src_uri: str, dest_uri: str, output: str) -> str:
        if self.plan is None:
            return output
        keep_skeleton(self.ctx, dest_uri, encoded(output))
        done = complete(self.plan, src_uri, output)
        if self.writer is not None:
            self.writer.write(dest_uri, encoded(done))
        return done

    def pages_done(self) -> None:
        """Each page was completed as it came."""

    def finish(self) -> Path | None:
        return self.writer.finish() if self.writer is not None else None

    def cancel(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer.target.unlink(missing_ok=True)


PAGES_DONE = "pages-done"
# Pages named in one write to the pipe: a write and a wake-up of the process per page cost the
# build about 0.5 s at 10,000 pages.
BATCH = 32


class SecondProcessCompleter(Completer):
    """The second process, seen from the build. A page is named to it once it is written, that
    is when the next page comes (or at pages_done), in batches."""

    def __init__(self, ctx: BuildContext):
        self.zip_target = ctx.site_dir / ZIP_PATH if ctx.offline_zip else None
        # Its errors go to a file, not a pipe: a file never fills up and blocks the process.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish or cancel
        self.process: subprocess.Popen[str] | None = subprocess.Popen(
            **module_process(__name__, ctx.to_json()), stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=self.errors, text=True, encoding="utf-8")
        self._problems: list[Problem] | None = None
        self.pending: tuple[str, str] | None = None  # named, not written yet
        self.written: list[str] = []  # messages not sent yet
        self.broken = False

    def _running(self) -> subprocess.Popen[str]:
        if self.process is None:
            raise RuntimeError("the build's second process was stopped")
        return self.process

    def _failure(self, doing: str) -> RuntimeError:
        """The process ended or answered wrongly: why, from its errors."""
        process = self._running()
        stop(process)
        self.process = None
        self.errors.seek(0)
        error = self.errors.read().decode(errors="replace")
        self.errors.close()
        return RuntimeError(f"the build's second process failed while {doing} "
                            f"(exit code {process.returncode}):\n{error[-4000:]}")

    def problems(self) -> list[Problem]:
        if self._problems is None:
            line = self._running().stdout.readline()  # type: ignore[union-attr]
            if not line:
                raise self._failure("checking the content")
            self._problems = [Problem(**p) for p in json.loads(line)]
        return self._problems

    def page(self, src_uri: str, dest_uri: str, output: str) -> str:
        self._written()
        self.pending = (src_uri, dest_uri)
        if len(self.written) >= BATCH:
            self._send()
        return output

    def _written(self) -> None:
        if self.pending is not None:
            self.written.append(json.dumps(["page", *self.pending]) + "\n")
            self.pending = None

    def _send(self) -> None:
        messages, self.written = "".join(self.written), []
        if self.broken or not messages:
            return
        try:
            self._running().stdin.write(messages)  # type: ignore[union-attr]
            self._running().stdin.flush()  # type: ignore[union-attr]
        except BrokenPipeError:
            self.broken = True  # the process failed: pages_done() says why

    def pages_done(self) -> None:
        self._written()
        self.written.append(json.dumps([PAGES_DONE]) + "\n")
        self._send()
        answer = "" if self.broken else self._running().stdout.readline()  # type: ignore[union-attr]
        if answer.strip() != PAGES_DONE:
            raise self._failure("completing the pages")

    def finish(self) -> Path | None:
        process = self._running()
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()  # type: ignore[union-attr]
        if process.wait() != 0:
            if self.zip_target is not None:
                self.zip_target.unlink(missing_ok=True)
            raise self._failure("writing the offline zip")
        self.process = None
        self.errors.close()
        return self.zip_target

    def cancel(self) -> None:
        if self.process is not None:
            stop(self.process)
            self.process = None
            self.errors.close()
        if self.zip_target is not None:
            self.zip_target.unlink(missing_ok=True)


class KnownPlanCompleter(InProcessCompleter):
    """`mkdocs serve`'s incremental builds: the content is checked and the plan made already
    (mkdocs_adapter/serving.py), and the data files are written beside the build."""

    def __init__(self, ctx: BuildContext, plan: SitePlan):  # noqa: D107 - no prepare()
        self.ctx, self._problems, self.plan = ctx, [], plan
        self.writer = zip_writer(ctx)


COMPLETERS: dict[str, type[Completer]] = {
    "second-process": SecondProcessCompleter,
    "in-process": InProcessCompleter,
}


# -- the second process itself ----------------------------------------------------------------

def complete_written(plan: SitePlan, ctx: BuildContext, messages: Iterable[bytes],
                     answers: TextIO, writer: ZipWriter | None) -> None:
    """Complete each page named, in place where MkDocs wrote it, and zip it."""
    for line in messages:
        message = json.loads(line)
        if message[0] == "page":
            path = ctx.site_dir / message[2]
            written = path.read_bytes()
            keep_skeleton(ctx, message[2], written)
            done = encoded(complete(plan, message[1], written.decode("utf-8")))
            if done != written:
                path.write_bytes(done)
            if writer is not None:
                writer.write(message[2], done)
        elif message[0] == PAGES_DONE:
            answers.write(PAGES_DONE + "\n")
            answers.flush()
    if writer is not None:
        writer.finish()


def main(argv: list[str], messages: BinaryIO | None = None) -> int:
    ctx = BuildContext.from_json(argv[0])
    problems, plan = checked(ctx)
    if plan is not None:
        placeholders(plan, ctx)
    # The verdict as soon as it is known (ASCII JSON on one line: any locale): the build
    # renders its pages while this process writes the outputs (at 1,000 resources the build
    # waited a second for them).
    sys.stdout.write(json.dumps([dataclasses.asdict(p) for p in problems]) + "\n")
    sys.stdout.flush()
    if plan is not None:
        pages = drained(messages or sys.stdin.buffer)
        write_outputs(plan, ctx)
        complete_written(plan, ctx, pages, sys.stdout, zip_writer(ctx))
    return 0


def drained(stream: BinaryIO) -> Iterator[bytes]:
    """The lines of stream, read by a thread from the start: the build never waits for room
    in the pipe while this process writes the outputs."""
    lines: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()

    def pump() -> None:
        for line in stream:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    while (line := lines.get()) is not None:
        yield line


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
