"""A running `mkdocs serve --dirty` over a copy of a content folder, driven as an editor drives
it: save a file, then ask the server over HTTP until the page shows the change. Used by
tests/test_serve.py and benchmarks/serve_bench.py.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What the livereload server adds to every HTML page it serves.
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)
READY = "virtual-centre: pages ready"  # `serve --dirty` only
# The server's line after every build it serves. Not MkDocs' "Documentation built in …": its
# DuplicateFilter drops that line when two builds in a row take the same hundredths of a
# second, and a benchmark counting it waited for ever.
BUILT = "Reloading browsers"
DATA_WRITTEN = "virtual-centre: search payload and data files written"
FULL = "virtual-centre: full build"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    """`mkdocs serve --dirty` of content_dir (with the project's mkdocs.yml) on a free port."""

    def __init__(self, project: Path, content: Path, epoch: int = 1764700000,
                 dirty: bool = True) -> None:
        self.project = project
        project.mkdir(parents=True, exist_ok=True)
        if content != project / "content":
            shutil.copytree(content, project / "content")
        self.content = project / "content"
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        if not (project / "node_modules").exists():
            (project / "node_modules").symlink_to(ROOT / "node_modules")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "SITE_URL": self.url,
                    "NO_MKDOCS_2_WARNING": "1"}
        self.log = project / "serve.log"
        args = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            [*args, *(["--dirty"] if dirty else [])], cwd=project, env=self.env,
            stdout=subprocess.DEVNULL, stderr=self.log.open("wb"))

    def started(self, timeout: float = 600) -> None:
        """Until the first build is done and the server watches the files (an edit saved
        before it watches goes unnoticed)."""
        self.wait_for("Serving on", 1, timeout)

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def count(self, line: str) -> int:
        return self.log_text().count(line)

    def wait_for(self, line: str, times: int, timeout: float = 600) -> None:
        """Until the log holds the line that many times (the server's own record)."""
        end = time.monotonic() + timeout
        while self.count(line) < times:
            if self.process.poll() is not None or time.monotonic() > end:
                raise RuntimeError(f"no {line!r} #{times}:\n{self.log_text()[-3000:]}")
            time.sleep(0.02)

    def get(self, path: str) -> bytes | None:
        """A file as the server serves it (HTML without the livereload script); None: 404."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=120) as response:
                return LIVERELOAD.sub(b"", response.read())
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            raise

    def poll_until(self, path: str, holds: bytes, present: bool = True,
                   timeout: float = 600) -> float:
        """Ask for path until it holds (or no longer holds) the bytes: the seconds it took."""
        start = time.monotonic()
        while True:
            body = self.get(path) or b""
            if (holds in body) == present:
                return time.monotonic() - start
            if time.monotonic() - start > timeout or self.process.poll() is not None:
                raise RuntimeError(f"{path} never {'held' if present else 'lost'} {holds!r}")
            time.sleep(0.01)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> Served:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def edit_title(path: Path, new_title: str) -> None:
    """The file's title replaced (the line `title: ...` of its front matter), as an editor
    saves it: written in place."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.startswith("title:"):
            lines[n] = f"title: {new_title}"
            break
    path.write_text("\n".join(lines), encoding="utf-8")


def full_build(project: Path, site: Path, env: dict[str, str]) -> None:
    """The same content built from nothing by `mkdocs build` (what the served site must equal)."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                   cwd=project, env=env, check=True)
