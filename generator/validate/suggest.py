"""Did-you-means among the catalogue's ids, each in a time that does not grow with the
catalogue: a file naming thousands of ids that are nearly right must not take minutes.

A name is found when it is one edit from the value, as the symmetric-delete method finds
them (both sides with one character left out: a letter wrong, missing, extra, or two
swapped), or else among a bounded number of names that begin as the value does; the closest
of those by difflib's ratio is suggested. The index is made the first time a reference
misses, once per target category.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable

MAX_INDEXED = 100  # names and values longer than this are matched only whole
PER_KEY = 20  # candidates kept for one deletion or one beginning
PREFIX = 3  # letters of the beginning that candidates share
CUTOFF = 0.6  # difflib's ratio below which nothing is suggested


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))} if len(word) <= MAX_INDEXED \
        else set()


class NearNames:
    """The closest of a fixed set of names to a value."""

    def __init__(self, names: Iterable[str]):
        self.by_lower: dict[str, str] = {}
        self.edits: dict[str, list[str]] = defaultdict(list)
        self.starts: dict[str, list[str]] = defaultdict(list)
        for name in names:
            lower = name.lower()
            self.by_lower.setdefault(lower, name)
            for key in (lower, *_deletions(lower)):
                if len(self.edits[key]) < PER_KEY:
                    self.edits[key].append(name)
            if len(self.starts[lower[:PREFIX]]) < PER_KEY:
                self.starts[lower[:PREFIX]].append(name)

    def closest(self, value: str) -> str | None:
        lower = value.lower()
        if lower in self.by_lower:
            return self.by_lower[lower]
        found: list[str] = []
        for key in (lower, *_deletions(lower)):
            found += self.edits.get(key, ())
        if not found:
            found = self.starts.get(lower[:PREFIX], [])
        close = difflib.get_close_matches(value, list(dict.fromkeys(found)), n=1,
                                          cutoff=CUTOFF)
        return close[0] if close else None


class KnownIds:
    """Every id of the catalogue with its category, and the did-you-means among them."""

    def __init__(self, ids: dict[str, str]):
        self.ids = ids
        self._near: dict[str, NearNames] = {}

    def _names(self, pool: str) -> NearNames:
        if pool not in self._near:
            if pool == "":  # a bare file name: the names of every category's files
                names: Iterable[str] = (i.split("/", 1)[1] for i in self.ids)
            else:
                names = (i for i, c in self.ids.items() if pool == "*" or c == pool)
            self._near[pool] = NearNames(names)
        return self._near[pool]

    def hint(self, value: str, pool: str) -> str:
        """'; did you mean …?' among the ids of a category ('*': any, '': bare names), or ''."""
        close = self._names(pool).closest(value)
        return f"; did you mean '{close}'?" if close else ""
