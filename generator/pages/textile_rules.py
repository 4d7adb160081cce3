"""Where each country stands on the EU's textile rules: one row per jurisdiction (the EU first),
one column per rule, each cell made from the `textile_rules` of that jurisdiction's law
resources, linked to the act and to the source, with the day it was last checked and the
deadlines still ahead counted from the build day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from babel.dates import format_date

from ..catalogue.resources import Catalogue, Resource
from ..model import schemas
from ..model.languages import N_
from ..model.vocab import EU, vocabularies
from .fields import CardPresenter, label_of, value_label
from .generated import GeneratedPage

if TYPE_CHECKING:
    from .plan import SitePlan

RULE_KEYS = ("separate_collection", "epr", "transposition", "ecodesign")
RULES = tuple((key, label_of(key)) for key in RULE_KEYS)


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


def rows(catalogue: Catalogue) -> list[Row]:
    """A row for each jurisdiction that has textile rules on any of its acts, the EU first;
    within a jurisdiction, a rule recorded on two acts is taken from the newer one."""
    found: dict[str, dict[str, Cell]] = {}
    acts = sorted(catalogue.by_category.get("legislation", []), key=lambda r: r.date)
    for act in acts:
        for key, rule in (act.meta.get("textile_rules") or {}).items():
            found.setdefault(str(act.meta.get("jurisdiction")), {})[key] = Cell(rule, act)
    v = vocabularies()
    order = sorted(found, key=lambda code: (code != EU, v.country_name(code)))
    return [Row(code, v.country_name(code), found[code]) for code in order]


def status_words() -> dict[str, str]:
    """Each status a rule may have (the schema's list), in words."""
    rule = schemas.documents()["legislation.schema.json"]["$defs"]["rule"]
    return {status: value_label(status) for status in rule["properties"]["status"]["enum"]}


def long_date(value: str | dt.date, locale: str = "en_GB") -> str:
    """A day as the locale writes it in full (CLDR, through Babel): '17 June 2027'."""
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    return format_date(day, format="long", locale=locale)


def days_ahead(deadline: str, today: dt.date) -> str:
    """'in 194 days', 'today', or 'passed' for a deadline, from the build day."""
    days = (dt.date.fromisoformat(str(deadline)) - today).days
    if days > 1:
        return f"in {days:,} days"
    return {1: "tomorrow", 0: "today"}.get(days, "passed")


@dataclass(frozen=True)
class TextileRulesPage(GeneratedPage):
    SRC_URI, TITLE = "textile-rules.md", N_("Where each country stands on textile rules")
    wide = True

    def render(self, plan: SitePlan, p: CardPresenter) -> str:
        table = rows(plan.catalogue)
        eu = next((row for row in table if row.code == EU), None)
        return p.render("textile-rules.html", rows=table, rules=RULES, eu=eu,
                      words=status_words(), today=plan.directory.today,
                      long_date=long_date, days_ahead=days_ahead)
