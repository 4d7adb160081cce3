"""The site's own stylesheet and scripts, and the third-party scripts it serves from its own
address (lunr.js as MkDocs ships it, the iframe-worker shim as npm installs it): never copied
into the repository, never fetched from another host."""

from __future__ import annotations

import importlib.util
import logging
from pathlib import Path

from ..model.categories import CATEGORIES
from ..model.languages import SOURCE, script_words
from .stemmers import LIGHT_PACKAGE, PACKAGE, MissingStemmer, stemmer_scripts

log = logging.getLogger("mkdocs.plugins.virtual-centre")

PACKAGE_ASSETS = Path(__file__).resolve().parent.parent / "assets"
STYLESHEET = "assets/virtual-centre.css"
# Each script of the site and the files it is made of, in order: the shared DOM helper (dom.js)
# goes before each script that uses it, so that one source serves them all.
SCRIPTS = {"search-engine.js": ("search-engine.js",),
           "catalogue-search.js": ("dom.js", "catalogue-search.js"),
           "directory.js": ("dom.js", "directory.js"), "alerts.js": ("alerts.js",)}
# On every page (the others only where they are used). One file of them: each script tag
# costs every page of the build its URL.
PAGE_SCRIPT, PAGE_SCRIPT_PARTS = "assets/vc/site.js", ("dom.js", "contact.js", "header-search.js")
# Material's offline search needs the iframe-worker shim; npm installs it (package.json).
SHIM = "assets/vendor/iframe-worker/shim.js"


class MissingAsset(Exception):
    """A third-party file the site serves is not installed."""


def lunr_js() -> Path:
    """lunr.js as MkDocs' search plugin ships it (found, not imported)."""
    spec = importlib.util.find_spec("mkdocs")
    if spec is None or spec.origin is None:
        raise MissingAsset("MkDocs is not installed: its lunr.js is the catalogue search's")
    return Path(spec.origin).parent / "contrib" / "search" / "templates" / "search" / "lunr.js"


def shim_js(root: Path, node_modules: str) -> Path:
    shim = root / node_modules / "iframe-worker" / "shim" / "index.js"
    if not shim.is_file():
        raise MissingAsset(f"{shim} is missing: run `npm ci` (or `make install`) first")
    return shim


def words_script(code: str) -> str:
    """Where the scripts' words in a language are (pages in it load them: main.html)."""
    return f"assets/vc/words/{code}.js"


def stemmer_assets(root: Path, node_modules: str) -> dict[str, str]:
    """The browser's stemmers (outputs/stemmers.py), from the project's node_modules or, for a
    project without one, this package's; none (the search then matches words as typed and by
    their English stem) where npm has installed neither."""
    for folder in (root / node_modules, Path(__file__).resolve().parents[2] / "node_modules"):
        try:
            return stemmer_scripts(folder.parent, folder.name)
        except MissingStemmer:
            continue
    log.warning("%s and %s are not installed (npm ci): the search will not stem German, "
                "Italian, Hungarian, Polish or Czech words", PACKAGE, LIGHT_PACKAGE)
    return {}


def site_assets(shim: Path | None, languages: tuple[str, ...] = (),
                stemmers: dict[str, str] | None = None) -> dict[str, str]:
    """Each asset's path in the site and its text; the shim where Material's polyfills ask
    for it; the stemmers' script where npm installed it; the scripts' words in each language
    but English."""
    read = lambda name: (PACKAGE_ASSETS / name).read_text(encoding="utf-8")  # noqa: E731
    assets = {
        STYLESHEET: read("virtual-centre.css"),
        "assets/vc/lunr.js": lunr_js().read_text(encoding="utf-8"),
        **{f"assets/vc/{name}": "\n".join(read(part) for part in parts)
           for name, parts in SCRIPTS.items()},
        PAGE_SCRIPT: "\n".join(read(name) for name in PAGE_SCRIPT_PARTS),
    }
    if shim is not None:
        assets[SHIM] = shim.read_text(encoding="utf-8")
    assets.update(stemmers or {})
    categories = tuple(c.title for c in CATEGORIES.values())
    for code in languages:
        if code != SOURCE:
            assets[words_script(code)] = script_words(code, also=categories)
    return assets
