"""The language switcher of a generated page: the same page in each language of the site, by
each language's own name (CLDR), the page's own marked as current."""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..model.languages import N_, Language
from .fields import CardPresenter

if TYPE_CHECKING:
    from .plan import SitePlan


def switcher(plan: SitePlan, src_uri: str, p: CardPresenter) -> Markup:
    """Nothing where the site has one language, or the page exists in one."""
    alternates = plan.alternates(src_uri)
    if len(alternates) < 2:
        return Markup("")
    items = []
    for code, url in alternates:
        name = escape(Language(code).name)
        if code == p.lang:
            items.append(f'<li><span aria-current="page" lang="{code}">{name}</span></li>')
        else:
            items.append(f'<li><a href="{escape(p.base + url)}" hreflang="{code}" '
                         f'lang="{code}">{name}</a></li>')
    label = escape(p._(N_("Languages")))
    return Markup(f'<nav class="vc-languages" aria-label="{label}"><ul>{"".join(items)}'
                  "</ul></nav>")
