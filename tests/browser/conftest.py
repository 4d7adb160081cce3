"""Real-browser fixtures: Debian's Chromium driven by Playwright, against the built site both
over file:// and over HTTP under a sub-path (/virtual-centre/, as GitHub Pages serves it)."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from ..conftest import PUBLISHED  # noqa: F401 - the browser tests import it from here

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")  # Debian's; make test installs it
SUBPATH = "virtual-centre"
# Without the background-networking flags Chromium tries to reach Google's hosts at start.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps"]


@pytest.fixture(scope="session")
def site(published_site: Path) -> Path:
    """The repository's site as the Pages workflow builds it (tests/conftest.py)."""
    return published_site


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # keep test output readable
        pass


@pytest.fixture(scope="session")
def http_base(site: Path, tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("www")
    shutil.copytree(site, root / SUBPATH)
    handler = functools.partial(_Quiet, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{SUBPATH}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture(params=["file", "http"])
def base(request, site: Path) -> str:
    """The site's root URL, over file:// and over HTTP under a sub-path."""
    if request.param == "file":
        return site.as_uri() + "/"
    return request.getfixturevalue("http_base")


class Visit:
    """A browser page that records every request it makes."""

    def __init__(self, page: Page, base: str):
        self.page = page
        self.base = base
        self.requests: list[str] = []
        self.failed: list[str] = []  # answers of 400 and more (a broken link or asset)
        page.context.on("request", lambda r: self.requests.append(r.url))
        page.context.on("response",
                        lambda r: self.failed.append(f"{r.status} {r.url}") if r.status >= 400
                        else None)

    def go(self, path: str) -> Page:
        self.page.goto(self.base + path)
        return self.page

    def foreign_requests(self) -> list[str]:
        """Requests that leave the site (another host, or outside the sub-path)."""
        return [u for u in self.requests
                if not u.startswith(self.base) and not u.startswith(("data:", "blob:", "about:"))]


@contextlib.contextmanager
def visiting(browser: Browser, base: str, **options: Any) -> Iterator[Visit]:
    """A new browser context (options: viewport, touch…) whose page records its requests; no
    JavaScript error may happen in it."""
    context = browser.new_context(**options)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield Visit(page, base)
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def visit(browser: Browser, base: str) -> Iterator[Visit]:
    with visiting(browser, base) as visit:
        yield visit
    assert not visit.failed, f"failed requests: {visit.failed}"


def results(page: Page) -> list[str]:
    """The ids of the results shown, once the results and filters follow what was typed."""
    page.wait_for_selector("#vc-search[data-ready=true]:not([data-busy])")
    return page.eval_on_selector_all("#vc-results li", "els => els.map(e => e.dataset.id)")


Helper = Callable[[Page], list[str]]
