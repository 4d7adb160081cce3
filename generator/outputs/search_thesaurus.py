"""The thesaurus as the catalogue search reads it: a query that names a concept of the domain
(model/vocab/thesaurus.yaml) also finds the resources that name it otherwise, in any language
('Alttextilien' finds 'textile waste' and 'rifiuti tessili').

The manifest holds each name as the browser splits a query (`phrases`: folded words -> the
concepts so named), each concept's name in each language (`titles`: the search's status names
the concepts a query was read as) and, per concept, its names as the index holds them: each
name a list of words, each word the terms it may be indexed under (its stem in the name's
language, and its English term). Each concept's terms' postings are copied into a file of its
own (k-<n>.js), so that a query naming a concept loads one file, not the parts of the index of
a dozen words.
"""

from __future__ import annotations

from typing import Any

from ..model.vocab import thesaurus
from .search_index import JS_TRIM, LUNR_SEPARATORS, CompactIndexBuilder, fold


def query_words(text: str) -> list[str]:
    """The words of a text as the browser splits a query (search-engine.js: pairs)."""
    return [w for w in (JS_TRIM.sub("", w) for w in LUNR_SEPARATORS.split(fold(text))) if w]


def name_terms(builder: CompactIndexBuilder, lang: str, name: str) -> list[list[str]]:
    """A name's words, each as the terms it may be indexed under (stop words left out)."""
    return [sorted(set(terms)) for terms in builder.terms(name, lang)]


def search_thesaurus(builder: CompactIndexBuilder, index_terms: list[list[Any]]
                     ) -> tuple[dict[str, Any], dict[str, list[list[Any]]]]:
    """The manifest's `thesaurus` ({phrases, longest, concepts}) and the concept files
    (k-<n> -> the index entries of the concept's terms)."""
    entries = {entry[0]: entry for entry in index_terms}
    phrases: dict[str, list[int]] = {}
    concepts: list[list[list[list[str]]]] = []
    titles: list[dict[str, str]] = []  # per concept, its name in each language (the status says)
    files: dict[str, list[list[Any]]] = {}
    for concept in thesaurus():
        n = len(concepts)
        titles.append({lang: concept.labels.get(lang) or concept.words[lang][0]
                       for lang in sorted({*concept.labels, *concept.words})})
        names = []
        for lang, name in concept.names():
            words = query_words(name)
            terms = name_terms(builder, lang, name)
            if not words or not terms:
                continue
            phrase = " ".join(words)
            if n not in phrases.setdefault(phrase, []):
                phrases[phrase].append(n)
            if terms not in names:
                names.append(terms)
        concepts.append(names)
        found = sorted({t for name in names for word in name for t in word if t in entries})
        files[f"k-{n}"] = [entries[t] for t in found]
    longest = max((len(p.split(" ")) for p in phrases), default=0)
    return {"phrases": phrases, "longest": longest, "concepts": concepts,
            "titles": titles}, files

