"""The pages the site generates, one class per kind: each plans its pages from the catalogue
and renders its content (the lists, filters and tables that replace the skeleton, see
lifecycle.py). The order of KINDS is the order MkDocs gets the pages in.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from markupsafe import Markup, escape

from ..catalogue.facets import FACETS, TAXONOMIES
from ..catalogue.resources import Catalogue, Resource
from ..model import schemas
from ..model.categories import CATEGORIES, LISTING_CATEGORIES, STRATEGIC_AGENDA
from ..model.languages import N_, SOURCE
from ..model.words import Words
from ..outputs.feeds import Feed, alert_key, changed_on, key_part
from ..outputs.opendata import directory_labels, listing_facts
from . import maps, reference
from . import statistics as stats
from .contribute import WaysIn
from .fields import CardPresenter
from .generated import GeneratedPage
from .glossary import GlossaryPage
from .guides import AlertsPage, ContributePage
from .textile_rules import TextileRulesPage

if TYPE_CHECKING:
    from .plan import SitePlan

LIST_SHOWN = 50  # newest cards on a list page: no list page grows with the catalogue
LAWS_PER_JURISDICTION = 5  # newest acts of each jurisdiction above the legislation's list
LISTINGS_IN_HTML = 50  # the directory's listings written into its page (the script shows more)
WHATS_NEW_MONTHS = 24
WHATS_NEW_PER_MONTH = 100
LATEST_ON_HOME = 6


def search_url(key: str, value: str, newest_first: bool = False) -> str:
    """The catalogue search filtered to one value: every item of a list, whatever its length,
    loaded from the search payload (a script, so over file:// too)."""
    fragment = f"{key}={quote(value, safe='')}"
    return f"search.html#{fragment}&sort=date" if newest_first else f"search.html#{fragment}"


def taxonomy_terms(catalogue: Catalogue) -> list[tuple[str, str, int]]:
    """(index page, title, number of values) of each taxonomy."""
    return [(f"browse/{name}/index.html", facet.title, len(catalogue.facets[name]))
            for name, facet in TAXONOMIES.items()]


def card_list(title: str, intro: str | None, items: list[Resource], all_url: str,
              p: CardPresenter, agenda: dict[str, str] | None = None,
              figure: Markup | None = None, follow: list[Feed] | None = None) -> str:
    return p.render("cards.html", title=title, intro=intro, agenda=agenda, figure=figure or "",
                  follow=follow or [],
                  items=items[:LIST_SHOWN], total=len(items), all_url=all_url)


@dataclass(frozen=True)
class CategoryPage(GeneratedPage):
    key: str = ""
    in_material_search = False

    def feeds(self, plan: SitePlan) -> list[Feed]:
        return [plan.feed_index[self.key]]

    @classmethod
    def planned(cls, catalogue: Catalogue) -> Iterator[GeneratedPage]:
        for c in CATEGORIES.values():
            yield cls(f"{c.key}/index.md", c.title, c.key)

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        category = CATEGORIES[self.key]
        agenda = plan.catalogue.get(STRATEGIC_AGENDA)
        make_figure = FIGURES.get(category.index_figure)
        figure = make_figure(plan, p) if make_figure else None
        return card_list(p._(category.title), p._(category.intro),
                         plan.catalogue.by_category.get(self.key, []),
                         search_url("category", self.key, newest_first=True), p,
                         follow=self.feeds(plan),
                         agenda={"line": p._(category.agenda_line), "url": agenda.url}
                         if agenda and category.agenda_line else None, figure=figure)


def laws_figure(plan: SitePlan, p: CardPresenter) -> Markup:
    return Markup(p.render("laws.html", groups=laws_by_jurisdiction(plan.catalogue, p.words),
                         shown=LAWS_PER_JURISDICTION))


# The figures a category's index page may show above its list (Category.index_figure).
FIGURES: dict[str, Callable[[SitePlan, CardPresenter], Markup]] = {
    "network-map": lambda plan, p: maps.network_map(plan.catalogue, p.base, p.theme.atlas,
                                                    p.words),
    "laws-by-jurisdiction": laws_figure,
}


def laws_by_jurisdiction(catalogue: Catalogue, w: Words
                         ) -> list[tuple[str, str, list[Resource]]]:
    """(code, name, acts) of each jurisdiction: the EU first, then the countries by name; a
    country's acts newest first."""
    groups: dict[str, list[Resource]] = {}
    for r in catalogue.by_category.get("legislation", []):
        groups.setdefault(str(r.meta.get("jurisdiction", "")), []).append(
            catalogue.in_language(r, w.lang))  # its translation in the list's language
    order = sorted(groups, key=lambda code: (code != "EU", w.country(code)))
    return [(code, w.country(code), sorted(groups[code], key=lambda r: r.date,
                                                reverse=True)) for code in order]


@dataclass(frozen=True)
class BrowsePage(GeneratedPage):
    SRC_URI, TITLE = "browse/index.md", N_("Browse")

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        return p.render("terms.html", title=p._(self.TITLE),
                        intro=p._(N_("Find resources by topic, material, country or "
                                     "organisation.")),
                        terms=[(p.home + url, p._(title), n)
                               for url, title, n in taxonomy_terms(plan.catalogue)])


@dataclass(frozen=True)
class SearchPage(GeneratedPage):
    SRC_URI, TITLE = "search.md", N_("Search the Virtual Centre")
    wide = True

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        return p.render("search.html", labels=page_labels(p, lambda: search_labels(
            plan.catalogue, p.words)))


@dataclass(frozen=True)
class DirectoryPage(GeneratedPage):
    SRC_URI, TITLE = "directory.md", N_("M3P directory")
    wide = True

    def feeds(self, plan: SitePlan) -> list[Feed]:
        return [plan.feed_index[key] for key in LISTING_CATEGORIES]

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        records = plan.listing_records
        archived = [record for record in records if record["archived"]]
        open_listings = [{**record, "facts": listing_facts(record, p.words)}
                         for record in records if not record["archived"]]
        # The first listings as HTML (readable without JavaScript); the script shows any of
        # them from the directory's data, so the page does not grow with the directory.
        shown = open_listings[:LISTINGS_IN_HTML]
        alerts = [f for f in plan.feed_index.values() if f.alert]
        labels = page_labels(p, lambda: {"values": directory_labels(records, p.words)})
        return p.render("directory.html", archived=archived, open_listings=shown, labels=labels,
                      total=len(open_listings),
                      ways=plan.ways_in,
                      map=maps.directory_map(records, p.base, p.words), follow=self.feeds(plan),
                      alerts=alerts, alert_keys=Markup(json.dumps(
                          {f.key: f.title_in(p.words) for f in alerts}).replace("<", "\\u003c")))


@dataclass(frozen=True)
class ReferencePage(GeneratedPage):
    SRC_URI, TITLE = "reference.md", N_("Field reference")
    in_material_search, wide = False, True

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        return p.render("reference.html", categories=reference.reference(p.words))


@dataclass(frozen=True)
class WhatsNewPage(GeneratedPage):
    SRC_URI, TITLE = "whats-new.md", N_("What's new")
    in_material_search = False

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        return p.render("whats-new.html", months=self.months(plan.catalogue))

    @staticmethod
    def months(catalogue: Catalogue) -> list[tuple[str, list[tuple[Resource, str]], int]]:
        """(month, [(resource, 'added' or 'updated')], how many more), newest month first."""
        by_month: dict[str, list[tuple[Resource, str]]] = {}
        for r in catalogue.by_id.values():
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


@dataclass(frozen=True)
class StatisticsPage(GeneratedPage):
    SRC_URI, TITLE = "statistics.md", N_("Statistics")

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        record = stats.CommunicationRecord.of(plan.catalogue)
        return p.render("statistics.html", charts=self.charts(plan, p.words),
                        judged_on=p.words.date(plan.directory.today.isoformat()), record=record,
                        communication=self.communication_charts(record, p.words),
                        w=p.words, figures=stats.FIGURES)

    @staticmethod
    def communication_charts(record: stats.CommunicationRecord, w: Words) -> list[Markup]:
        if not record.activities:
            return []
        return [stats.chart(spec, rows, w) for spec, rows in (
            (stats.COMMUNICATION_CHARTS[0], stats.channel_rows(record, "activities", w)),
            (stats.COMMUNICATION_CHARTS[1], stats.channel_rows(record, "reach", w)),
            (stats.COMMUNICATION_CHARTS[2], stats.rate_rows(record, w)),
            (stats.COMMUNICATION_CHARTS[3], stats.group_rows(record, "reach", w)),
            (stats.COMMUNICATION_CHARTS[4], [(year, t.activities)
                                       for year, t in record.per_year.items()]))]

    @staticmethod
    def charts(plan: SitePlan, w: Words) -> list[Markup]:
        c, d = plan.catalogue, plan.directory
        return [stats.chart(spec, rows, w) for spec, rows in zip(stats.CHARTS, (
            stats.per_category(c, w), stats.per_country(c, w), stats.per_month(c),
            stats.offers_by_material(d, w), stats.offers_by_material(d, w, one_off=True),
            stats.demands_by_process(d, w), stats.matches(d, w)), strict=True)]


def page_labels(p: CardPresenter, labels: Callable[[], dict[str, Any]]) -> Markup | None:
    """The words a page's script shows for the index's values, in a page's language other than
    English (the index has the English ones): JSON for a <script type="application/json">."""
    if p.lang == SOURCE:
        return None
    return Markup(json.dumps(labels(), ensure_ascii=False, sort_keys=True).replace(
        "<", "\\u003c"))


def search_labels(catalogue: Catalogue, w: Words) -> dict[str, Any]:
    """The catalogue search's filters and their values in a language (a value that is a
    resource, or a year, is the same in every language)."""
    values: dict[str, dict[str, str]] = {}
    for f in FACETS:
        if f.names or f.key == "year":
            continue
        seen = {v for r in catalogue.by_id.values()
                if not (f.only_for and r.category not in f.only_for) for v in f.values(r)}
        values[f.key] = {v: f.label_of(v, catalogue, w) for v in seen}
    return {"facets": {f.key: w._(f.label) for f in FACETS}, "values": values}


@dataclass(frozen=True)
class SchemasPage(GeneratedPage):
    SRC_URI, TITLE = "schemas/index.md", N_("JSON Schemas")

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        return p.render("schemas.html", names=sorted(schemas.documents()))


@dataclass(frozen=True)
class TaxonomyPage(GeneratedPage):
    """A taxonomy's index of values; planned with the pages of its values."""

    taxonomy: str = ""
    in_material_search = False

    @classmethod
    def planned(cls, catalogue: Catalogue) -> Iterator[GeneratedPage]:
        for name, facet in TAXONOMIES.items():
            yield cls(f"browse/{name}/index.md", facet.title, name)
            if facet.names:
                continue  # a resource's own page (an organisation's) lists what names it
            for value in catalogue.facets[name]:
                url = catalogue.facet_url(name, value)
                yield TermPage(url[: -len(".html")] + ".md",
                               facet.label_in(value, catalogue, SOURCE), name, value)

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        cat, facet = plan.catalogue, TAXONOMIES[self.taxonomy]
        # A value's page: generated (in the page's language), or a resource's own.
        home = p.base if facet.names else p.home
        terms = [(home + cat.facet_url(self.taxonomy, v), facet.label_in(v, cat, p.lang),
                  len(items)) for v, items in cat.facets[self.taxonomy].items()]
        terms.sort(key=lambda t: t[1].lower())
        return p.render("terms.html", title=p._(facet.title), intro=p._(facet.intro),
                        terms=terms)


@dataclass(frozen=True)
class TermPage(TaxonomyPage):
    """The resources of one value of a taxonomy."""

    value: str = ""

    def title_in(self, lang: str, catalogue: Catalogue) -> str:
        return TAXONOMIES[self.taxonomy].label_in(self.value, catalogue, lang)

    def feeds(self, plan: SitePlan) -> list[Feed]:
        """A material's and a country's alerts of offers and demands; a topic's feed."""
        if self.taxonomy == "topics":
            keys = [f"topic-{key_part(self.value)}"]
        elif self.taxonomy in ("materials", "countries"):
            term = "materials" if self.taxonomy == "materials" else "country"
            keys = [alert_key(category, term, self.value) for category in LISTING_CATEGORIES]
        else:
            keys = []
        return [plan.feed_index[key] for key in keys if key in plan.feed_index]

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        facet = TAXONOMIES[self.taxonomy]
        items = plan.catalogue.facets[self.taxonomy].get(self.value, [])
        if self.taxonomy == "countries":  # a country's law first (newest first within)
            items = sorted(items, key=lambda r: r.category != "legislation")
        return card_list(f"{p._(facet.label)}: {self.title}", None, items,
                         search_url(facet.key, self.value, newest_first=True), p,
                         follow=self.feeds(plan))


HOME = "index.md"  # the site's own home page (its Markdown): English, the others generated


@dataclass(frozen=True)
class HomePage(GeneratedPage):
    """The home page of a language other than English (the English one is the site's own):
    the name and purpose of the Virtual Centre, then the home page's blocks."""

    TITLE = N_("Virtual Centre for textile recycling")

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        def block(name: str) -> str:
            return home_block(plan.catalogue, name, p, plan.ways_in)

        lead = p._(N_("The reference point for textile recycling in Central European regions, "
                      "and the M3P directory where textile-waste producers and recyclers find "
                      "each other."))
        headings = {"counts": (N_("Sections"), "sections"),
                    "latest": (N_("Latest additions"), "latest"),
                    "ways-in": (N_("Ways in"), "ways-in")}
        parts = [f"<h1>{escape(self.title)}</h1>", f"<p>{escape(lead)}</p>", block("tasks")]
        for name, (heading, anchor) in headings.items():
            parts += [f'<h2 id="{anchor}">{escape(p._(heading))}</h2>', block(name)]
        return "\n".join(parts)


KINDS: tuple[type[GeneratedPage], ...] = (
    CategoryPage, BrowsePage, SearchPage, DirectoryPage, ContributePage, AlertsPage,
    TextileRulesPage, ReferencePage, WhatsNewPage, StatisticsPage, SchemasPage, TaxonomyPage,
    GlossaryPage,
)


def plan_pages(catalogue: Catalogue, languages: tuple[str, ...] = (SOURCE,)
               ) -> list[GeneratedPage]:
    """Every generated page in English, then each in every other language, under /<lang>/."""
    english = [page for kind in KINDS for page in kind.planned(catalogue)]
    home = HomePage(HOME, HomePage.TITLE)  # planned in the other languages only
    return english + [in_language(page, code, catalogue) for code in languages if code != SOURCE
                      for page in [home, *english]]


def in_language(page: GeneratedPage, code: str, catalogue: Catalogue) -> GeneratedPage:
    return dataclasses.replace(page, src_uri=f"{code}/{page.src_uri}", lang=code,
                               title=page.title_in(code, catalogue))


def home_block(catalogue: Catalogue, block: str, p: CardPresenter,
               ways_in: WaysIn | None = None) -> str:
    """A block of the home page (its Markdown names them, see lifecycle.HOME_MARKER)."""
    counts = [(c, len(catalogue.by_category.get(c.key, []))) for c in CATEGORIES.values()]
    ways = [(f"{c.key}/index.html", c.title, n) for c, n in counts]
    ways += taxonomy_terms(catalogue)
    return p.render("home.html", block=block, counts=counts,
                    latest=catalogue.newest[:LATEST_ON_HOME], ways=ways,
                    ways_in=ways_in or WaysIn())
