"""The catalogue search index, scored as lunr.js 2.3.9 scores it, built with the `lunr`
package's text pipeline: every word of every resource (stop words aside).

Everything comes from the catalogue. Text is folded to ASCII before indexing ("Łódź" -> "lodz"),
and the browser folds queries with the same table, shipped in the payload, so diacritic-free
queries find diacritic words.

The payload is split into scripts under assets/vc/search/ (split()), which the browser loads
as a query needs them: a manifest (index.js), the postings of the terms that begin with two
letters (t-*.js, parts of a group too large for one), the words of each group for typo
correction (v-*.js), the result cards in chunks of DOC_CHUNK documents (d-*.js), the same
cards in bundles of CARD_BUNDLE chunks for loading them all ahead (c-*.js, small catalogues
only) and the documents of each filter value (facets.js). Scripts, not JSON: browsers load
<script> from file:// but refuse to fetch local JSON, and the site must work opened from disk.
"""

from __future__ import annotations

import json
import math
import re
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from lunr import __TARGET_JS_VERSION__, get_default_builder
from lunr import stemmer as lunr_stemmer
from lunr.token import Token

from ..catalogue.facets import FACETS
from ..catalogue.resources import Catalogue, Resource
from ..model import schemas
from ..model.categories import CATEGORIES
from ..model.text import FOLD_EXTRA
from ..model.text import fold as fold_text
from ..model.vocab import abbreviations

SUMMARY_CHARS = 200
SEARCH_DIR = "assets/vc/search"
MANIFEST = f"{SEARCH_DIR}/index.js"
DOC_CHUNK = 50  # result cards per file: the first page of results loads a few of them
SHARD_BYTES = 60_000  # a group of terms above this is split into parts (raw JSON)
# Result cards up to this size (raw JSON; about a quarter gzip) are all loaded in the background
# after the first results, so that later queries wait for none: about 15,000 resources.
PREFETCH_CARD_BYTES = 4_000_000
# Chunks per file when every card is loaded ahead: a file loaded from disk costs the page a few
# milliseconds whatever its size, so two hundred chunks one by one keep it busy for a second
# (keys typed meanwhile wait), sixteen at a time for a tenth of it.
CARD_BUNDLE = 16

# Index fields and their weight: title and summary weigh more than the rest. Two fields, not
# four: lunr's query time grows with the fields each matching document is scored in.
FIELDS = (("head", 5), ("text", 1))


# Punctuation that separates words (kept: . / - inside identifiers such as DOIs and CELEX).
SEPARATORS = re.compile(r"[<>\"'=()\[\]{};,:!?|*&^%$#@~`+\\]+")


def fold(text: str) -> str:
    """Text as the index and the queries hold it: folded (model/text.py), punctuation spaces."""
    return SEPARATORS.sub(" ", fold_text(text))


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


# lunr's tokenizer splits on these characters (lunr.tokenizer.SEPARATOR_CHARS).
LUNR_SEPARATORS = re.compile(r"[ \t\n\r\f\v\xa0-]+")
K1, B = 1.2, 0.75  # lunr's BM25 defaults


class LunrJsStemmer(lunr_stemmer.PorterStemmer):
    """The Porter stemmer as lunr.js 2.3.9 runs it in the browser, where the query is stemmed.

    The `lunr` package turns a final y into i after any vowel in the stem ('jersey' ->
    'jersei'); lunr.js only after a consonant that is not the word's first letter ('jersey'
    and 'day' stay, 'cry' -> 'cri'). With the package's rule a word such as 'jersey' in a
    title could not be found. tests/test_search_index.py compares both with lunr.js itself."""

    def step1c(self) -> None:
        if self.ends("y") and self.j >= 1 and self.b[self.j] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


LUNR_JS_STEMMER = LunrJsStemmer()


def stem_as_lunr_js(token: Any, i: int | None = None, tokens: list | None = None) -> Any:
    """lunr's pipeline function `stemmer`, with lunr.js's rules (LunrJsStemmer)."""
    return token.update(LUNR_JS_STEMMER.stem)


