"""The site plan: which pages are generated and how every page's HTML is completed.

The MkDocs adapter asks this plan for the generated pages (category indexes, taxonomy pages)
and hands it each page's HTML to complete. Nothing here imports mkdocs.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from ..catalogue.listings import Directory, build_day
from ..catalogue.matchmaking import TOP
from ..catalogue.resources import FACETS, Catalogue, Resource
from ..model import schemas
from ..model.categories import CATEGORIES, STRATEGIC_AGENDA
from ..model.vocab import vocabularies
from ..outputs import feeds, opendata, search
from ..outputs.feeds import changed_on
from . import reference
from . import statistics as stats
from .charts import bar_chart
from .fields import CardPresenter
from .render import render

SEARCH_PAYLOAD = "assets/vc/catalogue-index.js"
BACKLINKS_SHOWN = 20
WHATS_NEW_MONTHS = 24
WHATS_NEW_PER_MONTH = 100
LATEST_ON_HOME = 6

FACET_TEXT = {
    "topics": ("Topics", "Browse the Virtual Centre by topic."),
    "materials": ("Materials", "Browse by fibre (names of Regulation (EU) No 1007/2011)."),
    "countries": ("Countries", "Browse by country; EU covers resources about the whole Union."),
    "organisations": ("Organisations", "Everything that names an organisation of the network."),
}
FACET_SINGULAR = {"topics": "Topic", "materials": "Material", "countries": "Country",
                  "organisations": "Organisation"}


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    title: str
    kind: str  # category, facet-term, facet-index, browse, search, ...
    key: str = ""  # the category or facet
    value: str = ""  # the facet value

    @property
    def url(self) -> str:
        return self.src_uri[: -len(".md")] + ".html"

    def settings(self) -> dict[str, Any]:
        """The page's settings (front matter) as MkDocs reads them."""
        meta: dict[str, Any] = {"title": self.title}
        if self.kind in ("category", "facet-term", "facet-index", "whats-new", "reference"):
            # Lists of other pages: Material's search would index every card again.
            meta["search"] = {"exclude": True}
        if self.kind in ("search", "directory", "reference"):  # wide tables and filters
            meta["hide"] = ["navigation", "toc"]
        return meta


