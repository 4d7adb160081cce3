"""The numbers of the statistics page, computed from the catalogue and the directory."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..catalogue.directory import Directory
from ..catalogue.resources import Catalogue, Resource
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


def offers_by_material(d: Directory, one_off: bool = False) -> list[tuple[str, float]]:
    """Tonnes per month of the open offers of a regular supply (or, one_off, tonnes of the
    open one-off lots), split by fibre share (unknown composition apart)."""
    tonnes: dict[str, float] = defaultdict(float)
    for offer in d.offers:
        if not offer.valid_on(d.today) or offer.one_off != one_off:
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


def channel_rows(record: CommunicationRecord, figure: str) -> list[tuple[str, float | None]]:
    v = vocabularies()
    return [(v.channel_label(c), t.figure(figure)) for c, t in record.per_channel.items()]


def group_rows(record: CommunicationRecord, figure: str) -> list[tuple[str, float | None]]:
    v = vocabularies()
    return [(v.stakeholders.get(g, g), t.figure(figure)) for g, t in record.per_group.items()]


def rate_rows(record: CommunicationRecord) -> list[tuple[str, float]]:
    v = vocabularies()
    return [(v.channel_label(c), round(t.engagement_rate, 1))
            for c, t in record.per_channel.items() if t.engagement_rate is not None]
