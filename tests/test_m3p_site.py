"""The M3P directory in the built site and its open data (the repository's example listings)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from virtual_centre.cli.main import main as cli

from .conftest import CONTENT, build_site, main_html


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build_site(CONTENT, tmp_path_factory.mktemp("m3p") / "site")


def test_an_offer_page_shows_the_expected_recipient_with_reasons(site):
    html = main_html(site / "offers" / "gallarate-polyester-selvedges.html")
    candidates = html[html.index('id="candidates"'):html.index('id="solutions"')]
    assert 'data-id="demands/zgierz-polyester-recycling"' in candidates
    item = candidates[candidates.index('data-id="demands/zgierz-polyester-recycling"'):]
    item = item[:item.index("</li>\n  </ul>") if "</li>\n  </ul>" in item else len(item)]
    assert "polyester 100 % ≥ 95 % required" in item
    assert "from Italy to Poland: waste-shipment rules apply" in item
    assert "3 t/month within 2–30 t/month" in item
    # Solutions: technologies whose `accepts` takes the offer's origin, form and fibre.
    cotton = main_html(site / "offers" / "gallarate-cotton-cuttings.html")
    solutions = cotton[cotton.index('id="solutions"'):]
    assert "recover-mechanical-cotton-recycling.html" in solutions
    assert "carbios-enzymatic-pet-recycling.html" not in solutions  # polyester, post-consumer


def test_a_demand_page_ranks_candidate_offers(site):
    html = main_html(site / "demands" / "liberec-cotton-recycling.html")
    scores = [int(s) for s in re.findall(r'class="vc-match" data-id="[^"]+" data-score="(\d+)"',
                                         html)]
    assert scores and scores == sorted(scores, reverse=True)
    assert 'data-id="offers/gallarate-cotton-cuttings"' not in html  # IT is not served
    assert 'data-id="offers/lodz-knit-cuttings"' in html


def test_an_expired_listing_is_archived_not_matched(site):
    html = main_html(site / "offers" / "gallarate-wool-noil-expired.html")
    assert "Archived listing" in html and "expired on 31 March 2026" in html
    assert 'id="candidates"' not in html
    prato = main_html(site / "demands" / "prato-wool-recycling.html")
    assert "gallarate-wool-noil-expired" not in prato  # would match on wool if it were open
    directory = main_html(site / "directory.html")
    archive = directory[directory.index('id="archive"'):]
    for rid in ("offers/gallarate-wool-noil-expired", "demands/budapest-wipers-expired",
                "demands/chemnitz-closed-trial"):
        assert f'data-id="{rid}"' in archive
    matches = json.loads((site / "data" / "matches.json").read_text())
    assert all("expired" not in m["offer"] + m["demand"] and "closed" not in m["demand"]
               for m in matches["matches"])


def test_open_data_lists_every_listing_with_stable_ids(site):
    data = json.loads((site / "data" / "listings.json").read_text())
    ids = {rec["id"] for rec in data["listings"]}
    files = {f"{p.parent.name}/{p.stem}" for folder in ("offers", "demands")
             for p in (CONTENT / folder).glob("*.md")}
    assert ids == files and len(ids) >= 20
    rows = list(csv.DictReader(io.StringIO((site / "data" / "listings.csv").read_text())))
    assert {r["id"] for r in rows} == ids
    matches = json.loads((site / "data" / "matches.json").read_text())["matches"]
    assert matches and all(m["offer"] in ids and m["demand"] in ids and m["reasons"]
                           and all(r["kind"] and r["text"] for r in m["reasons"])
                           for m in matches)


def test_json_ld_describes_the_listing(site):
    html = (site / "offers" / "gallarate-cotton-cuttings.html").read_text()
    raw = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "Offer" and data["validThrough"] == "2027-06-30"
    assert data["eligibleQuantity"]["value"] == 8 and data["eligibleQuantity"]["unitCode"] == "TNE"
    assert "cotton" in data["itemOffered"]["material"] and data["areaServed"] == ["Italy"]
    demand = (site / "demands" / "liberec-cotton-recycling.html").read_text()
    assert '"@type": "Demand"' in demand


def test_no_email_address_stands_plainly_in_the_html(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"[\w.+-]+@example\.org", text), page
    html = main_html(site / "offers" / "gallarate-cotton-cuttings.html")
    assert 'class="vc-contact" data-c="' in html


def test_every_listing_is_marked_as_an_example(site):
    for folder in ("offers", "demands"):
        for page in (site / folder).glob("*.html"):
            if page.name != "index.html":
                assert "Example for demonstration" in main_html(page), page


def check_offer(content, monkeypatch, capsys, text: str) -> str:
    """`virtual-centre check` of one offer beside the organisation it names; its output."""
    root = content({"offers/x.md": text,
                    "organisations/example-lodz-garments.md":
                        (CONTENT / "organisations/example-lodz-garments.md").read_text()})
    monkeypatch.chdir(root.parent)
    assert cli(["check", "--content", "content"]) == 1
    return capsys.readouterr().out


@pytest.mark.parametrize(("extra", "field", "words"), [
    ("composition:\n  - {fibre: cotton, percent: 90}\n  - {fibre: elastane, percent: 5}\n",
     "composition", "add up to 95 %, not 100 %"),
])
def test_listing_rules(content, monkeypatch, capsys, extra, field, words):
    text = (CONTENT / "offers" / "lodz-denim-cuttings.md").read_text()
    text = re.sub(r"composition:\n(- .*\n  .*\n)+", "", text).replace("---\n", "---\n" + extra, 1)
    out = check_offer(content, monkeypatch, capsys, text)
    assert f"content/offers/x.md:2: {field}: " in out and words in out


def test_a_city_that_cannot_be_placed_gets_a_did_you_mean(content, monkeypatch, capsys):
    text = (CONTENT / "offers" / "lodz-denim-cuttings.md").read_text().replace(
        "city: Łódź", "city: Lodzz")
    out = check_offer(content, monkeypatch, capsys, text)
    assert re.search(r"content/offers/x\.md:\d+: location\.city: 'Lodzz' cannot be placed in PL; "
                     r"did you mean 'Łódź'\?", out), out


def test_a_one_off_lot_is_published_as_a_lot_everywhere(site):
    """offers/lodz-polycotton-deadstock: 20 t once (65 % polyester, 35 % cotton) — never a
    monthly supply: in open data, on the directory's cards, in the statistics and its matches."""
    lot = "offers/lodz-polycotton-deadstock"
    records = {r["id"]: r for r in json.loads((site / "data" / "listings.json").read_text())[
        "listings"]}
    assert records[lot]["t_per_month_min"] is None and records[lot]["t_once_min"] == 20
    regular = records["offers/lodz-knit-cuttings"]
    assert regular["t_per_month_min"] > 0 and regular["t_once_min"] is None
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(
        (site / "data" / "listings.csv").read_text()))}
    assert rows[lot]["t_per_month_min"] == "" and float(rows[lot]["t_once_min"]) == 20
    directory = main_html(site / "directory.html")
    card = directory[directory.index(f'data-id="{lot}"'):]
    card = card[:card.index("</li>")]
    assert "20 t, once" in card and "t/month" not in card
    stats = main_html(site / "statistics.html")
    regular_chart = stats[stats.index('id="offers-material"'):stats.index('id="offers-once"')]
    once_chart = stats[stats.index('id="offers-once"'):]
    once_chart = once_chart[:once_chart.index("</table>")]
    assert "polyester: 13 tonnes" in once_chart and "cotton: 7 tonnes" in once_chart
    assert "tonnes per month" in regular_chart and "13 tonnes" not in regular_chart
    page = main_html(site / "offers" / "lodz-polycotton-deadstock.html")
    assert "t/month within" not in page and "20 t/month" not in page


