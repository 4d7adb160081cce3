"""Text folded the way readers compare it: lower case, without accents, the letters that do
not decompose spelt out (ł → l, ß → ss). The catalogue search, place names and file names
all fold with this one table."""

from __future__ import annotations

import re
import unicodedata

# Letters that NFKD does not decompose into a base letter and an accent.
FOLD_EXTRA = {"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i",
              "þ": "th", "ð": "d"}


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


def invisible(text: str) -> str | None:
    """The first invisible formatting character of a text (Unicode's category Cf: zero-width
    spaces and joiners, direction marks, tag characters, the soft hyphen…), or None. Such a
    character makes a name look like another's, or read otherwise than it is."""
    if text.isascii():
        return None
    return next((c for c in text if unicodedata.category(c) == "Cf"), None)


def fold(text: str) -> str:
    """'Łódź Straße' -> 'lodz strasse'. Lower case again after folding: a letter without case
    can decompose into one with ('𝐀' -> 'A')."""
    return text.lower().translate(_FOLD).lower()


def slugify(text: str) -> str:
    """'Łódź Denim Offer' -> 'lodz-denim-offer'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
