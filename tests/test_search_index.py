"""The catalogue search payload, without a browser."""

from __future__ import annotations

import itertools
import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lunr import lunr
from lunr import stemmer as lunr_stemmer
from lunr import tokenizer as lunr_tokenizer
from lunr import trimmer as lunr_trimmer
from lunr.index import Index
from mkdocs.contrib import search as mkdocs_search
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.model.languages import SOURCE
from virtual_centre.outputs import search, search_files, stemmers
from virtual_centre.validate.gate import load_content

from benchmarks.synthetic import generate

ROOT = Path(__file__).resolve().parent.parent


def catalogue() -> Catalogue:
    return Catalogue.from_sources(load_content(ROOT / "content"))


# What the project built with lunr's own builder before CompactIndexBuilder: the reference.
def compact_index(serialized: dict[str, Any]) -> dict[str, Any]:
    """lunr's serialized index in a smaller form that the browser expands back, losslessly
    but for scores rounded to 1 decimal: per term and field, the documents as gaps between
    ascending refs and their scores x10. lunr.js rebuilds the inverted index and the field
    vectors from it (catalogue-search.js: expandIndex), then calls lunr.Index.load."""
    fields = serialized["fields"]
    scores: dict[tuple[int, int], dict[int, float]] = {}  # (field, ref) -> term -> score
    for name, vector in serialized["fieldVectors"]:
        field, ref = name.split("/", 1)
        pairs = dict(zip(vector[::2], vector[1::2], strict=True))
        scores[(fields.index(field), int(ref))] = pairs
    terms = []
    for term, postings in serialized["invertedIndex"]:
        ti = postings["_index"]
        per_field = []
        for fi, field in enumerate(fields):
            refs = sorted(int(r) for r in postings.get(field, {}))
            if not refs:
                continue
            gaps = [refs[0]] + [b - a for a, b in zip(refs, refs[1:], strict=False)]
            values = [max(1, round(scores[(fi, r)][ti] * 10)) for r in refs]
            per_field.append([fi, gaps, values])
        terms.append([term, ti, per_field])
    return {"version": serialized["version"], "fields": fields,
            "pipeline": serialized["pipeline"], "terms": terms}


def expand_index(compact: dict[str, Any]) -> dict[str, Any]:
    """The inverse of compact_index, in Python: what the browser does before lunr loads it."""
    fields = compact["fields"]
    vectors: dict[str, list[float]] = {}
    inverted = []
    for term, ti, per_field in sorted(compact["terms"], key=lambda t: t[1]):  # vector order
        postings: dict[str, Any] = {f: {} for f in fields}
        postings["_index"] = ti
        for fi, gaps, values in per_field:
            ref = 0
            for gap, value in zip(gaps, values, strict=True):
                ref += gap
                postings[fields[fi]][str(ref)] = {}
                vectors.setdefault(f"{fields[fi]}/{ref}", []).extend([ti, value / 10])
        inverted.append([term, postings])
    inverted.sort(key=lambda t: t[0])
    return {"version": compact["version"], "fields": fields, "pipeline": compact["pipeline"],
            "fieldVectors": sorted(vectors.items()), "invertedIndex": inverted}



def lunr_reference(texts: list[list[str]]) -> dict[str, Any]:
    """lunr's own builder on the same texts, serialized, compacted."""
    docs = [{"i": str(i), **{name: t for (name, _), t in zip(search.FIELDS, doc, strict=True)}}
            for i, doc in enumerate(texts)]
    index = lunr_as_the_browser_stems(docs)
    return compact_index(index.serialize())


# lunr.js's separators (JavaScript's \s and '-') and trimmer (\W in ASCII), which split and trim
# the browser's queries (search.LUNR_SEPARATORS, search.JS_TRIM).
JS_SEPARATOR_CHARS = ("\t\n\v\f\r \u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff-"
                      + "".join(chr(c) for c in range(0x2000, 0x200B)))
JS_TRIMMED = re.compile(r"^\W*(.*?)\W*$", re.ASCII | re.DOTALL)


