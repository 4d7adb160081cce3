"""Hostile contributions (SECURITY.md): each file of the corpus in tests/hostile is refused with
its path, line and field, or accepted and published inert and whole; the build refuses what
check refuses; nothing from outside the repository reaches the site."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import string
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort, PluginError
from virtual_centre.automation import issueforms
from virtual_centre.cli.main import main as cli
from virtual_centre.outputs import search_files
from virtual_centre.validate.checker import check
from virtual_centre.validate.rules import check_content

from .conftest import build_site, site_pages
from .hostile import EXPECTED, lay

SECRET = "vc-secret-7f3a9c1e"  # an environment variable's value that must appear nowhere
PASSWD = "root:x:0:0"  # the first line of /etc/passwd


def hostile_content(tmp_path: Path, **kinds: bool) -> Path:
    content = tmp_path / "content"
    content.mkdir()
    site_pages(content)
    return lay(content, **kinds)


@pytest.fixture(scope="module")
def accepted_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("accepted")
    content = hostile_content(root, refused=False)
    os.environ["VC_TEST_SECRET"] = SECRET
    try:
        return build_site(content, root / "site")
    finally:
        del os.environ["VC_TEST_SECRET"]


def expected_problems() -> dict[str, tuple[int, str, str]]:
    listed = {path: tuple(v) for path, v in EXPECTED["refused"].items()}
    listed.update({path: tuple(v[1:]) for path, v in EXPECTED["links"].items()})
    return listed  # type: ignore[return-value]


def test_check_names_every_refused_file_and_no_accepted_one(tmp_path, monkeypatch, capsys):
    hostile_content(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert cli(["check", "--content", "content"]) == 1
    out = capsys.readouterr().out.splitlines()
    for path, (line, field, words) in expected_problems().items():
        expected = f"content/{path}:{line}: {field}: "
        assert any(o.startswith(expected) and words in o for o in out), (path, out)
    for path in EXPECTED["accepted"]:
        assert not [o for o in out if o.startswith(f"content/{path}:")], path
    # One problem each, where one is enough (a body is not reported twice for one rule).
    assert len([o for o in out if "definitions" in o]) == 1
    assert any(o.startswith("content/offers/infinite.md:21: quantity.amount: must be a "
                            "finite number, not .inf") for o in out)


def test_the_build_refuses_what_check_refuses_before_writing_anything(tmp_path):
    content = hostile_content(tmp_path)
    _, checked = check_content(content, tmp_path)
    built, _ = check(content, tmp_path)
    assert built == checked and built
    site = tmp_path / "site"
    with pytest.raises((PluginError, Abort)):
        build_site(content, site)
    written = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert not [p for p in written if PASSWD in p.read_text(errors="replace")]
    assert not [p for p in written if p.suffix in (".svg", ".js") and "__xss" in p.read_text()]


def test_every_accepted_file_is_published_whole(accepted_site):
    for path in EXPECTED["accepted"]:
        page = accepted_site / (path[: -len(".md")] + ".html")
        assert page.is_file(), path
        category = path.split("/")[0]
        slug = Path(path).stem
        index = (accepted_site / category / "index.html").read_text()
        assert f'href="../{category}/{slug}.html"' in index, path
    records = json.loads((accepted_site / "data" / "resources.json").read_text())["resources"]
    assert {r["id"] + ".md" for r in records} == set(EXPECTED["accepted"])
    searched = {doc[0] for doc in search_files.read_docs(accepted_site)}
    for path in EXPECTED["accepted"]:
        assert path[: -len(".md")] in searched, path


def test_contributed_ids_and_classes_never_name_the_theme_or_the_site(accepted_site):
    html = (accepted_site / "organisations" / "hostile-org.html").read_text()
    for theirs in ("__drawer", "__search", "vc-search", "vc-results", "VC_SEARCH"):
        assert len(re.findall(rf'id="{theirs}"', html)) <= 1, theirs  # the theme's own only
    body = html[html.index('<div class="vc-body">') + 20:html.index("</article>")]
    assert "A div that claims the theme's search toggle." in body
    assert not re.search(r'id="(__|md-|vc-|VC_)', body)
    assert not re.search(r'class="[^"]*\b(md-header|md-typeset|vc-results)\b', body)
    toc = re.findall(r'<a href="#([^"]*)" class="md-nav__link', html)
    assert toc and all(re.fullmatch(r"[a-z0-9][a-z0-9_-]*", anchor) for anchor in toc), toc
    assert "onerror" not in html and "onclick" not in html and "data-toc-label" not in html


def test_no_page_asks_another_host_for_anything(accepted_site):
    offer = (accepted_site / "offers" / "hostile-offer.html").read_text()
    # The remote images as links: three plain, six whose address a browser reads otherwise
    # than it is written (entities for tabs, line breaks and controls; a backslash; no '//').
    assert offer.count("(on another site)</a>") == 9
    for page in accepted_site.rglob("*.html"):
        text = page.read_text()
        fetched = re.findall(r'<(?:img|iframe|video|audio|object|embed|link|script|source)'
                             r'\b[^>]*?\b(?:src|href|data|poster|srcset)="([^"]*)"', text)
        assert not [u for u in fetched if "evil.example" in u], (page, fetched)
        assert "evil.example/y.css" not in text and "url(https://evil" not in text


def test_open_data_is_safe_to_open(accepted_site):
    rows = list(csv.reader(io.StringIO((accepted_site / "data" / "listings.csv").read_text())))
    header, cells = rows[0], [c for row in rows[1:] for c in row]
    assert "title" in header and cells
    formulas = [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert formulas == []
    assert "'@SUM(1+1) cotton cuttings (an invented offer)" in cells
    assert any(c.startswith("'=HYPERLINK(") for c in cells)  # the organisation's name

    for book in ("listings.xlsx", "organisations.xlsx"):  # no formula cell, text as text
        sheets = sheets_text(accepted_site / "data" / book)
        assert sheets and not [s for s in sheets if "<f>" in s or "<f " in s], book
    listings = "".join(sheets_text(accepted_site / "data" / "listings.xlsx"))
    assert "<t>=1+1</t>" in listings and "<t>@SUM(1+1) cotton cuttings" in listings

    def no_constant(name: str) -> None:
        raise AssertionError(f"{name} is not JSON")

    for path in accepted_site.rglob("*.json"):
        json.loads(path.read_text(), parse_constant=no_constant)


def sheets_text(book: Path) -> list[str]:
    with zipfile.ZipFile(book) as z:
        return [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]


def test_no_file_from_outside_and_no_environment_variable_reaches_the_site(accepted_site):
    with zipfile.ZipFile(accepted_site / "download" / "virtual-centre-offline.zip") as z:
        zipped = [z.read(name) for name in z.namelist()]
    for data in [p.read_bytes() for p in accepted_site.rglob("*") if p.is_file()] + zipped:
        assert SECRET.encode() not in data and PASSWD.encode() not in data


# -- from-issue: any input gives a clear error, never a traceback ------------------------------

LABELS = ["Category", "Title", "Summary", "Language", "Date", "Category fields", "Description",
          "Organisation", "Quantity", "Composition", "Trl", "Location", "Valid until"]
ANSWERS = st.one_of(
    st.text(alphabet=string.printable + "ąłö\x00\x07\u202e", max_size=80),
    st.sampled_from(["technologies", "offers", "nothing", "```yaml\n- a list\n```",
                     "```yaml\na: &x [*x]\n```", "```yaml\n!!python/object:os.system x\n```",
                     "```yaml\nq: .nan\n```", "a: [1, 2", "{{{{", ".inf", "- 1\n- 2",
                     "```yaml\n" + "a: &a [x]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b]\n"
                     + "d: [*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d]\n```"]))
ISSUES = st.lists(st.tuples(st.sampled_from(LABELS), ANSWERS), max_size=8).map(
    lambda parts: "\n\n".join(f"### {label}\n\n{answer}" for label, answer in parts))


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=ISSUES, category=st.sampled_from([None, "offers", "demands"]))
def test_any_issue_body_gives_a_file_or_a_clear_error(tmp_path, capsys, body, category):
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)
    issue = tmp_path / "issue.md"
    issue.write_text(body, encoding="utf-8")
    args = ["from-issue", str(issue), "--content", str(content)]
    code = cli([*args, *(["--category", category] if category else [])])
    err = capsys.readouterr().err
    assert code in (0, 1, 2)
    assert "Traceback" not in err
    if code == 2:
        assert err.startswith("error: ") and len(err) < 2000
    for made in content.rglob("*.md"):
        made.unlink()


def test_issue_bodies_that_are_not_text_or_too_long_are_refused(tmp_path, capsys):
    issue = tmp_path / "issue.md"
    issue.write_bytes(b"### Title\n\n\xff\xfe not UTF-8")
    assert cli(["from-issue", str(issue), "--content", str(tmp_path)]) == 2
    assert "not UTF-8" in capsys.readouterr().err
    issue.write_text("### Title\n\n" + "x" * 1_100_000, encoding="utf-8")
    assert cli(["from-issue", str(issue), "--content", str(tmp_path)]) == 2
    assert "longer than" in capsys.readouterr().err
    assert cli(["from-issue", str(tmp_path / "missing.md")]) == 2
    assert "No such file" in capsys.readouterr().err
    with pytest.raises(ValueError, match="YAML fields"):
        issueforms.meta_from_issue("### Category\n\ntechnologies\n\n### Category fields\n\n"
                                   "- a list\n", None, "2026-12-01")


# -- a body check lets through only what builds ------------------------------------------------

MARKUP = "[]()<>!*_`#>:-|{}\\&;=\"'/ \t\naxé1"


@settings(max_examples=300, deadline=None)
@given(body=st.text(alphabet=MARKUP, max_size=400)
       | st.lists(st.sampled_from(["[", "](", "<a ", "<!--", "-->", "\n: d", "\n# h", "> ",
                                   "{: #__x }", "![i](https://e.x/p.png)", "`", "&amp;",
                                   "\n\n", "a", "<b>", "</b>", "    - ", "|", "\\"]),
                  max_size=120).map("".join))
def test_a_body_the_check_accepts_converts_and_cleans(body):
    import markdown
    from virtual_centre.pages.sanitize import SafeAttributesExtension, clean_html
    from virtual_centre.validate.body import body_problems

    if body_problems(body, 1):
        return
    md = markdown.Markdown(extensions=["admonition", "attr_list", "def_list", "tables", "toc",
                                       SafeAttributesExtension()])
    html = clean_html(md.convert(body))  # neither raises
    assert not re.search(r'id="(__|md-|vc-)', html)
    assert not re.search(r"<img[^>]*src=\"https:", html)  # a remote image is a link


def test_a_file_name_that_is_no_text_is_named_safely(tmp_path, monkeypatch, capsys):
    offers = tmp_path / "content" / "offers"
    offers.mkdir(parents=True)
    (offers / os.fsdecode(b"bad\xff\nname.md")).write_text("---\ntitle: x\n---\n")
    monkeypatch.chdir(tmp_path)
    assert cli(["check", "--content", "content"]) == 1
    out = capsys.readouterr().out
    assert out == ("content/offers/bad\ufffd?name.md:1: file: the name holds characters that "
                   "are not printable UTF-8 text: rename the file\n")


@pytest.mark.parametrize("text", ["a ``` b ``` c", "a ``` b ``` c ``` d", "```", "x",
                                  "``` a ``` ``` b ```", "a```b```c```d```e"])
def test_the_search_text_drops_fenced_code_as_pairs(text):
    """search.without_fenced_code reads a body once (a regex over unclosed fences did not)."""
    from virtual_centre.outputs.search import without_fenced_code

    assert without_fenced_code(text).split() == re.sub(r"```.*?```", " ", text, flags=re.S).split()
