"""The site plan: which pages are generated and how every page's HTML is completed.

The MkDocs adapter asks this plan for the generated pages (category indexes, taxonomy pages)
and hands it each page's HTML to complete. Nothing here imports mkdocs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from markupsafe import Markup

from .catalogue import FACETS, Catalogue, Resource
from .categories import CATEGORIES
from .content import resource_id
from .sanitize import clean_html
from .views.fields import CardPresenter
from .views.render import base_of, render

PLACEHOLDER = "<!-- vc:page -->"
HOME_MARKER = re.compile(r"<!-- vc:(counts|latest|ways-in) -->")
BACKLINKS_SHOWN = 20
LATEST_ON_HOME = 6

FACET_TEXT = {
    "topics": ("Topics", "Browse the Virtual Centre by topic."),
    "materials": ("Materials", "Browse by fibre (names of Regulation (EU) No 1007/2011)."),
    "countries": ("Countries", "Browse by country; EU covers resources about the whole Union."),
    "organisations": ("Organisations", "Everything that names an organisation of the network."),
}


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    kind: str  # category, facet-index, facet-term
    key: str = ""  # the category or facet
    value: str = ""  # the facet value

    @property
    def url(self) -> str:
        return self.src_uri[: -len(".md")] + ".html"

    def markdown(self) -> str:
        meta: dict[str, Any] = {"title": self.title}
        if self.kind == "search":  # results and filters need the width of the page
            meta["hide"] = ["navigation", "toc"]
        front = yaml.safe_dump(meta, allow_unicode=True).strip()
        return f"---\n{front}\n---\n\n{PLACEHOLDER}\n"


def page_url(src_uri: str) -> str:
    return src_uri.rsplit(".", 1)[0] + ".html"


class SitePlan:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.pages = {p.src_uri: p for p in self._plan()}

    def _plan(self) -> list[GeneratedPage]:
        pages = [
            GeneratedPage(f"{c.key}/index.md", c.title, "category", c.key)
            for c in CATEGORIES.values()
        ]
        pages.append(GeneratedPage("browse/index.md", "Browse", "browse"))
        pages.append(GeneratedPage("search.md", "Search the Virtual Centre", "search"))
        for facet in FACETS:
            title = FACET_TEXT[facet][0]
            pages.append(GeneratedPage(f"browse/{facet}/index.md", title, "facet-index", facet))
            for value in self.catalogue.facets[facet]:
                url = self.catalogue.facet_url(facet, value)
                pages.append(
                    GeneratedPage(
                        url[: -len(".html")] + ".md",
                        self.term_label(facet, value),
                        "facet-term",
                        facet,
                        value,
                    )
                )
        return pages

    def term_label(self, facet: str, value: str) -> str:
        presenter = CardPresenter(self.catalogue, "")
        if facet == "topics":
            return presenter.vocab.topic_label(value)
        if facet == "countries":
            return presenter.vocab.country_name(value)
        if facet == "organisations":
            org = self.catalogue.get(value)
            return org.title if org else value
        return value

    # -- completing pages ---------------------------------------------------------------

    def render(self, src_uri: str, html: str) -> str:
        """The final HTML of a page's content, given what Markdown made of it."""
        presenter = CardPresenter(self.catalogue, base_of(page_url(src_uri)))
        if src_uri in self.pages:
            return self.render_generated(self.pages[src_uri], presenter)
        found = resource_id(src_uri)
        if found and (resource := self.catalogue.get(found[1])):
            return self.render_resource(resource, html, presenter)
        return HOME_MARKER.sub(lambda m: self.render_home_block(m.group(1), presenter), html)

    def render_resource(self, r: Resource, body_html: str, p: CardPresenter) -> str:
        return render(
            "resource.html",
            r=r,
            p=p,
            category=CATEGORIES[r.category],
            origin_links=p.origin_links(r),
            rows=p.rows(r),
            body=Markup(clean_html(body_html)),
            related=self.catalogue.related(r),
            backlinks=self.backlink_groups(r),
        )

    def backlink_groups(self, r: Resource) -> list[dict[str, Any]]:
        grouped: dict[str, dict[str, list[str]]] = {}
        for other, field in self.catalogue.backlinks.get(r.id, []):
            grouped.setdefault(other.category, {}).setdefault(other.id, []).append(field)
        groups = []
        for key in CATEGORIES:
            if key not in grouped:
                continue
            entries = grouped[key]
            items = [
                (self.catalogue.by_id[rid], ", ".join(f.replace("_", " ") for f in fields))
                for rid, fields in list(entries.items())[:BACKLINKS_SHOWN]
            ]
            more_url = (
                self.catalogue.facet_url("organisations", r.id)
                if r.category == "organisations"
                else ""
            )
            groups.append(
                {
                    "key": key,
                    "title": CATEGORIES[key].title,
                    "entries": items,
                    "total": len(entries),
                    "more": len(entries) > BACKLINKS_SHOWN and bool(more_url),
                    "more_url": more_url,
                }
            )
        return groups

    def render_generated(self, page: GeneratedPage, p: CardPresenter) -> str:
        cat = self.catalogue
        if page.kind == "category":
            category = CATEGORIES[page.key]
            return render(
                "listing.html",
                title=category.title,
                intro=category.intro,
                extra=None,
                items=cat.by_category.get(page.key, []),
                p=p,
            )
        if page.kind == "search":
            return render("search.html", p=p)
        if page.kind == "browse":
            terms = [
                (f"browse/{f}/index.html", FACET_TEXT[f][0], len(cat.facets[f])) for f in FACETS
            ]
            return render(
                "terms.html",
                title="Browse",
                intro="Find resources by topic, material, country or organisation.",
                terms=terms,
                p=p,
            )
        if page.kind == "facet-index":
            terms = [
                (cat.facet_url(page.key, v), self.term_label(page.key, v), len(items))
                for v, items in cat.facets[page.key].items()
            ]
            terms.sort(key=lambda t: t[1].lower())
            return render(
                "terms.html", title=page.title, intro=FACET_TEXT[page.key][1], terms=terms, p=p
            )
        items = cat.facets[page.key].get(page.value, [])
        extra = None
        if page.key == "organisations" and (org := cat.get(page.value)):
            extra = Markup('<p><a href="{}">About {}</a></p>').format(p.base + org.url, org.title)
        heading = f"{FACET_TEXT[page.key][0][:-1]}: {page.title}"
        return render("listing.html", title=heading, intro=None, extra=extra, items=items, p=p)

    def render_home_block(self, block: str, p: CardPresenter) -> str:
        cat = self.catalogue
        counts = [(c, len(cat.by_category.get(c.key, []))) for c in CATEGORIES.values()]
        ways = [(f"{c.key}/index.html", c.title, n) for c, n in counts]
        ways += [(f"browse/{f}/index.html", FACET_TEXT[f][0], len(cat.facets[f])) for f in FACETS]
        return render(
            "home.html",
            block=block,
            counts=counts,
            latest=cat.newest[:LATEST_ON_HOME],
            ways=ways,
            p=p,
        )
