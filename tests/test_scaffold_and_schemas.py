"""The scaffolder and the schemas: one source of truth, valid JSON Schema, every category."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from virtual_centre.cli.main import main as cli
from virtual_centre.model import schemas
from virtual_centre.model.categories import CATEGORIES
from virtual_centre.validate.gate import load_content

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("category", list(CATEGORIES))
def test_new_file_of_every_category_is_a_valid_draft(tmp_path, monkeypatch, capsys, category):
    monkeypatch.chdir(tmp_path)
    # The organisation that the examples of listings name.
    (tmp_path / "content" / "organisations").mkdir(parents=True)
    shutil.copy(ROOT / "content" / "organisations" / "centrocot.md",
                tmp_path / "content" / "organisations" / "centrocot.md")
    assert cli(["new", category, "my-new-entry", "--content", "content"]) == 0
    text = (tmp_path / "content" / category / "my-new-entry.md").read_text(encoding="utf-8")
    assert "draft: true" in text and 'title: "My new entry"' in text
    for name in schemas.fields(category):  # every field, described
        assert f"{name}:" in text, name
    assert cli(["check", "--content", "content"]) == 0, capsys.readouterr().out
    [source] = [s for s in load_content(tmp_path / "content") if s.category == category
                and s.id.endswith("my-new-entry")]
    assert source.meta["draft"] is True


def test_new_refuses_existing_file_and_bad_slug(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert cli(["new", "training", "course", "--content", "content"]) == 0
    assert cli(["new", "training", "course", "--content", "content"]) == 2
    assert cli(["new", "training", "Bad Slug", "--content", "content"]) == 2


@pytest.mark.parametrize("name", sorted(schemas.documents()))
def test_schemas_are_valid_json_schema(name):
    Draft202012Validator.check_schema(schemas.documents()[name])


def test_every_category_has_a_schema_with_examples_that_validate():
    schemas.check_categories()
    for category in CATEGORIES:
        props = schemas.fields(category)
        assert {"title", "summary", "date", "language"} <= set(schemas.required(category))
        for name, prop in props.items():
            assert prop.get("description"), f"{category}.{name} has no description"


def test_schema_command_writes_every_schema(tmp_path):
    assert cli(["schema", "--out", str(tmp_path)]) == 0
    written = {p.name for p in tmp_path.glob("*.json")}
    assert {f"{c}.schema.json" for c in CATEGORIES} | {
        "common.schema.json",
        "vocab.schema.json",
    } <= written
    vocab = json.loads((tmp_path / "vocab.schema.json").read_text())
    assert "polyester" in vocab["$defs"]["fibre"]["enum"]
    assert "04 02 22" in vocab["$defs"]["ewc"]["enum"]


def test_reference_fields_come_from_the_schemas():
    assert schemas.reference_fields("pilot-cases")["technologies"] == "technologies"
    assert schemas.reference_fields("working-groups")["members"] == "organisations"
    assert schemas.reference_fields("research")["related"] == "*"


def test_the_committed_vocabulary_schema_is_up_to_date():
    """Editors read generator/model/schemas/ from disk; the vocabulary schema there is generated."""
    from virtual_centre.model.vocab import vocab_schema

    schema = ROOT / "generator" / "model" / "schemas" / "vocab.schema.json"
    committed = json.loads(schema.read_text())
    hint = "run: virtual-centre schema --only vocab.schema.json --out generator/model/schemas"
    assert committed == vocab_schema(), hint


def test_the_committed_editor_configuration_is_up_to_date():
    """frontmatter.json (Front Matter CMS) is made from the schemas: a test fails until it is
    written again after a schema or vocabulary changes."""
    from virtual_centre.cli.editor import editor_config_text

    committed = (ROOT / "frontmatter.json").read_text(encoding="utf-8")
    assert committed == editor_config_text(), "run: virtual-centre editor-config"


def test_the_editor_configuration_follows_the_schemas():
    from virtual_centre.cli.editor import editor_config

    config = editor_config()
    types = {t["name"]: {f["name"]: f for f in t["fields"]}
             for t in config["frontMatter.taxonomy.contentTypes"]}
    assert set(types) == set(CATEGORIES)
    folders = {f["path"]: f["contentTypes"] for f in config["frontMatter.content.pageFolders"]}
    assert folders == {f"[[workspace]]/content/{c}": [c] for c in CATEGORIES}
    offers = types["offers"]
    assert set(offers) == set(schemas.fields("offers"))
    assert {n for n, f in offers.items() if f.get("required")} == set(schemas.required("offers"))
    assert offers["status"]["choices"] == ["open", "reserved", "closed"]
    assert offers["organisation"]["type"] == "contentRelationship"
    assert offers["organisation"]["contentTypeName"] == "organisations"
    assert offers["date"]["type"] == "datetime"
    fibres = types["technologies"]["materials"]
    assert fibres["type"] == "choice" and fibres["multiple"] and "cotton" in fibres["choices"]
    groups = {g["id"]: g for g in config["frontMatter.taxonomy.fieldGroups"]}
    assert offers["composition"]["fieldGroup"] == ["offers.composition"]
    assert {f["name"] for f in groups["offers.composition"]["fields"]} == {"fibre", "percent"}


def test_no_editor_setting_reads_markdown_as_yaml():
    """A YAML language server given a whole .md file reads its body as a second document and
    reports false errors on every valid file: the project maps no schema onto Markdown."""
    settings = ROOT / ".vscode" / "settings.json"
    mapped = json.loads(settings.read_text()).get("yaml.schemas", {}) if settings.exists() else {}
    assert not any(g.endswith(".md") for globs in mapped.values() for g in globs)
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text())
    assert "eliostruyf.vscode-front-matter" in extensions["recommendations"]
