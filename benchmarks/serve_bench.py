"""Edit-to-reload in `mkdocs serve`: the seconds from saving a file to the server serving the
new page (a real HTTP client asking for the page until it holds the new title), for
`mkdocs serve --dirty` (make serve: incremental) beside plain `mkdocs serve` (a full build per
save), and when the search payload also holds the new title.

    python benchmarks/serve_bench.py --n 2000 [--edits 5] [--no-plain]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from virtual_centre.catalogue.directory import start_of_today  # noqa: E402
from virtual_centre.outputs import search_files  # noqa: E402

from benchmarks.served import BUILT, DATA_WRITTEN, Served, edit_title  # noqa: E402
from benchmarks.synthetic import generate  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# One resource of each kind an editor edits: an organisation named by many, a listing (its
# matches), a technology.
EDITED = ["organisations/synthetic-00001", "offers/synthetic-00002",
          "technologies/synthetic-00003", "pilot-cases/synthetic-00004",
          "demands/synthetic-00005"]


def measure(n: int, edits: int, dirty: bool, work: Path) -> dict[str, list[float]]:
    project = work / ("dirty" if dirty else "plain")
    content = project / "content"
    shutil.copytree(ROOT / "content", content)
    generate(content, n)
    figures: dict[str, list[float]] = {"first": [], "page": [], "naming": [], "search": []}
    start = time.monotonic()
    with Served(project, content, epoch=start_of_today(), dirty=dirty) as served:
        served.started(timeout=1800)
        figures["first"].append(time.monotonic() - start)
        for i in range(edits):
            rid = EDITED[i % len(EDITED)]
            title = f"Edited title number {i} of the benchmark".encode()
            builds, data = served.count(BUILT), served.count(DATA_WRITTEN)
            saved = time.monotonic()
            edit_title(content / f"{rid}.md", title.decode())
            served.poll_until(f"{rid}.html", title)
            figures["page"].append(time.monotonic() - saved)
            if naming := referrer(content, rid):
                served.poll_until(naming, title)
                figures["naming"].append(time.monotonic() - saved)
            served.poll_until(search_chunk(served, rid), title)
            figures["search"].append(time.monotonic() - saved)
            # The build and the data files of this edit are done before the next one.
            served.wait_for(BUILT, builds + 1)
            if dirty:
                served.wait_for(DATA_WRITTEN, data + 1)
    return figures


def search_chunk(served: Served, rid: str) -> str:
    """The file of the catalogue search that holds rid's result card (its title)."""
    folder = search_files.SEARCH_DIR
    manifest = search_files.read_script((served.get(f"{folder}/index.js") or b"").decode())[1]
    for chunk in range(-(-manifest["docs"] // manifest["chunk"])):
        path = f"{folder}/d-{chunk}.js"
        if any(doc[0] == rid for doc in
               search_files.read_script((served.get(path) or b"").decode())[1]):
            return path
    raise RuntimeError(f"{rid} is in no card of the search")


def referrer(content: Path, rid: str) -> str | None:
    """The page of a resource that names rid in its fields (it shows rid's title)."""
    for path in sorted(content.glob("*/synthetic-*.md")):
        text = path.read_text(encoding="utf-8")
        if f"- {rid}\n" in text or f": {rid}\n" in text:
            return path.relative_to(content).with_suffix(".html").as_posix()
    return None


def line(name: str, values: list[float]) -> str:
    return (f"{name}: median {statistics.median(values):.2f} s, "
            f"max {max(values):.2f} s ({len(values)} edits)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--no-plain", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for dirty in (True, False) if not args.no_plain else (True,):
            figures = measure(args.n, args.edits if dirty else 2, dirty, Path(tmp))
            kind = "mkdocs serve --dirty (incremental)" if dirty else "mkdocs serve (full)"
            print(f"## {args.n} resources, {kind}", flush=True)
            print(f"first build and serving: {figures['first'][0]:.1f} s")
            print(line("edited page served", figures["page"]))
            print(line("a page naming it", figures["naming"]))
            print(line("search payload", figures["search"]), flush=True)


if __name__ == "__main__":
    main()
