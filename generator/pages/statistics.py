"""The numbers of the statistics page, computed from the catalogue and the directory."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup

from ..catalogue.directory import Directory
from ..catalogue.resources import Catalogue, Resource
from ..model.categories import CATEGORIES
from ..model.languages import N_
from ..model.words import Words
from .charts import bar_chart

MONTHS = 24


def per_category(c: Catalogue, w: Words) -> list[tuple[str, float]]:
    return [(w._(cat.title), len(c.by_category.get(key, []))) for key, cat in CATEGORIES.items()]


def per_country(c: Catalogue, w: Words) -> list[tuple[str, float]]:
    counts = {code: len(items) for code, items in c.facets["countries"].items()}
    return [(w.country(code), n) for code, n in
            sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def per_month(c: Catalogue) -> list[tuple[str, float]]:
    months = Counter(r.date[:7] for r in c.by_id.values())
    latest = sorted(months)[-MONTHS:]
    return [(m, months[m]) for m in latest]


def offers_by_material(d: Directory, w: Words, one_off: bool = False
                       ) -> list[tuple[str, float]]:
    """Tonnes per month of the open offers of a regular supply (or, one_off, tonnes of the
    open one-off lots), split by fibre share (unknown composition apart)."""
    tonnes: dict[str, float] = defaultdict(float)
    for offer in d.offers:
        if not offer.valid_on(d.today) or offer.one_off != one_off:
            continue
        amount = offer.tonnes[0]
        if not offer.shares:
            tonnes[w._("composition not given")] += amount
        for fibre, share in offer.shares.items():
            tonnes[w.fibre(fibre)] += amount * share / 100
    return sorted(tonnes.items(), key=lambda kv: (-kv[1], kv[0]))


def demands_by_process(d: Directory, w: Words) -> list[tuple[str, float]]:
    counts = Counter(x.meta["process"] for x in d.demands if x.valid_on(d.today))
    return [(w.process(p).split(" (")[0], n)
            for p, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def matches(d: Directory, w: Words) -> list[tuple[str, float]]:
    return [(w._("pairs passing every hard condition"), d.matches.surviving),
            (w._("pairs shown (in a listing's top 10)"), len(d.matches.top_triples()))]


# -- communication and its effectiveness ------------------------------------------------------

FIGURES = ("reach", "impressions", "engagement", "clicks", "participants")


@dataclass
class Tally:
    """What a group of communication activities added up to."""

    activities: int = 0
    figures: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIGURES, 0))
    rated_engagement: int = 0
    """Engagement of the activities that give impressions too (the rate's numerator)."""
    rated_impressions: int = 0
    measured: Counter = field(default_factory=Counter)
    """How many activities give each figure: a figure none gives was not measured (not 0)."""

    def add(self, meta: dict) -> None:
        self.activities += 1
        figures = meta.get("figures") or {}
        for name in FIGURES:
            self.figures[name] += int(figures.get(name, 0))
            self.measured[name] += name in figures
        if "engagement" in figures and figures.get("impressions"):
            self.rated_engagement += int(figures["engagement"])
            self.rated_impressions += int(figures["impressions"])

    def figure(self, name: str) -> int | None:
        """The sum of a figure, or None where no activity measured it."""
        if name == "activities":
            return self.activities
        return self.figures[name] if self.measured[name] else None

    @property
    def engagement_rate(self) -> float | None:
        """Engagement per impression, in %, over the activities that give both; None
        without any (press, radio and TV give an audience, not impressions)."""
        if not self.rated_impressions:
            return None
        return 100 * self.rated_engagement / self.rated_impressions


@dataclass
class CommunicationRecord:
    """The communication activities of the catalogue, per channel, stakeholder group and year."""

    activities: list[Resource]
    per_channel: dict[str, Tally]
    per_group: dict[str, Tally]
    per_year: dict[str, Tally]
    channel_groups: dict[str, Counter]
    """channel -> stakeholder group -> activities: which channels reached which groups."""

    @classmethod
    def of(cls, catalogue: Catalogue) -> CommunicationRecord:
        activities = sorted(catalogue.by_category.get("communication", []),
                            key=lambda r: (r.date, r.id))
        per_channel: dict[str, Tally] = defaultdict(Tally)
        per_group: dict[str, Tally] = defaultdict(Tally)
        per_year: dict[str, Tally] = defaultdict(Tally)
        channel_groups: dict[str, Counter] = defaultdict(Counter)
        for r in activities:
            channel = r.meta["channel"]
            per_channel[channel].add(r.meta)
            per_year[r.date[:4]].add(r.meta)
            for group in r.meta["stakeholders"]:
                per_group[group].add(r.meta)
                channel_groups[channel][group] += 1
        by_size = lambda tallies: dict(sorted(  # noqa: E731
            tallies.items(), key=lambda kv: (-kv[1].activities, kv[0])))
        return cls(activities, by_size(per_channel), by_size(per_group),
                   dict(sorted(per_year.items())), dict(channel_groups))

    @property
    def examples(self) -> int:
        return sum(1 for r in self.activities if r.is_example)


def channel_rows(record: CommunicationRecord, figure: str, w: Words
                 ) -> list[tuple[str, float | None]]:
    return [(w.channel(c), t.figure(figure)) for c, t in record.per_channel.items()]


def group_rows(record: CommunicationRecord, figure: str, w: Words
               ) -> list[tuple[str, float | None]]:
    return [(w.stakeholder(g), t.figure(figure)) for g, t in record.per_group.items()]


def rate_rows(record: CommunicationRecord, w: Words) -> list[tuple[str, float]]:
    return [(w.channel(c), round(t.engagement_rate, 1))
            for c, t in record.per_channel.items() if t.engagement_rate is not None]


# The statistics page's charts: id, title, what its rows are, and their unit (all translated).
CHARTS = (
    ("per-category", N_("Resources per category"), N_("Category"), N_("resources")),
    ("per-country", N_("Resources per country"), N_("Country"), N_("resources")),
    ("per-month", N_("Additions per month (by the date of each resource)"), N_("Month"),
     N_("resources")),
    ("offers-material", N_("Open offers of a regular supply, by material"), N_("Material"),
     N_("tonnes per month")),
    ("offers-once", N_("Open one-off lots, by material (not a monthly supply)"), N_("Material"),
     N_("tonnes")),
    ("demands-process", N_("Open demands by process"), N_("Process"), N_("demands")),
    ("matches", N_("Suggested matches"), N_("Matches"), N_("pairs")),
)
COMMUNICATION_CHARTS = (
    ("comm-activities", N_("Communication activities per channel"), N_("Channel"),
     N_("activities")),
    ("comm-reach", N_("Reach per channel"), N_("Channel"), N_("people reached")),
    ("comm-rate", N_("Engagement rate per channel"), N_("Channel"), N_("share of impressions (%)")),
    ("comm-group-reach", N_("Reach per stakeholder group"), N_("Stakeholder group"),
     N_("people reached")),
    ("comm-years", N_("Communication activities per year"), N_("Year"), N_("activities")),
)


def chart(spec: tuple[str, str, str, str], rows: list[tuple[str, float | None]], w: Words
          ) -> Markup:
    chart_id, title, kind, unit = spec
    return bar_chart(chart_id, w._(title), rows, w._(unit), w._(kind), w)
