"""Validation and the catalogue search payload, as the build's second process runs them
(pages/completers.py): check() reads the content again, with the line of every field, and
validates it; write_payload() writes the search payload of content without problems.

Each file is checked as it is read; what is kept of it is what the catalogue needs (its
fields, and the lines of its references and of its place); the bodies are read again for the
index once the number of words it takes of each is known.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ..catalogue import geo
from ..catalogue.resources import Catalogue
from ..model.categories import LISTING_CATEGORIES
from ..model.content import SourceFile, body_of, load_source
from ..model.problems import Problem
from ..outputs import search, search_files
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


def check_and_index(content_dir: Path, display_root: Path,
                    site_dir: Path) -> tuple[list[Problem], Catalogue | None]:
    """Every problem of the content, as validate() finds them; if there is none, the search's
    files are written under site_dir and the catalogue returned (its resources without their
    bodies)."""
    problems, catalogue = check(content_dir, display_root)
    if catalogue is not None:
        write_payload(content_dir, catalogue, site_dir)
    return problems, catalogue


def check(content_dir: Path, display_root: Path) -> tuple[list[Problem], Catalogue | None]:
    """Every problem of the content; the catalogue (its resources without their bodies) if
    there is none."""
    tree = scan(content_dir, display_root)
    problems: list[Problem] = tree_problems(content_dir, tree, display_root)
    sources: list[SourceFile] = []
    files = tree.link_targets(content_dir)
    for file in tree.resources:
        source = load_source(content_dir, file, display_root)
        problems += file_problems(source) + body_link_problems(source, files)
        sources.append(slim(source))
    problems += cross_file_problems(sources)
    geo.prepare(place[0] for source in sources
                if source.category in LISTING_CATEGORIES
                and (place := place_to_find(source.meta)))
    for source in sources:
        problems += place_problems(source)
    if problems:
        return sorted(set(problems)), None
    return [], Catalogue.from_sources(sources)


def write_payload(content_dir: Path, catalogue: Catalogue, site_dir: Path) -> None:
    """The catalogue search's files (the bodies are read again: the catalogue kept none)."""
    bodies = {r.id: search.index_text(body_of(content_dir / r.src_uri))
              for r in catalogue.by_id.values()}
    search_files.write_search(search.build(catalogue, bodies), site_dir)
