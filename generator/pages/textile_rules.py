"""Where each country stands on the EU's textile rules: one row per jurisdiction (the EU first),
one column per rule, each cell made from the `textile_rules` of that jurisdiction's law
resources, linked to the act and to the source, with the day it was last checked and the
deadlines still ahead counted from the build day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..catalogue.resources import Catalogue, Resource
from ..model import schemas
from ..model.languages import N_
from ..model.vocab import EU
from ..model.words import Words
from .fields import CardPresenter
from .generated import GeneratedPage

if TYPE_CHECKING:
    from .plan import SitePlan

RULE_KEYS = ("separate_collection", "epr", "transposition", "ecodesign")


@dataclass(frozen=True)
class Cell:
    """One rule in one jurisdiction: the rule's data, and the act it is recorded on."""

    rule: dict[str, Any]
    act: Resource

    @property
    def checked(self) -> str:
        return str(self.act.meta.get("checked") or "")


@dataclass(frozen=True)
class Row:
    code: str
    name: str
    cells: dict[str, Cell]


def rows(catalogue: Catalogue, w: Words) -> list[Row]:
    """A row for each jurisdiction that has textile rules on any of its acts, the EU first;
    within a jurisdiction, a rule recorded on two acts is taken from the newer one."""
    found: dict[str, dict[str, Cell]] = {}
    acts = sorted(catalogue.by_category.get("legislation", []), key=lambda r: r.date)
    for act in acts:
        for key, rule in (act.meta.get("textile_rules") or {}).items():
            shown = catalogue.in_language(act, w.lang)  # its translation in the page's language
            found.setdefault(str(act.meta.get("jurisdiction")), {})[key] = Cell(rule, shown)
    order = sorted(found, key=lambda code: (code != EU, w.country(code)))
    return [Row(code, w.country(code), found[code]) for code in order]


def status_words(w: Words) -> dict[str, str]:
    """Each status a rule may have (the schema's list), in words."""
    rule = schemas.documents()["legislation.schema.json"]["$defs"]["rule"]
    return {status: w.value(status) for status in rule["properties"]["status"]["enum"]}


def days_ahead(deadline: str, today: dt.date, w: Words) -> str:
    """'in 194 days', 'today', or 'passed' for a deadline, from the build day."""
    days = (dt.date.fromisoformat(str(deadline)) - today).days
    if days > 1:
        return w.ngettext("in %(num)s day", "in %(num)s days", days) % {"num": w.number(days)}
    return {1: w._("tomorrow"), 0: w._("today")}.get(days, w._("passed"))


@dataclass(frozen=True)
class TextileRulesPage(GeneratedPage):
    SRC_URI, TITLE = "textile-rules.md", N_("Where each country stands on textile rules")
    wide = True

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        w = p.words
        table = rows(plan.catalogue, w)
        eu = next((row for row in table if row.code == EU), None)
        return p.render("textile-rules.html", rows=table, eu=eu,
                        rules=[(key, w.field(key)) for key in RULE_KEYS],
                        words=status_words(w), today=plan.directory.today, long_date=w.date,
                        days_ahead=lambda day, today: days_ahead(day, today, w))
