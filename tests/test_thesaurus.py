"""The thesaurus of the domain (model/vocab/thesaurus.yaml): its concepts, each official label
with its source, and the search's reading of it (outputs/search_thesaurus.py)."""

from __future__ import annotations

from virtual_centre.model.vocab import thesaurus
from virtual_centre.outputs.search_index import CompactIndexBuilder
from virtual_centre.outputs.search_thesaurus import query_words, search_thesaurus

from .conftest import LANGUAGES

# The issue's queries, and the concept each names.
QUERIES = {"Alttextilien": "textile-waste", "raccolta differenziata": "separate-collection",
           "selektív gyűjtés": "separate-collection", "odpady tekstylne": "textile-waste",
           "EPR": "epr"}


def test_the_domains_concepts_are_there_each_label_with_its_source():
    concepts = {c.key: c for c in thesaurus()}
    assert {"textile-waste", "separate-collection", "epr", "sorting", "mechanical-recycling",
            "chemical-recycling", "pre-consumer", "post-consumer", "list-of-waste"} <= set(concepts)
    import yaml
    from virtual_centre.model.vocab import HERE

    data = yaml.safe_load((HERE / "thesaurus.yaml").read_text(encoding="utf-8"))["concepts"]
    for key, concept in data.items():
        for lang, label in concept.get("labels", {}).items():
            assert label["source"].startswith(("https://", "http://")), (key, lang)
            assert lang in ["en", *LANGUAGES], (key, lang)
        assert set(concept.get("search_words", {})) <= {"en", *LANGUAGES}, key
        assert concepts[key].names(), key
    assert concepts["epr"].labels["de"] == "erweiterte Herstellerverantwortung"


def test_each_query_of_the_issue_names_its_concept():
    keys = [c.key for c in thesaurus()]
    manifest, _ = search_thesaurus(CompactIndexBuilder((("head", 1),)), [])
    for query, concept in QUERIES.items():
        assert manifest["phrases"][" ".join(query_words(query))] == [keys.index(concept)]
    assert manifest["longest"] == max(len(p.split()) for p in manifest["phrases"])


def test_a_concepts_names_are_the_terms_of_its_languages_index():
    """A German label is held as its German stem and its English term, as a German text's
    words are indexed."""
    builder = CompactIndexBuilder((("head", 1),))
    manifest, _ = search_thesaurus(builder, [])
    names = manifest["concepts"][[c.key for c in thesaurus()].index("textile-waste")]
    assert [["textilabfal", "textilabfall"]] in names  # Textilabfälle
    assert [["textil"], ["wast"]] in names  # textile waste (English: Porter)
