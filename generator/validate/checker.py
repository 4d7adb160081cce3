"""Validation, as the build's second process runs it (pages/completers.py): check() reads the
content again, with the line of every field, and validates it (outputs/search_files.py
write_payload() then writes the search payload of content without problems).

Each file is checked as it is read; what is kept of it is what the catalogue needs (its
fields, and the lines of its references and of its place); the bodies are read again for the
index once the number of words it takes of each is known.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from pathlib import Path

from ..catalogue import geo
from ..catalogue.resources import Catalogue
from ..model.categories import LISTING_CATEGORIES
from ..model.content import SourceFile, load_source
from ..model.problems import Problem
from .gate import scan
from .rules import (
    body_link_problems,
    cross_file_problems,
    file_problems,
    iter_refs,
    place_problems,
    place_to_find,
    tree_problems,
)

PLACE = ("location", "city")


def slim(source: SourceFile) -> SourceFile:
    """What the later checks and the search index need of a checked file."""
    kept = [path for path, _, _ in iter_refs(source)] + [PLACE]
    return dataclasses.replace(source, body="", problems=[],
                               lines={path: source.line_of(path) for path in kept})


def check(content_dir: Path, display_root: Path, languages: Collection[str] | None = None
          ) -> tuple[list[Problem], Catalogue | None]:
    """Every problem of the content (translations in the site's languages); the catalogue (its
    resources without their bodies) if there is none."""
    tree = scan(content_dir, display_root)
    problems: list[Problem] = tree_problems(content_dir, tree, display_root, languages)
    sources: list[SourceFile] = []
    files = tree.link_targets(content_dir)
    for file in tree.resources:
        source = load_source(content_dir, file, display_root)
        problems += file_problems(source) + body_link_problems(source, files)
        sources.append(slim(source))
    problems += cross_file_problems(sources, languages)
    geo.prepare(place[0] for source in sources
                if source.category in LISTING_CATEGORIES
                and (place := place_to_find(source.meta)))
    for source in sources:
        problems += place_problems(source)
    if problems:
        return sorted(set(problems)), None
    return [], Catalogue.from_sources(sources)
