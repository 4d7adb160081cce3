"""The catalogue search index, scored as lunr.js 2.3.9 scores it, built with the `lunr`
package's text pipeline: every word of every resource (stop words aside).

Everything comes from the catalogue. Text is folded to ASCII before indexing ("Łódź" -> "lodz"),
and the browser folds queries with the same table, shipped in the payload, so diacritic-free
queries find diacritic words.

The payload (build()) becomes the scripts the browser loads in outputs/search_files.py.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from lunr import __TARGET_JS_VERSION__, get_default_builder
from lunr import stemmer as lunr_stemmer
from lunr import trimmer as lunr_trimmer
from lunr.token import Token

from ..catalogue.facets import FACETS
from ..catalogue.resources import Catalogue, Resource
from ..model import schemas
from ..model.categories import CATEGORIES
from ..model.content import body_of
from ..model.languages import SOURCE
from ..model.text import FOLD_EXTRA
from ..model.text import fold as fold_text
from .search_files import write_search
from .stemmers import SNOWBALL, folded_stem, stemmed_languages

SUMMARY_CHARS = 200
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


# The browser splits a query as lunr.js's tokenizer splits (lunr.tokenizer.separator: JavaScript's
# \s and '-'), so the index is split on the same characters; the `lunr` package splits on fewer
# (a narrow no-break space between "50" and "%" would have kept them one word in the index).
JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
LUNR_SEPARATORS = re.compile(f"[{JS_WHITESPACE}-]+")
# lunr.js's trimmer: the word's leading and trailing non-word characters, \W as JavaScript reads
# it (ASCII). The `lunr` package trims only a word with no such character inside ("d.lgs."
# stayed "d.lgs." in the index while the browser looked for "d.lgs").
JS_TRIM = re.compile(r"^\W+|\W+$", re.ASCII)
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


def trim_as_lunr_js(token: Any, i: int | None = None, tokens: list | None = None) -> Any:
    """lunr's pipeline function `trimmer`, as lunr.js trims (JS_TRIM)."""
    return token.update(lambda s, metadata=None: JS_TRIM.sub("", s))


def stem_as_lunr_js(token: Any, i: int | None = None, tokens: list | None = None) -> Any:
    """lunr's pipeline function `stemmer`, with lunr.js's rules (LunrJsStemmer)."""
    return token.update(LUNR_JS_STEMMER.stem)


# The pipeline's functions as lunr.js runs them, in place of the `lunr` package's own.
AS_LUNR_JS = {lunr_trimmer.trimmer: trim_as_lunr_js, lunr_stemmer.stemmer: stem_as_lunr_js}


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
        self.terms_index: dict[str, int] = {}  # term -> lunr's term index (order of use)
        # word (or lang:word) -> its term (None: a stop word)
        self.words: dict[str, str | None] = {}
        # Per term, per field: the documents holding it (ascending) and how often.
        self.postings: list[list[tuple[array, array] | None]] = []
        self.lengths = [array("I") for _ in fields]  # per field: each document's length
        self.shown: dict[str, str] = {}  # term -> the shortest word it stands for

    def term(self, word: str) -> str | None:
        """An English word's term (folded): lunr's pipeline."""
        if word not in self.words:
            token: Any = Token(word, {})
            for fn in self.builder.pipeline._stack:
                fn = AS_LUNR_JS.get(fn, fn)
                token = fn(token, 0, [token])
                if not token:
                    break
            self.words[word] = self.shows(str(token), word) if token else None
        return self.words[word]

    def shows(self, term: str, word: str) -> str:
        """Keeps the shortest word a term stands for (typo correction shows it)."""
        if term not in self.shown or (len(word), word) < (len(self.shown[term]),
                                                          self.shown[term]):
            self.shown[term] = word
        return term

    def term_in(self, lang: str, word: str) -> str | None:
        """A word's term in a language with a stemmer (the word lower case, not folded): lunr's
        trimmer and stop words on the folded word, then the language's stem, folded."""
        key = f"{lang}:{word}"
        if key not in self.words:
            folded = fold_text(word)
            self.words[key] = None
            if self.term(folded) is not None:  # not trimmed to nothing, not a stop word
                term = JS_TRIM.sub("", folded_stem(lang, word))
                self.words[key] = self.shows(term, JS_TRIM.sub("", folded)) if term else None
        return self.words[key]

    def terms(self, text: str, lang: str) -> Iterator[tuple[str, ...]]:
        """The terms of each word of a text in a language: folded, split as lunr.js splits.
        In a language with a stemmer, a word's stem in it (stemmed before it is folded) and
        its English term: the word as typed is found on every page, without the stemmer."""
        if lang not in SNOWBALL:
            for word in LUNR_SEPARATORS.split(fold(text).lower()):
                if word and (term := self.term(word)) is not None:
                    yield (term,)
            return
        for word in LUNR_SEPARATORS.split(SEPARATORS.sub(" ", text).lower()):
            if not word:
                continue
            if len(LUNR_SEPARATORS.split(fold(word).strip())) > 1:  # folding split it
                yield from self.terms(fold(word), SOURCE)
            elif (term := self.term_in(lang, word)) is not None:
                english = self.term(JS_TRIM.sub("", fold_text(word)))
                yield (term,) if english in (term, None) else (term, english)

    def add(self, values: list[list[tuple[str, str]]]) -> None:
        """One document: per field, its texts and the language of each."""
        ref = len(self.lengths[0])
        for fi, texts in enumerate(values):
            counts: dict[int, int] = {}
            length = 0
            for text, lang in texts:
                for terms in self.terms(text, lang):
                    length += 1
                    for term in terms:
                        ti = self.terms_index.setdefault(term, len(self.terms_index))
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
        for term, ti in sorted(self.terms_index.items()):
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
                "words": {term: self.shown[term] for term, _ in sorted(self.terms_index.items())}}


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
    return {
        "index": index.compact(),
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
