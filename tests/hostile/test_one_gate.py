"""The property behind SECURITY.md's promise, tested with generated hostile values (Hypothesis):

- what `check` accepts, every later step holds: the catalogue, the directory and its matches,
  every data file (JSON, CSV, workbooks, feeds), the search payload, the pages' content, the
  bots' Markdown (expiry report, digest, pull-request summary) — and what they write is inert
  (finite JSON, no formula cell, no live Markdown of a contributor's making);
- what a path writes (the spreadsheet import, `from-issue`, the submission bot), `check`
  accepts: each path reads its values as the YAML reader does and validates them by the same
  rules, or writes nothing.

Each example changes one field of a real resource (or adds one) to a value at an edge: numbers
at and past their bounds, dates at the ends of the window, text with line breaks, controls,
invisible and direction characters, formulas, Markdown, HTML, mentions and the bots' own
markers, addresses no parser reads, look-alike names.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path
from typing import Any

import hypothesis
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from virtual_centre.automation import expiry, issueforms, review, submission
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.cli.importer import import_table
from virtual_centre.cli.sheets import Table
from virtual_centre.model import schemas
from virtual_centre.model.columns import ID, cell_of, columns
from virtual_centre.model.content import file_text, load_source
from virtual_centre.model.languages import available
from virtual_centre.model.words import words
from virtual_centre.outputs.search import write_payload
from virtual_centre.pages.digest import digest
from virtual_centre.pages.plan import SitePlan
from virtual_centre.pages.resource import render_resource
from virtual_centre.validate.checker import check
from virtual_centre.validate.rules import check_content

from ..conftest import CONTENT, site_pages
from ..test_contributing import rendered_issue
from .github import WORD_JOINER

TODAY = dt.date(2026, 12, 5)
# One real resource of each kind that a contributor sends, and every organisation.
BASES = {"offers": "gallarate-cotton-cuttings", "demands": "brno-technical-composites",
         "technologies": "fibersort", "legislation": "waste-framework-directive",
         "research": "jrc-textile-waste-scenarios-2024", "organisations": "stfi"}

NUMBERS = [0, -1, 0.5, 1e-320, 90, -90.0001, 100, 100.0001, 20000, 20000.5, 100_000_000,
           100_000_000.5, 2**53 - 1, 2**53, 10**400, 1e308, -1e308, float("inf"),
           float("nan"), True]
TEXTS = ["", " ", "x", "=1+1", "@SUM(1+1)", "+1", "-1", "\t=cmd", "a\nb", "a\rb", "a\u2028b",
         "a\u0085b", "zero\u200bwidth", "bidi\u202eevil", "tag\U000e0041", "soft\u00adhyphen",
         "<script>window.__xss=1</script>", "</title><b>x</b>", "&#10;&lt;",
         "[x](https://evil.example) ![i](https://evil.example/p.png) @team #1",
         "<!-- vc:expiry-report 2026-02-30 -->", "# heading", "| a | b |", "`code` ``x``",
         "https://example.org:x/", "https://[oops/", "https://example.org/\n",
         "https://user:pw@example.org/", "javascript:alert(1)", "https:evil.example",
         "https://example.org/ok", "m3p@example.org", "2106-02-08", "2099-12-31",
         "1799-12-31", "1800-01-01", "2026-02-30", "Ｃｅｎｔｒｏｃｏｔ", "Сentrocot", "nan",
         "1e400", "null", "~", "NO", "true", "'", '"', "\\", "x" * 2001, "ł" * 300,
         "organisations/stfi", "stfi", "cotton", "IT", "04 02 22", "open", "t", "month"]
VALUES = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(TEXTS),
                   st.lists(st.sampled_from(TEXTS), max_size=3),
                   st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
                           max_size=30),
                   st.dictionaries(st.sampled_from(["amount", "unit", "per", "x"]),
                                   st.sampled_from([*NUMBERS[:8], "t", "once"]), max_size=3))


def base_meta(category: str) -> tuple[dict[str, Any], str]:
    """A real resource's front matter and body, its references to other resources than the
    organisations (all of which the test content has) left out."""
    source = load_source(CONTENT, CONTENT / category / f"{BASES[category]}.md")
    assert source.meta is not None and not source.problems
    meta = dict(source.meta)
    for name, target in schemas.reference_fields(category).items():
        if target != "organisations" and name in meta:
            del meta[name]
    return meta, source.body


@pytest.fixture(scope="module")
def base_content(tmp_path_factory) -> Path:
    content = tmp_path_factory.mktemp("gate") / "content"
    (content / "organisations").mkdir(parents=True)
    site_pages(content)
    for org in (CONTENT / "organisations").glob("*.md"):
        shutil.copy(org, content / "organisations" / org.name)
    for category in BASES:
        meta, body = base_meta(category)
        (content / category).mkdir(exist_ok=True)
        (content / category / f"{BASES[category]}.md").write_text(file_text(meta, body))
    _, problems = check_content(content)
    assert problems == []
    return content


def leaves(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [path] + [p for k, v in value.items() for p in leaves(v, (*path, k))]
    if isinstance(value, list):
        return [path] + [p for i, v in enumerate(value) for p in leaves(v, (*path, i))]
    return [path]


def value_like(current: Any) -> st.SearchStrategy[Any]:
    """Hostile values of the current value's kind (text padded half the time, so that it
    passes a minimum length and reaches the later steps), or of any kind now and then."""
    text = st.one_of(st.sampled_from(TEXTS), st.sampled_from(TEXTS).map("Padded text ".__add__),
                     st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
                             min_size=1, max_size=30).map("Padded text ".__add__))
    if isinstance(current, bool):
        kind: st.SearchStrategy[Any] = st.sampled_from(NUMBERS)
    elif isinstance(current, (int, float)):
        kind = st.sampled_from(NUMBERS)
    elif isinstance(current, str):
        kind = text
    elif isinstance(current, list):
        kind = st.lists(text, max_size=3)
    else:
        kind = VALUES
    return st.integers(0, 9).flatmap(lambda n: VALUES if n == 9 else kind)


def changed(meta: dict[str, Any], category: str, draw: Any) -> dict[str, Any]:
    """The front matter with one field (an existing one mostly, or one the schema allows)
    set to a hostile value."""
    meta = json.loads(json.dumps(meta))
    existing = [p for p in leaves(meta) if p]
    allowed = [(name,) for name in schemas.fields(category)]
    path = draw(st.integers(0, 4).flatmap(
        lambda n: st.sampled_from(allowed if n == 4 else existing)))
    target = meta
    for key in path[:-1]:
        target = target[key]
    current = target.get(path[-1]) if isinstance(target, dict) else target[path[-1]]
    target[path[-1]] = draw(value_like(current))
    return meta


# -- what check accepts, every later step holds, inert --------------------------------------


def publish(content: Path, out: Path) -> dict[str, Any]:
    """Every output of the site that does not need MkDocs, and the bots' Markdown."""
    problems, catalogue = check(content, content.parent)
    assert problems == [] and catalogue is not None
    plan = SitePlan(catalogue, TODAY)
    files: dict[str, Any] = dict(plan.data_files("Virtual Centre", "https://p.example/vc/"))
    write_payload(content, catalogue, out)
    for src_uri, page in plan.pages.items():
        files[src_uri] = page.render(plan, plan.presenter(src_uri))
    for r in catalogue.by_id.values():
        files[r.src_uri] = render_resource(plan, r, "<p>body</p>",
                                           plan.presenter(r.src_uri))
    full = Catalogue.from_sources(check_content(content)[0])
    files["digest.md"] = digest(full, "2000-01-01", "https://p.example/vc/", "VC", TODAY)[1]
    files["expiry.md"] = expiry.report(content, TODAY, days=40000)
    files["summary.md"] = review.summary(content, content.parent, "".join(
        f"A\tcontent/{r.src_uri}\n" for r in full.by_id.values()))[0]
    return files


