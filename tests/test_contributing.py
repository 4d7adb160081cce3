"""Contributing without git: issue forms generated from the schemas, and an issue back to a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from virtual_centre.automation import issueforms
from virtual_centre.cli.main import main as cli
from virtual_centre.model.categories import CATEGORIES, issue_form_file
from virtual_centre.model.content import load_source
from virtual_centre.model.languages import available
from virtual_centre.model.words import words

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"


def test_the_committed_issue_forms_are_generated_from_the_schemas(tmp_path):
    written = issueforms.write_forms(tmp_path)
    for path in written:
        committed = FORMS / path.name
        assert committed.exists(), f"run `virtual-centre issue-forms`: {path.name} is missing"
        assert committed.read_text() == path.read_text(), f"{path.name} is out of date"


def test_issue_forms_have_what_github_needs():
    for path in (p for p in FORMS.glob("*.yml") if p.name != "config.yml"):
        data = yaml.safe_load(path.read_text())
        assert {"name", "description", "body"} <= set(data)
        ids = [el["id"] for el in data["body"] if "id" in el]
        assert len(ids) == len(set(ids))
        for el in data["body"]:
            assert el["type"] in ("markdown", "input", "textarea", "dropdown")
            if el["type"] == "dropdown":
                assert el["attributes"]["options"]


def rendered_issue(form: dict, meta: dict, description: str) -> str:
    """An issue body as GitHub writes it from a filled form."""
    out = []
    for el in form["body"]:
        if el["type"] == "markdown":
            continue
        label, name = el["attributes"]["label"], el["id"]
        value = meta.get(name)
        if name == "body":
            value = description
        if value in (None, "", []):
            text = issueforms.NO_RESPONSE
        elif el["type"] == "dropdown":
            text = ", ".join(value) if isinstance(value, list) else str(value)
        elif el["attributes"].get("render") == "yaml":
            text = "```yaml\n" + yaml.safe_dump(value, allow_unicode=True) + "```"
        elif isinstance(value, list):
            text = "\n".join(map(str, value))
        else:
            text = str(value)
        out.append(f"### {label}\n\n{text}\n")
    return "\n".join(out)


@pytest.mark.parametrize("lang", ["en", *available()])
def test_an_offer_issue_becomes_the_same_offer(tmp_path, monkeypatch, capsys, lang):
    """From the form in any language: the same file."""
    source = load_source(ROOT / "content", ROOT / "content/offers/gallarate-cotton-cuttings.md")
    meta = {k: v for k, v in source.meta.items() if k not in issueforms.SKIPPED}
    form = yaml.safe_load((FORMS / issue_form_file("post-offer", lang)).read_text())
    body = rendered_issue(form, meta, "Baled by colour.")
    content = tmp_path / "content"
    (content / "organisations").mkdir(parents=True)
    org = ROOT / "content/organisations/example-varese-weaving.md"
    (content / "organisations" / org.name).write_text(org.read_text())
    (tmp_path / "issue.md").write_text(body)
    monkeypatch.chdir(tmp_path)
    assert cli(["from-issue", "issue.md", "--category", "offers", "--slug", "cuttings"]) == 0
    made = load_source(content, content / "offers" / "cuttings.md")
    assert made.problems == []
    expected = json.loads(json.dumps(meta))
    got = {k: v for k, v in made.meta.items() if k != "date"}
    assert got == expected
    assert "Baled by colour." in made.body


def test_each_language_has_its_forms_in_its_words():
    for lang in available():
        w = words(lang)
        for key, (title, description, _, category) in issueforms.FORMS.items():
            form = yaml.safe_load((FORMS / issue_form_file(key, lang)).read_text())
            assert form["name"].startswith(w._(title)) and w._(title) != title, (lang, key)
            assert form["description"] == w._(description) != description
            questions = {el["id"]: el["attributes"] for el in form["body"] if "id" in el}
            assert questions["title"]["label"] == w.field("title") != "Title"
            assert questions["title"]["description"] != issueforms.schemas.fields(
                "offers")["title"]["description"], (lang, key)
            if category == "offers":  # the values of the lists stay the files' values
                assert "fabric-cuttings" in questions["form"]["options"]


def test_no_question_names_two_fields_in_any_language():
    for category in [None, *CATEGORIES]:
        names = issueforms.schemas.fields(category) if category else {}
        for lang in ["en", *available()]:
            w = words(lang)
            asked = [w.field(n) for n in names] + [w._(q) for q in (
                issueforms.CATEGORY, issueforms.CATEGORY_FIELDS, issueforms.DESCRIPTION)]
            folded = [" ".join(q.split()).casefold() for q in asked]
            assert len(folded) == len(set(folded)), (category, lang)
            known = issueforms.questions(category)
            assert [known[q] for q in folded] == [*names, issueforms.CATEGORY,
                                                  issueforms.CATEGORY_FIELDS,
                                                  issueforms.DESCRIPTION], (category, lang)


def test_a_resource_issue_with_problems_is_reported(tmp_path, monkeypatch, capsys):
    body = ("### Category\n\ntechnologies\n\n### Title\n\nA sorter\n\n### Summary\n\n"
            "A machine that sorts textiles by fibre.\n\n### Language\n\nen\n\n"
            "### Category fields\n\n```yaml\ndeveloper_url: https://example.org/\ntrl: 12\n"
            "processes: [sorting]\n```\n")
    (tmp_path / "issue.md").write_text(body)
    monkeypatch.chdir(tmp_path)
    assert cli(["from-issue", "issue.md"]) == 1
    out = capsys.readouterr().out
    assert "content/technologies/a-sorter.md" in out and "trl: 12 is too large" in out
