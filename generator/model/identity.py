"""Who is who: names and ids compared as a reader sees them, not as their bytes differ.

Two organisations whose names or ids differ only by look-alike letters (Unicode's confusables:
a Cyrillic 'а' for a Latin 'a', full-width 'Ｃｅｎｔｒｏｃｏｔ' for 'Centrocot'), by accents, case,
punctuation or invisible characters, would be one organisation to a reader and to the import
that matches a sheet's names. skeleton() is the form they are compared in: the text in
Unicode's compatibility form (NFKC), each character replaced by one representative of its
confusable class (the data of Unicode Technical Standard #39, as the confusable-homoglyphs
package ships it), case-folded, accents dropped (model/text.py's fold), and only letters and
digits kept.
"""

from __future__ import annotations

import json
import unicodedata
from functools import cache
from importlib import resources

from .text import fold


@cache
def _prototypes() -> dict[int, str]:
    """Each character of a confusable class -> the class's representative (an ASCII letter or
    digit where the class has one, else its smallest character), for str.translate."""
    data = json.loads(resources.files("confusable_homoglyphs")
                      .joinpath("confusables.json").read_text(encoding="utf-8"))
    parent: dict[str, str] = {}

    def root(c: str) -> str:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for char, glyphs in data.items():
        for glyph in glyphs:
            other = glyph["c"]
            if len(char) == 1 and len(other) == 1:
                a, b = root(char), root(other)
                if a != b:
                    parent[max(a, b, key=_rank)] = min(a, b, key=_rank)
    return {ord(c): root(c) for c in parent}


def _rank(c: str) -> tuple[bool, str]:
    """ASCII letters and digits first: they represent their class."""
    return (not (c.isascii() and c.isalnum()), c)


def skeleton(text: str) -> str:
    """'Ｃéntrо-cot' (a Cyrillic о) -> 'centrocot'."""
    table = _prototypes()
    # Mapped before and after case folding: a Cyrillic 'Т' looks like 'T', its 'т' like no 't'.
    mapped = unicodedata.normalize("NFKC", text).translate(table).casefold().translate(table)
    return "".join(c for c in fold(mapped) if c.isalnum())
