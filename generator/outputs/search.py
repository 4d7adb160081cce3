"""The catalogue search's payload: every word of every resource and translation (stop words
aside) in the index (outputs/search_index.py), the result cards, the filters, the thesaurus
(outputs/search_thesaurus.py). Everything comes from the catalogue.

The payload (build()) becomes the scripts the browser loads in outputs/search_files.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..catalogue.facets import FACETS
from ..catalogue.resources import Catalogue, Resource
from ..model import schemas
from ..model.categories import CATEGORIES
from ..model.content import body_of
from ..model.languages import SOURCE
from ..model.text import FOLD_EXTRA
from .search_files import write_search
from .search_index import (  # noqa: F401 - the index's names, as the tests and benchmarks use them
    JS_TRIM,
    LUNR_JS_STEMMER,
    LUNR_SEPARATORS,
    SEPARATORS,
    CompactIndexBuilder,
    fold,
)
from .search_thesaurus import search_thesaurus
from .stemmers import stemmed_languages

SUMMARY_CHARS = 200
# Index fields and their weight: title and summary weigh more than the rest. Two fields, not
# four: lunr's query time grows with the fields each matching document is scored in.
FIELDS = (("head", 5), ("text", 1))


# Each pattern stops at the next character that could open another match ('<', '[', '('),
# so a body of many unclosed ones is read once, not once per opener (generator/body.py lets
# through bodies of thousands of '< ' or '[' that never close).
_MD_PATTERNS = [
    (re.compile(r"<[^<>]*>"), " "),  # raw HTML tags
    (re.compile(r"!\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # images
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # links
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"[*_`#>|~]+"), " "),
]


def without_fenced_code(markdown: str) -> str:
    """The text between pairs of ``` dropped (an unpaired last one stays), in one pass."""
    parts = markdown.split("```")
    unpaired = [] if len(parts) % 2 else [parts.pop()]
    return " ".join(parts[0::2]) + "".join(f"```{rest}" for rest in unpaired)


def index_text(markdown: str) -> str:
    """What the index takes of a body: every word, as one string."""
    return plain_text(markdown)


def plain_text(markdown: str) -> str:
    """Markdown reduced to its words (good enough for a search index, and fast)."""
    markdown = without_fenced_code(markdown)
    for pattern, repl in _MD_PATTERNS:
        markdown = pattern.sub(repl, markdown)
    return " ".join(markdown.split())


