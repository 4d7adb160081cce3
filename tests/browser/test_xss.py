"""Cross-site scripting: hostile text in every field and body runs nowhere (Chromium)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from virtual_centre.staging.stage import stage

from ..conftest import CONTENT, ROOT, build_site, site_pages, write

pytestmark = pytest.mark.browser

P = ['<script>window.__xss="script"</script>', '<img src=x onerror="window.__xss=\'img\'">',
     '"><svg onload="window.__xss=\'svg\'">', '</script><script>window.__xss="close"</script>',
     "';window.__xss='quote';'", '<iframe src="javascript:parent.__xss=1">',
     '<a href="javascript:window.__xss=1">x</a>', '<style>@import "https://evil.example/x.css";</style>']
TEXT = " ".join(P[:5])  # within the longest fields' limits


def t(i: int) -> str:
    """One payload, short enough for any field."""
    return P[i % len(P)]
BODY = "\n\n".join([*P, '<a href="data:text/html,%3Cscript%3Ealert(1)%3C/script%3E">d</a>',
                    '[md link](javascript:window.__xss=2)', "<details open ontoggle=alert(1)>x"
                    "</details>", '<math><mi xlink:href="javascript:alert(1)">m</mi></math>'])


def resource(meta: dict) -> str:
    return "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + BODY + "\n"


def hostile_content(root: Path) -> None:
    common = {"summary": TEXT, "date": "2026-11-01", "language": "en", "tags": ["policy"],
              "materials": ["cotton"], "countries": ["IT"]}
    url = 'https://example.org/"onmouseover="window.__xss=1'
    files = {
        "organisations/evil.md": resource({**common, "title": t(0), "kind": "company",
                                           "country": "IT", "city": t(1), "website": url}),
        "technologies/evil.md": resource({**common, "title": "T " + t(2), "developer": "evil",
                                          "developer_name": TEXT, "developer_url": url,
                                          "trl": 5, "processes": ["mechanical"],
                                          "capacity": TEXT}),
        "legislation/evil.md": resource({**common, "title": "L " + t(3), "jurisdiction": "EU",
                                         "instrument": "directive", "identifier": TEXT,
                                         "source_url": url, "status": "in-force",
                                         "publications": [{"title": TEXT, "url": url}],
                                         "key_dates": [{"date": "2027-01-01", "what": TEXT}]}),
        "pilot-cases/evil.md": resource({**common, "title": "P " + t(4), "status": "ongoing",
                                         "source_url": url, "results": [TEXT],
                                         "technologies": ["evil"], "legislation": ["evil"],
                                         "organisations": ["evil"]}),
        "research/evil.md": resource({**common, "title": "R " + t(5), "kind": "report",
                                      "creators": [{"name": TEXT, "url": url}]}),
        "offers/evil.md": resource({**common, "title": "O " + t(6), "organisation": "evil",
                                    "contact": "evil\"'<x>@example.org",
                                    "valid_until": "2030-01-01",
                                    "status": "open", "location": {"country": "IT",
                                                                   "city": "Gallarate"},
                                    "origin": "pre-consumer", "form": "fabric-cuttings",
                                    "colour": t(1), "composition": [{"fibre": "cotton",
                                                                     "percent": 100}],
                                    "quantity": {"amount": 5, "unit": "t", "per": "month"}}),
        "demands/evil.md": resource({**common, "title": "D " + t(3), "organisation": "evil",
                                     "contact": url, "valid_until": "2030-01-01",
                                     "status": "open", "location": {"country": "IT",
                                                                    "city": "Busto Arsizio"},
                                     "accepts": {"fibres": [{"fibre": "cotton",
                                                             "min_percent": 90}]},
                                     "quantity": {"min": 1, "max": 10, "unit": "t",
                                                  "per": "month"},
                                     "process": "mechanical", "application": t(2)}),
    }
    site_pages(root)
    write(root, files)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("xss") / "content"
    root.mkdir()
    hostile_content(root)
    return build_site(root, root.parent / "site")


def assert_inert(browser, site: Path, pages: list[Path]) -> None:
    """Each page opened and hovered runs no payload and opens no dialog; the evil
    organisation's name is shown as text where a reader sees it."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in pages:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.mouse.move(300, 300)
        page.mouse.move(600, 500)
        assert page.evaluate("typeof window.__xss") == "undefined", path
    assert dialogs == []
    page.goto((site / "organisations" / "evil.html").as_uri())
    assert page.inner_text("article h1") == P[0]
    context.close()


def test_no_payload_runs_on_any_page(hostile_site, browser):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 30
    assert_inert(browser, hostile_site, pages)


def test_search_and_directory_render_payloads_as_text(hostile_site, browser):
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto((hostile_site / "search.html").as_uri() + "#q=script")
    page.wait_for_selector("#vc-search[data-ready=true]")
    assert page.locator("#vc-results li").count() >= 5
    page.goto((hostile_site / "directory.html").as_uri())
    page.wait_for_selector("#vc-directory[data-ready=true]")
    assert '<script>window.__xss="script"</script>' in page.inner_text("#vc-dir-results")
    page.goto((hostile_site / "offers" / "evil.html").as_uri())
    page.click(".vc-contact__show")
    assert page.evaluate("typeof window.__xss") == "undefined" and dialogs == []
    context.close()


def test_the_real_content_builds_in_the_same_run(tmp_path):
    assert build_site(CONTENT, tmp_path / "site").exists()


def test_no_payload_runs_on_the_staged_site_either(hostile_site, browser, tmp_path):
    """`virtual-centre stage` is an entry path too: its folder, rendered by MkDocs without our
    plugin, runs nothing a contributor wrote."""
    project = tmp_path / "project"
    project.mkdir()
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "docs_dir: content", f"docs_dir: {hostile_site.parent / 'content'}")
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    assert stage(project / "mkdocs.yml", tmp_path / "out").problems == []
    site = tmp_path / "out" / "site"
    build(load_config(config_file=str(tmp_path / "out" / "mkdocs.yml"), site_dir=str(site)))
    assert_inert(browser, site, [site / name for name in (
        "organisations/evil.html", "offers/evil.html", "demands/evil.html", "index.html",
        "search.html")])