class CompactIndexBuilder:
    """lunr's index, serialized in a compact form that the browser expands back.

    Per term and field: the documents as gaps between ascending refs, and their scores x10
    (rounded to 1 decimal). lunr.js rebuilds the inverted index and the field vectors from it
    (catalogue-search.js: expandIndex), then calls lunr.Index.load.

    lunr's Python builder creates a Token object and runs its pipeline for every word of every
    document (15 s at 10,000 resources). Here each distinct word goes through lunr's own
    pipeline (trimmer, stop words, stemmer) once, and the postings are kept as they grow, in
    arrays of machine integers (a dict of term counts per document was 60 MB at 10,000
    resources); the scores are lunr's BM25 to the same precision. tests/test_search_index.py
    checks that the result is what lunr's own builder makes, serialized and compacted.
    """

    def __init__(self, fields: tuple[tuple[str, int], ...]):
        self.fields = fields
        self.builder = get_default_builder()
        self.terms: dict[str, int] = {}  # term -> lunr's term index (order of first use)
        self.words: dict[str, str | None] = {}  # word -> its term (None: a stop word)
        # Per term, per field: the documents holding it (ascending) and how often.
        self.postings: list[list[tuple[array, array] | None]] = []
        self.lengths = [array("I") for _ in fields]  # per field: each document's length
        self.shown: dict[str, str] = {}  # term -> the shortest word it stands for

    def term(self, word: str) -> str | None:
        if word not in self.words:
            token: Any = Token(word, {})
            for fn in self.builder.pipeline._stack:
                fn = stem_as_lunr_js if fn is lunr_stemmer.stemmer else fn
                token = fn(token, 0, [token])
                if not token:
                    break
            term = self.words[word] = str(token) if token else None
            if term is not None and (term not in self.shown or
                                     (len(word), word) < (len(self.shown[term]),
                                                          self.shown[term])):
                self.shown[term] = word
        return self.words[word]

    def add(self, values: list[str]) -> None:
        ref = len(self.lengths[0])
        for fi, text in enumerate(values):
            counts: dict[int, int] = {}
            length = 0
            for word in LUNR_SEPARATORS.split(text.lower()):
                term = self.term(word) if word else None
                if term is None:
                    continue
                length += 1
                ti = self.terms.setdefault(term, len(self.terms))
                counts[ti] = counts.get(ti, 0) + 1
            self.lengths[fi].append(length)
            for ti, tf in counts.items():
                if ti == len(self.postings):
                    self.postings.append([None] * len(self.fields))
                posting = self.postings[ti][fi]
                if posting is None:
                    posting = self.postings[ti][fi] = (array("I"), array("I"))
                posting[0].append(ref)
                posting[1].append(tf)

    def compact(self) -> dict[str, Any]:
        n_docs = len(self.lengths[0])
        avg = [sum(lengths) / max(1, n_docs) for lengths in self.lengths]
        names = [name for name, _ in self.fields]
        terms = []
        for term, ti in sorted(self.terms.items()):
            postings = self.postings[ti]
            df = sum(len(p[0]) for p in postings if p is not None)
            idf = math.log(1 + abs((n_docs - df + 0.5) / (df + 0.5)))
            per_field = []
            for fi, posting in enumerate(postings):
                if posting is None:
                    continue
                refs, tfs = posting
                boost, lengths, mean = self.fields[fi][1], self.lengths[fi], avg[fi]
                values = [max(1, round(round(idf * ((K1 + 1) * tf) / (
                              K1 * (1 - B + B * (lengths[ref] / mean)) + tf) * boost, 3) * 10))
                          for ref, tf in zip(refs, tfs, strict=True)]
                gaps = [refs[0]] + [b - a for a, b in zip(refs, refs[1:], strict=False)]
                per_field.append([fi, gaps, values])
            terms.append([term, ti, per_field])
        return {"version": __TARGET_JS_VERSION__, "fields": names,
                "pipeline": ["stemmer"], "terms": terms,
                "words": {term: self.shown[term] for term, _ in sorted(self.terms.items())}}


