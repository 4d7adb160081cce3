"""Our templates (generator/theme/vc/) and the link helper shared by all views.

The templates are looked up in the theme's folders, in MkDocs' order: a site's `custom_dir`
first, so that `overrides/vc/card.html`-style files replace ours as they replace Material's
partials. Their environment is our own, not MkDocs': it escapes every value (MkDocs' does not)
and the build's second process, which renders them, has no MkDocs environment.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template, select_autoescape

THEME = str(Path(__file__).resolve().parent.parent / "theme")
FOLDER = "vc"  # our templates' folder in the theme
_template_dirs: tuple[str, ...] = (THEME,)


def base_of(page_url: str) -> str:
    """The relative prefix from a page to the site root: 'a/b.html' -> '../'."""
    return "../" * page_url.count("/")


def use_template_dirs(dirs: tuple[str, ...]) -> None:
    """Look templates up in these folders (a build's theme folders, in order); ours at the
    latest."""
    global _template_dirs
    _template_dirs = tuple(dirs) if THEME in dirs else (*dirs, THEME)


@cache
def _environment(dirs: tuple[str, ...]) -> Environment:
    return Environment(
        loader=FileSystemLoader(list(dirs)),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change during a build: no stat per page
    )


def environment() -> Environment:
    return _environment(_template_dirs)


def template(name: str) -> Template:
    return environment().get_template(f"{FOLDER}/{name}")


def render(name: str, **context: Any) -> str:
    return template(name).render(**context)
