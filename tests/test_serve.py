"""`mkdocs serve --dirty` (make serve), as an editor meets it: a running server, files saved,
pages asked for over HTTP. After every edit the served site is compared, file by file, with
what `mkdocs build` makes of the same content from nothing."""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import pytest
import yaml
from virtual_centre.catalogue.directory import start_of_today
from virtual_centre.outputs import search_files

from benchmarks.served import DATA_WRITTEN, FULL, READY, Served, edit_title, full_build
from benchmarks.synthetic import generate

pytestmark = pytest.mark.slow

CONTENT = Path(__file__).resolve().parent.parent / "content"
# Pages whose bytes may differ: the offline zip (served builds write none); Material's search
# index (compared as a set of entries: the served one is merged, not in page order).
NOT_COMPARED = {"download/virtual-centre-offline.zip", "search/search_index.json",
                "search/search_index.js"}


def compare_with_full_build(served: Served, site: Path) -> None:
    if site.exists():
        shutil.rmtree(site)
    full_build(served.project, site, served.env)
    differ = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        rel = path.relative_to(site).as_posix()
        if rel in NOT_COMPARED:
            continue
        if served.get(rel) != path.read_bytes():
            differ.append(rel)
    assert not differ, f"served differs from a full build in {len(differ)} files: {differ[:10]}"
    entries = json.loads(served.get("search/search_index.json") or b"{}")
    expected = json.loads((site / "search/search_index.json").read_bytes())

    def key(e: dict) -> str:
        return json.dumps(e, sort_keys=True)

    assert sorted(map(key, entries["docs"])) == sorted(map(key, expected["docs"]))


def searched_titles(served: Served) -> set[str]:
    """The titles of the served catalogue search's result cards."""
    folder = search_files.SEARCH_DIR
    manifest = search_files.read_script((served.get(f"{folder}/index.js") or b"").decode())[1]
    titles = set()
    for chunk in range(-(-manifest["docs"] // manifest["chunk"])):
        script = (served.get(f"{folder}/d-{chunk}.js") or b"").decode()
        titles |= {doc[1] for doc in search_files.read_script(script)[1]}
    return titles


def front(path: Path) -> tuple[dict, str]:
    _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
    return yaml.safe_load(head), body


def save(path: Path, meta: dict, body: str) -> None:
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{text}---\n{body}", encoding="utf-8")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    project = tmp_path_factory.mktemp("served")
    content = project / "content"
    shutil.copytree(CONTENT, content)
    generate(content, 120)
    with Served(project, content, epoch=start_of_today()) as server:
        server.started()
        yield server


class Builds:
    """Counts the server's builds, so each step waits for its own."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.n = served.count(READY)
        self.data = served.count(DATA_WRITTEN)

    def wait(self, full: bool = False) -> None:
        self.n += 1
        self.served.wait_for(READY, self.n)
        if not full:
            self.data += 1
            self.served.wait_for(DATA_WRITTEN, self.data)


def test_edits_show_everywhere_and_equal_a_full_build(served: Served, tmp_path: Path):
    builds, site = Builds(served), tmp_path / "full"
    content = served.content
    full_builds = served.count(FULL)

    # An organisation renamed: its page, its category's list, the pages naming it, search.
    org = content / "organisations/synthetic-00000.md"
    edit_title(org, "Renamed Cluster Zeta")
    builds.wait()
    page = served.get("organisations/synthetic-00000.html") or b""
    assert b"Renamed Cluster Zeta" in page
    assert b"Renamed Cluster Zeta" in (served.get("organisations/index.html") or b"")
    naming = [p for p in content.glob("*/*.md") if "synthetic-00000" in p.read_text()
              and p != org and "organisations:" in p.read_text()]
    assert naming
    linked = naming[0].relative_to(content).with_suffix(".html").as_posix()
    assert b"Renamed Cluster Zeta" in (served.get(linked) or b"")
    assert "Renamed Cluster Zeta" in searched_titles(served)
    compare_with_full_build(served, site)

    # A body edited; a listing's material and place changed (its matches, the term pages).
    tech = content / "technologies/synthetic-00003.md"
    meta, body = front(tech)
    save(tech, meta, body + "\nA sentence added by the editor about carding.\n")
    offer = content / "offers/synthetic-00001.md"
    meta, body = front(offer)
    meta["materials"] = ["wool"]
    if "composition" in meta:
        meta["composition"] = [{"fibre": "wool", "percent": 100}]
    save(offer, meta, body)
    builds.wait()
    assert b"about carding" in (served.get("technologies/synthetic-00003.html") or b"")
    compare_with_full_build(served, site)

    # A resource added, another made a draft (its page leaves the site).
    added = content / "technologies/an-added-technology.md"
    meta, body = front(tech)
    meta["title"] = "An added technology for carding"
    save(added, meta, body)
    draft = content / "training/synthetic-00002.md"
    meta, body = front(draft)
    meta["draft"] = True
    save(draft, meta, body)
    builds.wait()
    assert b"An added technology" in (served.get("technologies/index.html") or b"")
    assert served.get("training/synthetic-00002.html") is None
    compare_with_full_build(served, site)
    assert served.count(FULL) == full_builds  # all of these were incremental

    # A resource removed, another renamed: full builds, said in the log.
    gone = content / "research/synthetic-00004.md"
    title = front(gone)[0]["title"].encode()
    gone.unlink()
    builds.wait(full=True)
    assert served.count(FULL) == full_builds + 1
    assert served.get("research/synthetic-00004.html") is None
    assert title not in (served.get("research/index.html") or b"")
    moved = content / "research/synthetic-00005.md"
    moved_title = front(moved)[0]["title"].encode()
    moved.rename(content / "research/moved-here.md")
    builds.wait(full=True)
    assert served.get("research/synthetic-00005.html") is None
    assert moved_title in (served.get("research/moved-here.html") or b"")
    compare_with_full_build(served, site)


def test_a_problem_keeps_the_site_and_its_fix_is_incremental(served: Served):
    builds = Builds(served)
    full_builds = served.count(FULL)
    tech = served.content / "technologies/synthetic-00006.md"
    meta, body = front(tech)
    meta["trl"] = 12  # outside 1-9
    failures = served.count("problem(s) in the content")
    save(tech, meta, body)
    served.wait_for("problem(s) in the content", failures + 1)
    assert "technologies/synthetic-00006.md" in served.log_text().rsplit("Building", 1)[1]
    meta["trl"] = 5
    meta["title"] = "Fixed technology"
    save(tech, meta, body)
    builds.wait()
    assert b"Fixed technology" in (served.get("technologies/synthetic-00006.html") or b"")
    assert served.count(FULL) == full_builds


def test_saves_are_seen_at_once_and_nothing_else_builds(served: Served):
    """The server is told of a save by the system (inotify), not by polling every half
    second; a file written beside mkdocs.yml (the server's own log here) starts no build."""
    assert "virtual-centre: saves are seen by the system's notification" in served.log_text()
    detected = served.count("Detected file changes")
    (served.project / "notes.txt").write_text("written beside mkdocs.yml\n")
    time.sleep(1.5)
    assert served.count("Detected file changes") == detected
    tech = served.content / "technologies/synthetic-00007.md"
    edit_title(tech, "Seen at once")
    served.wait_for("Detected file changes", detected + 1)
    served.poll_until("technologies/synthetic-00007.html", b"Seen at once")