def build(catalogue: Catalogue, bodies: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The search payload: lunr index, documents for the result cards, facet labels.

    bodies: each resource's index_text(), for resources that no longer hold their bodies
    (the checker keeps only those)."""
    facet_labels: dict[str, dict[str, str]] = {f.key: {} for f in FACETS}
    per_doc: list[list[tuple[str, str]]] = []  # each document's (facet, value)
    docs: list[list[Any]] = []
    index = CompactIndexBuilder(FIELDS)
    for r in catalogue.newest:
        values = facet_values(r, catalogue)
        per_doc.append([(key, v) for key, pairs in values.items() for v, _ in pairs])
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
        body = bodies[r.id] if bodies is not None else index_text(r.body)
        index.add([fold(f"{r.title} {r.title} {r.summary}"),  # the title counts twice
                   fold(f"{meta_text(r, values)} {body}")])
    facets = [f for f in FACETS if facet_labels[f.key]]
    # Each document's facet values as positions in its facet's list of values.
    positions = {f.key: {v: n for n, v in enumerate(sorted(facet_labels[f.key]))} for f in facets}
    for doc, pairs, r in zip(docs, per_doc, catalogue.newest, strict=True):
        doc.append([[positions[f.key][v] for key, v in pairs if key == f.key] for f in facets])
        if r.is_example:
            doc.append(1)  # marked as an example in the results
    return {
        "index": index.compact(),
        "docs": docs,
        "facets": [{"key": f.key, "label": f.label,
                    "values": sorted(facet_labels[f.key].items())} for f in facets],
        "categories": {c.key: c.singular for c in CATEGORIES.values()},
        "fold": FOLD_EXTRA,
        "separators": SEPARATORS.pattern,
    }


SEPARATORS_JSON = (",", ":")
RUN = 500  # items of a long list dumped at a time


def _json_pieces(value: Any) -> Iterator[str]:
    """json.dumps(value) with compact separators, in pieces: long lists are dumped a run of
    items at a time, so the whole text is never held twice."""
    if isinstance(value, dict):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            yield ("," if i else "") + json.dumps(str(key), ensure_ascii=False) + ":"
            yield from _json_pieces(item)
        yield "}"
    elif isinstance(value, list) and len(value) > RUN:
        yield "["
        for start in range(0, len(value), RUN):
            run = json.dumps(value[start:start + RUN], ensure_ascii=False,
                             allow_nan=False, separators=SEPARATORS_JSON)
            yield ("," if start else "") + run[1:-1]
        yield "]"
    else:
        yield json.dumps(value, ensure_ascii=False, allow_nan=False,
                         separators=SEPARATORS_JSON)


def script_pieces(payload: Any, name: str | None = None) -> Iterator[str]:
    """The payload as a script: JSON in a string literal (browsers parse JSON.parse of a
    string faster than an object literal of the same size); '<' is escaped so no text can
    close the script element. Escaping is per character, so each piece is escaped alone.
    With a name, the script hands the data to the search's loader (VC_SEARCH_LOAD)."""
    yield (f'VC_SEARCH_LOAD("{name}",JSON.parse("' if name is not None
           else 'window.VC_SEARCH=JSON.parse("')
    for piece in _json_pieces(payload):
        literal = json.dumps(piece, ensure_ascii=False)[1:-1]
        yield literal.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace(
            "\u2029", "\\u2029")
    yield '"));\n' if name is not None else '");\n'


def to_script(payload: Any, name: str | None = None) -> str:
    return "".join(script_pieces(payload, name))


def write_whole(path: Path, pieces: Iterator[str]) -> None:
    """Whole or not at all: `mkdocs serve` rewrites the search while it serves the site."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8") as out:
        out.writelines(pieces)
    partial.replace(path)


def write_script(payload: dict[str, Any], path: Path) -> None:
    """to_script(payload) written to path, a piece at a time."""
    write_whole(path, script_pieces(payload))


# -- the payload as the browser loads it: a file per need ---------------------------------------

def group_of(term: str) -> str:
    """The group of a term: its first two letters."""
    return term[:2]


def file_key(group: str) -> str:
    """A group as part of a file name: its letters' UTF-8 in hex (any script, any sign)."""
    return group.encode("utf-8").hex()


def split(payload: dict[str, Any]) -> dict[str, Any]:
    """The payload as files (name without .js -> data): the manifest `index`, term shards,
    vocabularies, document chunks and the facets."""
    index = payload["index"]
    files: dict[str, Any] = {}
    shards: list[list[Any]] = []  # [group, first term, file] in term order
    groups: dict[str, list[list[Any]]] = {}
    for entry in index["terms"]:
        groups.setdefault(group_of(entry[0]), []).append(entry)
    for group, entries in groups.items():
        part, size, n = [], 0, 0
        for entry in entries:
            length = len(json.dumps(entry, separators=SEPARATORS_JSON))
            if part and size + length > SHARD_BYTES:
                name = f"t-{file_key(group)}-{n}"
                files[name], n, part, size = part, n + 1, [], 0
                shards.append([group, files[name][0][0], name])
            part.append(entry)
            size += length
        name = f"t-{file_key(group)}-{n}"
        files[name] = part
        shards.append([group, part[0][0], name])
        files[f"v-{file_key(group)}"] = [[e[0], index["words"][e[0]]] for e in entries]
    docs = payload["docs"]
    card_bytes = 0
    for start in range(0, len(docs), DOC_CHUNK):
        cards = [[d[0], d[1], d[2], d[3], d[4], 1 if len(d) > 6 else 0]
                 for d in docs[start:start + DOC_CHUNK]]
        files[f"d-{start // DOC_CHUNK}"] = cards
        card_bytes += len(json.dumps(cards, separators=SEPARATORS_JSON, ensure_ascii=False))
    prefetch_cards = card_bytes <= PREFETCH_CARD_BYTES
    if prefetch_cards:
        files.update(card_bundles([name for name in files if name.startswith("d-")], files))
    files["facets"] = facet_postings(payload)
    files["index"] = {
        "version": index["version"], "fields": index["fields"], "pipeline": index["pipeline"],
        "docs": len(docs), "chunk": DOC_CHUNK, "shards": shards,
        "prefetch_cards": prefetch_cards, "bundle": CARD_BUNDLE,
        "facets": [{"key": f["key"], "label": f["label"]} for f in payload["facets"]],
        "categories": payload["categories"], "fold": payload["fold"],
        "separators": payload["separators"], "abbreviations": abbreviations()}
    return files


def card_bundles(chunks: list[str], files: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The card chunks again, CARD_BUNDLE to a file (c-<n>: chunk name -> cards), for loading
    them all ahead."""
    return {f"c-{n}": {name: files[name] for name in chunks[start:start + CARD_BUNDLE]}
            for n, start in enumerate(range(0, len(chunks), CARD_BUNDLE))}


def facet_postings(payload: dict[str, Any]) -> list[dict[str, Any]]:
    """Each filter's values, each with its documents as gaps between ascending refs."""
    out = []
    for fi, facet in enumerate(payload["facets"]):
        refs: list[list[int]] = [[] for _ in facet["values"]]
        for ref, doc in enumerate(payload["docs"]):
            for position in doc[5][fi]:
                refs[position].append(ref)
        out.append({"key": facet["key"], "values": facet["values"],
                    "refs": [[r[0]] + [b - a for a, b in zip(r, r[1:], strict=False)]
                             if r else [] for r in refs]})
    return out


def read_script(text: str) -> tuple[str, Any]:
    """(name, data) of one of the search's scripts (the inverse of to_script with a name)."""
    name = text[len('VC_SEARCH_LOAD("'):text.index('"', len('VC_SEARCH_LOAD("'))]
    return name, json.loads(json.loads(text[text.index("JSON.parse(") + 11:text.rindex("))")]))


def read_docs(site_dir: Path) -> list[list[Any]]:
    """The result cards of a built site's search, in ref order (tests read them)."""
    folder = site_dir / SEARCH_DIR
    manifest = read_script((folder / "index.js").read_text(encoding="utf-8"))[1]
    docs: list[list[Any]] = []
    for chunk in range(-(-manifest["docs"] // manifest["chunk"])):
        docs += read_script((folder / f"d-{chunk}.js").read_text(encoding="utf-8"))[1]
    return docs


def write_search(payload: dict[str, Any], site_dir: Path) -> list[str]:
    """The payload's files written under site_dir/SEARCH_DIR, each whole, the manifest last
    (a page never reads a manifest whose files are not there yet); files of an earlier build
    that this one has not written are removed. Returns the paths written."""
    folder = site_dir / SEARCH_DIR
    files = split(payload)
    manifest = files.pop("index")
    written = []
    for name, data in files.items():
        write_whole(folder / f"{name}.js", script_pieces(data, name))
        written.append(f"{SEARCH_DIR}/{name}.js")
    write_whole(folder / "index.js", script_pieces(manifest, "index"))
    written.append(MANIFEST)
    keep = {Path(p).name for p in written}
    for stale in folder.iterdir():
        if stale.name not in keep and stale.suffix == ".js":
            stale.unlink(missing_ok=True)
    return written
