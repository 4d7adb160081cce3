"""The files MkDocs builds, as the plugin hands them over in on_files: only what the gate lets
through of the content folder, the pages the site generates, and the site's own assets and
data files (the data files written by the completer, in place)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ..catalogue.resources import Catalogue, Resource
from ..outputs.assets import SHIM, MissingAsset, shim_js, site_assets, stemmer_assets
from ..outputs.registry import SEARCH_PAYLOAD, data_file_uris
from ..pages.lifecycle import page_markdown
from ..pages.plan import SitePlan, site_page_source
from ..pages.translated import translated_site_page
from ..validate.gate import ContentTree


def keep_what_the_gate_allows(files: Files, config: MkDocsConfig, tree: ContentTree,
                              catalogue: Catalogue, plan: SitePlan) -> None:
    """Nothing of the content folder reaches the site unless the gate let it through (the
    build fails on what it refused anyway; this holds even before it does)."""
    # Drafts are validated, never published.
    allowed = tree.published() | {r.src_uri for r in catalogue.by_id.values()}
    docs_dir = os.path.normpath(config.docs_dir)
    for file in list(files):
        if (file.src_dir and os.path.normpath(file.src_dir) == docs_dir
                and file.src_uri not in allowed):
            files.remove(file)
            # A translation's page is in its language's folder: de/technologies/fibersort.html.
            if t := catalogue.translation_files.get(file.src_uri):
                files.append(File(file.src_uri, file.src_dir, config.site_dir,
                                  config.use_directory_urls, dest_uri=t.url))
    plan_site_pages, plan_pages = plan.site_pages, {*plan.pages, *plan.site_pages}
    # A site page's translation too: about.de.md is the page de/about.md (its language's
    # links, menus and home page).
    for src_uri in tree.site_pages:
        place = site_page_source(src_uri)
        if place != src_uri and (file := files.get_file_from_path(src_uri)) is not None:
            files.remove(file)
            if place in plan_site_pages:
                files.append(File.generated(config, place, content=translated_site_page(
                    file.content_string, place, lambda uri: uri in plan_pages)))


def add_pages(files: Files, config: MkDocsConfig, plan: SitePlan,
              markdown_file: Callable[[str, str], Path | None]) -> None:
    """The generated pages: from their Markdown, or (`mkdocs serve`) from the file the build
    keeps it in, so that MkDocs renders one again only when it changes."""
    for page in plan.pages.values():
        if files.get_file_from_path(page.src_uri) is not None:
            continue
        markdown = page_markdown(page)
        path = markdown_file(page.src_uri, markdown)
        files.append(File.generated(config, page.src_uri, content=markdown) if path is None
                     else File.generated(config, page.src_uri, abs_src_path=str(path)))


def add_assets(files: Files, config: MkDocsConfig, plan: SitePlan, node_modules: str) -> None:
    """The site's stylesheet and scripts, lunr.js, the iframe-worker shim, and the data files
    and search payload where the completer writes them."""
    # The data files (tens of MB at scale) and the search payload are written straight into
    # the site folder by the completer before on_env; MkDocs leaves a file whose source
    # is its destination where it is.
    site_dir = Path(config.site_dir)
    for uri in (*data_file_uris(plan.catalogue), SEARCH_PAYLOAD):
        files.append(File.generated(config, uri, abs_src_path=str(site_dir / uri)))
    shim = None
    if SHIM in config.extra.get("polyfills", []):
        try:
            shim = shim_js(Path(config.config_file_path or ".").parent, node_modules)
        except MissingAsset as error:
            raise PluginError(str(error)) from error
    stemmers = stemmer_assets(Path(config.config_file_path or ".").parent, node_modules)
    for uri, text in site_assets(shim, plan.languages, stemmers).items():
        files.append(File.generated(config, uri, content=text))


def dates_and_titles(files: Files, plan: SitePlan | None,
                     published: Callable[[Page], Resource | None]) -> None:
    """Each resource's date in the sitemap (when it changed, not when the site was built);
    the titles of the pages a dirty build does not read (`mkdocs serve --dirty`: the
    navigation shows them)."""
    assert plan is not None
    for file in files.documentation_pages():
        page, generated = file.page, plan.pages.get(file.src_uri)
        if page is None:
            continue
        resource = published(page)
        if resource is not None:
            page.update_date = str(resource.meta.get("updated") or resource.date)
        if page.markdown is None and page.title is None:
            title = resource.title if resource else generated.title if generated else None
            if title is not None:
                page.title = title
