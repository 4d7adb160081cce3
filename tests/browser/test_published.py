"""The site as the Pages workflow publishes it (REPO_URL and SITE_URL set): the repository's
link stays in the header, and no page asks another host for anything — the theme's repository
widget asked the repository host's API for stars and forks on every page (issue 32)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["index.html", "directory.html", "offers/gallarate-cotton-cuttings.html",
         "legislation/index.html", "search.html#q=cotton"]


def test_the_published_site_links_its_repository_and_asks_no_other_host(visit):
    for path in PAGES:
        page = visit.go(path)
        page.wait_for_load_state("networkidle")
        links = page.locator("a.md-source").all()  # the header's and the drawer's
        assert links, path
        for link in links:
            assert link.get_attribute("href") == "https://github.com/ORG/virtual-centre"
    assert visit.foreign_requests() == []
