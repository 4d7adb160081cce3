"""Where each country stands (pages/textile_rules.py): the table says what the law resources
record, row by row and cell by cell, with the deadlines counted from the build day; a national
act names the EU acts it transposes."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.model.words import words
from virtual_centre.pages.plan import SitePlan
from virtual_centre.pages.textile_rules import (
    TextileRulesPage,
    days_ahead,
    rows,
    status_words,
)
from virtual_centre.validate.gate import load_content
from virtual_centre.validate.rules import validate

from .conftest import CONTENT

BUILD_DAY = dt.date(2026, 12, 5)
PARTNER_COUNTRIES = {"CZ", "DE", "HU", "IT", "PL"}


@pytest.fixture(scope="module")
def plan() -> SitePlan:
    return SitePlan(Catalogue.from_sources(load_content(CONTENT)), BUILD_DAY)


def page_html(plan: SitePlan) -> str:
    return TextileRulesPage.planned(plan.catalogue).__next__().render(
        plan, plan.presenter("textile-rules.md"))


def row_html(html: str, code: str) -> str:
    found = re.search(rf'<tr id="rules-{code.lower()}">(.*?)</tr>', html, re.S)
    assert found, code
    return found[1]


def test_the_eu_and_every_partner_country_have_a_row_with_every_rule(plan):
    table = rows(plan.catalogue, words())
    assert [r.code for r in table][0] == "EU"
    assert {r.code for r in table} == {"EU"} | PARTNER_COUNTRIES
    for row in table:
        wanted = {"separate_collection", "epr", "transposition"} if row.code != "EU" else \
            {"separate_collection", "epr", "transposition", "ecodesign"}
        assert wanted <= set(row.cells), row.code


def test_each_cell_says_what_its_act_records(plan):
    html = page_html(plan)
    for act in plan.catalogue.by_category["legislation"]:
        for key, rule in (act.meta.get("textile_rules") or {}).items():
            row = row_html(html, act.meta["jurisdiction"])
            cells = re.findall(r'<td data-label="[^"]*">(.*?)</td>', row, re.S)
            cell = cells[[k for k in ("separate_collection", "epr", "transposition",
                                      "ecodesign")].index(key)]
            assert status_words(words())[rule["status"]] in cell, (act.id, key)
            assert f'href="{act.url}"' in cell, (act.id, key)
            if "source" in rule:
                assert f'href="{rule["source"]}"' in cell
            assert f'datetime="{act.meta["checked"]}"' in cell
            if "since" in rule:
                assert f'datetime="{rule["since"]}"' in cell


def test_deadlines_are_counted_from_the_build_day(plan):
    html = page_html(plan)
    assert "(in 194 days)" in row_html(html, "EU")  # 17 June 2027, from 5 December 2026
    assert "EU deadline: <time" in row_html(html, "PL")  # its own law is not there yet
    assert days_ahead("2027-06-17", dt.date(2027, 6, 16), words()) == "tomorrow"
    assert days_ahead("2027-06-17", dt.date(2027, 6, 17), words()) == "today"
    assert days_ahead("2027-06-17", dt.date(2027, 6, 18), words()) == "passed"
    assert days_ahead("2027-06-17", dt.date(2024, 6, 18), words()) == "in 1,094 days"
    assert days_ahead("2027-06-17", dt.date(2024, 6, 18), words("de")) == "in 1.094 Tagen"


def test_a_national_act_names_the_eu_acts_it_transposes(plan):
    for act in plan.catalogue.by_category["legislation"]:
        for target in act.meta.get("transposes", []):
            assert act.meta["jurisdiction"] != "EU"
            assert plan.catalogue.by_id[target].meta["jurisdiction"] == "EU"
    sources = load_content(CONTENT)
    krwg = next(s for s in sources if s.id == "legislation/de-circular-economy-act-krwg")
    krwg.meta["transposes"] = ["legislation/hu-waste-act-2012"]
    problems = [p for p in validate(sources) if p.field == "transposes"]
    assert len(problems) == 1 and "national act (HU)" in problems[0].message
