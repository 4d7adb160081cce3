"""Validation and the catalogue search payload, in a process of their own.

    python -m generator.checker CONTENT_DIR DISPLAY_ROOT PAYLOAD

reads the content again (with the line of every field), validates it and, if it holds no
problem, writes the search payload to PAYLOAD; it prints the problems as JSON. The plugin
starts it before it loads the content itself, so the checking runs on the second core while
MkDocs converts the Markdown, and waits for it before any page is written.

A process of its own rather than a fork of the build: a forked child and its parent unshare
every page of the heap either of them writes to, so the two together held nearly twice the
build's memory (BENCHMARKS.md, run 6). Here each file is checked as it is read; what is kept of
it is what the catalogue needs (its fields, and the lines of its references and of its place);
the bodies are read again for the index once the number of words it takes of each is known.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

from . import geo, search
from .catalogue import Catalogue
from .content import SourceFile, body_of, iter_resource_files, load_source
from .problems import Problem
from .spawn import module_process, stop
from .validate import (
    cross_file_problems,
    file_problems,
    iter_refs,
    place_problems,
    place_to_find,
)

PLACE = ("location", "city")


def slim(source: SourceFile) -> SourceFile:
    """What the later checks and the search index need of a checked file."""
    kept = [path for path, _, _ in iter_refs(source)] + [PLACE]
    return dataclasses.replace(source, body="", problems=[],
                               lines={path: source.line_of(path) for path in kept})


def check_and_index(content_dir: Path, display_root: Path, payload: Path) -> list[Problem]:
    """Every problem of the content, as validate() finds them; the payload if there is none."""
    problems: list[Problem] = []
    sources: list[SourceFile] = []
    for file in iter_resource_files(content_dir):
        source = load_source(content_dir, file, display_root)
        problems += file_problems(source)
        sources.append(slim(source))
    problems += cross_file_problems(sources)
    geo.prepare(place[0] for source in sources
                if source.category in ("offers", "demands")
                and (place := place_to_find(source.meta)))
    for source in sources:
        problems += place_problems(source)
    if problems:
        return sorted(set(problems))
    catalogue = Catalogue.from_sources(sources)
    sources.clear()  # the catalogue has what the index needs
    # The bodies are read again: only now is it known how many words of each the index takes.
    words = search.body_words(len(catalogue))
    bodies = {r.id: search.index_text(body_of(content_dir / r.src_uri), words)
              for r in catalogue.by_id.values()}
    search.write_script(search.build(catalogue, bodies), payload)
    return []


class Checker:
    """check_and_index() in a process of its own: started at once, its problems when asked."""

    def __init__(self, content_dir: Path, display_root: Path, payload: Path):
        self.process: subprocess.Popen[str] | None = subprocess.Popen(
            **module_process(__name__, str(content_dir), str(display_root), str(payload)),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
        self._problems: list[Problem] | None = None

    def problems(self) -> list[Problem]:
        if self._problems is None:
            if self.process is None:
                raise RuntimeError("the checker was cancelled")
            out, err = self.process.communicate()
            code, self.process = self.process.returncode, None
            if code != 0:
                raise RuntimeError(f"the checker failed (exit code {code}):\n{err[-4000:]}")
            self._problems = [Problem(**p) for p in json.loads(out)]
        return self._problems

    def cancel(self) -> None:
        """Stop the checker (the build failed elsewhere)."""
        stop(self.process)
        self.process = None


def main(argv: list[str]) -> int:
    content_dir, display_root, payload = (Path(a) for a in argv)
    problems = check_and_index(content_dir, display_root, payload)
    json.dump([dataclasses.asdict(p) for p in problems], sys.stdout)  # ASCII: any locale
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