def test_without_a_repository_the_post_buttons_lead_to_the_ways_in(site):
    """No repo_url configured: 'Post an offer' opens the page that explains every way in."""
    directory = main_html(site / "directory.html")
    assert re.search(r'href="contribute.html#forms"[^>]*>Post an offer<', directory)
    listing = main_html(site / "offers" / "gallarate-cotton-cuttings.html")
    assert re.search(r'href="../contribute.html#forms"[^>]*>Post a demand<', listing)
    ways = main_html(site / "contribute.html")
    assert "names no repository" in ways and "issues/new" not in ways
    assert 'href="data/listings.xlsx"' in ways


def test_the_directory_page_does_not_grow_with_the_directory(tmp_path):
    """Its first 50 open listings as HTML (readable without JavaScript), every one in its
    data, shown by the script."""
    from virtual_centre.outputs.opendata import directory_script
    from virtual_centre.pages.plan import SitePlan
    from virtual_centre.validate.checker import check

    from benchmarks.synthetic import SHARES, generate

    content = tmp_path / "content"
    shares = {"organisations": 0.1, "offers": 0.4, "demands": 0.35}
    plan_counts = generate(content, 400, shares={c: shares.get(c, 0.01) for c in SHARES})
    problems, catalogue = check(content, tmp_path)
    assert problems == [] and catalogue is not None
    plan = SitePlan(catalogue)
    html = plan.pages["directory.md"].render(plan, plan.presenter("directory.md"))
    open_count = sum(not r["archived"] for r in plan.listing_records)
    assert open_count > 50 and plan_counts["offers"] + plan_counts["demands"] >= open_count
    assert html.count('<li class="vc-result"') == 50
    assert f"{open_count} open listings" in html and "Show more listings" in html
    data = directory_script(plan.listing_records)
    # Every listing once; its facts are the script's to write in the page's language.
    assert all(data.count(f'"id": "{r["id"]}"') == 1 for r in plan.listing_records)
    assert '"facts":' not in data


def test_an_offer_names_ten_technologies_and_counts_the_others(tmp_path):
    """The technologies that accept an offer grow with the catalogue; its page must not."""
    import shutil

    from virtual_centre.catalogue.resources import Catalogue
    from virtual_centre.pages.plan import SitePlan
    from virtual_centre.pages.resource import TECHNOLOGIES_SHOWN, render_matches
    from virtual_centre.validate.gate import load_content

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    original = (content / "technologies" / "recover-mechanical-cotton-recycling.md").read_text()
    for n in range(12):
        (content / "technologies" / f"cotton-line-{n:02}.md").write_text(
            original.replace("title: \"Recover™", f"title: \"Cotton line {n:02} (like Recover™"),
            encoding="utf-8")
    plan = SitePlan(Catalogue.from_sources(load_content(content)))
    offer = plan.catalogue.by_id["offers/gallarate-cotton-cuttings"]
    html = str(render_matches(plan, offer, plan.presenter(offer.src_uri)))
    solutions = html[html.index('id="solutions"'):]
    shown = re.findall(r'<li><a href="[^"]*technologies/[^"]+"', solutions)
    accepting = plan.directory.technologies_for(offer.id)
    assert len(accepting) >= 13 and len(shown) == TECHNOLOGIES_SHOWN
    assert f"and {len(accepting) - TECHNOLOGIES_SHOWN} more technologies that accept it" \
        in solutions
