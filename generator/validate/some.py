"""`virtual-centre check PATH…`: the given files checked against the whole catalogue — their
own rules, their references, duplicate ids — without checking every other file, for pre-commit
hooks and editors. The other files are known by their names alone (a reference needs an id and
a category, both in the file's path), so no other file is read."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from pathlib import Path

from ..model.content import SourceFile, load_source, resource_id
from ..model.paths import shown_path
from ..model.problems import Problem
from .gate import ContentTree, scan
from .rules import body_link_problems, file_problems, place_problems, reference_problems
from .suggest import KnownIds
from .translations import translation_problems


def check_files(content_dir: Path, paths: list[Path], display_root: Path | None = None,
                tree: ContentTree | None = None, languages: Collection[str] | None = None
                ) -> tuple[list[SourceFile], list[Problem]]:
    """(the given resource files, every problem of theirs); tree: the content folder's scan,
    where the caller has it; languages: the site's (a translation's must be one)."""
    tree = tree or scan(content_dir, display_root)
    root = content_dir.resolve()
    given = {p.resolve().relative_to(root).as_posix() for p in paths
             if p.resolve().is_relative_to(root)}
    shown = {shown_path(content_dir, src_uri, display_root) for src_uri in given}
    problems = [p for p in tree.problems if p.path in shown]
    # Every other file by its name only (strings: 10,000 Path operations cost a second).
    prefix = len(str(content_dir)) + 1
    ids: dict[str, str] = {}
    by_lower: dict[str, list[str]] = defaultdict(list)
    chosen = []
    for file in tree.resources:
        src_uri = str(file)[prefix:]
        found = resource_id(src_uri)
        if found:
            ids[found[1]] = found[0]
            by_lower[found[1].lower()].append(src_uri)
        if src_uri in given:
            chosen.append(file)
    known = KnownIds(ids)
    links = tree.link_targets(content_dir)
    sources = [load_source(content_dir, f, display_root) for f in chosen]
    for s in sources:
        problems += file_problems(s) + place_problems(s) + body_link_problems(s, links)
        if s.meta is not None:
            problems += reference_problems(s, known)
        others = [shown_path(content_dir, u, display_root) for u in by_lower[s.id.lower()]
                  if u != s.src_uri]
        if others:
            problems.append(Problem(s.path, 1, "id", f"duplicate id '{s.id}': "
                                    f"{', '.join(others)} has the same id"))
    wanted = {s.original for s in sources if s.original}
    if wanted:  # translations, against their originals
        present = {str(f)[prefix:] for f in tree.resources}
        originals = [load_source(content_dir, content_dir / f"{rid}.md", display_root)
                     for rid in sorted(wanted) if f"{rid}.md" in present]
        problems += [p for p in translation_problems([*sources, *originals], languages)
                     if p.path in shown]
    return sources, sorted(set(problems))
