"""The catalogue search index for lunr.js 2.3.9, built with the `lunr` package's text pipeline.

Everything comes from the catalogue. Text is folded to ASCII before indexing ("Łódź" -> "lodz"),
and the browser folds queries with the same table, shipped in the payload, so diacritic-free
queries find diacritic words. The payload is one script (`window.VC_SEARCH = {...}`) so the
search page works over file://, where browsers refuse to fetch local JSON.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from lunr import __TARGET_JS_VERSION__, get_default_builder
from lunr.token import Token

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


class _FoldTable(dict):
    """str.translate table, filled per character on first use: decomposed (NFKD), accents
    dropped, then FOLD_EXTRA. Folding character by character gives what folding the whole
    text would, as the accents are dropped anyway."""

    def __missing__(self, code: int) -> str:
        text = unicodedata.normalize("NFKD", chr(code))
        text = "".join(FOLD_EXTRA.get(c, c) for c in text if not unicodedata.combining(c))
        self[code] = text
        return text


_FOLD = _FoldTable()


def fold(text: str) -> str:
    return SEPARATORS.sub(" ", text.lower().translate(_FOLD))


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


# lunr's tokenizer splits on these characters (lunr.tokenizer.SEPARATOR_CHARS).
LUNR_SEPARATORS = re.compile(r"[ \t\n\r\f\v\xa0-]+")
K1, B = 1.2, 0.75  # lunr's BM25 defaults


class CompactIndexBuilder:
    """lunr's index, serialized in a compact form that the browser expands back.

    Per term and field: the documents as gaps between ascending refs, and their scores x10
    (rounded to 1 decimal). lunr.js rebuilds the inverted index and the field vectors from it
    (catalogue-search.js: expandIndex), then calls lunr.Index.load.

    lunr's Python builder creates a Token object and runs its pipeline for every word of every
    document (15 s at 10,000 resources). Here each distinct word goes through lunr's own
    pipeline (trimmer, stop words, stemmer) once, and documents are kept as term counts; the
    scores are lunr's BM25 to the same precision. tests/test_search_index.py checks that the
    result is what lunr's own builder makes, serialized and compacted.
    """

    def __init__(self, fields: tuple[tuple[str, int], ...]):
        self.fields = fields
        self.builder = get_default_builder()
        self.terms: dict[str, int] = {}  # term -> lunr's term index (order of first use)
        self.words: dict[str, str | None] = {}  # word -> its term (None: a stop word)
        self.docs: list[list[tuple[dict[int, int], int]]] = []  # per doc, per field: tf, length

    def term(self, word: str) -> str | None:
        if word not in self.words:
            token: Any = Token(word, {})
            for fn in self.builder.pipeline._stack:
                token = fn(token, 0, [token])
                if not token:
                    break
            self.words[word] = str(token) if token else None
        return self.words[word]

    def add(self, values: list[str]) -> None:
        per_field = []
        for text in values:
            counts: dict[int, int] = {}
            length = 0
            for word in LUNR_SEPARATORS.split(text.lower()):
                term = self.term(word) if word else None
                if term is None:
                    continue
                length += 1
                ti = self.terms.setdefault(term, len(self.terms))
                counts[ti] = counts.get(ti, 0) + 1
            per_field.append((counts, length))
        self.docs.append(per_field)

    def compact(self) -> dict[str, Any]:
        n_docs, n_fields = len(self.docs), len(self.fields)
        postings: list[list[list[int]]] = [[[] for _ in self.fields] for _ in self.terms]
        for ref, per_field in enumerate(self.docs):
            for fi, (counts, _) in enumerate(per_field):
                for ti in counts:
                    postings[ti][fi].append(ref)
        avg = [sum(doc[fi][1] for doc in self.docs) / max(1, n_docs) for fi in range(n_fields)]
        idf = [math.log(1 + abs((n_docs - df + 0.5) / (df + 0.5)))
               for df in (sum(len(refs) for refs in p) for p in postings)]
        names = [name for name, _ in self.fields]
        terms = []
        for term, ti in sorted(self.terms.items()):
            per_field = []
            for fi, refs in enumerate(postings[ti]):
                if not refs:
                    continue
                boost = self.fields[fi][1]
                values = []
                for ref in refs:
                    counts, length = self.docs[ref][fi]
                    tf = counts[ti]
                    score = idf[ti] * ((K1 + 1) * tf) / (
                        K1 * (1 - B + B * (length / avg[fi])) + tf) * boost
                    values.append(max(1, round(round(score, 3) * 10)))
                gaps = [refs[0]] + [b - a for a, b in zip(refs, refs[1:], strict=False)]
                per_field.append([fi, gaps, values])
            terms.append([term, ti, per_field])
        return {"version": __TARGET_JS_VERSION__, "fields": names,
                "pipeline": ["stemmer"], "terms": terms}


def build(catalogue: Catalogue) -> dict[str, Any]:
    """The search payload: lunr index, documents for the result cards, facet labels."""
    facet_labels: dict[str, dict[str, str]] = {f.key: {} for f in FACETS}
    per_doc: list[dict[str, list[tuple[str, str]]]] = []
    words = body_words(len(catalogue))
    docs: list[list[Any]] = []
    index = CompactIndexBuilder(FIELDS)
    for r in catalogue.newest:
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
        index.add([fold(f"{r.title} {r.title} {r.summary}"),  # the title counts twice
                   fold(f"{meta_text(r, values)} {body}")])
    facets = [f for f in FACETS if facet_labels[f.key]]
    # Each document's facet values as positions in its facet's list of values.
    positions = {f.key: {v: n for n, v in enumerate(sorted(facet_labels[f.key]))} for f in facets}
    for doc, values in zip(docs, per_doc, strict=True):
        doc.append([[positions[f.key][v] for v, _ in values.get(f.key, [])] for f in facets])
    return {
        "index": index.compact(),
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
