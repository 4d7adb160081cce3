"""Where a resource lives: its suffix, the length of its name, and its path as problems show
it (the gate, the reader and the import name files the same way)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

RESOURCE_SUFFIX = ".md"
MAX_NAME = 100  # characters of a resource's name: every file system and zip tool holds it


@cache
def _resolved(folder: Path) -> Path:
    return folder.resolve()


def shown_path(content_dir: Path, src_uri: str, display_root: Path | None) -> str:
    """A file's path as problems show it: relative to display_root where it is inside it
    (the folders are resolved once, not for every file)."""
    file = content_dir / src_uri
    if display_root is None:
        return file.as_posix()
    try:
        return (_resolved(content_dir) / src_uri).relative_to(_resolved(display_root)).as_posix()
    except ValueError:
        return file.as_posix()