def jsonld_script(data: dict[str, Any]) -> Markup:
    """JSON-LD that no text can break out of: '<', '>' and '&' are escaped in the JSON."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))


LIST_SHOWN = 50  # newest cards on a list page: no list page grows with the catalogue
# The catalogue search's filter of each facet of the catalogue (search.FACETS).
SEARCH_FILTER = {"topics": "topic", "materials": "material", "countries": "country",
                 "organisations": "organisation"}


def search_url(key: str, value: str, newest_first: bool = False) -> str:
    """The catalogue search filtered to one value: every item of a list, whatever its length,
    loaded from the search payload (a script, so over file:// too)."""
    fragment = f"{key}={quote(value, safe='')}"
    return f"search.html#{fragment}&sort=date" if newest_first else f"search.html#{fragment}"


# The data files of the site (the search payload, feeds and schemas aside): each path, and what
# makes it from the site plan.
DATA_FILES: dict[str, Callable[[SitePlan], str]] = {
    "assets/vc/directory-data.js": lambda plan: plan.directory_script(),
    "data/resources.json": lambda plan: opendata.resources_json(plan.catalogue),
    "data/listings.json": lambda plan: opendata.listings_json(plan.listing_records,
                                                              plan.directory),
    "data/listings.csv": lambda plan: opendata.listings_csv(plan.listing_records),
    "data/matches.json": lambda plan: opendata.matches_json(plan.directory),
}


def schema_files() -> dict[str, str]:
    """The published JSON Schemas, by path."""
    return {f"schemas/{name}": json.dumps(doc, indent=2, ensure_ascii=False) + "\n"
            for name, doc in schemas.documents().items()}


def data_file_uris() -> list[str]:
    """The paths of SitePlan.data_files(), known before the files are made (MkDocs checks the
    links to them while the build's second process makes them)."""
    return [*DATA_FILES, *schema_files(), *feeds.feed_uris()]


def page_url(src_uri: str) -> str:
    return src_uri.rsplit(".", 1)[0] + ".html"


class SitePlan:
    def __init__(self, catalogue: Catalogue, today: dt.date | None = None):
        self.catalogue = catalogue
        self.today = today
        self.pages = {p.src_uri: p for p in self._plan()}
        self.cards: dict[tuple[str, int], str] = {}  # rendered cards, see CardPresenter.card

    def _plan(self) -> list[GeneratedPage]:
        pages = []
        for c in CATEGORIES.values():
            pages.append(GeneratedPage(f"{c.key}/index.md", c.title, "category", c.key))
        pages.append(GeneratedPage("browse/index.md", "Browse", "browse"))
        pages.append(GeneratedPage("search.md", "Search the Virtual Centre", "search"))
        pages.append(GeneratedPage("directory.md", "M3P directory", "directory"))
        pages.append(GeneratedPage("reference.md", "Field reference", "reference"))
        pages.append(GeneratedPage("whats-new.md", "What's new", "whats-new"))
        pages.append(GeneratedPage("statistics.md", "Statistics", "statistics"))
        pages.append(GeneratedPage("schemas/index.md", "JSON Schemas", "schemas"))
        for facet in FACETS:
            title = FACET_TEXT[facet][0]
            pages.append(GeneratedPage(f"browse/{facet}/index.md", title, "facet-index", facet))
            if facet == "organisations":
                continue  # an organisation's own page lists what names it
            for value in self.catalogue.facets[facet]:
                url = self.catalogue.facet_url(facet, value)
                pages.append(GeneratedPage(url[: -len(".html")] + ".md",
                                           self.term_label(facet, value), "facet-term", facet,
                                           value))
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

    def months(self) -> list[tuple[str, list[tuple[Resource, str]], int]]:
        """(month, [(resource, 'added' or 'updated')], how many more), newest month first."""
        by_month: dict[str, list[tuple[Resource, str]]] = {}
        for r in self.catalogue.by_id.values():
            by_month.setdefault(r.date[:7], []).append((r, "added"))
            updated = r.meta.get("updated")
            if updated and str(updated)[:7] != r.date[:7]:
                by_month.setdefault(str(updated)[:7], []).append((r, "updated"))
        out = []
        for month in sorted(by_month, reverse=True)[:WHATS_NEW_MONTHS]:
            entries = sorted(by_month[month], key=lambda e: (changed_on(e[0]), e[0].id),
                             reverse=True)
            out.append((month, entries[:WHATS_NEW_PER_MONTH],
                        max(0, len(entries) - WHATS_NEW_PER_MONTH)))
        return out

    def charts(self) -> list[Markup]:
        c, d = self.catalogue, self.directory
        return [
            bar_chart("per-category", "Resources per category", stats.per_category(c),
                      "resources"),
            bar_chart("per-country", "Resources per country", stats.per_country(c), "resources"),
            bar_chart("per-month", "Additions per month (by the date of each resource)",
                      stats.per_month(c), "resources"),
            bar_chart("offers-material", "Open offers by material",
                      stats.offers_by_material(d), "tonnes per month"),
            bar_chart("demands-process", "Open demands by process", stats.demands_by_process(d),
                      "demands"),
            bar_chart("matches", "Suggested matches", stats.matches(d), "pairs"),
        ]

    @cached_property
    def directory(self) -> Directory:
        """The M3P directory: its listings and matches (only where a page or file needs it)."""
        return Directory(self.catalogue, self.today or build_day())

    # -- data files ---------------------------------------------------------------------

    @cached_property
    def listing_records(self) -> list[dict[str, Any]]:
        return opendata.listing_records(self.directory)

    def write_search_payload(self, path: Path) -> None:
        """The catalogue search's payload (SEARCH_PAYLOAD), written to path."""
        search.write_script(search.build(self.catalogue), path)

    def data_files(self, site_name: str = "Virtual Centre", site_url: str = "") -> dict[str, str]:
        """The generated data of the site but the search payload: directory data, open data,
        schemas, feeds (by the paths data_file_uris() gives)."""
        return {**{uri: make(self) for uri, make in DATA_FILES.items()}, **schema_files(),
                **feeds.feeds(self.catalogue, site_name, site_url)}

    def directory_script(self) -> str:
        """The directory page's data: every listing and the labels of its filters."""
        v = vocabularies()
        records = self.listing_records
        labels = {
            "kind": {"offer": "Offer", "demand": "Demand"},
            "country": {r["country"]: v.country_name(r["country"]) for r in records},
            "form": v.forms,
            "origin": {k: k for k in v.origins},
            "ewc": {code: f"{code} – {e['description']}" for code, e in v.waste_codes.items()},
        }
        directory = json.dumps({"listings": records, "labels": labels}, ensure_ascii=False,
                               allow_nan=False)
        directory = directory.replace("<", "\\u003c")
        return f"window.VC_DIRECTORY={directory};\n"

    def render_resource(self, r: Resource, body_html: str, p: CardPresenter) -> str:
        """The content of a resource's page around its body (HTML already cleaned)."""
        return render(
            "resource.html",
            r=r,
            p=p,
            category=CATEGORIES[r.category],
            origin_links=p.origin_links(r),
            rows=p.rows(r),
            body=Markup(body_html),  # cleaned by render()
            related=self.catalogue.related(r),
            backlinks=self.backlink_groups(r),
            listing=self.render_listing(r, p) if r.category in ("offers", "demands") else None,
        )

    def render_listing(self, r: Resource, p: CardPresenter) -> Markup:
        """An offer's candidate recipients and solutions, a demand's candidate offers."""
        d = self.directory
        kind = "offer" if r.category == "offers" else "demand"
        archived = ""
        if d.archived(r.id):
            status = r.meta.get("status")
            archived = (f"This listing is {status}." if status != "open" else
                        f"This listing expired on {r.meta['valid_until']}.")
        ranked = (d.matches.for_offer(r.id) if kind == "offer" else d.matches.for_demand(r.id))
        candidates = [(self.catalogue.by_id[m.demand if kind == "offer" else m.offer], m)
                      for m in ranked[:TOP]]
        return Markup(render(
            "matches.html", p=p, kind=kind, archived=archived, candidates=candidates,
            candidates_title=("Candidate recipients" if kind == "offer" else "Candidate offers"),
            technologies=d.technologies_for(r.id) if kind == "offer" and not archived else [],
            jsonld=jsonld_script(self.jsonld(r, kind)),
        ))

    def jsonld(self, r: Resource, kind: str) -> dict[str, Any]:
        """schema.org Offer or Demand of a listing."""
        m = r.meta
        q = m["quantity"]
        unit = {"t": "TNE", "kg": "KGM"}[q["unit"]]
        quantity: dict[str, Any] = {"@type": "QuantitativeValue", "unitCode": unit,
                                    "unitText": f"{q['unit']} {q['per']}"}
        for key, name in (("amount", "value"), ("min", "minValue"), ("max", "maxValue")):
            if key in q:
                quantity[name] = q[key]
        materials = [x["fibre"] for x in m.get("composition", [])] or [
            x["fibre"] for x in (m.get("accepts", {}) or {}).get("fibres", [])]
        org = self.catalogue.get(r.refs["organisation"][0]) if r.refs.get("organisation") else None
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Offer" if kind == "offer" else "Demand",
            "name": r.title,
            "description": r.summary,
            "validThrough": m["valid_until"],
            "availability": "https://schema.org/InStock" if m["status"] == "open"
            else "https://schema.org/SoldOut",
            "eligibleQuantity": quantity,
            "itemOffered": {"@type": "Product", "name": r.title,
                            "material": ", ".join(materials) or None,
                            "category": m.get("form") or ", ".join(
                                (m.get("accepts", {}) or {}).get("forms", []))},
            "areaServed": m.get("countries") or [m["location"]["country"]],
        }
        if org:
            data["seller" if kind == "offer" else "buyer"] = {
                "@type": "Organization", "name": org.title, "url": org.meta.get("website")}
        return data

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
            # All of them: the catalogue search, filtered by the organisation.
            more_url = (search_url("organisation", r.id)
                        if r.category == "organisations" else "")
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
            items = cat.by_category.get(page.key, [])
            agenda = cat.get(STRATEGIC_AGENDA)
            return render("listing.html", title=category.title, intro=category.intro,
                          agenda={"line": category.agenda_line, "url": agenda.url}
                          if agenda and category.agenda_line else None,
                          items=items[:LIST_SHOWN], total=len(items),
                          all_url=search_url("category", page.key, newest_first=True), p=p)
        if page.kind == "search":
            return render("search.html", p=p)
        if page.kind == "whats-new":
            return render("whats-new.html", p=p, months=self.months())
        if page.kind == "statistics":
            return render("statistics.html", charts=self.charts(),
                          judged_on=self.directory.today.isoformat())
        if page.kind == "reference":
            return render("reference.html", p=p, categories=reference.reference())
        if page.kind == "schemas":
            return render("schemas.html", p=p, names=sorted(schemas.documents()))
        if page.kind == "directory":
            archived = [rec for rec in self.listing_records if rec["archived"]]
            return render("directory.html", p=p, archived=archived)
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
        heading = f"{FACET_SINGULAR[page.key]}: {page.title}"
        return render("listing.html", title=heading, intro=None, agenda=None,
                      items=items[:LIST_SHOWN], total=len(items),
                      all_url=search_url(SEARCH_FILTER[page.key], page.value, newest_first=True),
                      p=p)

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
