"""The catalogue search index, prebuilt with the `lunr` package (compatible with lunr.js 2.3.9).

Everything comes from the catalogue. Text is folded to ASCII before indexing ("Łódź" -> "lodz"),
and the browser folds queries with the same table, shipped in the payload, so diacritic-free
queries find diacritic words. The payload is one script (`window.VC_SEARCH = {...}`) so the
search page works over file://, where browsers refuse to fetch local JSON.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from lunr import lunr

from .catalogue import Catalogue, Resource
from .categories import CATEGORIES
from .vocab import vocabularies

# Letters that Unicode does not decompose into base letter + accent.
FOLD_EXTRA = {"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i",
              "þ": "th", "ð": "d"}
SUMMARY_CHARS = 200
# Body words indexed per resource: the whole body (up to 400 words) for catalogues of up to
# 1,250 resources, fewer for larger ones so the payload stays near 2 MB gzip (measured in
# benchmarks/search_bench.py: 50 words per body at 10,000 resources).
BODY_WORD_BUDGET = 500_000
MAX_BODY_WORDS = 400
MIN_BODY_WORDS = 40


def body_words(n_resources: int) -> int:
    return max(MIN_BODY_WORDS, min(MAX_BODY_WORDS, BODY_WORD_BUDGET // max(1, n_resources)))

# Index fields and their weight: title and summary weigh more than the rest. Two fields, not
# four: lunr's query time grows with the fields each matching document is scored in.
FIELDS = (("head", 5), ("text", 1))


# Punctuation that separates words (kept: . / - inside identifiers such as DOIs and CELEX).
SEPARATORS = re.compile(r"[<>\"'=()\[\]{};,:!?|*&^%$#@~`+\\]+")


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return SEPARATORS.sub(" ", "".join(FOLD_EXTRA.get(c, c) for c in text))


_MD_PATTERNS = [
    (re.compile(r"```.*?```", re.S), " "),
    (re.compile(r"<[^>]*>"), " "),  # raw HTML tags
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links
    (re.compile(r"<(https?://[^>]+)>"), " "),
    (re.compile(r"https?://\S+"), " "),
    (re.compile(r"[*_`#>|~]+"), " "),
]


def plain_text(markdown: str) -> str:
    """Markdown reduced to its words (good enough for a search index, and fast)."""
    for pattern, repl in _MD_PATTERNS:
        markdown = pattern.sub(repl, markdown)
    return " ".join(markdown.split())


@dataclass(frozen=True)
class Facet:
    key: str
    label: str


FACETS = (
    Facet("category", "Category"),
    Facet("country", "Country"),
    Facet("language", "Language"),
    Facet("material", "Material"),
    Facet("topic", "Topic"),
    Facet("organisation", "Organisation"),
    Facet("year", "Year"),
    Facet("trl", "TRL (technologies)"),
    Facet("status", "Status"),
    Facet("level", "Level (training)"),
)


def facet_values(r: Resource, catalogue: Catalogue) -> dict[str, list[tuple[str, str]]]:
    """facet -> (value, label) of one resource."""
    v = vocabularies()
    m = r.meta
    out: dict[str, list[tuple[str, str]]] = {
        "category": [(r.category, CATEGORIES[r.category].title)],
        "country": [(c, v.country_name(c)) for c in r.facet_values("countries")],
        "language": [(m["language"], v.languages.get(m["language"], m["language"]))],
        "material": [(x, x) for x in r.facet_values("materials")],
        "topic": [(t, v.topic_label(t)) for t in r.facet_values("topics")],
        "organisation": [(o, catalogue.by_id[o].title) for o in r.facet_values("organisations")],
        "year": [(r.date[:4], r.date[:4])],
    }
    if r.category == "technologies":
        out["trl"] = [(str(m["trl"]), f"TRL {m['trl']}")]
    if r.category in ("legislation", "pilot-cases") and "status" in m:
        out["status"] = [(m["status"], m["status"])]
    if r.category == "training" and "level" in m:
        out["level"] = [(m["level"], m["level"])]
    return out


def identifiers(r: Resource) -> list[str]:
    """Ids people type: CELEX numbers, waste codes (also without spaces), DOIs, the slug."""
    m = r.meta
    ids = [r.slug]
    for key in ("identifier", "doi", "issue"):
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


def build(catalogue: Catalogue) -> dict[str, Any]:
    """The search payload: lunr index, documents for the result cards, facet labels."""
    facet_labels: dict[str, dict[str, str]] = {f.key: {} for f in FACETS}
    per_doc: list[dict[str, list[tuple[str, str]]]] = []
    words = body_words(len(catalogue))
    docs: list[list[Any]] = []
    index_docs = []
    for i, r in enumerate(catalogue.newest):
        values = facet_values(r, catalogue)
        per_doc.append(values)
        for key, pairs in values.items():
            facet_labels[key].update(pairs)
        cat = CATEGORIES[r.category]
        key_fact = r.meta.get(cat.key_fact) if cat.key_fact else None
        summary = r.summary if len(r.summary) <= SUMMARY_CHARS else (
            r.summary[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…")
        docs.append([
            r.id, r.title, summary, r.date,
            f"{cat.key_fact_label}: {key_fact}" if key_fact not in (None, "") else "",
        ])
        body = " ".join(plain_text(r.body).split()[:words])
        index_docs.append({
            "i": str(i),
            "head": fold(f"{r.title} {r.title} {r.summary}"),  # the title counts twice
            "text": fold(f"{meta_text(r, values)} {body}"),
        })
    index = lunr(ref="i", documents=index_docs,
                 fields=[{"field_name": name, "boost": boost} for name, boost in FIELDS])
    facets = [f for f in FACETS if facet_labels[f.key]]
    # Each document's facet values as positions in its facet's list of values.
    positions = {f.key: {v: n for n, v in enumerate(sorted(facet_labels[f.key]))} for f in facets}
    for doc, values in zip(docs, per_doc, strict=True):
        doc.append([[positions[f.key][v] for v, _ in values.get(f.key, [])] for f in facets])
    return {
        "index": compact_index(index.serialize()),
        "docs": docs,
        "facets": [{"key": f.key, "label": f.label,
                    "values": sorted(facet_labels[f.key].items())} for f in facets],
        "categories": {c.key: c.singular for c in CATEGORIES.values()},
        "fold": FOLD_EXTRA,
        "separators": SEPARATORS.pattern,
    }


def to_script(payload: dict[str, Any]) -> str:
    """The payload as a script: JSON in a string literal (browsers parse JSON.parse of a
    string faster than an object literal of the same size); '<' is escaped so no text can
    close the script element."""
    text = json.dumps(json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
                      ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.VC_SEARCH=JSON.parse({text});\n"
