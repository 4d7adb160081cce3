"""What a page says of its translations: the notice on a translated page (who translated it,
when, whether a machine helped, a link to the original) and the "Also in" line of a page
that exists in other languages."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml
from markupsafe import Markup, escape

from ..catalogue.resources import Resource
from ..model.content import split_front_matter
from ..model.languages import N_, Language
from ..model.words import Words, words
from .fields import CardPresenter

if TYPE_CHECKING:
    from .plan import SitePlan


def notice(about: dict[str, Any], original: tuple[str, str], w: Words) -> Markup:
    """A translation's notice in its page's language: by whom, when, how; original: (its
    language, its address from this page)."""
    code, url = original
    language = w.language(code)
    said = w._("Translated from %(language)s by %(translator)s on %(day)s.") % {
        "language": language, "translator": about.get("translator", ""),
        "day": w.date(str(about.get("translated", "")))}
    if about.get("machine_assisted"):
        said += " " + w._("A machine helped translate it.")
    link = w._("Read the original (%(language)s)") % {"language": language}
    return Markup('<p class="vc-translation" role="note">{} <a href="{}" hreflang="{}" '
                  'lang="{}">{}</a></p>').format(said, url, code, code, link)


# A relative link or image of a page's Markdown or raw HTML (not an anchor, not an address).
RELATIVE_LINK = re.compile(r'(\]\(|(?:href|src)=")(?![a-z][a-z0-9+.-]*:|#|/|\.\./)([^)"\s]+)')


def translated_site_page(markdown: str, place: str, exists: Callable[[str], bool]) -> str:
    """A site page's translation (about.de.md) as the page at its place (de/about.md): its
    links lead where the English page's do, to the page in its language where there is one
    (contribute.md -> de/contribute.md), else to the English one; the notice last."""
    lang, name = place.split("/", 1)
    front, body, _ = split_front_matter(markdown)
    settings = (yaml.safe_load(front) if front else None) or {}
    about = {k: settings.pop(k, None) for k in ("translator", "translated", "machine_assisted")}

    def relink(m: re.Match[str]) -> str:
        target = m[2]
        here = f"{lang}/{target.split('#', 1)[0]}"
        return m[1] + (target if target.endswith(".md") and exists(here) else "../" + target)

    head = f"---\n{yaml.safe_dump(settings, allow_unicode=True).strip()}\n---\n" \
        if settings else ""
    original = ("en", "../" + name.rsplit(".", 1)[0] + ".html")
    return (f"{head}{RELATIVE_LINK.sub(relink, body)}\n\n"
            f"{notice(about, original, words(lang))}\n")


def also_in(plan: SitePlan, r: Resource, p: CardPresenter) -> Markup:
    """The other languages a resource is in, each by its own name, and the notice of a
    translation; nothing for a resource in one language."""
    versions = plan.catalogue.versions(r)
    if len(versions) < 2:
        return Markup("")
    links = []
    for v in versions:
        code = v.lang or str(v.meta.get("language") or "en")
        name = escape(Language(code).name)
        if v.src_uri == r.src_uri:
            links.append(f'<li><span aria-current="page" lang="{code}">{name}</span></li>')
        else:
            links.append(f'<li><a href="{escape(p.base + v.url)}" hreflang="{code}" '
                         f'lang="{code}">{name}</a></li>')
    label = escape(p._(N_("Also in")))
    nav = Markup(f'<nav class="vc-languages vc-also-in" aria-label="{label}">'
                 f'<span class="vc-also-in__label">{label}:</span><ul>{"".join(links)}</ul>'
                 "</nav>")
    if not r.lang:
        return nav
    original = versions[0]
    code = str(original.meta.get("language") or "en")
    return nav + notice(r.translation, (code, p.base + original.url), words(p.lang))
