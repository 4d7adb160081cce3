"""Translations as sibling files (name.<lang>.md): what check refuses, with path, line and field,
and what the site makes of one (its page, the original's fields, JSON-LD, open data)."""

from __future__ import annotations

import json

import pytest
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.cli.main import main as cli
from virtual_centre.pages.structured import structured_data
from virtual_centre.validate.gate import load_content
from virtual_centre.validate.rules import check_content

from .conftest import CONTENT, ORG, TECH

GERMAN = """\
---
title: Ein Sortierer
summary: Eine Maschine, die Textilien nach ihrer Faser sortiert, und die Abfälle trennt.
translator: Textilforschung Beispiel
translated: '2026-12-01'
machine_assisted: true
{extra}---
Der Text auf Deutsch.
"""


def german(extra: str = "") -> str:
    return GERMAN.format(extra=extra)


def problems_of(content, files: dict[str, str], languages=None) -> list[str]:
    root = content({"organisations/test-institute.md": ORG, "technologies/sorter.md": TECH,
                    **files})
    _, problems = check_content(root, root.parent, languages)
    return [f"{p.path}:{p.line}: {p.field}: {p.message}" for p in problems]


def test_a_valid_translation_passes(content):
    assert problems_of(content, {"technologies/sorter.de.md": german()}) == []


@pytest.mark.parametrize(("files", "languages", "expected"), [
    # no original
    ({"technologies/nothing.de.md": german()}, None,
     "content/technologies/nothing.de.md:1: file: a translation of technologies/nothing, "
     "which does not exist"),
    # a language the site does not have
    ({"technologies/sorter.de.md": german()}, ["en", "it"],
     "content/technologies/sorter.de.md:1: file: 'de' is not a language of the site "
     "(they are: it)"),
    # a field that contradicts the original
    ({"technologies/sorter.de.md": german("trl: 3\n")}, None,
     "content/technologies/sorter.de.md:7: trl: contradicts the original "
     "(content/technologies/sorter.md says 7)"),
    # a field repeated with the original's value
    ({"technologies/sorter.de.md": german("trl: 7\n")}, None,
     "content/technologies/sorter.de.md:7: trl: the original says the same: remove it"),
    # a field the original does not have
    ({"technologies/sorter.de.md": german("colour: red\n")}, None,
     "content/technologies/sorter.de.md:7: colour: a translation holds only title, summary, "
     "translator, translated, machine_assisted"),
    # who translated it is said
    ({"technologies/sorter.de.md": german().replace("translator: Textilforschung Beispiel\n",
                                                    "")}, None,
     "content/technologies/sorter.de.md:1: translator: required field is missing"),
    # its text is in its language
    ({"technologies/sorter.de.md": german().replace("Ein Sortierer", "The sorter").replace(
        "Eine Maschine, die Textilien nach ihrer Faser sortiert, und die Abfälle trennt.",
        "A machine that sorts the textiles of a region by the fibre they are made of.")},
     None, "content/technologies/sorter.de.md:3: summary: the title and summary read as "
     "English, not German"),
])
def test_each_refusal_names_path_line_and_field(content, files, languages, expected):
    found = problems_of(content, files, languages)
    assert any(p.startswith(expected) for p in found), found


def test_check_reads_the_sites_languages_from_mkdocs_yml(content, monkeypatch, capsys):
    root = content({"organisations/test-institute.md": ORG, "technologies/sorter.md": TECH,
                    "technologies/sorter.de.md": german()})
    (root.parent / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - virtual-centre:\n      languages: [it]\n", encoding="utf-8")
    monkeypatch.chdir(root.parent)
    assert cli(["check", "--content", "content"]) == 1
    assert "'de' is not a language of the site (they are: it)" in capsys.readouterr().out
    assert cli(["check", "--content", "content", "content/technologies/sorter.de.md"]) == 1


def test_the_catalogue_holds_a_translation_beside_its_original():
    catalogue = Catalogue.from_sources(load_content(CONTENT))
    krwg = catalogue.by_id["legislation/de-circular-economy-act-krwg"]
    german_act = catalogue.in_language(krwg, "de")
    assert german_act.url == "de/legislation/de-circular-economy-act-krwg.html"
    assert german_act.meta["jurisdiction"] == krwg.meta["jurisdiction"] == "DE"
    assert german_act.meta["language"] == "de" and german_act.translation["machine_assisted"]
    assert catalogue.in_language(krwg, "it") is krwg  # none in Italian: the original
    assert len(catalogue) == len(catalogue.by_id)  # a translation is no resource of its own
    original = structured_data(krwg, catalogue, None)  # type: ignore[arg-type]
    assert {"@type": "CreativeWork", "name": german_act.title, "inLanguage": "de",
            "url": "../de/legislation/de-circular-economy-act-krwg.html"} in \
        original["workTranslation"]
    translated = structured_data(german_act, catalogue, None)  # type: ignore[arg-type]
    assert translated["inLanguage"] == "de"
    assert translated["translationOfWork"]["url"] == \
        "../../legislation/de-circular-economy-act-krwg.html"
    assert translated["translator"] == "Virtual Centre developers"


def test_open_data_carries_the_translations():
    from virtual_centre.outputs.opendata import resources_json

    records = json.loads(resources_json(Catalogue.from_sources(load_content(CONTENT))))
    act = next(r for r in records["resources"]
               if r["id"] == "legislation/hu-waste-act-2012")
    assert act["language"] == "en"
    [hungarian] = act["translations"]
    assert hungarian["language"] == "hu" and hungarian["url"].startswith("hu/legislation/")
    assert hungarian["translator"] and hungarian["machine_assisted"] is True


def test_feeds_carry_the_translations_as_entries_of_their_own():
    from virtual_centre.outputs.feeds import feeds

    catalogue = Catalogue.from_sources(load_content(CONTENT))
    files = feeds(catalogue, "Virtual Centre", "https://example.org/vc/", lambda _: False)
    atom = files["feeds/legislation.atom.xml"]
    assert "https://example.org/vc/de/legislation/de-circular-economy-act-krwg.html" in atom
    assert "<title>Deutschland – Kreislaufwirtschaftsgesetz (KrWG)</title>" in atom
    assert "https://example.org/vc/legislation/de-circular-economy-act-krwg.html" in atom
