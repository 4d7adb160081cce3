"""Our templates (generator/theme/vc/) and the link helper shared by all views.

The templates are looked up in the theme's folders, in MkDocs' order: a site's `custom_dir`
first, so that `overrides/vc/card.html`-style files replace ours as they replace Material's
partials. Their environment is our own, not MkDocs': it escapes every value (MkDocs' does not)
and the build's second process, which renders them, has no MkDocs environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape

from ..model.languages import SOURCE, translations

THEME = str(Path(__file__).resolve().parent.parent / "theme")
FOLDER = "vc"  # our templates' folder in the theme
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"  # the project's own
ATLAS = Path("world-atlas") / "countries-50m.json"  # the base map's shapes, in node_modules


def base_of(page_url: str) -> str:
    """The relative prefix from a page to the site root: 'a/b.html' -> '../'."""
    return "../" * page_url.count("/")


@dataclass(frozen=True)
class Theme:
    """What one build draws its pages with: the folders its templates are looked up in (a
    site's custom_dir first, ours at the latest) and the node_modules folder npm installed
    the base map's shapes in. Part of the site plan: no module keeps a build's setting."""

    template_dirs: tuple[str, ...] = (THEME,)
    node_modules: Path = NODE_MODULES

    def __post_init__(self) -> None:
        if THEME not in self.template_dirs:
            object.__setattr__(self, "template_dirs", (*self.template_dirs, THEME))

    @property
    def atlas(self) -> Path:
        return self.node_modules / ATLAS

    def template(self, name: str, lang: str = SOURCE) -> Template:
        return _environment(self.template_dirs, lang).get_template(f"{FOLDER}/{name}")

    def render(self, name: str, lang: str = SOURCE, **context: Any) -> str:
        """One of our templates, its words in this language (gettext: `_()` in templates)."""
        return self.template(name, lang).render(**context)


@cache
def _environment(dirs: tuple[str, ...], lang: str) -> Environment:
    """One environment per set of folders and language (a build's; the tests' several)."""
    env = Environment(
        loader=FileSystemLoader(list(dirs)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change during a build: no stat per page
        extensions=["jinja2.ext.i18n"],
    )
    # New-style gettext: `_("%(n)s listings", n=3)` formats and escapes its placeholders.
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    return env
