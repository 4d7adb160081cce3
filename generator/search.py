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
BODY_WORDS = 150  # enough to find a resource by its body, bounded so the index stays small
SUMMARY_CHARS = 240

# Index fields and their weight: title and summary weigh more than body text.
FIELDS = (("title", 10), ("summary", 4), ("meta", 3), ("body", 1))


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(FOLD_EXTRA.get(c, c) for c in text)


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


def meta_text(r: Resource, catalogue: Catalogue, values: dict[str, list[tuple[str, str]]]) -> str:
    words = [label for key in ("organisation", "material", "topic", "country")
             for _, label in values.get(key, [])]
    words += identifiers(r)
    for field in ("developer_name", "provider_name", "city", "kind", "instrument"):
        if isinstance(r.meta.get(field), str):
            words.append(r.meta[field])
    return " ".join(words)


def build(catalogue: Catalogue) -> dict[str, Any]:
    """The search payload: lunr index, documents for the result cards, facet labels."""
    facet_labels: dict[str, dict[str, str]] = {f.key: {} for f in FACETS}
    docs: list[list[Any]] = []
    index_docs = []
    for i, r in enumerate(catalogue.newest):
        values = facet_values(r, catalogue)
        for key, pairs in values.items():
            facet_labels[key].update(pairs)
        cat = CATEGORIES[r.category]
        key_fact = r.meta.get(cat.key_fact) if cat.key_fact else None
        summary = r.summary if len(r.summary) <= SUMMARY_CHARS else (
            r.summary[: SUMMARY_CHARS - 1].rsplit(" ", 1)[0] + "…")
        docs.append([
            r.id, r.title, summary, r.date,
            f"{cat.key_fact_label}: {key_fact}" if key_fact not in (None, "") else "",
            {k: [val for val, _ in pairs] for k, pairs in values.items() if pairs},
        ])
        body = " ".join(plain_text(r.body).split()[:BODY_WORDS])
        index_docs.append({
            "i": str(i),
            "title": fold(r.title),
            "summary": fold(r.summary),
            "meta": fold(meta_text(r, catalogue, values)),
            "body": fold(body),
        })
    index = lunr(ref="i", documents=index_docs,
                 fields=[{"field_name": name, "boost": boost} for name, boost in FIELDS])
    return {
        "index": index.serialize(),
        "docs": docs,
        "facets": [{"key": f.key, "label": f.label,
                    "values": dict(sorted(facet_labels[f.key].items()))} for f in FACETS
                   if facet_labels[f.key]],
        "categories": {c.key: c.singular for c in CATEGORIES.values()},
        "fold": FOLD_EXTRA,
    }


def to_script(payload: dict[str, Any]) -> str:
    """The payload as a script; '<' is escaped so no text can close the script element."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.VC_SEARCH={text};\n"
