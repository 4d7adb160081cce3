"""What differs between the builds the plugin runs, as one object it calls at each step:
OneBuild (`mkdocs build`: every build from nothing) and its subclass ServeSession (`mkdocs
serve --dirty`: after the first build, only what an edit changes; serving.py). The plugin never
asks which one it has.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.structure.files import Files

from ..catalogue.resources import Catalogue
from ..model.content import SourceFile, load_source
from ..model.problems import Problem
from ..pages.context import BuildContext
from ..pages.plan import SitePlan
from ..validate.gate import ContentTree


class OneBuild:
    """A build from nothing: every file read, the content checked by the completer, every page
    rendered and completed, the offline zip written."""

    incremental = False
    """Whether this build renders only what changed (its content checked here, not by the
    completer)."""
    zips = True
    """Whether the offline zip may be written (never by a served build)."""
    skeleton_dir: Path | None = None
    """Where each page's skeleton is kept for a later build (None: not kept)."""

    def start(self, docs_dir: Path, tree: ContentTree, config_key: str, site_dir: Path) -> None:
        """Before MkDocs lists the files (the gate has scanned the folder)."""

    def problems(self, docs_dir: Path, tree: ContentTree, root: Path) -> list[Problem]:
        """The problems this object checks itself (none: the completer checks the content)."""
        return []

    def load_sources(self, docs_dir: Path, tree: ContentTree, root: Path) -> list[SourceFile]:
        """The build's own copy of the content, without the lines of fields (the completer has
        them and reports what the gate refused)."""
        return [load_source(docs_dir, f, root, lines=False) for f in tree.resources]

    def catalogue(self, sources: list[SourceFile]) -> Catalogue:
        return Catalogue.from_sources(sources)

    def markdown_file(self, src_uri: str, markdown: str) -> Path | None:
        """Where a generated page's Markdown is kept in a file (None: MkDocs is handed it)."""
        return None

    def plan_pages(self, plan: SitePlan, ctx: BuildContext, site_pages: list[str]) -> None:
        """Which pages this build renders and completes (all of them)."""

    def env_ready(self, env: Environment, files: Files) -> None:
        """The template environment made; the site about to be written."""

    def rendered(self, src_uri: str) -> None:
        """MkDocs rendered this page."""

    def pages_written(self, plan: SitePlan, ctx: BuildContext) -> None:
        """Every page MkDocs renders is written and complete."""

    def merge_search_entries(self, plugins: Any) -> None:
        """Material's search index, before it is written."""

    def succeeded(self, plan: SitePlan) -> None:
        """The build ended well."""

    def failed(self) -> None:
        """The build failed."""

    def close(self) -> None:
        """MkDocs shuts down."""