def facet_values(r: Resource, catalogue: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """facet -> (value, label) of one resource."""
    return {f.key: pairs for f in FACETS if (pairs := f.of(r, catalogue))}


def identifiers(r: Resource) -> list[str]:
    """Ids people type: CELEX numbers, waste codes (also without spaces), DOIs, the slug."""
    m = r.meta
    ids = [r.slug]
    for key in schemas.identifier_fields(r.category):
        if isinstance(m.get(key), str):
            ids.append(m[key])
            ids += re.findall(r"[0-9]{5}[A-Z][0-9]{4}", m[key])  # CELEX inside
    for code in [m.get("ewc")] if isinstance(m.get("ewc"), str) else []:
        ids += [code, code.replace(" ", "")]
    return ids


def meta_text(r: Resource, values: dict[str, list[tuple[str, str]]]) -> str:
    words = [label for key in ("organisation", "material", "topic", "country")
             for _, label in values.get(key, [])]
    words += identifiers(r)
    for field in ("developer_name", "provider_name", "city", "kind", "instrument"):
        if isinstance(r.meta.get(field), str):
            words.append(r.meta[field])
    return " ".join(words)


def text_language(r: Resource) -> str:
    """The language of a resource's text: a translation's, else its `language` field's."""
    lang = r.lang or r.meta.get("language")
    return lang if isinstance(lang, str) else SOURCE


def searched(catalogue: Catalogue) -> list[tuple[str, Resource]]:
    """(key, resource) of every document: the resources newest first, then the translations
    (key: de/technologies/fibersort, the address of their page without .html)."""
    translations = sorted((t for versions in catalogue.translations.values()
                           for t in versions.values()), key=lambda t: (t.date, t.url),
                          reverse=True)
    return [(r.id, r) for r in catalogue.newest] + [(t.url[:-5], t) for t in translations]


def hidden_versions(documents: list[tuple[str, Resource]]) -> dict[str, list[int]]:
    """Per language of a translation (and English), the documents a search page in it leaves
    out: translations into other languages, and the originals it has a translation of (one
    version of a resource per page; a page in a language without any: English's)."""
    translations = {ref: r for ref, (_, r) in enumerate(documents) if r.lang}
    originals = {r.id: ref for ref, (_, r) in enumerate(documents) if not r.lang}
    out: dict[str, list[int]] = {}
    for lang in sorted({SOURCE, *(r.lang for r in translations.values())}):
        out[lang] = sorted([ref for ref, r in translations.items() if r.lang != lang]
                           + [originals[r.id] for r in translations.values()
                              if r.lang == lang and r.id in originals])
    return out


def build(catalogue: Catalogue, bodies: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The search payload: lunr index, documents for the result cards, facet labels.

    bodies: each resource's index_text(), for resources that no longer hold their bodies
    (the checker keeps only those)."""
    facet_labels: dict[str, dict[str, str]] = {f.key: {} for f in FACETS}
    per_doc: list[list[tuple[str, str]]] = []  # each document's (facet, value)
    docs: list[list[Any]] = []
    index = CompactIndexBuilder(FIELDS)
    documents = searched(catalogue)
    languages: set[str] = set()
    for address, r in documents:
        values = facet_values(r, catalogue)
        per_doc.append([(key, v) for key, pairs in values.items() for v, _ in pairs])
        for key, pairs in values.items():
            facet_labels[key].update(pairs)
        cat = CATEGORIES[r.category]
        key_fact = r.meta.get(cat.key_fact) if cat.key_fact else None
        summary = r.summary if len(r.summary) <= SUMMARY_CHARS else (
            r.summary[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…")
        docs.append([
            address, r.title, summary, r.date,
            f"{cat.key_fact_label}: {key_fact}" if key_fact not in (None, "") else "",
        ])
        body = bodies[address] if bodies is not None else index_text(r.body)
        lang = text_language(r)
        languages.add(lang)
        index.add([[(f"{r.title} {r.title} {r.summary}", lang)],  # the title counts twice
                   [(meta_text(r, values), SOURCE), (body, lang)]])  # labels are English
    facets = [f for f in FACETS if facet_labels[f.key]]
    # Each document's facet values as positions in its facet's list of values.
    positions = {f.key: {v: n for n, v in enumerate(sorted(facet_labels[f.key]))} for f in facets}
    for doc, pairs, (_, r) in zip(docs, per_doc, documents, strict=True):
        doc.append([[positions[f.key][v] for key, v in pairs if key == f.key] for f in facets])
        if r.is_example:
            doc.append(1)  # marked as an example in the results
    compact = index.compact()
    concepts, concept_files = search_thesaurus(index, compact["terms"])
    return {
        "index": compact,
        "thesaurus": concepts, "concept_files": concept_files,
        "docs": docs,
        "hidden": hidden_versions(documents),
        "stemmers": stemmed_languages(languages),
        "facets": [{"key": f.key, "label": f.label,
                    "values": sorted(facet_labels[f.key].items())} for f in facets],
        "categories": {c.key: c.singular for c in CATEGORIES.values()},
        "fold": FOLD_EXTRA,
        "separators": SEPARATORS.pattern,
    }


def write_payload(content_dir: Path, catalogue: Catalogue, site_dir: Path) -> None:
    """The catalogue search's files for checked content (the bodies are read again: the
    catalogue kept none)."""
    bodies = {key: index_text(body_of(content_dir / r.src_uri))
              for key, r in searched(catalogue)}
    write_search(build(catalogue, bodies), site_dir)
