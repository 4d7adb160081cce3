"""The staged site (`virtual-centre stage`, rendered by MkDocs without our plugin) opened from
disk: a user searches the catalogue and filters the directory as on the plugin's site."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from playwright.sync_api import Browser
from virtual_centre.staging.stage import stage

from ..conftest import ROOT
from .conftest import visiting
from .test_journeys import searched, shown

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def staged_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("staged") / "out"
    assert stage(ROOT / "mkdocs.yml", out).problems == []
    site = out / "site"
    build(load_config(config_file=str(out / "mkdocs.yml"), site_dir=str(site)))
    return site


def test_search_and_directory_work_from_disk_without_the_plugin(browser: Browser,
                                                                staged_site: Path):
    with visiting(browser, staged_site.as_uri() + "/") as visit:
        page = visit.go("search.html")
        page.wait_for_selector("#vc-search[data-ready=true]")
        assert "technologies/fibersort" in searched(page, "fibersort")[:3]
        assert "legislation/directive-2025-1892" in searched(page, "EPR")[:5]
        page = visit.go("directory.html#country=pl&kind=offer")
        found = shown(page)
        assert {"offers/lodz-knit-cuttings", "offers/lodz-denim-cuttings"} <= set(found)
        page = visit.go("offers/lodz-denim-cuttings.html")
        assert page.locator("h1").first.inner_text()
        assert visit.foreign_requests() == [] and not visit.failed, visit.failed
