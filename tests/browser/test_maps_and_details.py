"""Issue 20 in Chromium: the directory readable without JavaScript, chart labels never clipped,
the maps of the directory, of a listing and of the network."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

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
