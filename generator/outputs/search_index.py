"""The catalogue search's index: lunr's inverted index with lunr.js 2.3.9's scores, built
with the `lunr` package's text pipeline (its stemmer and trimmer as lunr.js runs them) for
English, and each other language's Snowball stemmer (outputs/stemmers.py); kept compact.

Text is folded to ASCII before indexing ("Łódź" -> "lodz"), and the browser folds queries with
the same table, so diacritic-free queries find diacritic words.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterator
from typing import Any

from lunr import __TARGET_JS_VERSION__, get_default_builder
from lunr import stemmer as lunr_stemmer
from lunr import trimmer as lunr_trimmer
from lunr.token import Token

from ..model.languages import SOURCE
from ..model.text import fold as fold_text
from .stemmers import SNOWBALL, folded_stem

# Punctuation that separates words (kept: . / - inside identifiers such as DOIs and CELEX).
SEPARATORS = re.compile(r"[<>\"'=()\[\]{};,:!?|*&^%$#@~`+\\]+")


def fold(text: str) -> str:
    """Text as the index and the queries hold it: folded (model/text.py), punctuation spaces."""
    return SEPARATORS.sub(" ", fold_text(text))


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
