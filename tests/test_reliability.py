"""Hostile and broken input never breaks the build; nothing valid is lost; builds repeat."""

from __future__ import annotations

import html.parser
import json
import re
import string
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from virtual_centre.model import schemas
from virtual_centre.model.categories import CATEGORIES
from virtual_centre.model.content import load_source
from virtual_centre.outputs import search_files
from virtual_centre.pages.kinds import LIST_SHOWN
from virtual_centre.validate.rules import validate

from benchmarks.synthetic import generate

from .conftest import CONTENT, LANGUAGES, build_site, site_pages

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=40), st.sampled_from(["2026-02-30", "2026-11-26", "https://x.org/",
                                           "javascript:alert(1)", "organisations/none", "NO",
                                           "cotton", "04 02 22", "<script>alert(1)</script>"]))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=12)


@st.composite
def front_matter(draw, category: str) -> dict:
    fields = list(schemas.fields(category))
    keys = draw(st.lists(st.one_of(st.sampled_from(fields), st.text(max_size=12)),
                         max_size=12, unique=True))
    return {k: draw(VALUES) for k in keys}


def check_one(tmp_path: Path, category: str, text: str) -> None:
    path = tmp_path / category / "fuzz.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    source = load_source(tmp_path, path)
    problems = validate([source])
    for p in problems:
        assert p.path and p.line >= 1 and p.field and p.message


FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.function_scoped_fixture]}


@pytest.mark.parametrize("category", list(CATEGORIES))
@settings(max_examples=60, **FUZZ)
@given(data=st.data())
def test_any_front_matter_builds_or_gives_located_problems(tmp_path, category, data):
    meta = data.draw(front_matter(category))
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\nBody\n"
    check_one(tmp_path, category, text)


@settings(max_examples=150, **FUZZ)
@given(text=st.text(alphabet=string.printable + "ąłö{}[]&*!|>'\"%@`", max_size=300))
def test_any_text_as_front_matter_gives_problems_not_tracebacks(tmp_path, text):
    check_one(tmp_path, "technologies", "---\n" + text + "\n---\n")


def test_valid_generated_files_validate(tmp_path):
    """The fuzzing's counterpart: the synthetic generator's files are all valid."""
    generate(tmp_path, 200)
    from virtual_centre.validate.gate import load_content
    assert validate(load_content(tmp_path)) == []


# -- nothing lost ------------------------------------------------------------------------

def card_links(index_html: str, category: str) -> list[str]:
    return re.findall(rf'<h2 class="vc-card__title"[^>]*><a href="\.\./{category}/([^"]+)\.html"',
                      index_html)


def assert_nothing_lost(site: Path, content: Path) -> int:
    from virtual_centre.catalogue.resources import Catalogue
    from virtual_centre.validate.gate import load_content
    sources = load_content(content)
    published = {s.id for s in sources if s.meta and not s.meta.get("draft") and not s.original}
    drafts = {s.id for s in sources if s.meta and s.meta.get("draft")}
    # Each translation: its page in its language, in the search and the open data.
    translated = {f"{s.lang}/{s.original}" for s in sources
                  if s.meta and s.original and s.original in published}
    for key in translated:
        assert (site / f"{key}.html").is_file(), key
    catalogue = Catalogue.from_sources(sources)
    assert set(catalogue.by_id) == published
    for category in CATEGORIES:
        pages = {f"{category}/{p.stem}" for p in (site / category).glob("*.html")
                 if p.name != "index.html"}
        expected = {i for i in published if i.startswith(category + "/")}
        assert pages == expected, category
        # The category's page lists its newest; all of them are in the catalogue search.
        index = (site / category / "index.html").read_text()
        links = card_links(index, category)
        listed = {f"{category}/{link}" for link in links}
        assert len(links) == len(listed) == min(LIST_SHOWN, len(expected)), category
        assert listed <= expected, category
        dates = catalogue.by_id
        assert all(dates[a].date >= dates[b].date for a in listed for b in expected - listed)
        if len(expected) > LIST_SHOWN:
            assert (f'href="../search.html#category={category}&amp;sort=date"'
                    f">All {len(expected)} in the catalogue search") in index
    search_ids = [d[0] for d in search_files.read_docs(site)]
    assert sorted(search_ids) == sorted(published | translated)
    records = json.loads((site / "data/resources.json").read_text())["resources"]
    assert sorted(r["id"] for r in records) == sorted(published)
    assert {t["url"][: -len(".html")] for r in records for t in r["translations"]} == translated
    for draft in drafts:
        assert not (site / f"{draft}.html").exists() and draft not in search_ids
    return len(published)


def test_nothing_lost_in_the_repository_content(tmp_path, caplog):
    with caplog.at_level("INFO"):
        site = build_site(CONTENT, tmp_path / "site", languages=LANGUAGES)
    published = assert_nothing_lost(site, CONTENT)
    assert published >= 59
    printed = [r.getMessage() for r in caplog.records if "resources published" in r.getMessage()]
    files = len(list(CONTENT.glob("*/*.md")))
    assert len(printed) == 1 and printed[0].startswith(
        f"virtual-centre: {files} files, {published} resources published (0 drafts left out)")


def test_nothing_lost_in_a_generated_catalogue_with_drafts(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    site_pages(content)
    plan = generate(content, 1000)
    draft = content / "research" / "synthetic-00001.md"
    draft.write_text(draft.read_text().replace("---\n", "---\ndraft: true\n", 1))
    site = build_site(content, tmp_path / "site")
    assert assert_nothing_lost(site, content) == 999
    assert plan["research"] - 1 > LIST_SHOWN  # the list is cut, and links to all of it
    assert not list(site.glob("**/page-*.html"))  # no paginated lists


# -- the same bytes twice ------------------------------------------------------------------

def test_two_builds_of_the_same_commit_are_byte_identical(tmp_path):
    one = build_site(CONTENT, tmp_path / "one")
    two = build_site(CONTENT, tmp_path / "two")
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(two) for p in two.rglob("*") if p.is_file())
    differing = [str(f) for f in files if (one / f).read_bytes() != (two / f).read_bytes()]
    assert differing == []


# -- no broken internal link or anchor ---------------------------------------------------------

class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if tag in ("a", "link", "script", "img") and a.get(key):
                self.links.append(a[key])


def test_no_broken_internal_link_or_anchor(tmp_path):
    site = build_site(CONTENT, tmp_path / "site")
    parsed: dict[Path, _Links] = {}
    for page in site.rglob("*.html"):
        p = _Links()
        p.feed(page.read_text(encoding="utf-8"))
        parsed[page] = p
    broken = []
    for page, p in parsed.items():
        if page.name == "404.html":
            continue  # served at any path, with absolute links
        for link in p.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith("//") or link.startswith("mailto:"):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
            elif "=" in parts.fragment:
                continue  # a page's state (search.html#channel=x), not an anchor
            elif parts.fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else set()
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(site)} -> {link} (no such anchor)")
    assert broken == []