def lunr_as_the_browser_stems(docs: list[dict[str, str]]) -> Index:
    """lunr's own builder, splitting, trimming and stemming as lunr.js does
    (search.LunrJsStemmer), which splits, trims and stems the browser's queries."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lunr_stemmer, "porter_stemmer", search.LUNR_JS_STEMMER)
        patch.setattr(lunr_tokenizer, "SEPARATOR_CHARS", JS_SEPARATOR_CHARS)
        patch.setattr(lunr_trimmer, "full_re", JS_TRIMMED)
        return lunr(ref="i", documents=docs,
                    fields=[{"field_name": name, "boost": boost} for name, boost in search.FIELDS])


def recorded_build(cat: Catalogue, monkeypatch) -> tuple[dict[str, Any], list[list[str]]]:
    """The payload, and the texts of its English documents as lunr's builder takes them (each
    field's parts folded, joined): other languages' documents are stemmed by their own rules."""
    texts: list[list[str]] = []

    class Recording(search.CompactIndexBuilder):
        def add(self, values: list[list[tuple[str, str]]]) -> None:
            if all(lang == SOURCE for parts in values for _, lang in parts):
                texts.append([search.fold(" ".join(text for text, _ in parts))
                              for parts in values])
            super().add(values)

    monkeypatch.setattr(search, "CompactIndexBuilder", Recording)
    return search.build(cat), texts


def english(texts: list[list[str]]) -> list[list[list[tuple[str, str]]]]:
    return [[[(text, SOURCE)] for text in values] for values in texts]


def test_fold_removes_diacritics_and_special_letters():
    assert search.fold("Łódź Dvůr Králové Straße Ærø") == "lodz dvur kralove strasse aero"


def test_plain_text_keeps_words_not_markup():
    text = search.plain_text("# Title\n**bold** [link text](https://x.org) <b>raw</b> `code`")
    assert text == "Title bold link text raw code"


def test_every_published_resource_and_translation_is_one_document():
    """A translation is a document of its own, at its page's address (de/legislation/…)."""
    cat = catalogue()
    payload = search.build(cat)
    ids = [d[0] for d in payload["docs"]]
    assert len(payload["docs"][0][5]) == len(payload["facets"])
    translated = [f"{t.lang}/{t.id}" for versions in cat.translations.values()
                  for t in versions.values()]
    assert translated and "de/legislation/de-circular-economy-act-krwg" in translated
    assert sorted(ids) == sorted([*cat.by_id, *translated]) and len(ids) == len(set(ids))
    krwg = "de/legislation/de-circular-economy-act-krwg"
    german = next(d for d in payload["docs"] if d[0] == krwg)
    assert german[1] == "Deutschland – Kreislaufwirtschaftsgesetz (KrWG)"


