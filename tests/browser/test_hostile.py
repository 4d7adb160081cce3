"""The accepted files of the hostile corpus (tests/hostile), in Chromium: no script runs, no
dialog opens, nothing is asked of another host, and each is found on its page, its list and in
search, over file://, over HTTP under a sub-path and in the unzipped offline copy."""

from __future__ import annotations

import functools
import shutil
import threading
import zipfile
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from ..conftest import build_site, site_pages
from ..hostile import EXPECTED, lay
from .conftest import SUBPATH, Visit, _Quiet, results

pytestmark = pytest.mark.browser

PAGES = [path[: -len(".md")] + ".html" for path in EXPECTED["accepted"]]
LISTS = sorted({path.split("/")[0] + "/index.html" for path in EXPECTED["accepted"]})
OTHER = ["index.html", "directory.html", "search.html#q=invented", "whats-new.html",
         "browse/countries/it.html", "statistics.html"]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    content = root / "content"
    content.mkdir()
    site_pages(content)
    lay(content, refused=False)
    return build_site(content, root / "site")


@pytest.fixture(scope="module", params=["file", "http", "offline"])
def hostile_base(request, hostile_site: Path, tmp_path_factory) -> Iterator[str]:
    if request.param == "file":
        yield hostile_site.as_uri() + "/"
        return
    if request.param == "offline":
        unzipped = tmp_path_factory.mktemp("unzipped")
        with zipfile.ZipFile(hostile_site / "download" / "virtual-centre-offline.zip") as z:
            z.extractall(unzipped)
        yield (unzipped / "virtual-centre").as_uri() + "/"
        return
    www = tmp_path_factory.mktemp("www")
    shutil.copytree(hostile_site, www / SUBPATH)
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(www)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    server.shutdown()


def test_accepted_hostile_files_are_inert_everywhere(browser: Browser, hostile_base: str):
    context = browser.new_context(viewport={"width": 1400, "height": 900})  # with the toc
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    visit = Visit(page, hostile_base)
    hovered = 0
    for path in [*PAGES, *LISTS, *OTHER]:
        visit.go(path)
        page.wait_for_load_state("load")
        page.mouse.move(200, 300)
        page.mouse.move(700, 500)
        for link in page.locator(".md-nav--secondary a").all()[:6]:  # the table of contents
            if link.is_visible():
                link.hover()
                hovered += 1
        assert page.evaluate("typeof window.__xss") == "undefined", path
    context.close()
    assert hovered > 0
    assert dialogs == [] and errors == []
    assert visit.foreign_requests() == []


def test_accepted_hostile_files_are_found_on_their_lists_and_in_search(browser: Browser,
                                                                      hostile_base: str):
    context = browser.new_context()
    page = context.new_page()
    visit = Visit(page, hostile_base)
    for path in EXPECTED["accepted"]:
        rid = path[: -len(".md")]
        category = rid.split("/")[0]
        visit.go(f"{category}/index.html")
        assert page.locator(f'.vc-card a[href$="{rid.split("/")[1]}.html"]').count() >= 1, rid
    visit.go("search.html#q=invented")
    page.wait_for_function("document.querySelectorAll('#vc-results li').length > 3")
    found = results(page)
    assert {p[: -len(".md")] for p in EXPECTED["accepted"]} <= set(found), found
    # The heading whose id was a payload is still in the table of contents, with a safe id.
    visit.go("organisations/hostile-org.html")
    anchors = page.eval_on_selector_all(".md-nav--secondary a",
                                        "els => els.map(e => e.getAttribute('href'))")
    assert "#heading-with-an-attribute-list" in anchors, anchors
    context.close()
