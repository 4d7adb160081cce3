"""`virtual-centre digest --since DATE`: what was added since a date, for partners to send to
their regional mailing lists, as a self-contained HTML e-mail (inline styles, absolute links)
and as Markdown."""

from __future__ import annotations

import datetime as dt

from ..catalogue.directory import Directory
from ..catalogue.resources import Catalogue, Resource
from ..model.categories import CATEGORIES
from ..outputs.feeds import changed_on
from ..outputs.github_markdown import github_text
from .render import Theme


def added_since(catalogue: Catalogue, since: str) -> list[tuple[str, list[Resource]]]:
    """(section title, resources added or updated on or after `since`), by section."""
    out = []
    for key, category in CATEGORIES.items():
        items = [r for r in catalogue.by_category.get(key, []) if changed_on(r) >= since]
        if items:
            out.append((category.title, sorted(items, key=lambda r: (changed_on(r), r.id),
                                               reverse=True)))
    return out


def open_listings(directory: Directory) -> list[tuple[str, list[Resource]]]:
    cat = directory.catalogue
    return [(f"Open {kind}", [r for r in cat.by_category.get(key, [])
                             if not directory.archived(r.id)])
            for key, kind in (("offers", "offers of textile waste (M3P)"),
                              ("demands", "demands for feedstock (M3P)"))]


def digest(catalogue: Catalogue, since: str, site_url: str, site_name: str,
           today: dt.date, theme: Theme | None = None) -> tuple[str, str]:
    """(HTML e-mail, Markdown) of everything added since a date."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    sections = added_since(catalogue, since)
    listings = open_listings(Directory(catalogue, today))
    total = sum(len(items) for _, items in sections)
    title = f"{site_name}: new since {since}"
    html = (theme or Theme()).render(
        "digest.html", title=title, site_url=base, site_name=site_name, since=since,
        total=total, sections=sections, open_listings=listings)
    lines = [f"# {title}", "", f"{total} new resource{'s' if total != 1 else ''} in the "
             f"[{site_name}]({base}index.html).", ""]
    for section, items in sections + listings:
        lines += [f"## {section}", ""]
        lines += [f"- [{github_text(r.marked_title)}]({base}{r.url}): {github_text(r.summary)}"
                  for r in items] or ["None open."]
        lines.append("")
    return html, "\n".join(lines)

