"""The content's fields and values in the page's language (model/words.py), and the scripts'
words (model/languages.py script_words, dom.js): CLDR's names, dates and numbers, the official
wording of the List of Waste and of fibre names where sourced, and the same translations and
plural forms in the browser as in the build."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from virtual_centre.model.languages import script_words, scripts_marked, translations
from virtual_centre.model.vocab import vocabularies
from virtual_centre.model.words import label_of, official_words, value_label, words

from .conftest import ROOT

PARTNERS = ["de", "it", "pl", "cs", "hu"]


def test_names_dates_and_numbers_come_from_cldr_in_each_language():
    assert [words(code).country("DE") for code in ["en", *PARTNERS]] == [
        "Germany", "Deutschland", "Germania", "Niemcy", "Německo", "Németország"]
    assert words("hu").country("EU") == "Európai Unió"
    assert words("pl").language("it") == "włoski"
    assert words("en").date("2026-03-05") == "5 March 2026"
    assert words("de").date("2026-03-05") == "5. März 2026"
    assert words("hu").date("2026-03-05") == "2026. március 5."
    assert words("en").number(12500.5) == "12,500.5"
    assert words("de").number(12500.5) == "12.500,5"
    assert words("cs").number(12500) == "12\xa0500"
    assert words("de").date("not a day") == "not a day"


def test_a_field_and_a_value_are_found_by_their_english_words():
    assert label_of("min_lot") == "Min lot" and label_of("ewc") == "Waste code (EWC)"
    assert value_label("in-force") == "In force" and value_label("pre-consumer") == "Pre-consumer"
    german = words("de")
    assert german.field("valid_until") == translations("de").gettext("Valid until") != \
        "Valid until"
    assert german.process("mechanical") == translations("de").gettext(
        vocabularies().processes["mechanical"])
    assert words("en").process("mechanical") == vocabularies().processes["mechanical"]


def test_official_wording_is_sourced_and_names_only_known_codes_and_fibres():
    v, data = vocabularies(), official_words()
    for kind, known in (("ewc", v.waste_codes), ("fibres", v.fibres)):
        for code, entry in data[kind].items():
            assert code in PARTNERS
            assert entry["sources"] and all(u.startswith(("https://", "http://"))
                                             for u in entry["sources"])
            listed = entry.get("codes") or entry.get("names")
            assert listed and set(listed) <= set(known), (kind, code)
    assert words("de").waste_code("04 02 22") == "Abfälle aus verarbeiteten Textilfasern"
    assert words("de").fibre("cotton") == "Baumwolle"
    # A language whose wording was not found: the English, never a wording of ours.
    assert words("cs").waste_code("04 02 22") == v.waste_codes["04 02 22"]["description"]
    assert words("it").fibre("cotton") == "cotton"


NODE_CHECK = """
globalThis.window = globalThis;
globalThis.document = { documentElement: { lang: process.argv[1] } };
const vm = require("node:vm"), fs = require("node:fs");
vm.runInThisContext(fs.readFileSync(process.argv[2], "utf8"));
vm.runInThisContext(fs.readFileSync(process.argv[3], "utf8"));
const asked = JSON.parse(process.argv[4]);
const out = asked.plain.map((t) => window.VCDom._(t, { num: 7, words: "x", results: "y" }));
const plural = asked.counts.map((n) =>
  window.VCDom.ngettext(asked.one, asked.many, n, { num: n }));
console.log(JSON.stringify({ out, plural }));
"""


@pytest.mark.parametrize("code", PARTNERS)
def test_the_scripts_say_in_the_browser_what_the_catalogue_says(code, tmp_path):
    """The words file a page in the language loads: each word the scripts mark, as gettext
    translates it in the build, and the plural form gettext picks for each count."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is missing: `make install` installs it")
    (tmp_path / "words.js").write_text(script_words(code), encoding="utf-8")
    marked = sorted(m for m in scripts_marked() if "%(" not in m)
    one, many = "%(num)s open listing", "%(num)s open listings"
    counts = [0, 1, 2, 3, 5, 12, 22, 25, 101, 1000000]
    asked = {"plain": marked, "one": one, "many": many, "counts": counts}
    run = subprocess.run([node, "-e", NODE_CHECK, code, str(ROOT / "generator/assets/dom.js"),
                          str(tmp_path / "words.js"), json.dumps(asked)],
                         capture_output=True, text=True, check=True)
    said = json.loads(run.stdout)
    t = translations(code)
    assert said["out"] == [t.gettext(m) for m in marked]
    assert said["plural"] == [t.ngettext(one, many, n) % {"num": n} for n in counts]
    assert len(marked) >= 15 and said["out"] != marked


def test_a_plural_expression_that_is_not_one_of_n_is_refused(tmp_path):
    from virtual_centre.model.languages import LOCALES, UnknownLanguage

    shutil.copytree(LOCALES / "de", tmp_path / "de")
    po = tmp_path / "de" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8").replace(
        "plural=(n != 1);", "plural=(alert(1), n != 1);")
    po.write_text(text, encoding="utf-8")
    with pytest.raises((UnknownLanguage, ValueError)):
        script_words("de", folder=tmp_path)
