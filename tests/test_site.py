"""The built site: indexes, taxonomies, backlinks, escaping, drafts, page size."""

from __future__ import annotations

import re
from pathlib import Path

from virtual_centre.model.categories import CATEGORIES
from virtual_centre.pages.kinds import LIST_SHOWN
from virtual_centre.pages.resource import BACKLINKS_SHOWN

from .conftest import ORG, TECH, main_html

CASE = """\
---
title: Cutting waste to yarn in Łódź
summary: A garment maker's cotton cuttings were recycled into new yarn.
date: 2026-05-01
language: en
status: completed
source_url: https://example.org/case
countries: [PL]
organisations: [test-institute]
materials: [cotton]
tags: [mechanical-recycling, pre-consumer-waste]
technologies: [technologies/test-sorter]
legislation: [wfd]
---
The body mentions **cotton**.
"""

LAW = """\
---
title: Waste Framework Directive
summary: The EU's framework law on waste, used by the tests.
date: 2008-11-19
language: en
jurisdiction: EU
instrument: directive
identifier: CELEX 32008L0098
source_url: https://eur-lex.europa.eu/eli/dir/2008/98/oj
status: in-force
---
"""


def base_files() -> dict[str, str]:
    return {
        "organisations/test-institute.md": ORG,
        "technologies/test-sorter.md": TECH,
        "legislation/wfd.md": LAW,
    }


def test_a_new_file_appears_everywhere(content, built):
    site = built(content({**base_files(), "pilot-cases/lodz-yarn.md": CASE}))
    link = "lodz-yarn.html"
    # its page
    page = main_html(site / "pilot-cases" / "lodz-yarn.html")
    assert "Cutting waste to yarn in Łódź" in page
    assert 'href="https://example.org/case"' in page  # the link to the source, prominent
    # its category index
    assert link in main_html(site / "pilot-cases" / "index.html")
    # the taxonomy pages of its topics, materials and countries (an organisation's own page
    # is its taxonomy page: the backlinks below)
    for taxonomy in (
        "topics/mechanical-recycling",
        "topics/pre-consumer-waste",
        "materials/cotton",
        "countries/pl",
    ):
        assert link in main_html(site / "browse" / f"{taxonomy}.html"), taxonomy
    assert not (site / "browse" / "organisations" / "test-institute.html").exists()
    assert "../../organisations/test-institute.html" in main_html(
        site / "browse" / "organisations" / "index.html")
    # a backlink on every page it references
    for referenced in (
        "organisations/test-institute",
        "technologies/test-sorter",
        "legislation/wfd",
    ):
        html = main_html(site / f"{referenced}.html")
        backlinks = html[html.index('id="referenced-by"') :]
        assert f"../pilot-cases/{link}" in backlinks, referenced
    # the home page counts it
    home = main_html(site / "index.html")
    assert re.search(r'data-category="pilot-cases">1<', home)


def test_organisation_page_lists_everything_that_names_it(content, built):
    site = built(content({**base_files(), "pilot-cases/lodz-yarn.md": CASE}))
    html = main_html(site / "organisations" / "test-institute.html")
    assert "test-sorter.html" in html  # developer
    assert "lodz-yarn.html" in html  # organisations


def test_an_organisation_named_often_links_to_all_of_it_in_the_search(content, built):
    files = base_files()
    for n in range(BACKLINKS_SHOWN + 3):
        files[f"pilot-cases/case-{n}.md"] = CASE.replace("Cutting waste to yarn in Łódź",
                                                         f"Case number {n}")
    site = built(content(files))
    html = main_html(site / "organisations" / "test-institute.html")
    backlinks = html[html.index('id="referenced-by"'):]
    assert backlinks.count('href="../pilot-cases/case-') == BACKLINKS_SHOWN
    assert (f'href="../search.html#organisation=organisations%2Ftest-institute">All '
            f"{BACKLINKS_SHOWN + 3} in the catalogue search") in backlinks


def test_related_by_shared_references(content, built):
    other = CASE.replace("Cutting waste to yarn in Łódź", "Another case").replace(
        "legislation: [wfd]\n", ""
    )
    site = built(
        content({**base_files(), "pilot-cases/lodz-yarn.md": CASE, "pilot-cases/other.md": other})
    )
    html = main_html(site / "pilot-cases" / "other.html")
    related = html[html.index('id="related"') :]
    assert "lodz-yarn.html" in related and "shared references" in related


def test_drafts_are_not_published(content, built):
    draft = CASE.replace("status: completed", "status: completed\ndraft: true")
    site = built(content({**base_files(), "pilot-cases/lodz-yarn.md": draft}))
    assert not (site / "pilot-cases" / "lodz-yarn.html").exists()
    assert "lodz-yarn" not in main_html(site / "pilot-cases" / "index.html")
    assert "lodz-yarn" not in main_html(site / "legislation" / "wfd.html")


