"""The hostile corpus: files a contributor could send, laid into content folders by tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

HERE = Path(__file__).parent
EXPECTED = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))


def lay(content: Path, *, refused: bool = True, accepted: bool = True) -> Path:
    """Copy the corpus into a content folder (the site's own pages are there already) and
    make its symbolic links."""
    for kind, wanted in (("refused", refused), ("accepted", accepted)):
        if wanted:
            shutil.copytree(HERE / kind, content, dirs_exist_ok=True)
    if refused:
        for path, (target, *_) in EXPECTED["links"].items():
            link = content / path
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(target)
    return content
