"""The facets of the catalogue, in one registry: the catalogue search filters by each of them,
and four of them (the taxonomies) have browse pages (browse/<taxonomy>/<slug>.html).

A facet says how its values are read from a resource, how a value is labelled, and, for a
taxonomy, its folder, titles and how a value becomes a file name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model.categories import CATEGORIES
from ..model.languages import N_
from ..model.text import slugify
from ..model.words import Words, words

if TYPE_CHECKING:
    from .resources import Catalogue, Resource


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _materials(r: Resource) -> list[str]:
    """Named, in a composition, or accepted."""
    m = r.meta
    accepts = m.get("accepts") or {}
    values = list(m.get("materials", []))
    values += [p["fibre"] for p in m.get("composition", []) or []]
    values += [f["fibre"] for f in accepts.get("fibres", []) or []]
    values += list(accepts.get("materials", []) or [])
    return _unique(values)


def _countries(r: Resource) -> list[str]:
    m = r.meta
    values = list(m.get("countries", []))
    values += [m[k] for k in ("country", "jurisdiction") if isinstance(m.get(k), str)]
    return _unique(values)


def _named(category: str) -> Callable[[Resource], list[str]]:
    """The resources of a category that a resource names (in any field but `related`)."""
    prefix = category + "/"

    def read(r: Resource) -> list[str]:
        return sorted({t for f, ids in r.refs.items() for t in ids
                       if t.startswith(prefix) and f != "related"})
    return read


def _field(name: str) -> Callable[[Resource], list[str]]:
    """A facet of one field, for the categories that have it (Category.facets)."""
    def read(r: Resource) -> list[str]:
        value = r.meta.get(name)
        return [str(value)] if value is not None else []
    return read


def _title_of(value: str, catalogue: Catalogue, w: Words) -> str:
    named = catalogue.get(value)
    return named.title if named else value


@dataclass(frozen=True)
class Facet:
    key: str
    """The catalogue search's filter (search.html#<key>=<value>)."""
    label: str
    """The filter's heading on the search page; also a browse page's "Label: value"."""
    values: Callable[[Resource], list[str]]
    """The values of one resource."""
    label_of: Callable[[str, Catalogue, Words], str] = lambda value, catalogue, w: value
    """How a value is shown, in the words of a language."""
    taxonomy: str = ""
    """The browse folder (browse/<taxonomy>/), for a facet with browse pages."""
    title: str = ""
    """The browse index's title."""
    intro: str = ""
    """The browse index's introduction."""
    only_for: tuple[str, ...] = ()
    """The categories whose resources have it (none: all)."""
    names: str = ""
    """The category whose resources are its values (their ids), if any: a value's page is that
    resource's own page, which lists what names it, and only published ones are values."""

    def of(self, r: Resource, catalogue: Catalogue) -> list[tuple[str, str]]:
        """(value, English label) of one resource."""
        if self.only_for and r.category not in self.only_for:
            return []
        return [(value, self.label_of(value, catalogue, words())) for value in self.values(r)]

    def label_in(self, value: str, catalogue: Catalogue, lang: str) -> str:
        """A value's label in a language."""
        return self.label_of(value, catalogue, words(lang))

    def slug(self, value: str) -> str:
        """A taxonomy value's file name."""
        if self.names:
            return value.split("/", 1)[1]
        if self.taxonomy == "countries":
            return value.lower()
        return slugify(value)


def _categories_with(facet: str) -> tuple[str, ...]:
    return tuple(c.key for c in CATEGORIES.values() if facet in c.facets)


FACETS: tuple[Facet, ...] = (
    Facet("category", N_("Category"), lambda r: [r.category],
          lambda value, _, w: w._(CATEGORIES[value].title)),
    Facet("country", N_("Country"), _countries,
          lambda value, _, w: w.country(value), "countries", N_("Countries"),
          N_("Browse by country; EU covers resources about the whole Union.")),
    Facet("language", N_("Language"), lambda r: [r.meta["language"]],
          lambda value, _, w: w.language(value)),
    Facet("material", N_("Material"), _materials, lambda value, _, w: w.fibre(value),
          taxonomy="materials", title=N_("Materials"),
          intro=N_("Browse by fibre (names of Regulation (EU) No 1007/2011).")),
    Facet("topic", N_("Topic"), lambda r: list(r.meta.get("tags", [])),
          lambda value, _, w: w.topic(value), "topics", N_("Topics"),
          N_("Browse the Virtual Centre by topic.")),
    Facet("organisation", N_("Organisation"), _named("organisations"), _title_of, "organisations",
          N_("Organisations"), N_("Everything that names an organisation of the network."),
          names="organisations"),
    Facet("year", N_("Year"), lambda r: [r.date[:4]]),
    Facet("trl", N_("TRL (technologies)"), _field("trl"), lambda value, _, w: f"TRL {value}",
          only_for=_categories_with("trl")),
    Facet("status", N_("Status"), _field("status"), lambda value, _, w: w.value(value),
          only_for=_categories_with("status")),
    Facet("level", N_("Level (training)"), _field("level"), lambda value, _, w: w.value(value),
          only_for=_categories_with("level")),
    Facet("channel", N_("Channel (communication)"), _field("channel"),
          lambda value, _, w: w.channel(value),
          only_for=_categories_with("channel")),
    Facet("stakeholder", N_("Stakeholder group (communication)"),
          lambda r: list(r.meta.get("stakeholders", [])),
          lambda value, _, w: w.stakeholder(value),
          only_for=_categories_with("stakeholder")),
)
FACET = {f.key: f for f in FACETS}
# The taxonomies, in the order the browse pages list them.
TAXONOMIES: dict[str, Facet] = {f.taxonomy: f for f in
                                (FACET["topic"], FACET["material"], FACET["country"],
                                 FACET["organisation"])}


def naming(category: str) -> Facet | None:
    """The facet whose values are the resources of this category, if any (Facet.names)."""
    return next((f for f in FACETS if f.names == category), None)