def assert_inert(files: dict[str, Any]) -> None:
    def no_constant(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    for uri, data in files.items():
        if uri.endswith(".json"):
            json.loads(data, parse_constant=no_constant)
        elif uri.endswith(".xlsx"):
            with zipfile.ZipFile(io.BytesIO(data)) as book:
                for name in book.namelist():
                    if name.startswith("xl/worksheets/"):
                        assert b"<f>" not in book.read(name), uri
        elif uri.endswith(".csv"):
            for row in csv.reader(io.StringIO(data)):
                assert not [c for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r")], uri
        elif uri.endswith(".xml"):
            ElementTree.fromstring(data.encode() if isinstance(data, str) else data)
        elif uri.endswith(".md") and uri in ("digest.md", "expiry.md", "summary.md"):
            assert_quiet_markdown(data, uri)


def assert_quiet_markdown(text: str, uri: str) -> None:
    """No HTML, comment, mention, image or contributor's link: read as GitHub reads it (an
    escaped character is text), the one marker of the expiry report aside."""
    if uri == "expiry.md":
        assert expiry.last_run(text) == TODAY
        text = text.rstrip().rsplit("\n", 1)[0]
    live = re.sub(r"\\[!-/:-@\[-`{-~]", "", text)
    assert "<" not in live and "![" not in live and "](https://evil" not in live, uri
    assert not re.search(f"@(?!{WORD_JOINER})", live), uri


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(category=st.sampled_from(sorted(BASES)), data=st.data())
def test_what_check_accepts_every_step_holds_and_keeps_inert(base_content, tmp_path_factory,
                                                             category, data):
    content = tmp_path_factory.mktemp("site").parent / "content-example"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(base_content, content)
    meta, body = base_meta(category)
    made = file_text(changed(meta, category, data.draw), body)
    (content / category / f"{BASES[category]}.md").write_text(made, encoding="utf-8",
                                                               errors="surrogatepass")
    _, problems = check_content(content)
    event("refused by check" if problems else "accepted and published")
    if problems:
        return
    assert_inert(publish(content, content.parent / "site-example"))


# -- what a path writes, check accepts ------------------------------------------------------


CELLS = st.one_of(st.sampled_from(NUMBERS), st.sampled_from(TEXTS), st.none(),
                  st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
                          max_size=20))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(category=st.sampled_from(["offers", "demands", "organisations"]),
       pick=st.integers(0, 60), cell=CELLS)
def test_a_sheet_row_is_written_only_as_check_accepts_it(base_content, tmp_path_factory,
                                                         category, pick, cell):
    content = tmp_path_factory.mktemp("import") / "content"
    shutil.copytree(base_content, content)
    meta, _ = base_meta(category)
    cols = columns(category)
    cells = ["imported-row" if c.name == ID else cell_of(c, meta) for c in cols]
    cells[pick % len(cells)] = cell
    before = {p: p.read_bytes() for p in content.rglob("*.md")}
    outcome = import_table(Table([c.name for c in cols], [(2, cells)]), "sheet.csv", category,
                           content, content.parent)
    event("refused" if outcome.problems else "written")
    if outcome.problems:
        assert {p: p.read_bytes() for p in content.rglob("*.md")} == before
        return
    _, problems = check_content(content)
    assert problems == [], (cells, problems)


FORMS = {"offers": "post-offer", "demands": "post-demand"}


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(category=st.sampled_from(sorted(FORMS)), pick=st.integers(0, 60), answer=CELLS,
       lang=st.sampled_from(["en", *available()]))
def test_a_form_becomes_a_file_only_as_check_accepts_it(base_content, tmp_path_factory,
                                                        category, pick, answer, lang):
    """From the form in any language."""
    content = tmp_path_factory.mktemp("form") / "content"
    shutil.copytree(base_content, content)
    meta, _ = base_meta(category)
    meta = {k: v for k, v in meta.items() if k not in issueforms.SKIPPED}
    meta["title"] = "A submitted listing"
    fields = list(schemas.fields(category))
    meta[fields[pick % len(fields)]] = answer
    body = rendered_issue(issueforms.form(FORMS[category], words(lang)), meta, "A description.")
    issue_event = {"action": "opened", "issue": {
        "number": 7, "body": body, "state": "open", "author_association": "MEMBER",
        "user": {"login": "a"}, "labels": [{"name": "contribution"},
                                          {"name": category.removesuffix("s")}]}}
    decision = submission.decide(issue_event, content, TODAY.isoformat())
    hypothesis.event(decision.action)
    if decision.action == "pull-request":
        (content.parent / decision.path).write_text(decision.content, encoding="utf-8")
        _, problems = check_content(content)
        assert problems == [], (answer, problems)
    else:
        assert decision.action == "comment" and decision.content == ""
    try:
        path, problems = issueforms.write_from_issue(content, body, category, "2026-12-05",
                                                     "from-issue")
    except ValueError:
        return
    assert path.exists() == (problems == [])
    if path.exists():
        assert check_content(content)[1] == []


TRANSLATION_FIELDS = ["title", "summary", "translator", "translated", "machine_assisted",
                      "trl", "language"]
# Mostly text in the fields a translation has, now and then anything anywhere.
TRANSLATION_VALUES = st.one_of(
    st.sampled_from(TEXTS).map(lambda t: f"Ein Sortierer {t} und"),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=3,
            max_size=40).map(lambda t: f"Die {t}"),
    st.sampled_from(TEXTS), VALUES)


