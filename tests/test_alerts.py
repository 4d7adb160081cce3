"""Alerts without accounts: feeds of offers and demands per material, country and waste code,
and per topic for the other sections; linked, announced and bounded."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import feedparser
import pytest
from virtual_centre.outputs import feeds

from .conftest import CONTENT, build_site

NEW_OFFER = """\
---
language: en
example: true
title: Invented cotton twill cuttings in Poznań
summary: An invented offer for the alert test.
date: '2026-12-02'
organisation: example-lodz-garments
contact: https://example.org/contact
valid_until: '2099-12-31'
status: open
location:
  country: PL
  city: Poznań
origin: pre-consumer
form: fabric-cuttings
ewc: 04 02 21
composition:
- fibre: cotton
  percent: 100
quantity:
  amount: 3
  unit: t
  per: month
---
This listing is an example invented for a test.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("alerts")
    content = work / "content"
    shutil.copytree(CONTENT, content)
    (content / "offers" / "poznan-cotton-twill.md").write_text(NEW_OFFER, encoding="utf-8")
    return build_site(content, work / "site")


def entries(site: Path, key: str) -> list[str]:
    parsed = feedparser.parse((site / "feeds" / f"{key}.atom.xml").read_bytes())
    assert not parsed.bozo, (key, parsed.get("bozo_exception"))
    return [tail(e.link) for e in parsed.entries]


def tail(link: str) -> str:
    """'…/offers/x.html' -> 'offers/x.html'."""
    return "/".join(link.split("/")[-2:])


NEW = "offers/poznan-cotton-twill.html"


def test_a_new_cotton_offer_in_poland_is_in_its_feeds_and_no_others(site):
    keys = sorted(p.name[: -len(".atom.xml")] for p in (site / "feeds").glob("*.atom.xml"))
    holding = {key for key in keys if NEW in entries(site, key)}
    assert holding == {"all", "offers", "offers-material-cotton", "offers-country-pl",
                       "offers-ewc-04-02-21", "offers-material-cotton-country-pl"}
    # Its RSS twin says the same.
    rss = feedparser.parse((site / "feeds/offers-material-cotton.rss.xml").read_bytes())
    assert not rss.bozo and NEW in {tail(e.link) for e in rss.entries}


def test_alerts_hold_only_open_listings_of_their_value(site):
    import json
    records = json.loads((site / "data/listings.json").read_text(encoding="utf-8"))["listings"]
    by_url = {r["url"]: r for r in records}
    checked = 0
    for path in (site / "feeds").glob("*-material-*.atom.xml"):
        kind, material, country = re.match(
            r"(offers|demands)-material-(.+?)(?:-country-(..))?\.atom\.xml", path.name).groups()
        for url in entries(site, path.name[: -len(".atom.xml")]):
            record = by_url[url]
            assert record["url"].startswith(kind) and not record["archived"]
            assert material in [m.replace(" ", "-") for m in record["materials"]]
            assert country is None or record["country"].lower() == country
            checked += 1
    assert checked >= 10
    expired = [r["url"] for r in records if r["archived"]]
    assert expired and not any(url in entries(site, "offers-country-it") + entries(
        site, "demands-country-hu") for url in expired)


def test_every_feed_parses_and_is_bounded(site):
    files = sorted((site / "feeds").iterdir())
    assert len(files) >= 100
    for path in files:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, path.name
        assert len(parsed.entries) <= feeds.ENTRIES
        assert parsed.feed.title.startswith("Virtual Centre")


def test_topic_feeds_hold_the_other_sections(site):
    items = entries(site, "topic-mechanical-recycling")
    assert items and not any(i.startswith(("offers/", "demands/")) for i in items)


def head(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8").split("</head>")[0]


def test_browse_pages_link_and_announce_their_alerts(site):
    cotton = (site / "browse/materials/cotton.html").read_text(encoding="utf-8")
    for key in ("offers-material-cotton", "demands-material-cotton"):
        assert f'href="../../feeds/{key}.rss.xml"' in head(site, "browse/materials/cotton.html")
        assert f'href="../../feeds/{key}.atom.xml" type="application/atom+xml"' in cotton
    poland = (site / "browse/countries/pl.html").read_text(encoding="utf-8")
    assert "feeds/offers-country-pl.atom.xml" in poland
    topic = head(site, "browse/topics/mechanical-recycling.html")
    assert "feeds/topic-mechanical-recycling.atom.xml" in topic
    directory = (site / "directory.html").read_text(encoding="utf-8")
    assert "feeds/offers-ewc-04-02-21.rss.xml" in directory  # the list of every alert
    assert 'title="Virtual Centre for textile recycling: Offers of textile waste (M3P) (RSS)"' \
        in head(site, "directory.html")


def test_feed_names_are_safe_whatever_the_value():
    assert feeds.key_part("glass fibre") == "glass-fibre"
    assert feeds.key_part("04 02 22") == "04-02-22"
    assert feeds.key_part("../../etc/passwd") == "etc-passwd"
    assert feeds.key_part("<>") == "none"
