"""The numbers of the statistics page, computed from the catalogue and the directory."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..catalogue.directory import Directory
from ..catalogue.resources import Catalogue
from ..model.categories import CATEGORIES
from ..model.vocab import vocabularies

MONTHS = 24


def per_category(c: Catalogue) -> list[tuple[str, float]]:
    return [(cat.title, len(c.by_category.get(key, []))) for key, cat in CATEGORIES.items()]


def per_country(c: Catalogue) -> list[tuple[str, float]]:
    v = vocabularies()
    counts = {code: len(items) for code, items in c.facets["countries"].items()}
    return [(v.country_name(code), n) for code, n in
            sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def per_month(c: Catalogue) -> list[tuple[str, float]]:
    months = Counter(r.date[:7] for r in c.by_id.values())
    latest = sorted(months)[-MONTHS:]
    return [(m, months[m]) for m in latest]


def offers_by_material(d: Directory) -> list[tuple[str, float]]:
    """Tonnes per month of open offers, split by fibre share (unknown composition apart)."""
    tonnes: dict[str, float] = defaultdict(float)
    for offer in d.offers:
        if not offer.valid_on(d.today):
            continue
        amount = offer.tonnes[0]
        if not offer.shares:
            tonnes["composition not given"] += amount
        for fibre, share in offer.shares.items():
            tonnes[fibre] += amount * share / 100
    return sorted(tonnes.items(), key=lambda kv: (-kv[1], kv[0]))


def demands_by_process(d: Directory) -> list[tuple[str, float]]:
    v = vocabularies()
    counts = Counter(x.meta["process"] for x in d.demands if x.valid_on(d.today))
    return [(v.processes.get(p, p).split(" (")[0], n)
            for p, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def matches(d: Directory) -> list[tuple[str, float]]:
    return [("pairs passing every hard condition", d.matches.surviving),
            ("pairs shown (in a listing's top 10)", len(d.matches.top_triples()))]