@settings(max_examples=50, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(field=st.sampled_from(TRANSLATION_FIELDS[:3] * 3 + TRANSLATION_FIELDS),
       value=TRANSLATION_VALUES, body=st.sampled_from(TEXTS),
       lang=st.sampled_from(["de", "de", "de", "it", "xx"]))
def test_a_translation_check_accepts_is_built_everywhere(base_content, tmp_path_factory, field,
                                                         value, body, lang):
    """A translation (name.<lang>.md) with any value in any field: check refuses it, or its
    page, search document, open data, JSON-LD and feed entry are made and say its text only
    escaped."""
    from virtual_centre.outputs.feeds import feeds
    from virtual_centre.outputs.opendata import resources_json
    from virtual_centre.outputs.search import build
    from virtual_centre.pages.structured import script, structured_data

    content = tmp_path_factory.mktemp("translation") / "content"
    shutil.copytree(base_content, content)
    original = next((content / "technologies").glob("*.md"))
    meta = {"title": "Ein Sortierer für Textilien", "translator": "Beispiel",
            "summary": "Eine Maschine, die Textilien nach der Faser sortiert.",
            "translated": "2026-12-01", field: value}
    (original.parent / f"{original.stem}.{lang}.md").write_text(
        file_text(meta, f"\n{body}\n"), encoding="utf-8")
    sources, problems = check_content(content, content.parent, ["en", "de", "it"])
    hypothesis.event("refused" if problems else "accepted")
    if problems:
        return
    catalogue = Catalogue.from_sources(sources)
    [translation] = [t for versions in catalogue.translations.values() for t in versions.values()]
    plan = SitePlan(catalogue, TODAY, languages=("en", "de", "it"))
    html = render_resource(plan, translation, "<p>body</p>", plan.presenter(translation.src_uri))
    assert "<script>window.__xss" not in html and "</title><b>" not in html
    assert translation.url.startswith(f"{lang}/") and translation.url in {
        d[0] + ".html" for d in build(catalogue)["docs"]}
    json.loads(resources_json(catalogue))
    assert "</script" not in str(script(structured_data(translation, catalogue,
                                                        plan.directory)))[8:-9].lower()
    feeds(catalogue, "VC", "", lambda _: False)