def test_contributor_text_is_escaped_and_body_sanitised(content, built):
    hostile = CASE.replace(
        "Cutting waste to yarn in Łódź", '<script>alert("t")</script>"x'
    ).replace(
        "The body mentions **cotton**.",
        '<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">j</a>',
    )
    site = built(content({**base_files(), "pilot-cases/lodz-yarn.md": hostile}))
    for page in (
        "pilot-cases/lodz-yarn.html",
        "pilot-cases/index.html",
        "legislation/wfd.html",
        "browse/materials/cotton.html",
        "index.html",
    ):
        html = (site / page).read_text(encoding="utf-8")
        assert "<script>alert" not in html, page
        assert "onerror=" not in html and "javascript:alert" not in html, page
    html = (site / "pilot-cases/lodz-yarn.html").read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;alert(&#34;t&#34;)&lt;/script&gt;&#34;x - " in html


def test_resources_are_not_in_the_navigation(content, built):
    site = built(content({**base_files(), "pilot-cases/lodz-yarn.md": CASE}))
    nav = (site / "index.html").read_text(encoding="utf-8")
    start = nav.index("md-nav--primary")
    nav = nav[start : nav.index('<div class="md-content"', start)]
    assert "pilot-cases/index.html" in nav
    assert "lodz-yarn" not in nav and "test-sorter" not in nav
    # Every section's list is an item of the menus (the tabs' sections and the phone's drawer
    # are both this navigation), with its name: none is hidden as its section's own page.
    for category in CATEGORIES:
        item = re.search(rf'<a href="{category}/index.html" class="md-nav__link">\s*'
                         r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
        assert item and item.group(1).strip(), category


def many_cases(n: int) -> dict[str, str]:
    return {
        f"pilot-cases/case-{i:04d}.md": CASE.replace(
            "Cutting waste to yarn in Łódź", f"Unrelated case {i}"
        )
        .replace("organisations: [test-institute]\n", "")
        .replace("technologies: [technologies/test-sorter]\n", "")
        .replace("legislation: [wfd]\n", "")
        .replace("tags: [mechanical-recycling, pre-consumer-waste]\n", "")
        for i in range(n)
    }


def test_resource_page_size_does_not_grow_with_the_catalogue(content, built, tmp_path):
    small = built(content({**base_files(), "pilot-cases/lodz-yarn.md": CASE}))
    size_small = (small / "pilot-cases/lodz-yarn.html").stat().st_size
    tech_small = (small / "technologies/test-sorter.html").stat().st_size
    large_root = tmp_path / "large"
    large_root.mkdir()
    from .conftest import build_site, site_pages, write

    site_pages(large_root)
    write(large_root, {**base_files(), "pilot-cases/lodz-yarn.md": CASE, **many_cases(300)})
    large = build_site(large_root, tmp_path / "site-large")
    assert (large / "pilot-cases/case-0299.html").exists()
    assert (large / "pilot-cases/lodz-yarn.html").stat().st_size == size_small
    assert (large / "technologies/test-sorter.html").stat().st_size == tech_small


def test_category_index_lists_newest_first(content, built):
    older = CASE.replace("2026-05-01", "2020-01-01").replace("Cutting waste", "Older waste")
    site = built(content({**base_files(), "pilot-cases/new.md": CASE, "pilot-cases/old.md": older}))
    html = main_html(site / "pilot-cases" / "index.html")
    assert html.index("new.html") < html.index("old.html")
    assert "Status: Completed" in html


def test_long_lists_show_the_newest_and_link_to_all_in_the_search(content, built):
    """No list page grows with the catalogue: the rest is in the catalogue search, filtered
    the same way and sorted newest first (tested in the browser: test_search.py)."""
    site = built(content({**base_files(), **many_cases(LIST_SHOWN + 5)}))
    total = LIST_SHOWN + 5
    for page, url in (("pilot-cases/index.html", "../search.html#category=pilot-cases"),
                      ("browse/materials/cotton.html", "../../search.html#material=cotton"),
                      ("browse/countries/pl.html", "../../search.html#country=PL")):
        html = main_html(site / page)
        assert html.count('class="vc-card"') == LIST_SHOWN, page
        assert "<h1>Country: Poland</h1>" in html or not page.startswith("browse/countries")
        assert f'data-count="{total}"' in html, page
        assert f'href="{url}&amp;sort=date">All {total} in the catalogue search' in html, page
    assert not list(site.glob("**/*page-2.html"))
    short = main_html(site / "technologies/index.html")  # one technology: all of it shown
    assert short.count('class="vc-card"') == 1 and "in the catalogue search" not in short


def test_links_are_relative(content, built):
    site = built(content({**base_files(), "pilot-cases/lodz-yarn.md": CASE}))
    for page in Path(site).rglob("*.html"):
        if page.name == "404.html":  # served at any path: MkDocs makes its links absolute
            continue
        html = page.read_text(encoding="utf-8")
        assert not re.search(r'(href|src)="/(?!/)', html), page


def test_origin_links_name_the_developer(content, built):
    site = built(content(base_files()))
    html = main_html(site / "technologies" / "test-sorter.html")
    link = 'href="https://example.org/sorter" rel="noopener">Developer: Test Textile Institute<'
    assert link in html
