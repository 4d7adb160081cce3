"""The offline edition: the whole built site as one zip, to unzip and open from disk.

Pages are compressed while the site is being built, by a process of its own (on the second
core): the adapter names each page once MkDocs has written it, through a pipe, and the process
reads it from disk. A thread of the build did it before, and cost the build about 4 s at
10,000 resources (each page handed over woke the thread, which took the interpreter lock back
from MkDocs; BENCHMARKS.md, run 6). Whatever
else the build wrote is added at the end, in sorted order. Entries are dated from
SOURCE_DATE_EPOCH (or 1980-01-01) and come in build order, so two builds of the same commit
give the same bytes.

    python -m generator.offline SITE_DIR     (the zipping process: page paths on stdin, as JSON)
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import BinaryIO

from .spawn import module_process, stop

ZIP_PATH = "download/virtual-centre-offline.zip"
FOLDER = "virtual-centre"  # what the zip unpacks into
# Comments, analytics and feedback need the network: the theme marks them, the zip drops them.
ONLINE_ONLY = re.compile(rb"<!-- vc:online-only -->.*?<!-- /vc:online-only -->"
                         rb'|<form class="md-feedback".*?</form>', re.S)
COMPRESS_LEVEL = 6  # level 9 took twice as long for a zip 1 % smaller (make bench)
# Files this large (search indexes, open data) are written after the pages, when nothing else
# is left to do: the fastest level keeps the build from waiting on them.
LARGE, LARGE_LEVEL = 4_000_000, 1


def _stamp() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return (1980, 1, 1, 0, 0, 0)
    t = dt.datetime.fromtimestamp(max(int(epoch), 315532800), dt.timezone.utc)
    return (t.year, t.month, t.day, t.hour, t.minute, t.second)


class ZipWriter:
    """The zip itself: pages as they come, then every other file of the site."""

    def __init__(self, site_dir: Path):
        self.site_dir = site_dir
        self.target = site_dir / ZIP_PATH
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self.stamp = _stamp()
        self.added: set[str] = set()
        self.zip = zipfile.ZipFile(self.target, "w", compression=zipfile.ZIP_DEFLATED,
                                   compresslevel=COMPRESS_LEVEL)

    def write(self, path: str, data: bytes) -> None:
        self.added.add(path)
        info = zipfile.ZipInfo(f"{FOLDER}/{path}", self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        if path.endswith(".html"):
            data = ONLINE_ONLY.sub(b"", data)
        level = LARGE_LEVEL if len(data) > LARGE else COMPRESS_LEVEL
        self.zip.writestr(info, data, compresslevel=level)

    def finish(self) -> Path:
        """Add every file not written yet, close the zip."""
        try:
            for path in sorted(p for p in self.site_dir.rglob("*") if p.is_file()):
                rel = path.relative_to(self.site_dir).as_posix()
                if path != self.target and rel not in self.added:
                    self.write(rel, path.read_bytes())
        finally:
            self.zip.close()
        return self.target


def _read_paths(stream: BinaryIO, writer: ZipWriter) -> None:
    for line in stream:
        path = json.loads(line)
        writer.write(path, (writer.site_dir / path).read_bytes())


class OfflineZip:
    """The zip of a site being built, by the zipping process: written(page) during the build,
    finish() after it."""

    def __init__(self, site_dir: Path):
        self.target = site_dir / ZIP_PATH
        # The process's errors go to a file, not a pipe: a file never fills up and blocks it.
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed by finish or discard
        self.process: subprocess.Popen[bytes] | None = subprocess.Popen(
            **module_process(__name__, str(site_dir)), stdin=subprocess.PIPE, stderr=self.errors)
        self.broken = False
        self.pending: str | None = None

    def add(self, path: str) -> None:
        """A page of the site, by its path under the site folder, as MkDocs is about to write
        it: named to the process once it is written, that is when the next page comes (or at
        finish)."""
        self._send(self.pending)
        self.pending = path

    def _send(self, path: str | None) -> None:
        if path is None or self.process is None or self.broken:
            return
        try:
            self.process.stdin.write(json.dumps(path).encode() + b"\n")  # type: ignore[union-attr]
            self.process.stdin.flush()  # type: ignore[union-attr]
        except BrokenPipeError:
            self.broken = True  # the process failed: finish() says why

    def finish(self) -> Path:
        """Wait for the zipping process to add every other file and close the zip."""
        assert self.process is not None
        self._send(self.pending)
        process, self.process = self.process, None
        with contextlib.suppress(BrokenPipeError):
            process.stdin.close()  # type: ignore[union-attr]
        code = process.wait()
        self.errors.seek(0)
        error = self.errors.read().decode(errors="replace")
        self.errors.close()
        if code != 0:
            with contextlib.suppress(OSError):
                self.target.unlink(missing_ok=True)
            raise RuntimeError(f"the offline zip failed (exit code {code}):\n{error[-4000:]}")
        return self.target

    def discard(self) -> None:
        """The build failed: stop the zipping process, leave no half-written zip."""
        if self.process is not None:
            stop(self.process)
            self.process = None
            self.errors.close()
        self.target.unlink(missing_ok=True)


def write_zip(site_dir: Path) -> Path:
    """The zip of a site already built."""
    return ZipWriter(site_dir).finish()


def main(site_dir: str) -> int:
    writer = ZipWriter(Path(site_dir))
    _read_paths(sys.stdin.buffer, writer)
    writer.finish()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
