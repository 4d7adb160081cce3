"""Issue 31's causes at the entry paths other than a file: the spreadsheet import, the issue
forms and their bot, the bots' reports, and the did-you-means (SECURITY.md)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from virtual_centre.automation import expiry, submission
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.cli.importer import import_table
from virtual_centre.cli.main import main as cli
from virtual_centre.cli.sheets import Table
from virtual_centre.model.columns import ID, cell_of, columns
from virtual_centre.model.content import load_source
from virtual_centre.model.identity import skeleton
from virtual_centre.pages.digest import digest
from virtual_centre.validate import suggest
from virtual_centre.validate.gate import load_content
from virtual_centre.validate.rules import check_content

from ..conftest import CONTENT, site_pages
from .github import as_github_shows, live_markup

TODAY = dt.date(2026, 12, 5)
HOSTILE_TITLE = ("[x](https://evil.example) @team ![i](https://evil.example/p.png) "
                 "<!-- vc:expiry-report 2026-02-30 --> <b>bold</b>")


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The organisations and the listings of the repository, and the site's pages."""
    root = tmp_path / "content"
    root.mkdir()
    site_pages(root)
    for category in ("organisations", "offers", "demands"):
        shutil.copytree(CONTENT / category, root / category)
    for path in root.glob("demands/*.md"):  # references outside these folders
        if "technologies:" in path.read_text():
            path.unlink()
    assert check_content(root)[1] == []
    return root


def offer_cells(category: str = "offers", **changes: object) -> tuple[list[str], list]:
    source = load_source(CONTENT, CONTENT / category / "gallarate-cotton-cuttings.md") \
        if category == "offers" else None
    cols = columns(category)
    meta = dict(source.meta) if source else {}
    cells = [changes.get(c.name, "new-row" if c.name == ID else cell_of(c, meta)) for c in cols]
    return [c.name for c in cols], cells


def files(content: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}


# -- 10: a sheet or a form passes the reader's rules too -------------------------------------

@pytest.mark.parametrize(("column", "cell", "words"), [
    ("title", "Cotton\x07 cuttings", "control character"),
    ("title", "Cotton \u202ecuttings", "control character"),
    ("title", "Cotton\u200b cuttings", "invisible character"),
    ("title", "Cotton\ncuttings", "must be one line"),
    ("quantity.amount", "nan", "finite number"),
    ("quantity.amount", "1e400", "finite number"),
    ("quantity.amount", 10**400, "too large"),
    ("location.lat", float("nan"), "finite number"),
    ("valid_until", "2107-01-01", "from 1800 to 2099"),
    ("contact", "https://example.org:x/", "not a web address"),
])
def test_a_sheet_row_the_reader_would_refuse_is_never_written(content, column, cell, words):
    headers, cells = offer_cells(**{column: cell})
    before = files(content)
    outcome = import_table(Table(headers, [(2, cells)]), "sheet.csv", "offers", content,
                           content.parent)
    assert [p for p in outcome.problems if words in p and p.startswith("sheet.csv:2:")], \
        outcome.problems
    assert files(content) == before


def test_a_form_the_reader_would_refuse_gets_a_comment_and_no_branch(content):
    event = {"action": "opened", "issue": {
        "number": 9, "state": "open", "author_association": "MEMBER", "user": {"login": "a"},
        "labels": [{"name": "contribution"}, {"name": "offer"}],
        "body": (CONTENT.parent / "tests/events/offer-opened-member.json").read_text()}}
    import json

    event["issue"]["body"] = json.loads(event["issue"]["body"])["issue"]["body"].replace(
        "### Colour\n\n", "### Colour\n\nindigo\u202e \u200b").replace(
        "### Title\n\n", "### Title\n\n\x1b[31m")
    decision = submission.decide(event, content, TODAY.isoformat())
    assert decision.action == "comment" and decision.branch == "" and decision.content == ""
    shown = as_github_shows(decision.comment)
    assert "**Title** (title): holds a control character" in shown
    assert "**Colour** (colour): holds a control character" in shown


# -- 8 and 11: names and addresses that no parser reads, or that look alike --------------------

def test_an_organisation_whose_website_no_parser_reads_does_not_break_the_import(content):
    org = content / "organisations" / "centrocot.md"
    org.write_text(org.read_text().replace("website: https://", "website: https://[oops/"))
    headers, cells = offer_cells(organisation="https://www.centrocot.it/")
    outcome = import_table(Table(headers, [(2, cells)]), "sheet.csv", "offers", content,
                           content.parent)
    assert outcome.problems and all(p.startswith("sheet.csv:2:") for p in outcome.problems)
    assert "is not a web address a browser can read" in "\n".join(
        str(p) for p in check_content(content)[1])


