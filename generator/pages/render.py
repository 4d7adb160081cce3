"""The Jinja environment (autoescaped) and the link helper shared by all views."""

from __future__ import annotations

from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def base_of(page_url: str) -> str:
    """The relative prefix from a page to the site root: 'a/b.html' -> '../'."""
    return "../" * page_url.count("/")


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # templates do not change during a build: no stat per page
    )
    return env


def use_template_dirs(dirs: tuple[str, ...]) -> None:
    """Where templates are looked up first (the theme's folders)."""


def render(template: str, **context: Any) -> str:
    return environment().get_template(template).render(**context)
