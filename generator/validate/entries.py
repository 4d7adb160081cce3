"""The one gate for the paths that write content files (the spreadsheet import, the issue
form's `from-issue` and `submission`): a file is made as text by the one writer
(model/content.py's file_text), read back as `check` reads a file on disk, and validated with
the repository's other files by the same rules. So a sheet's cell or a form's answer becomes
the value a YAML file would hold, with the reader's rules too (control characters, invisible
characters, numbers no page can hold), and nothing any path writes can be refused later."""

from __future__ import annotations

from pathlib import Path

from ..model.content import SourceFile, load_source, read_source
from ..model.problems import Problem
from .gate import ContentTree, scan
from .rules import validate


def as_read(src_uri: str, text: str, shown: str, lines: bool = True) -> SourceFile:
    """The file a path is about to write, as `check` would read it from disk."""
    return read_source(src_uri, text.encode("utf-8", "surrogatepass"), shown, lines)


def entry_problems(content_dir: Path, entries: list[SourceFile],
                   display_root: Path | None = None) -> list[Problem]:
    """The problems of files about to be written (each read with as_read), checked with every
    other file of the content folder; a file they replace is left out."""
    # A first file may make the content folder.
    tree = scan(content_dir, display_root) if content_dir.is_dir() else ContentTree()
    replaced = {entry.id for entry in entries}
    others = [load_source(content_dir, f, display_root, lines=False) for f in tree.resources]
    shown = {entry.path for entry in entries}
    checked = [s for s in others if s.id not in replaced] + entries
    return [p for p in validate(checked, tree.link_targets(content_dir)) if p.path in shown]