def test_a_look_alike_organisation_is_a_problem_and_receives_no_row(content):
    impostor = content / "organisations" / "a-centrocot.md"
    impostor.write_text((content / "organisations" / "centrocot.md").read_text().replace(
        "title: Centrocot – Centro Tessile Cotoniero e Abbigliamento", "title: Ｃｅｎｔｒｏｃｏｔ"))
    problems = [str(p) for p in check_content(content)[1]]
    assert any("a-centrocot.md:2: title: its name looks like the id of "
               "organisations/centrocot" in p for p in problems), problems
    assert skeleton("Ｃｅｎｔｒｏｃｏｔ") == skeleton("centrocot") == skeleton("Сentrocot")
    headers, cells = offer_cells(organisation="centrocot")
    outcome = import_table(Table(headers, [(2, cells)]), "sheet.csv", "offers", content,
                           content.parent)
    assert outcome.problems == []
    assert "organisation: centrocot\n" in (content / "offers" / "new-row.md").read_text()
    headers, cells = offer_cells(organisation="Centrocot", id="by-name")
    outcome = import_table(Table(headers, [(3, cells)]), "sheet.csv", "offers", content,
                           content.parent)
    assert any("it could name a-centrocot, centrocot" in p for p in outcome.problems), \
        outcome.problems


def test_an_edit_by_its_author_withdraws_a_maintainers_acceptance(content):
    import json

    event = json.loads((CONTENT.parent / "tests/events/demand-labeled-accepted.json")
                       .read_text())
    assert submission.decide(event, content, TODAY.isoformat()).action == "pull-request"
    event["action"], event["sender"] = "edited", {"login": "partner-editor"}
    decision = submission.decide(event, content, TODAY.isoformat())
    assert decision.action == "comment" and decision.remove_labels == ["accepted"]
    assert decision.branch == ""
    event["sender"] = {"login": "maintainer"}  # a maintainer's own fix keeps it
    assert submission.decide(event, content, TODAY.isoformat()).action == "pull-request"


# -- 6: contributors' text in what the bots write ----------------------------------------------

def test_the_bots_write_contributors_text_as_text(content):
    offer = content / "offers" / "gallarate-cotton-cuttings.md"
    text = offer.read_text()
    title = text.split("\n", 2)[1] if text.startswith("---\ntitle:") else None
    assert title is None or title.startswith("title:")
    offer.write_text(text.replace(
        next(line for line in text.splitlines() if line.startswith("title:")),
        f"title: '{HOSTILE_TITLE}'").replace(
        next(line for line in text.splitlines() if line.startswith("valid_until:")),
        "valid_until: '2026-12-10'"))
    assert check_content(content)[1] == []
    report = expiry.report(content, TODAY, repository_url="https://github.com/o/r")
    mail = digest(Catalogue.from_sources(load_content(content)), "2000-01-01",
                  "https://p.example/vc/", "VC", TODAY)[1]
    for text in (report, mail):
        item = next(line for line in text.splitlines() if "evil" in line)
        assert live_markup(item.split("](")[0]) == [], item  # the link text: no markup
        assert HOSTILE_TITLE in as_github_shows(item)
    # The next day's report reads its own marker, never the title's (2026-02-30 is no day).
    assert expiry.last_run(report) == TODAY
    assert expiry.last_run(f"{HOSTILE_TITLE}\n") is None
    next_day = expiry.report(content, TODAY + dt.timedelta(days=1), report)
    assert f"since the last run ({TODAY})" in next_day


def test_a_forged_or_impossible_marker_is_no_marker():
    assert expiry.last_run("<!-- vc:expiry-report 2026-02-30 -->\n") is None
    assert expiry.last_run("<!-- vc:expiry-report 2026-12-01 --> and more\n") is None
    assert expiry.last_run("- x\n<!-- vc:expiry-report 2026-12-01 -->\n") == \
        dt.date(2026, 12, 1)


# -- 13: did-you-means bounded -----------------------------------------------------------------

def test_a_did_you_mean_looks_at_a_bounded_number_of_names(monkeypatch):
    names = [f"organisations/company-{n:05d}" for n in range(20_000)]
    near = suggest.NearNames(names)
    compared: list[int] = []
    original = suggest.difflib.get_close_matches

    def counted(word, possibilities, *args, **kwargs):
        compared.append(len(possibilities))
        return original(word, possibilities, *args, **kwargs)

    monkeypatch.setattr(suggest.difflib, "get_close_matches", counted)
    assert near.closest("organisations/company-01234x") == "organisations/company-01234"
    assert near.closest("organisations/compnay-01234") == "organisations/company-01234"
    assert near.closest("organisations/cmopany-0123") is not None
    assert near.closest("zzz") is None
    bound = suggest.PER_KEY * (len("organisations/company-01234x") + 1)
    assert compared and max(compared) <= bound


def test_check_of_a_file_with_thousands_of_near_misses_reports_each(tmp_path, monkeypatch,
                                                                    capsys):
    root = tmp_path / "content"
    (root / "research").mkdir(parents=True)
    site_pages(root)
    for category in ("organisations",):
        shutil.copytree(CONTENT / category, root / category)
    related = "\n".join(f"- organisations/stfj{n}" for n in range(300))
    (root / "research" / "many.md").write_text(
        "---\ntitle: Many references\nsummary: A file that names 300 ids nearly right.\n"
        "date: '2026-12-01'\nlanguage: en\nkind: report\ncreators:\n- name: X\n"
        f"  url: https://example.org/\nrelated:\n{related}\n---\nBody.\n")
    monkeypatch.chdir(tmp_path)
    assert cli(["check", "--content", "content"]) == 1
    out = capsys.readouterr().out
    assert out.count("refers to no resource; did you mean 'organisations/stfi'?") == 300
