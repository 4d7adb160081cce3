"""The build's second process: a fork of the build (model/cores.py), made before the build
reads the content, that checks the content, writes the search payload and the data files while
MkDocs converts the Markdown, then completes each page in place once MkDocs has written it and
zips it (pages/lifecycle.py's steps).

What goes through its two pipes, as JSON lines:
  answers   first {"problems": [...]} as soon as the content is checked (the process ends there
            if there are any; if there are none, an empty file stands where each output will be,
            and the process writes the outputs while the build renders its pages);
            {"pages-done": true} once every page named is completed; {"failed": traceback} if
            anything goes wrong, before the process ends;
  inbox     ["page", src_uri, dest_uri] for each page once MkDocs has written it, then
            ["pages-done"]; at the end of the inbox the zip takes every other file of the site.

The build never waits to write to the inbox: what the pipe has no room for waits in the
build's memory (a few bytes a page) and goes with the next batch, while the process is still
writing the outputs.

Why a process and why a fork (measured, BENCHMARKS.md): completing 10,000 pages in the build's
own process cost it about 11 s, a thread zipping them about 4 s of hand-offs of the
interpreter lock; a fork made after the content was read copied every page of memory either
process wrote to (448 MB at 10,000); a fork made before shares only the code both run.
"""

from __future__ import annotations

import dataclasses
import json
import os
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from ..model.cores import forked, stop
from ..model.problems import Problem
from ..outputs.offline import ZIP_PATH, ZipWriter
from .completers import Completer
from .context import BuildContext
from .lifecycle import (
    checked,
    complete,
    encoded,
    keep_skeleton,
    placeholders,
    write_outputs,
    zip_writer,
)
from .plan import SitePlan

PAGES_DONE = "pages-done"
# Pages named in one write to the pipe: a write and a wake-up of the process per page cost the
# build about 0.5 s at 10,000 pages.
BATCH = 32


class SecondProcessCompleter(Completer):
    """The second process, seen from the build. A page is named to it once it is written, that
    is when the next page comes (or at pages_done), in batches."""

    def __init__(self, ctx: BuildContext):
        self.zip_target = ctx.site_dir / ZIP_PATH if ctx.offline_zip else None
        inbox, self.inbox = os.pipe()
        answers, answering = os.pipe()
        self.process = forked(run, ctx, inbox, answering, (self.inbox, answers))
        os.close(inbox)
        os.close(answering)
        os.set_blocking(self.inbox, False)
        self.answers = os.fdopen(answers, "rb")
        self._problems: list[Problem] | None = None
        self.pending: tuple[str, str] | None = None  # named, not written yet
        self.unsent = bytearray()
        self.batched = 0
        self.broken = False

    def _answer(self, doing: str) -> dict[str, Any]:
        if self.process is None:
            raise RuntimeError("the build's second process was stopped")
        line = self.answers.readline()
        answer = json.loads(line) if line else {}
        if not answer or "failed" in answer:
            raise self._failure(doing, answer.get("failed", ""))
        return answer

    def _failure(self, doing: str, error: str) -> RuntimeError:
        process = self.process
        self._close()
        return RuntimeError(
            f"the build's second process failed while {doing} "
            f"(exit code {process.exitcode if process else None}):\n{error[-4000:]}")

    def problems(self) -> list[Problem]:
        if self._problems is None:
            answer = self._answer("checking the content")
            self._problems = [Problem(**p) for p in answer["problems"]]
        return self._problems

    def page(self, src_uri: str, dest_uri: str, output: str) -> str:
        self._written()
        self.pending = (src_uri, dest_uri)
        if self.batched >= BATCH:
            self._send(wait=False)
        return output

    def _written(self) -> None:
        if self.pending is not None:
            self.unsent += (json.dumps(["page", *self.pending]) + "\n").encode()
            self.batched += 1
            self.pending = None

    def _send(self, wait: bool) -> None:
        """What waits to be sent, as much as the pipe takes (all of it if wait)."""
        self.batched = 0
        if self.broken or self.process is None:
            return
        os.set_blocking(self.inbox, wait)
        try:
            while self.unsent:
                del self.unsent[: os.write(self.inbox, self.unsent)]
        except BlockingIOError:
            pass  # the pipe is full: the rest goes with the next batch
        except BrokenPipeError:
            self.broken = True  # the process ended: its answer says why

    def pages_done(self) -> None:
        self._written()
        self.unsent += (json.dumps([PAGES_DONE]) + "\n").encode()
        self._send(wait=True)
        self._answer("completing the pages")

    def finish(self) -> Path | None:
        if self.process is None:
            raise RuntimeError("the build's second process was stopped")
        os.close(self.inbox)  # the end of the pages: the zip takes the rest of the site
        self.inbox = -1
        self.process.join()
        if self.process.exitcode != 0:
            if self.zip_target is not None:
                self.zip_target.unlink(missing_ok=True)
            self._answer("writing the offline zip")  # raises, with the process's error
        self._close()
        return self.zip_target

    def _close(self) -> None:
        stop(self.process)
        self.process = None
        if self.inbox >= 0:
            os.close(self.inbox)
            self.inbox = -1
        self.answers.close()

    def cancel(self) -> None:
        if self.process is not None:
            self._close()
        if self.zip_target is not None:
            self.zip_target.unlink(missing_ok=True)


# -- the second process itself ----------------------------------------------------------------

def run(ctx: BuildContext, inbox_fd: int, answers_fd: int, builds_ends: tuple[int, ...]) -> None:
    """The process's life; anything that goes wrong is answered before it ends."""
    for fd in builds_ends:  # the build's ends of the pipes: the inbox ends when the build's does
        os.close(fd)
    with os.fdopen(answers_fd, "w", encoding="utf-8") as answers, \
            os.fdopen(inbox_fd, "rb") as inbox:
        try:
            work(ctx, inbox, answers)
        except BaseException:
            say(answers, {"failed": traceback.format_exc()})
            raise SystemExit(1) from None


def say(answers: IO[str], answer: dict[str, Any]) -> None:
    # ASCII JSON on one line: any locale
    answers.write(json.dumps(answer) + "\n")
    answers.flush()


def work(ctx: BuildContext, inbox: Iterable[bytes], answers: IO[str]) -> None:
    problems, plan = checked(ctx)
    if plan is not None:
        placeholders(plan, ctx)
    # The verdict as soon as it is known: the build renders its pages while this process
    # writes the outputs (at 1,000 resources the build waited a second for them).
    say(answers, {"problems": [dataclasses.asdict(p) for p in problems]})
    if plan is not None:
        write_outputs(plan, ctx)
        complete_written(plan, ctx, inbox, answers, zip_writer(ctx))


def complete_written(plan: SitePlan, ctx: BuildContext, messages: Iterable[bytes],
                     answers: IO[str], writer: ZipWriter | None) -> None:
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
            say(answers, {PAGES_DONE: True})
    if writer is not None:
        writer.finish()
