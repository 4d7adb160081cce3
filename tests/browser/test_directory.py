"""The M3P directory's filters in Chromium, over file:// and HTTP."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser


def shown(page) -> list[str]:
    page.wait_for_selector("#vc-directory[data-ready=true]")
    return page.eval_on_selector_all("#vc-dir-results li:not([hidden])",
                                     "els => els.map(e => e.dataset.id)")


def count(page, facet: str, value: str) -> int:
    text = page.inner_text(f'fieldset[data-facet="{facet}"] label:has(input[value="{value}"])')
    return int(re.search(r"\((\d+)\)", text).group(1))


def test_filters_narrow_the_open_listings_with_counts(visit):
    page = visit.go("directory.html")
    everything = shown(page)
    assert len(everything) >= 16
    assert not any("expired" in r or "closed" in r for r in everything)  # archived apart
    offers = count(page, "kind", "offer")
    page.check('fieldset[data-facet="kind"] input[value="offer"]')
    only_offers = shown(page)
    assert len(only_offers) == offers and all(r.startswith("offers/") for r in only_offers)
    cotton_before = count(page, "material", "cotton")
    page.check('fieldset[data-facet="material"] input[value="cotton"]')
    cotton = shown(page)
    assert len(cotton) == cotton_before < len(only_offers)
    page.check('fieldset[data-facet="country"] input[value="PL"]')
    assert set(shown(page)) == {"offers/lodz-knit-cuttings", "offers/lodz-denim-cuttings",
                                "offers/lodz-polycotton-deadstock"}
    # A range in tonnes per month: the 20 t one-off lot is no monthly supply and drops out.
    page.fill("#vc-qmin", "6")
    assert set(shown(page)) == {"offers/lodz-knit-cuttings"}
    page.locator("#vc-qmin").dispatch_event("change")
    page.reload()
    assert set(shown(page)) == {"offers/lodz-knit-cuttings"}
    assert page.input_value("#vc-qmin") == "6"
    page.fill("#vc-qmin", "")
    page.check('fieldset[data-facet="supply"] input[value="once"]')
    assert shown(page) == ["offers/lodz-polycotton-deadstock"]
    item = page.inner_text('#vc-dir-results li[data-id="offers/lodz-polycotton-deadstock"]')
    assert "20 t, once" in item and "t/month" not in item


def test_waste_code_and_form_filters(visit):
    page = visit.go("directory.html")
    shown(page)
    page.check('fieldset[data-facet="ewc"] input[value="19 12 08"]')
    assert shown(page) == ["offers/szombathely-sorted-white-cotton"]
    page.uncheck('fieldset[data-facet="ewc"] input[value="19 12 08"]')
    page.check('fieldset[data-facet="form"] input[value="selvedges"]')
    found = shown(page)
    assert "offers/gallarate-polyester-selvedges" in found
    assert "demands/zgierz-polyester-recycling" in found


def test_the_email_is_revealed_on_request(visit):
    page = visit.go("offers/gallarate-cotton-cuttings.html")
    assert "@" not in page.inner_text(".vc-panel")
    page.click(".vc-contact__show")
    link = page.locator(".vc-contact a")
    assert link.get_attribute("href") == "mailto:m3p-offers@example.org"


def test_follow_this_filter_offers_the_feed_of_the_filter(visit):
    page = visit.go("directory.html")
    shown(page)
    follow = page.locator("#vc-dir-follow")
    assert follow.is_hidden()  # no single value chosen: the page's own feeds are above
    page.check('fieldset[data-facet="material"] input[value="cotton"]')
    hrefs = follow.locator("a[type]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs == ["feeds/offers-material-cotton.rss.xml",
                     "feeds/offers-material-cotton.atom.xml",
                     "feeds/demands-material-cotton.rss.xml",
                     "feeds/demands-material-cotton.atom.xml"]
    assert "Offers of cotton" in follow.inner_text()
    page.check('fieldset[data-facet="kind"] input[value="demand"]')
    assert follow.locator("a[type]").count() == 2 and "Demands for cotton" in follow.inner_text()
    page.check('fieldset[data-facet="country"] input[value="PL"]')  # a material in a country
    assert "Demands for cotton in Poland" in follow.inner_text()
    page.fill("#vc-qmin", "1")  # a quantity too: no one feed
    assert follow.is_hidden()
    page.goto(visit.base + "directory.html#ewc=04+02+22&kind=offer")
    page.reload()
    shown(page)
    assert follow.locator("a[type]").first.get_attribute("href") == \
        "feeds/offers-ewc-04-02-22.rss.xml"
    feed = page.context.request.get(visit.base + "feeds/offers-ewc-04-02-22.rss.xml") \
        if visit.base.startswith("http") else None
    assert feed is None or feed.ok