@pytest.mark.parametrize("size", [0, 400])
def test_the_index_is_what_lunrs_own_builder_makes(monkeypatch, tmp_path, size):
    """On the repository's catalogue (0) and with 400 synthetic resources added."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    if size:
        generate(content, size)
    builder = search.CompactIndexBuilder(search.FIELDS)  # before recorded_build replaces it
    payload, texts = recorded_build(Catalogue.from_sources(load_content(content)), monkeypatch)
    texts.append([search.fold("The -- and «quoted» a\xa0b  x-ray, über! 1.5 CELEX:32008L0098"),
                  "of the"])
    for values in english(texts):
        builder.add(values)
    compact = builder.compact()
    words = compact.pop("words")  # each term's word, for the browser's typo corrections
    assert compact == lunr_reference(texts)
    assert all(builder.term(word) == term for term, word in words.items())
    assert len(payload["index"]["terms"]) > 100


def test_the_compact_index_expands_back_to_lunrs(monkeypatch):
    builder = search.CompactIndexBuilder(search.FIELDS)  # before recorded_build replaces it
    _, texts = recorded_build(catalogue(), monkeypatch)
    for values in english(texts):
        builder.add(values)
    docs = [{"i": str(i), "head": h, "text": t} for i, (h, t) in enumerate(texts)]
    full = lunr_as_the_browser_stems(docs).serialize()
    expanded = expand_index(builder.compact())
    assert expanded["invertedIndex"] == full["invertedIndex"]
    original = dict(full["fieldVectors"])
    assert set(dict(expanded["fieldVectors"])) == {k for k, v in original.items() if v}
    for key, vector in expanded["fieldVectors"]:
        assert vector[::2] == original[key][::2]  # same terms, in the same order
        pairs = zip(vector[1::2], original[key][1::2], strict=True)
        assert all(abs(a - b) <= 0.0501 or a == 0.1 for a, b in pairs)


def test_the_index_answers_in_python_as_lunr_js_will():
    payload = search.build(catalogue())
    index = Index.load(expand_index(payload["index"]))
    hits = index.search("lodz")
    ids = [payload["docs"][int(h["ref"])][0] for h in hits]
    assert "organisations/iw-lodz" in ids[:3]
    celex = index.search("32008l0098")
    assert payload["docs"][int(celex[0]["ref"])][0] == "legislation/waste-framework-directive"


def test_facets_cover_the_category_specific_ones():
    payload = search.build(catalogue())
    keys = {f["key"] for f in payload["facets"]}
    assert {"category", "country", "language", "material", "topic", "organisation", "year",
            "trl", "status", "level"} <= keys


def test_the_script_written_in_pieces_is_the_payload_dumped_whole(tmp_path):
    payload = search.build(catalogue())
    payload["extra"] = [[i, "\u2028 <b> \"q\" \\ é"] for i in range(3 * search_files.RUN + 7)]
    whole = json.dumps(json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                       ensure_ascii=False)
    whole = whole.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace(
        "\u2029", "\\u2029")
    expected = f"window.VC_SEARCH=JSON.parse({whole});\n"
    search_files.write_script(payload, tmp_path / "payload.js")
    assert (tmp_path / "payload.js").read_text(encoding="utf-8") == expected
    assert search_files.to_script(payload) == expected


def test_the_script_cannot_be_closed_by_content():
    payload = {"docs": [["x", "</script><script>alert(1)</script>", "\u2028"]]}
    script = search_files.to_script(payload)
    assert "</script>" not in script and "<" not in script.replace("window", "")
    assert script.startswith("window.VC_SEARCH=JSON.parse(") and script.endswith(");\n")
    assert json.loads(json.loads(script[len("window.VC_SEARCH=JSON.parse("):-3])) == payload


WORDS = ["jersey", "survey", "day", "key", "valley", "cry", "sky", "happy", "recycling",
         "polyester", "cuttings", "textiles", "fibres", "sorting", "journey", "alloy", "denim"]


def test_index_terms_are_stemmed_as_lunr_js_stems_the_query():
    """The browser stems a query with lunr.js (MkDocs' copy): the index must hold the same
    stems, or a word of a title is never found (the `lunr` package stems 'jersey' as 'jersei')."""
    lunr_js = Path(mkdocs_search.__file__).parent / "templates" / "search" / "lunr.js"
    script = (f"const lunr = require({json.dumps(str(lunr_js))});"
              f"console.log(JSON.stringify({json.dumps(WORDS)}.map("
              "w => lunr.stemmer(new lunr.Token(w)).toString())));")
    run = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    expected = json.loads(run.stdout)
    builder = search.CompactIndexBuilder(search.FIELDS)
    assert [builder.term(w) for w in WORDS] == expected
    assert lunr_stemmer.porter_stemmer.stem("jersey") != "jersey"  # the package's own rule


# -- the payload split into the files the browser loads (search_files) ----------------------------

def test_the_split_payload_holds_every_term_card_and_filter_once(monkeypatch):
    monkeypatch.setattr(search_files, "SHARD_BYTES", 2_000)  # small parts: groups split in several
    payload = search.build(catalogue())
    files = search_files.split(payload)
    manifest = files["index"]
    shards = [files[name] for _, _, name in manifest["shards"]]
    terms = [entry for shard in shards for entry in shard]
    # Each term once, in order, in its group's file; but punctuation alone, trimmed to nothing,
    # which lunr indexes and no query looks up.
    assert terms == [e for e in payload["index"]["terms"] if e[0]]
    assert any(len([s for s in manifest["shards"] if s[0] == g]) > 1
               for g in {s[0] for s in manifest["shards"]})  # some group in several parts
    for group, first, name in manifest["shards"]:
        assert files[name][0][0] == first and all(e[0][:2] == group for e in files[name])
        assert re.fullmatch(r"t-[0-9a-f]+-\d+", name)
        vocab = files[f"v-{search_files.file_key(group)}"]
        assert {t for t, _ in vocab} >= {e[0] for e in files[name]}
    docs = [d for n in range(-(-len(payload["docs"]) // search_files.DOC_CHUNK))
            for d in files[f"d-{n}"]]
    assert [d[0] for d in docs] == [d[0] for d in payload["docs"]]
    for facet, original in zip(files["facets"], payload["facets"], strict=True):
        for position, refs in enumerate(facet["refs"]):
            expanded = list(itertools.accumulate(refs))
            assert expanded == [ref for ref, d in enumerate(payload["docs"])
                                if position in d[5][payload["facets"].index(original)]]


def test_cards_are_loaded_ahead_only_when_they_are_few(monkeypatch):
    payload = search.build(catalogue())
    monkeypatch.setattr(search_files, "DOC_CHUNK", 2)  # several chunks, bundled three at a time
    monkeypatch.setattr(search_files, "CARD_BUNDLE", 3)
    cards = sum(len(json.dumps(files, separators=(",", ":"), ensure_ascii=False))
                for name, files in search_files.split(payload).items() if name.startswith("d-"))
    monkeypatch.setattr(search_files, "PREFETCH_CARD_BYTES", cards)
    files = search_files.split(payload)
    assert files["index"]["prefetch_cards"] is True and files["index"]["bundle"] == 3
    chunks = [name for name in files if name.startswith("d-")]
    bundles = [files[name] for name in files if name.startswith("c-")]
    assert len(chunks) > 3 and len(bundles) == -(-len(chunks) // 3)
    # Each chunk in exactly one bundle, with the same cards.
    assert [name for bundle in bundles for name in bundle] == chunks
    assert all(bundle[name] == files[name] for bundle in bundles for name in bundle)
    monkeypatch.setattr(search_files, "PREFETCH_CARD_BYTES", cards - 1)
    files = search_files.split(payload)
    assert files["index"]["prefetch_cards"] is False
    assert not any(name.startswith("c-") for name in files)  # nothing loaded ahead, no bundle


def test_written_files_replace_an_earlier_build_whole(tmp_path):
    payload = search.build(catalogue())
    folder = tmp_path / search_files.SEARCH_DIR
    folder.mkdir(parents=True)
    (folder / "t-zz-9.js").write_text("stale")  # a group an earlier build had
    written = search_files.write_search(payload, tmp_path)
    assert not (folder / "t-zz-9.js").exists()
    assert sorted(p.name for p in folder.iterdir()) == sorted(Path(p).name for p in written)
    assert written[-1] == search_files.MANIFEST  # the manifest last: its files are there before it
    name, data = search_files.read_script((folder / "index.js").read_text(encoding="utf-8"))
    assert name == "index" and data["docs"] == len(payload["docs"])
    assert [d[0] for d in search_files.read_docs(tmp_path)] == [d[0] for d in payload["docs"]]


def test_every_body_word_is_indexed_however_long_the_body():
    long_body = " ".join(f"filler{n}" for n in range(3_000)) + " zanzibarite"
    assert search.index_text(long_body).split()[-1] == "zanzibarite"


def test_group_file_names_are_hex_whatever_the_letters():
    assert search_files.file_key("co") == "636f"
    assert search_files.file_key("łó") == "c582c3b3"
    assert search_files.file_key("..") == "2e2e"


# -- each language's words by its own stemmer (outputs/stemmers.py) ------------------------------

# For each language with a stemmer, a word of a text in it and another form of the same word.
INFLECTED = {"de": ("Textilabfälle", "Textilabfällen"), "it": ("raccolta", "raccolte"),
             "pl": ("tekstylne", "tekstylnymi"), "cs": ("textilní", "textilních"),
             "hu": ("gyűjtés", "gyűjtésére")}


@pytest.mark.parametrize("lang", sorted(INFLECTED))
def test_a_text_is_indexed_by_its_languages_stems(lang):
    builder = search.CompactIndexBuilder(search.FIELDS)
    written, other = INFLECTED[lang]
    stem, = next(builder.terms(other, lang))[:1]
    assert stem == next(builder.terms(written, lang))[0]  # their stem in the language
    # and each word's English term (found without the language's stemmer), not the same
    assert next(builder.terms(written, SOURCE)) != next(builder.terms(other, SOURCE))
    assert next(builder.terms(other, SOURCE))[0] in next(builder.terms(other, lang))


def content_words() -> dict[str, list[str]]:
    """Per language with a stemmer: each word of the translated content, as written and folded,
    and words made of one word's beginning and another's ending (forms no text has)."""
    words: dict[str, list[str]] = {}
    for lang in stemmers.SNOWBALL:
        text = " ".join(p.read_text(encoding="utf-8").lower()
                        for p in (ROOT / "content").rglob(f"*.{lang}.md"))
        found = sorted(set(re.findall(r"[^\W\d_]{2,}", text)))
        assert len(found) > 150, lang
        rng = random.Random(lang)
        glued = [a[:rng.randint(2, len(a))] + b[rng.randint(0, len(b) - 1):]
                 for a, b in zip(rng.sample(found, 300), rng.sample(found, 300), strict=True)]
        words[lang] = found + [search.fold(w) for w in found] + glued
    return words


def stemmed_in_node(script: str, words: dict[str, list[str]]) -> dict[str, list[str]]:
    """The words stemmed by a stemmers' script run under Node, as a page runs it."""
    names = {lang: name.capitalize() for lang, name in stemmers.SNOWBALL.items()}
    run = subprocess.run(
        ["node", "-e", "globalThis.window = globalThis;"
         " const loaded = new Promise(r => { window.VC_SEARCH_LOAD = (name, data) => r(data); });"
         " require('vm').runInThisContext(require('fs').readFileSync(0, 'utf8'));"
         f" const words = {json.dumps(words)}, names = {json.dumps(names)};"
         " loaded.then(s => { const out = {}; for (const l in words)"
         " out[l] = words[l].map(w => s.stem(names[l], w)); console.log(JSON.stringify(out)); });"],
        input=script, capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_the_browsers_stemmers_stem_as_the_index_does():
    """The scripts the site ships give each word the stem `snowballstemmer` gives it: stem.js
    (multilingual-stemmer's WebAssembly) in each language, each stem-<code>.js (@sciactive/
    tokenizer's Snowball JavaScript) in its own."""
    words = content_words()
    scripts = stemmers.stemmer_scripts(ROOT, "node_modules")
    expected = {lang: [stemmers.stem(lang, w) for w in list_] for lang, list_ in words.items()}
    for lang, list_ in words.items():
        assert sum(a != b for a, b in zip(expected[lang], list_, strict=True)) > 50, lang
    assert stemmed_in_node(scripts[stemmers.STEMMER_SCRIPT], words) == expected
    for lang in stemmers.LIGHT:
        script = scripts[f"assets/vc/{stemmers.script_of(lang)}.js"]
        assert stemmed_in_node(script, {lang: words[lang]}) == {lang: expected[lang]}, lang


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=60), lang=st.sampled_from([*stemmers.SNOWBALL, SOURCE, "sk"]))
def test_any_text_in_any_language_is_indexed_as_terms_a_query_can_look_up(text, lang):
    """Each term is folded and one word as the browser splits a query (or empty: punctuation
    alone, which lunr indexes and no query looks up), a stem of a language with a stemmer
    trimmed as the browser trims it; the index compacts whatever the text."""
    builder = search.CompactIndexBuilder(search.FIELDS)
    for terms in builder.terms(text, lang):
        for term in filter(None, terms):
            assert search.fold(term) == term and search.LUNR_SEPARATORS.split(term) == [term]
        if lang in stemmers.SNOWBALL and len(terms) == 2:
            assert terms[0] and search.JS_TRIM.sub("", terms[0]) == terms[0]
    builder.add([[(text, lang)], [(text, SOURCE), (text, lang)]])
    assert builder.compact()["fields"] == ["head", "text"]
