"""What one build is about, handed from an adapter (the MkDocs plugin, the stage) to the core:
the completer of its pages, the site plan's theme."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from ..model.languages import SOURCE
from .render import NODE_MODULES, THEME, Theme


@dataclasses.dataclass(frozen=True)
class BuildContext:
    """What a build is about, handed to whichever completer completes its pages."""

    content_dir: Path
    display_root: Path
    """Problems show paths relative to this folder."""
    site_dir: Path
    site_name: str = "Virtual Centre"
    site_url: str = ""
    today: dt.date = dataclasses.field(default_factory=dt.date.today)
    """The day listings are judged on (expiry, freshness of matches)."""
    epoch: int | None = None
    """The time the offline zip's entries carry (SOURCE_DATE_EPOCH); 1980 when None."""
    offline_zip: bool = True
    template_dirs: tuple[str, ...] = ()
    """Where the site's templates are looked up first (the theme's folders, custom_dir first)."""
    skeleton_dir: Path | None = None
    """Where each page's skeleton is kept as MkDocs wrote it (`mkdocs serve`: a later build
    completes a page again from it, pages/incremental.py); None: not kept."""
    node_modules: Path | None = None
    """Where npm installed the site's packages (the maps' Natural Earth shapes); None: the
    project's own node_modules."""

    repo_url: str = ""
    """The repository (mkdocs.yml's repo_url): the issue forms that add content are there."""
    languages: tuple[str, ...] = (SOURCE,)
    """The interface's languages, English first (the plugin's `languages`)."""
    site_pages: tuple[str, ...] = ()
    """The site's own pages and their translations as the content folder has them
    (index.md, about.de.md)."""

    @property
    def theme(self) -> Theme:
        return Theme(self.template_dirs or (THEME,), self.node_modules or NODE_MODULES)
