"""The files MkDocs builds, as the plugin hands them over in on_files: only what the gate lets
through of the content folder, the pages the site generates, and the site's own assets and
data files (the data files written by the completer, in place)."""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.contrib import search as mkdocs_search
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..catalogue.resources import Catalogue
from ..pages.lifecycle import page_markdown
from ..pages.plan import SEARCH_PAYLOAD, SitePlan, data_file_uris
from ..validate.gate import ContentTree
from .serving import ServeSession

HERE = Path(__file__).parent.parent  # the package: its theme and assets
STYLESHEET = "assets/virtual-centre.css"
# lunr.js as MkDocs ships it (mkdocs/contrib/search), never copied into the repository.
LUNR_JS = Path(mkdocs_search.__file__).parent / "templates" / "search" / "lunr.js"
# Material's offline search needs the iframe-worker shim; npm installs it (package.json).
SHIM = "assets/vendor/iframe-worker/shim.js"
SCRIPTS = ("search-engine.js", "catalogue-search.js", "directory.js", "alerts.js")
# On every page (the others only where they are used).
# One file of them: each script tag costs every page of the build its URL.
PAGE_SCRIPT, PAGE_SCRIPT_PARTS = "assets/vc/site.js", ("contact.js", "header-search.js")


def keep_what_the_gate_allows(files: Files, config: MkDocsConfig, tree: ContentTree,
                              catalogue: Catalogue) -> None:
    """Nothing of the content folder reaches the site unless the gate let it through (the
    build fails on what it refused anyway; this holds even before it does)."""
    # Drafts are validated, never published.
    allowed = tree.published() | {r.src_uri for r in catalogue.by_id.values()}
    docs_dir = os.path.normpath(config.docs_dir)
    for file in list(files):
        if (file.src_dir and os.path.normpath(file.src_dir) == docs_dir
                and file.src_uri not in allowed):
            files.remove(file)


def add_pages(files: Files, config: MkDocsConfig, plan: SitePlan,
              session: ServeSession | None) -> None:
    """The generated pages: from their Markdown, or (`mkdocs serve`) from a file of it, so that
    MkDocs renders one again only when it changes."""
    for page in plan.pages.values():
        if files.get_file_from_path(page.src_uri) is not None:
            continue
        if session is None:
            files.append(File.generated(config, page.src_uri, content=page_markdown(page)))
        else:
            path = session.markdown_file(page.src_uri, page_markdown(page))
            files.append(File.generated(config, page.src_uri, abs_src_path=str(path)))


def add_assets(files: Files, config: MkDocsConfig, plan: SitePlan, node_modules: str) -> None:
    """The site's stylesheet and scripts, lunr.js, the iframe-worker shim, and the data files
    and search payload where the completer writes them."""
    assets = HERE / "assets"
    generated = {
        STYLESHEET: (assets / "virtual-centre.css").read_text(encoding="utf-8"),
        "assets/vc/lunr.js": LUNR_JS.read_text(encoding="utf-8"),
        **{f"assets/vc/{name}": (assets / name).read_text(encoding="utf-8")
           for name in SCRIPTS},
        PAGE_SCRIPT: "\n".join((assets / name).read_text(encoding="utf-8")
                                for name in PAGE_SCRIPT_PARTS),
    }
    # The data files (tens of MB at scale) and the search payload are written straight into
    # the site folder by the completer before on_env; MkDocs leaves a file whose source
    # is its destination where it is.
    site_dir = Path(config.site_dir)
    for uri in (*data_file_uris(plan.catalogue), SEARCH_PAYLOAD):
        files.append(File.generated(config, uri, abs_src_path=str(site_dir / uri)))
    if SHIM in config.extra.get("polyfills", []):
        root = Path(config.config_file_path or ".").parent
        shim = root / node_modules / "iframe-worker" / "shim" / "index.js"
        if not shim.is_file():
            raise PluginError(f"{shim} is missing: run `npm ci` (or `make install`) first")
        generated[SHIM] = shim.read_text(encoding="utf-8")
    for uri, text in generated.items():
        files.append(File.generated(config, uri, content=text))
