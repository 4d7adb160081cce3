"""Issue 20 in Chromium: the directory readable without JavaScript, chart labels never clipped,
the maps of the directory, of a listing and of the network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ..conftest import CONTENT

pytestmark = pytest.mark.browser


def open_listing_ids(site: Path) -> set[str]:
    records = json.loads((site / "data/listings.json").read_text(encoding="utf-8"))["listings"]
    return {r["id"] for r in records if not r["archived"]}


def test_the_directory_lists_every_open_listing_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((site / "directory.html").as_uri())
    links = page.eval_on_selector_all(
        "#vc-dir-results li", "els => els.map(e => [e.dataset.id, e.querySelector('a').href])")
    context.close()
    assert {rid for rid, _ in links} == open_listing_ids(site)
    for rid, href in links:  # each a real link to the listing's page
        assert href.endswith(f"/{rid}.html") and (site / f"{rid}.html").exists()


def test_chart_labels_stay_inside_the_chart(visit):
    page = visit.go("statistics.html")
    boxes = page.eval_on_selector_all(
        "svg.vc-chart", """svgs => svgs.map(svg => {
          const width = svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('text')].map(t => {
            const b = t.getBBox();
            return [svg.id || svg.parentNode.id, t.textContent, b.x, b.x + b.width, width];
          });
        }).flat()""")
    assert len(boxes) > 20
    clipped = [(chart, text) for chart, text, left, right, width in boxes
               if left < 0 or right > width]
    assert not clipped
    labels = " ".join(text for _, text, *_ in boxes)
    assert "insulation" in labels  # the long process label is there, wrapped, not cut


def map_points(page, selector: str) -> list[str]:
    return page.eval_on_selector_all(f"{selector} a.vc-map__point",
                                     "els => els.map(e => e.getAttribute('href'))")


def visible_listings(page) -> list[str]:
    page.wait_for_selector("#vc-directory[data-ready=true]")
    return page.eval_on_selector_all("#vc-dir-results li:not([hidden])",
                                     "els => els.map(e => e.dataset.id)")


def test_the_directory_map_has_a_point_per_open_listing_of_the_filter(visit):
    page = visit.go("directory.html")
    listed = visible_listings(page)
    points = page.eval_on_selector_all("#vc-dir-map a.vc-map__point",
                                       "els => els.map(e => e.dataset.id)")
    assert sorted(points) == sorted(listed) and len(points) >= 16
    page.check('fieldset[data-facet="country"] input[value="PL"]')
    page.check('fieldset[data-facet="kind"] input[value="offer"]')
    listed = visible_listings(page)
    points = page.eval_on_selector_all("#vc-dir-map a.vc-map__point",
                                       "els => els.map(e => e.dataset.id)")
    assert sorted(points) == sorted(listed) == sorted(
        ["offers/lodz-knit-cuttings", "offers/lodz-denim-cuttings",
         "offers/lodz-polycotton-deadstock"])
    # Offers are circles, demands squares: told apart by shape, not only by colour.
    assert page.locator("#vc-dir-map a.vc-map__point--offer circle").count() == 3
    assert page.locator("#vc-dir-map rect").count() == 0
    assert "3 offers and 0 demands" in page.text_content("#vc-dir-map-d")
    page.click('#vc-dir-map a[data-id="offers/lodz-knit-cuttings"]')
    page.wait_for_url("**/offers/lodz-knit-cuttings.html")
    assert page.inner_text("h1") == "Cotton jersey cuttings, 12 t a month"
    assert not visit.foreign_requests()


def test_the_browser_places_points_where_the_build_projects_them(visit, site):
    """directory.js projects in the browser as pages/basemap.py does at build time."""
    from virtual_centre.outputs import basemap
    page = visit.go("directory.html")
    visible_listings(page)
    centres = page.eval_on_selector_all(  # in the order drawn
        "#vc-dir-map a.vc-map__point", """els => els.map(e => {
            const c = e.querySelector('circle'), r = e.querySelector('rect');
            return [e.dataset.id, c ? +c.getAttribute('cx') : +r.getAttribute('x')
                                                              + r.getAttribute('width') / 2,
                    c ? +c.getAttribute('cy') : +r.getAttribute('y')
                                                + r.getAttribute('height') / 2];
        })""")
    records = {r["id"]: r for r in json.loads(
        (site / "data/listings.json").read_text(encoding="utf-8"))["listings"]}
    first_at_place = {}
    for rid, x, y in centres:  # the first listing at a place is not moved by the spiral
        first_at_place.setdefault((records[rid]["lat"], records[rid]["lon"]), (x, y))
    assert len(first_at_place) >= 5
    for (lat, lon), (x, y) in first_at_place.items():
        px, py = basemap.project(lat, lon)
        assert abs(px - x) < 0.15 and abs(py - y) < 0.15


def test_a_listing_map_shows_its_candidates_with_distances(visit):
    page = visit.go("offers/lodz-knit-cuttings.html")
    candidates = page.eval_on_selector_all(".vc-matches > li > a",
                                           "els => els.map(e => e.getAttribute('href'))")
    points = map_points(page, "#vc-listing-map")
    assert points[-1] == "../offers/lodz-knit-cuttings.html"  # the listing, drawn on top
    assert sorted(points[:-1]) == sorted(candidates) and candidates
    assert page.locator("#vc-listing-map line").count() == len(candidates)
    # A candidate in another country: its line is dashed, and the distances say so.
    assert page.locator("#vc-listing-map line.vc-map__line--border").count() >= 1
    distances = page.inner_text(".vc-map__distances")
    assert "Chemnitz, Germany" in distances and "crosses PL→DE" in distances
    description = page.text_content("#vc-listing-map-d")
    assert "Chemnitz" in description and " km" in description
    page.click("#vc-listing-map a.vc-map__point--demand >> nth=0 >> rect")
    page.wait_for_url("**/demands/*.html")
    assert not visit.foreign_requests()


def test_the_network_map_shows_partners_and_their_countries(visit, site):
    page = visit.go("organisations/index.html")
    points = page.eval_on_selector_all(
        "#vc-network-map a.vc-map__point", "els => els.map(e => e.getAttribute('href'))")
    files = [p for p in CONTENT.glob("organisations/*.md")
             if "partner: true" in p.read_text(encoding="utf-8")]
    placed = sorted(f"../organisations/{p.stem}.html" for p in files
                    if "\ncity: " in p.read_text(encoding="utf-8"))
    assert "../organisations/stfi.html" in points  # a partner in Chemnitz
    assert "../organisations/example-varese-weaving.html" not in points  # not a partner
    assert sorted(points) == placed  # the partners with a city, each once
    # A partner without a verified city (CTPT) is named in the map's text, not left out.
    text = page.locator("figure:has(#vc-network-map) .vc-map__words").text_content()
    assert f"{len(files)} partners" in text and "Not on the map" in text and "CTPT" in text
    shaded = set(page.eval_on_selector_all("#vc-network-map .vc-map__region",
                                           "els => els.map(e => e.dataset.country)"))
    assert {"DE", "PL", "IT"} <= shaded and "FR" not in shaded
    # The base map is one file of the site, loaded like any image.
    assert (site / "assets/vc/map/europe.svg").stat().st_size > 50_000
    assert any(u.endswith("assets/vc/map/europe.svg") for u in visit.requests)
    assert not visit.foreign_requests()


def test_maps_stay_readable_on_a_phone(browser, site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    try:
        for path, selector in (("offers/lodz-knit-cuttings.html", "#vc-listing-map"),
                               ("organisations/index.html", "#vc-network-map"),
                               ("directory.html", "#vc-dir-map")):
            page.goto((site / path).as_uri())
            if path == "directory.html":
                page.wait_for_selector("#vc-directory[data-ready=true]")
            sizes = page.evaluate("""sel => {
                const map = document.querySelector(sel).getBoundingClientRect();
                const points = [...document.querySelectorAll(sel + ' a.vc-map__point')]
                  .map(a => a.querySelector('circle, rect').getBoundingClientRect().width);
                const numbers = [...document.querySelectorAll(sel + ' .vc-map__number')]
                  .map(t => parseFloat(getComputedStyle(t).fontSize) *
                            t.getScreenCTM().a);
                return {width: map.width, left: map.left, points, numbers,
                        page: document.documentElement.scrollWidth};
            }""", selector)
            assert sizes["page"] <= 390, path  # no sideways scrolling
            assert sizes["left"] >= 0 and sizes["width"] >= 300, path  # the width of the screen
            assert sizes["points"] and min(sizes["points"]) >= 7, (path, sizes["points"])
            assert all(n >= 11 for n in sizes["numbers"]), (path, sizes["numbers"])
    finally:
        context.close()
