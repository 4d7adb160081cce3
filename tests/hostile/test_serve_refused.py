"""`mkdocs serve --dirty` (make serve) meets a file the content check refuses: the build says
what is wrong and the server runs on; once the file is gone (or fixed), the next build
leaves the whole site, every data file present and current, as `mkdocs build` makes it."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from virtual_centre.catalogue.directory import start_of_today

from benchmarks.served import DATA_WRITTEN, FULL, READY, Served

from ..test_serve import compare_with_full_build, front, save
from . import HERE

pytestmark = pytest.mark.slow

CONTENT = Path(__file__).resolve().parent.parent.parent / "content"
# A small content folder that checks clean: the site's pages, organisations and listings.
FOLDERS = ("organisations", "offers", "demands")
LEFT_OUT = "demands/chemnitz-nonwovens-feedstock.md"  # names a technology left out
REBUILT, FAILED = "Reloading browsers", "An error happened during the rebuild"
BROKEN_FRONT_MATTER = "---\ntitle: [an unclosed list\nsummary: broken\n---\nA body.\n"
# A file the gate refuses; a resource whose front matter does not parse; a title with a bell.
REFUSED = {
    "offers/page.html": (HERE / "refused/offers/page.html").read_text(encoding="utf-8"),
    "offers/broken-front-matter.md": BROKEN_FRONT_MATTER,
    "offers/control-title.md": (HERE / "refused/pilot-cases/control-title.md")
    .read_text(encoding="utf-8"),
}


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Served]:
    """A server of its own for each test: a test that fails leaves the next one nothing."""
    project = tmp_path / "preview"
    content = project / "content"
    content.mkdir(parents=True)
    for name in ("index.md", "about.md"):
        shutil.copy(CONTENT / name, content / name)
    for folder in FOLDERS:
        shutil.copytree(CONTENT / folder, content / folder)
    (content / LEFT_OUT).unlink()
    with Served(project, content, epoch=start_of_today()) as server:
        server.started(timeout=120)
        yield server


class Rebuild:
    """The next build of the server, waited for (with its data files) and its log read."""

    def __init__(self, served: Served) -> None:
        self.served = served
        self.ended = self.ends()
        self.data = served.count(DATA_WRITTEN)

    def ends(self) -> int:
        return self.served.count(REBUILT) + self.served.count(FAILED)

    def wait(self, timeout: float = 120) -> str:
        """The log of the build that ended (the data files written, if it succeeded)."""
        end = time.monotonic() + timeout
        while self.ends() <= self.ended:
            if time.monotonic() > end or self.served.process.poll() is not None:
                raise RuntimeError(f"no build ended:\n{self.served.log_text()[-3000:]}")
            time.sleep(0.02)
        text = self.served.log_text()
        build = text.rsplit("Building documentation", 1)[1]
        if FAILED not in build and FULL not in build:  # an incremental build writes them after
            while self.served.count(DATA_WRITTEN) <= self.data:
                if time.monotonic() > end:
                    raise RuntimeError(f"no data files written:\n{text[-3000:]}")
                time.sleep(0.02)
        self.ended, self.data = self.ends(), self.served.count(DATA_WRITTEN)
        return build


def refused(served: Served, rebuild: Rebuild, src_uri: str, text: str) -> Path:
    """The file saved: the build fails and names it; the server runs on (MkDocs' server holds
    every request until a build succeeds again)."""
    path = served.content / src_uri
    path.write_text(text, encoding="utf-8")
    build = rebuild.wait()
    # MkDocs logs each of its own messages once a serve (the count of problems among them).
    assert FAILED in build and f"ERROR   -  content/{src_uri}:" in build, build[-3000:]
    assert served.process.poll() is None
    return path


def succeeded(served: Served, rebuild: Rebuild, site: Path) -> str:
    """The next build succeeds and leaves the site a full build makes."""
    build = rebuild.wait()
    assert FAILED not in build and "Traceback" not in build, build[-3000:]
    assert READY in build
    compare_with_full_build(served, site)
    return build


@pytest.mark.parametrize("src_uri", list(REFUSED))
def test_a_refused_file_removed_leaves_the_site_whole(preview: Served, tmp_path: Path,
                                                      src_uri: str):
    rebuild = Rebuild(preview)
    path = refused(preview, rebuild, src_uri, REFUSED[src_uri])
    path.unlink()
    succeeded(preview, rebuild, tmp_path / "full")
    assert preview.get(src_uri) is None
    assert preview.get(src_uri.removesuffix(".md") + ".html") is None


# (One refused file is enough here: test_a_refused_file_removed_leaves_the_site_whole has both.)
@pytest.mark.parametrize("src_uri", ["offers/control-title.md"])
def test_a_refused_file_edited_valid_is_published(preview: Served, tmp_path: Path,
                                                  src_uri: str):
    rebuild = Rebuild(preview)
    path = refused(preview, rebuild, src_uri, REFUSED[src_uri])
    meta, body = front(preview.content / "offers/lodz-knit-cuttings.md")
    # An offer in a country no listing is in: a data file the site had not (its alert feed).
    meta["title"], meta["location"] = f"Fixed {path.stem}", {"country": "FR", "city": "Paris"}
    save(path, meta, body)
    build = succeeded(preview, rebuild, tmp_path / "full")
    assert FULL not in build  # compared with the last good build
    title = f"Fixed {path.stem}".encode()
    assert title in (preview.get(src_uri.removesuffix(".md") + ".html") or b"")
    assert title in (preview.get("offers/index.html") or b"")
    assert title in (preview.get("feeds/offers-country-fr.rss.xml") or b"")
    path.unlink()
    succeeded(preview, rebuild, tmp_path / "full")


def test_a_resource_deleted_and_restored_while_a_file_is_refused(preview: Served,
                                                                  tmp_path: Path):
    rebuild = Rebuild(preview)
    first = preview.content / "offers/budapest-mixed-textiles.md"
    first.unlink()
    succeeded(preview, rebuild, tmp_path / "full")
    assert preview.get("offers/budapest-mixed-textiles.html") is None
    broken = refused(preview, rebuild, "offers/broken-front-matter.md", BROKEN_FRONT_MATTER)
    second = preview.content / "offers/chemnitz-aramid-cuttings.md"
    text = second.read_text(encoding="utf-8")
    second.unlink()  # a full build, which the refused file fails
    build = rebuild.wait()
    assert FAILED in build and FULL in build
    second.write_text(text, encoding="utf-8")  # back, while the refused file is still there
    assert FAILED in rebuild.wait()
    broken.unlink()
    succeeded(preview, rebuild, tmp_path / "full")
    title = front(second)[0]["title"].encode()
    assert title in (preview.get("offers/chemnitz-aramid-cuttings.html") or b"")
    assert title in (preview.get("offers/index.html") or b"")
