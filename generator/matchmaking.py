"""M3P matchmaking: which demands can take an offer, why, and how well.

Hard conditions rule a pair out; the pairs left get a score from 0 to 100 made of named
components, and reasons in words, for people (partners acting as facilitators) to follow up.
Candidates are found by blocking: inverted indexes over the offers by form, origin and fibre,
and a grid of coordinates for distance-limited demands, so most pairs are never evaluated.
`match_all_brute_force` evaluates every pair and is the reference the tests compare against.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from .geo import distance_km
from .vocab import vocabularies

PERIOD_MONTHS = {"once": 1.0, "week": 12 / 52, "month": 1.0, "year": 12.0}
UNIT_TONNES = {"kg": 0.001, "t": 1.0}
WEIGHTS = {"purity": 25, "quantity": 25, "distance": 20, "completeness": 20, "freshness": 10}
DEFAULT_REACH_KM = 1500.0  # distance that scores 0 when the demand names no maximum
GRID_DEG = 1.0  # blocking cells of 1° latitude/longitude
TOP = 10


@dataclass
class Listing:
    """An offer or a demand, reduced to what matching needs."""

    id: str
    kind: str  # offer | demand
    meta: dict[str, Any]
    point: tuple[float, float] | None = None  # lat, lon
    country: str = ""
    date: str = ""

    @property
    def open(self) -> bool:
        return self.meta.get("status") == "open"

    def valid_on(self, today: dt.date) -> bool:
        return self.open and str(self.meta.get("valid_until", "")) >= today.isoformat()


def tonnes_per_month(amount: float, unit: str, per: str) -> float:
    return amount * UNIT_TONNES[unit] / PERIOD_MONTHS[per]


def fmt_t(value: float) -> str:
    return f"{value:.3g}" if value < 10 else f"{value:,.0f}"


def composition(offer: Listing) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in offer.meta.get("composition", []) or []:
        out[part["fibre"]] = out.get(part["fibre"], 0) + float(part["percent"])
    return out


@dataclass
class Match:
    offer: str
    demand: str
    score: int
    components: dict[str, float] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"offer": self.offer, "demand": self.demand, "score": self.score,
                "components": {k: round(v, 3) for k, v in self.components.items()},
                "reasons": self.reasons}


OFFER_FIELDS = ("ewc", "composition", "colour", "construction", "contaminants", "min_lot",
                "logistics", "legal_status")
DEMAND_FIELDS = ("max_distance_km", "technologies", "application")


def completeness(listing: Listing) -> float:
    fields = OFFER_FIELDS if listing.kind == "offer" else DEMAND_FIELDS
    have = sum(1 for f in fields if listing.meta.get(f) not in (None, "", [], {}))
    located = 1 if listing.point else 0
    if listing.kind == "demand":
        accepts = listing.meta.get("accepts", {}) or {}
        have += sum(1 for f in ("ewc", "forms", "fibres") if accepts.get(f))
        return (have + located) / (len(fields) + 3 + 1)
    return (have + located) / (len(fields) + 1)


def evaluate(offer: Listing, demand: Listing, today: dt.date) -> Match | None:
    """The match of one pair, or None when a hard condition rules it out."""
    if not (offer.valid_on(today) and demand.valid_on(today)):
        return None
    v = vocabularies()
    o, d = offer.meta, demand.meta
    accepts = d.get("accepts", {}) or {}
    reasons: list[str] = []

    # What the recipient accepts.
    code = o.get("ewc")
    if accepts.get("ewc"):
        if code is not None and code not in accepts["ewc"]:
            return None
        reasons.append(f"waste code {code} accepted" if code else
                       "waste code not given: check it with the producer")
    if code and v.waste_codes.get(code, {}).get("hazardous") and not accepts.get("hazardous"):
        return None
    if accepts.get("origins") and o["origin"] not in accepts["origins"]:
        return None
    if accepts.get("forms") and o["form"] not in accepts["forms"]:
        return None
    present = set(o.get("contaminants", []) or [])
    if present & set(accepts.get("excluded_contaminants", []) or []):
        return None

    # Purity: the best margin over the fibre streams the recipient takes.
    shares = composition(offer)
    wanted = accepts.get("fibres", []) or []
    purity = 0.75
    if wanted and shares:
        best = None
        for want in wanted:
            share = shares.get(want["fibre"], 0.0)
            if share >= want["min_percent"]:
                margin = share - want["min_percent"]
                if best is None or margin > best[0]:
                    best = (margin, want, share)
        if best is None:
            return None
        margin, want, share = best
        purity = min(1.0, 0.5 + margin / 20)
        reasons.append(f"{want['fibre']} {share:g} % ≥ {want['min_percent']:g} % required")
    elif wanted:
        purity = 0.3
        reasons.append("composition not given: ask the producer")

    # Where.
    served = d.get("countries") or []
    if served and offer.country not in served:
        return None
    distance_score = 0.5
    if offer.point and demand.point:
        km = distance_km(offer.point, demand.point)
        limit = d.get("max_distance_km")
        if limit is not None and km > limit:
            return None
        reach = float(limit or DEFAULT_REACH_KM)
        distance_score = max(0.0, 1 - km / reach)
        text = f"{km:,.0f} km"
        if limit is not None:
            text += f" (≤ {limit:,.0f} km)"
        if offer.country != demand.country:
            text += (f", crosses {offer.country}→{demand.country}: "
                     "waste-shipment rules apply")
        reasons.append(text)
    else:
        if d.get("max_distance_km") is not None:
            reasons.append("distance unknown: a listing has no place")
        if offer.country != demand.country:
            reasons.append(f"crosses {offer.country}→{demand.country}: "
                           "waste-shipment rules apply")

    # How much.
    q = o["quantity"]
    amount = tonnes_per_month(q["amount"], q["unit"], q["per"])
    dq = d["quantity"]
    low = tonnes_per_month(dq.get("min", 0), dq["unit"], dq["per"])
    high = tonnes_per_month(dq["max"], dq["unit"], dq["per"]) if "max" in dq else math.inf
    lot = o.get("min_lot")
    min_lot = tonnes_per_month(lot["amount"], lot["unit"], "month") if lot else 0.0
    if amount < low or min_lot > high:
        return None
    range_text = f"{fmt_t(low)}–{fmt_t(high)}" if high != math.inf else f"≥ {fmt_t(low)}"
    if amount <= high:
        quantity = 1.0
        reasons.append(f"{fmt_t(amount)} t/month within {range_text} t/month")
    else:
        quantity = max(0.2, high / amount)
        reasons.append(f"{fmt_t(amount)} t/month, more than the {fmt_t(high)} t/month taken: "
                       "a part can go here")

    comp = (completeness(offer) + completeness(demand)) / 2
    ages = [(today - dt.date.fromisoformat(x.date)).days for x in (offer, demand)]
    fresh = sum(max(0.0, 1 - max(0, age) / 365) for age in ages) / 2
    components = {"purity": purity, "quantity": quantity, "distance": distance_score,
                  "completeness": comp, "freshness": fresh}
    score = round(sum(WEIGHTS[k] * components[k] for k in WEIGHTS))
    return Match(offer.id, demand.id, score, components, reasons)


def _cells(point: tuple[float, float], km: float) -> list[tuple[int, int]]:
    """The grid cells within km of a point (a slightly generous square)."""
    lat, lon = point
    dlat = km / 111.0 + GRID_DEG
    dlon = km / max(1.0, 111.0 * math.cos(math.radians(min(89.0, abs(lat) + dlat)))) + GRID_DEG
    def span(centre: float, half: float) -> range:
        low, high = (centre - half) / GRID_DEG, (centre + half) / GRID_DEG
        return range(math.floor(low), math.floor(high) + 1)

    return [(a, b) for a in span(lat, dlat) for b in span(lon, dlon)]


class OfferIndex:
    """Inverted indexes over the offers that are open on the day, for blocking."""

    def __init__(self, offers: list[Listing], today: dt.date):
        self.offers = [o for o in offers if o.valid_on(today)]
        self.all = set(range(len(self.offers)))
        self.by_form: dict[str, set[int]] = defaultdict(set)
        self.by_origin: dict[str, set[int]] = defaultdict(set)
        self.by_fibre: dict[str, set[int]] = defaultdict(set)
        self.by_country: dict[str, set[int]] = defaultdict(set)
        self.by_cell: dict[tuple[int, int], set[int]] = defaultdict(set)
        self.unplaced: set[int] = set()
        for i, o in enumerate(self.offers):
            self.by_form[o.meta["form"]].add(i)
            self.by_origin[o.meta["origin"]].add(i)
            self.by_country[o.country].add(i)
            for fibre in composition(o):
                self.by_fibre[fibre].add(i)
            if o.point:
                self.by_cell[(math.floor(o.point[0] / GRID_DEG),
                              math.floor(o.point[1] / GRID_DEG))].add(i)
            else:
                self.unplaced.add(i)
            if not o.meta.get("composition"):
                self.by_fibre["?"].add(i)  # unknown composition is not ruled out

    def candidates(self, demand: Listing) -> set[int]:
        accepts = demand.meta.get("accepts", {}) or {}
        blocks: list[set[int]] = []
        if accepts.get("forms"):
            blocks.append(set().union(*(self.by_form.get(f, set()) for f in accepts["forms"])))
        if accepts.get("origins"):
            blocks.append(set().union(*(self.by_origin.get(x, set())
                                        for x in accepts["origins"])))
        if accepts.get("fibres"):
            fibres = [w["fibre"] for w in accepts["fibres"]]
            blocks.append(set().union(self.by_fibre.get("?", set()),
                                      *(self.by_fibre.get(f, set()) for f in fibres)))
        if demand.meta.get("countries"):
            blocks.append(set().union(*(self.by_country.get(c, set())
                                        for c in demand.meta["countries"])))
        if demand.meta.get("max_distance_km") is not None and demand.point:
            near = set(self.unplaced)
            for cell in _cells(demand.point, float(demand.meta["max_distance_km"])):
                near |= self.by_cell.get(cell, set())
            blocks.append(near)
        if not blocks:
            return set(self.all)
        blocks.sort(key=len)
        out = set(blocks[0])
        for block in blocks[1:]:
            out &= block
        return out


@dataclass
class Matches:
    """Every surviving pair, and the ranked candidates of each listing."""

    pairs: list[Match]
    for_offer: dict[str, list[Match]]
    for_demand: dict[str, list[Match]]

    @classmethod
    def of(cls, pairs: list[Match]) -> Matches:
        for_offer: dict[str, list[Match]] = defaultdict(list)
        for_demand: dict[str, list[Match]] = defaultdict(list)
        for m in pairs:
            for_offer[m.offer].append(m)
            for_demand[m.demand].append(m)
        rank = lambda ms: sorted(ms, key=lambda m: (-m.score, m.offer, m.demand))  # noqa: E731
        return cls(sorted(pairs, key=lambda m: (m.offer, m.demand)),
                   {k: rank(v) for k, v in for_offer.items()},
                   {k: rank(v) for k, v in for_demand.items()})

    def top_pairs(self, n: int = TOP) -> list[Match]:
        """The pairs that appear in some listing's top n (what the site and matches.json show)."""
        keep = {(m.offer, m.demand) for ms in (*self.for_offer.values(), *self.for_demand.values())
                for m in ms[:n]}
        return [m for m in self.pairs if (m.offer, m.demand) in keep]


def match_all(offers: list[Listing], demands: list[Listing], today: dt.date) -> Matches:
    index = OfferIndex(offers, today)
    pairs = []
    for demand in demands:
        if not demand.valid_on(today):
            continue
        for i in index.candidates(demand):
            m = evaluate(index.offers[i], demand, today)
            if m is not None:
                pairs.append(m)
    return Matches.of(pairs)


def match_all_brute_force(offers: list[Listing], demands: list[Listing],
                          today: dt.date) -> Matches:
    pairs = [m for d in demands for o in offers if (m := evaluate(o, d, today)) is not None]
    return Matches.of(pairs)
