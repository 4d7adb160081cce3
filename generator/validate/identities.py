"""Organisations that a reader, or the import matching a sheet's names, could not tell apart:
names and ids compared by their skeletons (model/identity.py). Websites may be shared (the
invented examples all name example.org): the import matches no row by a website that two
organisations give (cli/importer.py)."""

from __future__ import annotations

from collections import defaultdict

from ..model.categories import CATEGORIES
from ..model.content import SourceFile
from ..model.identity import skeleton
from ..model.problems import Problem

# The categories whose resources others name (Category.identified).
IDENTIFIED = frozenset(key for key, c in CATEGORIES.items() if c.identified)


def identity_keys(source: SourceFile) -> list[tuple[str, str]]:
    """(what, skeleton) of each name an organisation is known by: its id and its title."""
    meta = source.meta or {}
    keys = [("id", skeleton(source.id.split("/", 1)[-1]))]
    if isinstance(meta.get("title"), str):
        keys.append(("name", skeleton(meta["title"])))
    return [(what, key) for what, key in keys if key]


def lookalike_problems(sources: list[SourceFile]) -> list[Problem]:
    """A problem on each organisation whose id, name or website looks like another's."""
    owners: dict[str, dict[str, str]] = defaultdict(dict)  # skeleton -> {id: what}
    by_id: dict[str, SourceFile] = {}
    for source in sources:
        if source.category in IDENTIFIED and source.meta is not None:
            by_id[source.id] = source
            for what, key in identity_keys(source):
                owners[key].setdefault(source.id, what)
    problems = []
    for ids in owners.values():
        if len(ids) < 2:
            continue
        for rid, what in ids.items():
            others = ", ".join(f"the {w} of {o}" for o, w in ids.items() if o != rid)
            source = by_id[rid]
            field = "title" if what == "name" else "id"
            problems.append(Problem(
                source.path, source.line_of((field,)) if what == "name" else 1, field,
                f"its {what} looks like {others} (they differ only in look-alike letters, "
                "accents, case or punctuation): a reader could not tell the two apart; "
                "name it so that it differs"))
    return problems
