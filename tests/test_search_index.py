"""The catalogue search payload, without a browser."""

from __future__ import annotations

import json
from pathlib import Path

from lunr.index import Index

from generator import search
from generator.catalogue import Catalogue
from generator.content import load_content

ROOT = Path(__file__).resolve().parent.parent


def catalogue() -> Catalogue:
    return Catalogue.from_sources(load_content(ROOT / "content"))


def test_fold_removes_diacritics_and_special_letters():
    assert search.fold("Łódź Dvůr Králové Straße Ærø") == "lodz dvur kralove strasse aero"


def test_plain_text_keeps_words_not_markup():
    text = search.plain_text("# Title\n**bold** [link text](https://x.org) <b>raw</b> `code`")
    assert text == "Title bold link text raw code"


def test_every_published_resource_is_one_document():
    cat = catalogue()
    payload = search.build(cat)
    ids = [d[0] for d in payload["docs"]]
    assert len(payload["docs"][0][5]) == len(payload["facets"])
    assert sorted(ids) == sorted(cat.by_id) and len(ids) == len(set(ids))


def test_the_compact_index_expands_back_to_lunrs(monkeypatch):
    cat = catalogue()
    captured = {}
    real = search.compact_index
    monkeypatch.setattr(search, "compact_index",
                        lambda s: captured.setdefault("full", s) and real(s))
    payload = search.build(cat)
    full, expanded = captured["full"], search.expand_index(payload["index"])
    assert expanded["invertedIndex"] == full["invertedIndex"]
    original = dict(full["fieldVectors"])
    assert set(dict(expanded["fieldVectors"])) == {k for k, v in original.items() if v}
    for key, vector in expanded["fieldVectors"]:
        assert vector[::2] == original[key][::2]  # same terms, in the same order
        pairs = zip(vector[1::2], original[key][1::2], strict=True)
        assert all(abs(a - b) <= 0.0501 or a == 0.1 for a, b in pairs)


def test_the_index_answers_in_python_as_lunr_js_will():
    payload = search.build(catalogue())
    index = Index.load(search.expand_index(payload["index"]))
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


def test_the_script_cannot_be_closed_by_content():
    payload = {"docs": [["x", "</script><script>alert(1)</script>", "\u2028"]]}
    script = search.to_script(payload)
    assert "</script>" not in script and "<" not in script.replace("window", "")
    assert script.startswith("window.VC_SEARCH=JSON.parse(") and script.endswith(");\n")
    assert json.loads(json.loads(script[len("window.VC_SEARCH=JSON.parse("):-3])) == payload
