"""The offline edition unzipped and used from disk, and the 404 page under a sub-path."""

from __future__ import annotations

import functools
import shutil
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from ..conftest import CONTENT, build_site
from .conftest import SUBPATH, results
from .test_search import header_search

pytestmark = pytest.mark.browser


def test_the_unzipped_site_works_from_disk(site, browser, tmp_path):
    with zipfile.ZipFile(site / "download" / "virtual-centre-offline.zip") as z:
        z.extractall(tmp_path)
    root = (tmp_path / "virtual-centre").as_uri() + "/"
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    page.goto(root + "index.html")
    # The copy says when it was made and where the live site is, and offers no zip it lacks.
    notice = page.locator(".vc-offline-notice")
    assert notice.is_visible() and "Offline copy of 20" in notice.inner_text()
    live = notice.locator("a")
    assert live.get_attribute("href") == "https://org.github.io/virtual-centre/"
    assert page.locator('a[href$="virtual-centre-offline.zip"]').count() == 0
    # every link of the home page leads to a page that exists
    for href in page.eval_on_selector_all("article a[href$='.html']",
                                          "els => els.map(e => e.href)"):
        if href.startswith("file:"):
            assert Path(href.removeprefix("file://").split("#")[0]).exists(), href
    page.click("nav.vc-tasks >> text=Search everything")
    page.locator("#vc-q").press_sequentially("Fibersort", delay=10)
    assert "technologies/fibersort" in results(page)
    page.click("#vc-results li[data-id='technologies/fibersort'] a")
    assert page.url.endswith("technologies/fibersort.html")
    assert "agreement" in header_search(page, "agreement")  # Material's search, from the zip
    page.keyboard.press("Escape")
    page.locator("input.md-search__input").fill("Fibersort")
    page.locator("input.md-search__input").press("Enter")  # the catalogue search from anywhere
    page.wait_for_url("**/search.html#q=Fibersort")
    assert "technologies/fibersort" in results(page)[:3]
    page.goto(root + "directory.html")
    page.wait_for_selector("#vc-directory[data-ready=true]")
    assert page.locator("#vc-dir-results li").count() >= 16
    assert all(u.startswith(root) or u.startswith(("data:", "blob:", "about:")) for u in requests)
    context.close()


class _NotFound(SimpleHTTPRequestHandler):
    """Like GitHub Pages: a missing page answers with the site's 404.html."""

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None):
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / SUBPATH / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_the_404_page_works_under_the_sub_path(browser, tmp_path, monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
        _NotFound, directory=str(tmp_path / "www")))
    base = f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    monkeypatch.setenv("SITE_URL", base)
    built = build_site(CONTENT, tmp_path / "site")
    shutil.copytree(built, tmp_path / "www" / SUBPATH)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        context = browser.new_context()
        failed: list[str] = []
        context.on("response", lambda r: failed.append(r.url) if r.status >= 400 and
                   not r.url.endswith("no-such-page.html") else None)
        page = context.new_page()
        response = page.goto(base + "technologies/no-such-page.html")
        assert response.status == 404
        assert "Page not found" in page.inner_text("article")
        page.wait_for_load_state("load")
        assert failed == []  # its stylesheets and scripts load from the sub-path
        # Not a dead end: its links lead to pages that exist, and its search finds.
        for href in page.eval_on_selector_all(".vc-404-ways a", "els => els.map(e => e.href)"):
            assert href.startswith(base) and "//" not in href[len(base) - 1:], href
            assert context.request.get(href).status == 200, href
        page.fill("#vc-404-q", "fibersort")
        page.click(".vc-404-search button")
        page.wait_for_url("**/search.html?q=fibersort*")
        assert "technologies/fibersort" in results(page)
        page.goto(base + "technologies/no-such-page.html")
        assert page.evaluate("getComputedStyle(document.body).fontFamily")
        page.click("a.md-header__button.md-logo")
        assert page.url == base + "index.html" or page.url == base
        context.close()
    finally:
        server.shutdown()
