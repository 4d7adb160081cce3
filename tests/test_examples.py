"""An invented resource is marked "Example" wherever it is shown: its page, every list and card,
search results, feeds, match candidates, Related and Referenced by, the digest, open data."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import feedparser
import pytest
from virtual_centre.catalogue.directory import build_day
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.outputs import search_files
from virtual_centre.pages.digest import digest
from virtual_centre.validate.rules import check_content

from .conftest import CONTENT, build_site
from .hostile.github import as_github_shows

OFFER = "offers/lodz-knit-cuttings"  # an invented offer of the repository's content
ORG = "organisations/example-lodz-garments"  # the invented company that posts it
BADGE = '<span class="vc-badge vc-badge--example">Example</span>'


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(CONTENT, tmp_path_factory.mktemp("examples") / "site")


def items_linking(html: str, rid: str) -> list[str]:
    """The list items and cards of a page that link to a resource."""
    pattern = rf'<(li|article)\b[^>]*>(?:(?!</\1>).)*?href="[^"]*{re.escape(rid)}\.html"' \
              rf'(?:(?!</\1>).)*?</\1>'
    return [m.group(0) for m in re.finditer(pattern, html, re.S)]


def test_an_example_is_marked_on_its_page_and_in_every_list(site):
    page = (site / f"{OFFER}.html").read_text()
    assert "Example for demonstration" in page
    lists = ["offers/index.html", "browse/materials/cotton.html", "browse/countries/pl.html",
             f"{ORG}.html"]
    for path in lists:
        items = items_linking((site / path).read_text(), OFFER)
        assert items and all(BADGE in i for i in items), path
    # A real resource carries no mark.
    real = items_linking((site / "technologies/index.html").read_text(), "technologies/fibersort")
    assert real and not any(BADGE in i for i in real)


def test_an_example_is_marked_among_matches_related_and_referenced_by(site):
    org = (site / f"{ORG}.html").read_text()
    referenced = org[org.index('id="referenced-by"'):]
    assert all(BADGE in i for i in items_linking(referenced, OFFER))
    offer = (site / f"{OFFER}.html").read_text()
    candidates = offer[offer.index('id="candidates"'):]
    matched = re.findall(r'<li class="vc-match" data-id="([^"]+)".*?</li>', candidates, re.S)
    assert matched
    for rid in matched:
        assert all(BADGE in i for i in items_linking(candidates, rid)), rid
    related = offer[offer.index('id="related"'):offer.index("</ul>", offer.index('id="related"'))]
    links = re.findall(r"<li>.*?</li>", related, re.S)
    assert links and all(BADGE in li for li in links)


def test_an_example_is_marked_in_search_feeds_digest_and_open_data(site):
    docs = {doc[0]: doc for doc in search_files.read_docs(site)}
    assert docs[OFFER][5] == 1 and docs["technologies/fibersort"][5] == 0
    feed = feedparser.parse((site / "feeds/offers.rss.xml").read_text())
    titles = [e.title for e in feed.entries]
    assert titles and all(t.startswith("Example: ") for t in titles)
    sources, problems = check_content(CONTENT)
    assert problems == []
    html, markdown = digest(Catalogue.from_sources(sources), "2026-01-01", "https://x.org/",
                            "VC", build_day())
    assert "(Example)" in html and "Example: " in as_github_shows(markdown)
    records = json.loads((site / "data/resources.json").read_text())["resources"]
    assert {r["id"]: r["example"] for r in records}[OFFER] is True
    rows = list(csv.DictReader(io.StringIO((site / "data/listings.csv").read_text())))
    assert {r["id"]: r["example"] for r in rows}[OFFER] == "True"
    matches = json.loads((site / "data/matches.json").read_text())["matches"]
    assert matches and all(m["offer_example"] and m["demand_example"] for m in matches)


def test_sections_link_the_line_of_the_strategic_agenda_they_serve(site):
    from virtual_centre.model.categories import CATEGORIES, STRATEGIC_AGENDA

    for key, category in CATEGORIES.items():
        html = (site / key / "index.html").read_text()
        link = f'<a href="../{STRATEGIC_AGENDA}.html">ENTeR\'s Strategic Agenda</a>'
        if category.agenda_line:
            assert f"<em>{category.agenda_line}</em> of {link}" in html, key
        else:
            assert link not in html, key
