"""The checker, as the build's second process runs it: the same problems as validate(), the
same payload as the catalogue built in process."""

from __future__ import annotations

import shutil

from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.model.content import load_source
from virtual_centre.outputs import search, search_files
from virtual_centre.pages.context import BuildContext
from virtual_centre.pages.lifecycle import prepare
from virtual_centre.validate.gate import load_content, scan
from virtual_centre.validate.rules import validate

from benchmarks.synthetic import generate

from .conftest import CONTENT, LANGUAGES

SITE_LANGUAGES = ("en", *LANGUAGES)  # the repository's: its translations are in them


def test_the_checker_finds_every_problem_validate_finds(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    offer = content / "offers" / "gallarate-cotton-cuttings.md"
    text = offer.read_text(encoding="utf-8")
    broken = {  # a schema error, a dangling reference, a place that cannot be found
        "offers/one.md": text.replace("status: open", "status: maybe"),
        "offers/two.md": text.replace("organisation: ", "organisation: organisations/nobody-"),
        "offers/three.md": text.replace("city: Gallarate", "city: Gallaratte"),
        "offers/Four.md": text,  # not a slug
    }
    for path, body in broken.items():
        (content / path).write_text(body, encoding="utf-8")
    site = tmp_path / "site"
    problems, plan = prepare(BuildContext(content, tmp_path, site, offline_zip=False,
                                          languages=SITE_LANGUAGES))
    catalogue = plan.catalogue if plan else None
    assert catalogue is None
    assert problems == validate(load_content(content, display_root=tmp_path),
                                languages=SITE_LANGUAGES)
    fields = {p.field for p in problems}
    assert {"status", "organisation", "location.city", "front matter"} <= fields, problems
    assert not site.exists()


def test_the_checkers_payload_is_the_one_the_catalogue_makes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    generate(content, 300)
    draft = content / "technologies" / "fibersort.md"
    draft.write_text(draft.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1),
                     encoding="utf-8")
    site = tmp_path / "site"
    problems, plan = prepare(BuildContext(content, tmp_path, site, offline_zip=False,
                                          languages=SITE_LANGUAGES))
    checked = plan.catalogue if plan else None
    assert problems == []
    catalogue = Catalogue.from_sources(load_content(content))
    assert "technologies/fibersort" not in catalogue.by_id
    assert checked is not None and list(checked.by_id) == list(catalogue.by_id)
    expected = search_files.split(search.build(catalogue))
    written = {p.stem: p.read_text(encoding="utf-8")
               for p in (site / search_files.SEARCH_DIR).glob("*.js")}
    assert written == {name: search_files.to_script(data, name) for name, data in expected.items()}


def test_files_checked_on_every_core_give_the_same_problems(tmp_path, monkeypatch):
    """From PARALLEL_FILES files on, validate() checks them in forked processes."""
    from virtual_centre.validate import rules

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    offer = content / "offers" / "gallarate-cotton-cuttings.md"
    text = offer.read_text(encoding="utf-8")
    for n in range(30):
        broken = text.replace("status: open", f"status: maybe-{n}")
        (content / "offers" / f"broken-{n}.md").write_text(broken, encoding="utf-8")
    sources = [load_source(content, f, tmp_path) for f in scan(content, tmp_path).resources]
    one = rules.validate(sources)
    monkeypatch.setattr(rules, "PARALLEL_FILES", 1)
    every = rules.validate(sources)
    assert every == one and sum(p.field == "status" for p in one) == 30


def test_checking_some_files_finds_their_problems_and_no_others(tmp_path, capsys):
    """`virtual-centre check PATH…`: the given files' own problems, their references and
    duplicate ids against the whole catalogue; another file's problem is not reported."""
    from virtual_centre.cli.main import main
    from virtual_centre.validate.some import check_files

    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    offer = content / "offers" / "gallarate-cotton-cuttings.md"
    text = offer.read_text(encoding="utf-8")
    mine = content / "offers" / "mine.md"
    mine.write_text(text.replace("status: open", "status: maybe").replace(
        "organisation: example-varese-weaving", "organisation: example-varese-weavin"))
    other = content / "offers" / "other.md"
    other.write_text(text.replace("status: open", "status: never"))
    (content / "offers" / "Mine.md").write_text(text)  # the same id, case apart
    _, problems = check_files(content, [mine], tmp_path)
    fields = sorted(p.field for p in problems)
    assert fields == ["id", "organisation", "status"], problems
    assert "did you mean" in next(p.message for p in problems if p.field == "organisation")
    assert all(p.path == "content/offers/mine.md" for p in problems)
    _, everything = check_files(content, [mine, other], tmp_path)
    assert {p.path for p in everything} == {"content/offers/mine.md", "content/offers/other.md"}
    assert main(["check", str(other), "--content", str(content)]) == 1
    assert "never" in capsys.readouterr().out
    assert main(["check", str(offer), "--content", str(content)]) == 0
