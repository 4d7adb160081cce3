"""The build's second process, on the second core: it checks the content and writes the
search payload and the data files while MkDocs converts the Markdown, then completes and zips
every page MkDocs writes.

    python -m generator.worker CONTENT_DIR DISPLAY_ROOT SITE_DIR SITE_NAME SITE_URL [--zip]

What goes through the pipes, as JSON lines:
  stdout  first the problems of the content (the process ends there if there are any; if
          there are none, the payload and data files are written by then);
  stdin   ["page", src_uri, dest_uri] for each page once MkDocs has written it, then
          ["pages-done"], answered on stdout by "pages-done" once every page named is
          completed; at the end of stdin the zip takes every other file of the site.

Why a process of its own (BENCHMARKS.md, runs 6 and 7): a forked child and its parent unshare
every page of the heap either of them writes to, so the two held nearly twice the build's
memory; completing 10,000 pages (metadata panel, related, backlinks, matches) in the build's
own process cost it about 11 s; a thread zipping the pages cost it about 4 s of hand-offs of
the interpreter lock. Here the catalogue the checker built anyway completes the pages.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import dataclasses
import gc
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import BinaryIO, TextIO

from .checker import check_and_index
from .offline import ZIP_PATH, ZipWriter
from .problems import Problem
from .site import SEARCH_PAYLOAD, SitePlan
from .spawn import module_process, stop

PAGES_DONE = "pages-done"
# Pages named in one write to the pipe: a write and a wake-up of the process per page cost the
# build about 0.5 s at 10,000 pages.
BATCH = 32


class Worker:
    """The second process, seen from the build: problems(), then page() for each page
    written, pages_done(), finish()."""

    def __init__(self, content_dir: Path, display_root: Path, site_dir: Path,
                 site_name: str = "Virtual Centre", site_url: str = "",
                 offline_zip: bool = True):
        self.zip_target = site_dir / ZIP_PATH if offline_zip else None
        # Its errors go to a file, not a pipe: a file never fills up and blocks the process.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish or cancel
        args = [str(content_dir), str(display_root), str(site_dir), site_name, site_url]
        self.process: subprocess.Popen[str] | None = subprocess.Popen(
            **module_process(__name__, *args, *(["--zip"] if offline_zip else [])),
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, text=True,
            encoding="utf-8")
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
        """The problems of the content: waits until the process has checked it all."""
        if self._problems is None:
            line = self._running().stdout.readline()  # type: ignore[union-attr]
            if not line:
                raise self._failure("checking the content")
            self._problems = [Problem(**p) for p in json.loads(line)]
        return self._problems

    def page(self, src_uri: str, dest_uri: str) -> None:
        """A page MkDocs is about to write: named to the process once it is written, that is
        when the next page comes (or at pages_done), in batches."""
        self._written()
        self.pending = (src_uri, dest_uri)
        if len(self.written) >= BATCH:
            self._send()

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
        """Wait until every page named is completed (before anything else reads the site)."""
        self._written()
        self.written.append(json.dumps([PAGES_DONE]) + "\n")
        self._send()
        if self.broken or self._running().stdout.readline().strip() != PAGES_DONE:  # type: ignore[union-attr]
            raise self._failure("completing the pages")

    def finish(self) -> Path | None:
        """Wait for the zip to take every other file of the site; the zip, if one is made."""
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
        """The build failed: stop the process, leave no half-written zip."""
        if self.process is not None:
            stop(self.process)
            self.process = None
            self.errors.close()
        if self.zip_target is not None:
            self.zip_target.unlink(missing_ok=True)


def finish_page(plan: SitePlan, site_dir: Path, src_uri: str, dest_uri: str,
                writer: ZipWriter | None) -> None:
    """A page as MkDocs wrote it, completed in place and added to the zip."""
    path = site_dir / dest_uri
    written = path.read_bytes()
    # Encoded as MkDocs encodes pages.
    done = plan.finish_page(src_uri, written.decode("utf-8")).encode(
        "utf-8", errors="xmlcharrefreplace")
    if done != written:
        path.write_bytes(done)
    if writer is not None:
        writer.write(dest_uri, done)


def finish_pages(plan: SitePlan, site_dir: Path, messages: BinaryIO, answers: TextIO,
                 writer: ZipWriter | None) -> None:
    for line in messages:
        message = json.loads(line)
        if message[0] == "page":
            finish_page(plan, site_dir, message[1], message[2], writer)
        elif message[0] == PAGES_DONE:
            answers.write(PAGES_DONE + "\n")
            answers.flush()
    if writer is not None:
        writer.finish()


def write_data_files(plan: SitePlan, site_dir: Path, site_name: str, site_url: str) -> None:
    for uri, text in plan.data_files(site_name, site_url).items():
        target = site_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def give_back_free_memory() -> None:
    """Hand the pages the C heap holds free back to the system (glibc's malloc_trim; nothing
    elsewhere). The search payload's and the data files' temporaries leave ~45 MB of them at
    10,000 resources, which the process would otherwise keep while it completes the pages."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError, TypeError):
        ctypes.CDLL(ctypes.util.find_library("c")).malloc_trim(0)


def main(argv: list[str]) -> int:
    content_dir, display_root, site_dir = (Path(a) for a in argv[:3])
    site_name, site_url = argv[3:5]
    problems, catalogue = check_and_index(content_dir, display_root, site_dir / SEARCH_PAYLOAD)
    give_back_free_memory()  # the payload's temporaries
    plan = SitePlan(catalogue) if catalogue is not None else None
    if plan is not None:
        write_data_files(plan, site_dir, site_name, site_url)
        give_back_free_memory()  # the data files' temporaries
    # ASCII JSON on one line: any locale.
    sys.stdout.write(json.dumps([dataclasses.asdict(p) for p in problems]) + "\n")
    sys.stdout.flush()
    if plan is None:
        return 0
    writer = ZipWriter(site_dir) if "--zip" in argv[5:] else None
    finish_pages(plan, site_dir, sys.stdin.buffer, sys.stdout, writer)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
