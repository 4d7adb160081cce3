"""M3P matchmaking: which demands can take an offer, why, and how well.

Hard conditions rule a pair out; the pairs left get a score from 0 to 100 made of named
components, and reasons (a kind and its values: catalogue/reasons.py writes them in each
language's words), for people (partners acting as facilitators) to follow up.
Candidates are found by blocking: the offers are indexed by form, origin and fibre share, the
keys a demand accepts give its candidates, so most pairs are never evaluated.
`match_all_brute_force` evaluates every pair and is the reference the tests compare against.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..model.cores import on_every_core
from ..model.vocab import vocabularies
from . import geo
from .listing import Listing
from .reasons import Reason, reason

HAZARDOUS = {code: bool(e.get("hazardous")) for code, e in vocabularies().waste_codes.items()}

WEIGHTS = {"purity": 25, "quantity": 25, "distance": 20, "completeness": 20, "freshness": 10}
DEFAULT_REACH_KM = 1500.0  # distance that scores 0 when the demand names no maximum
TOP = 10


@dataclass
class Match:
    """A suggested pair, with why."""

    offer: str
    demand: str
    score: int
    """0 to 100: the weighted sum of the components (WEIGHTS)."""
    components: dict[str, float] = field(default_factory=dict)
    """Each component of the score, from 0 to 1."""
    reasons: list[Reason] = field(default_factory=list)
    """Why, for the people who follow the match up (written in words by catalogue/reasons.py)."""

    def as_dict(self) -> dict[str, Any]:
        return {"offer": self.offer, "demand": self.demand, "score": self.score,
                "components": {k: round(v, 3) for k, v in self.components.items()},
                "reasons": [r.as_dict() for r in self.reasons]}


def _accepted(offer: Listing, demand: Listing, reasons: list[Reason] | None) -> bool:
    """What the recipient accepts: waste code, hazard, origin, form, contaminants."""
    o, accepts = offer.meta, demand.accepts
    code = o.get("ewc")
    if accepts.get("ewc"):
        if code is not None and code not in accepts["ewc"]:
            return False
        if reasons is not None:
            reasons.append(reason("code_accepted", code=code) if code else
                           reason("code_missing"))
    if code and HAZARDOUS.get(code) and not accepts.get("hazardous"):
        return False
    if accepts.get("origins") and o["origin"] not in accepts["origins"]:
        return False
    if accepts.get("forms") and o["form"] not in accepts["forms"]:
        return False
    excluded = accepts.get("excluded_contaminants")
    return not (excluded and not offer.contaminants.isdisjoint(excluded))


def _purity(offer: Listing, demand: Listing, reasons: list[Reason] | None) -> float | None:
    """The best margin over the fibre streams the recipient takes; None: none is reached."""
    shares, wanted = offer.shares, demand.accepts.get("fibres")
    if not wanted:
        return 0.75
    if not shares:
        if reasons is not None:
            reasons.append(reason("composition_missing"))
        return 0.3
    best = None
    for want in wanted:
        share = shares.get(want["fibre"], 0.0)
        if share >= want["min_percent"] and (best is None or share - want["min_percent"] > best[0]):
            best = (share - want["min_percent"], want, share)
    if best is None:
        return None
    margin, want, share = best
    if reasons is not None:
        reasons.append(reason("fibre_share", fibre=want["fibre"], share=share,
                              min_percent=want["min_percent"]))
    return min(1.0, 0.5 + margin / 20)


def _crossing(offer: Listing, demand: Listing) -> Reason:
    return reason("crossing", origin=offer.country, destination=demand.country)


def _reach(offer: Listing, demand: Listing, reasons: list[Reason] | None) -> float | None:
    """How near the two are (0 to 1); None: outside the countries served or beyond reach."""
    served = demand.meta.get("countries")
    if served and offer.country not in served:
        return None
    limit = demand.meta.get("max_distance_km")
    crosses = offer.country != demand.country
    if not (offer.trig and demand.trig):
        if reasons is not None:
            if limit is not None:
                reasons.append(reason("distance_unknown"))
            if crosses:
                reasons.append(_crossing(offer, demand))
        return 0.5
    km = geo.trig_distance_km(offer.trig, demand.trig)
    if limit is not None and km > limit:
        return None
    if reasons is not None:
        reasons.append(reason("distance", km=round(km), limit=limit))
        if crosses:
            reasons.append(_crossing(offer, demand))
    return max(0.0, 1 - km / float(limit or DEFAULT_REACH_KM))


def fits_quantity(offer: Listing, demand: Listing) -> bool:
    """Whether the quantities can meet at all: a regular supply and intake by the month; a
    one-off lot must be at least the intake's minimum (a month's, or the one-off need's), a
    regular supply must fill a one-off need's minimum within a year, and the least handed over
    at a time no more than the most taken."""
    amount, min_lot = offer.tonnes
    low, high = demand.tonnes
    if min_lot > high:
        return False
    if offer.one_off or not demand.one_off:
        return amount >= low
    return amount * 12 >= low


def _quantity(offer: Listing, demand: Listing, reasons: list[Reason] | None) -> float | None:
    """How much of the offer the demand takes; None: they cannot meet (fits_quantity)."""
    if not fits_quantity(offer, demand):
        return None
    amount, _ = offer.tonnes
    low, high = demand.tonnes
    if reasons is not None:
        reasons.append(quantity_reason(offer, demand))
    if not offer.one_off and demand.one_off:
        return 1.0  # a regular supply fills a one-off need in time
    return 1.0 if amount <= high else max(0.2, high / amount)


def quantity_reason(offer: Listing, demand: Listing) -> Reason:
    """The quantities of a pair: a one-off lot is said to be one, never a flow. `once`: the
    offer is a one-off lot; `need_once`: the demand a one-off need; `high` None: no most."""
    amount, _ = offer.tonnes
    low, high = demand.tonnes
    sizes = {"amount": amount, "low": low, "high": None if high == math.inf else high,
             "once": offer.one_off, "need_once": demand.one_off}
    if not offer.one_off and demand.one_off:
        months = math.ceil(low / amount) if amount else 1  # no amount fits only no minimum
        return reason("quantity_fills", months=max(1, months), **sizes)
    if amount <= high:
        return reason("quantity_within", **sizes)
    if offer.one_off and not demand.one_off:
        return reason("quantity_lot_months", months=math.ceil(amount / high), **sizes)
    return reason("quantity_part", **sizes)


# The components of a score, in the order _components gives them, and their weights.
COMPONENTS = ("purity", "quantity", "distance", "completeness", "freshness")
_W = tuple(WEIGHTS[name] for name in COMPONENTS)


def _components(offer: Listing, demand: Listing, today: dt.date, valid: bool,
                reasons: list[Reason] | None) -> tuple[float, ...] | None:
    """The score's components of one pair (COMPONENTS), or None when a hard condition rules
    it out. reasons, if given, collects the reasons shown with a match. A tuple, not a dict:
    every candidate pair of the directory is scored."""
    if not valid and not (offer.valid_on(today) and demand.valid_on(today)):
        return None
    if not _accepted(offer, demand, reasons):
        return None
    purity = _purity(offer, demand, reasons)
    if purity is None:
        return None
    reach = _reach(offer, demand, reasons)
    if reach is None:
        return None
    quantity = _quantity(offer, demand, reasons)
    if quantity is None:
        return None
    return (purity, quantity, reach, (offer.completeness + demand.completeness) / 2,
            (offer.freshness(today) + demand.freshness(today)) / 2)


def _total(c: tuple[float, ...]) -> int:
    return round(_W[0] * c[0] + _W[1] * c[1] + _W[2] * c[2] + _W[3] * c[3] + _W[4] * c[4])


def score(offer: Listing, demand: Listing, today: dt.date, valid: bool = False) -> int | None:
    """The score of one pair (0 to 100), or None when a hard condition rules it out; matching
    every pair needs no more. valid=True: the caller has checked that both listings are open
    on the day."""
    components = _components(offer, demand, today, valid, None)
    return _total(components) if components is not None else None


def evaluate(offer: Listing, demand: Listing, today: dt.date) -> Match | None:
    """The Match of one pair, with its components and reasons (for the pairs that are shown),
    or None when a hard condition rules it out."""
    reasons: list[Reason] = []
    components = _components(offer, demand, today, False, reasons)
    if components is None:
        return None
    named = dict(zip(COMPONENTS, components, strict=True))
    return Match(offer.id, demand.id, _total(components), named, reasons)


ANY = "*"  # index key: any fibre (demands without fibre requirements)
UNKNOWN = "?"  # index key: offers whose composition is not given (not ruled out)


class OfferIndex:
    """The offers open on the day, indexed by what a demand must agree with: form, origin and
    fibre share. A demand's candidates are read from the keys it accepts, so an offer of
    another form, origin or fibre stream is never evaluated against it."""

    def __init__(self, offers: list[Listing], today: dt.date):
        self.offers = [o for o in offers if o.valid_on(today)]
        self.forms = sorted({o.meta["form"] for o in self.offers})
        self.origins = sorted({o.meta["origin"] for o in self.offers})
        # (country, form, origin, fibre) -> [(share, offer)], highest share first
        self.keys: dict[tuple[str, str, str, str], list[tuple[float, int]]] = defaultdict(list)
        # country -> the box (min lat, max lat, min lon, max lon) of its placed offers
        self.boxes: dict[str, list[float]] = {}
        self.countries: set[str] = set()
        for i, o in enumerate(self.offers):
            key = (o.country, o.meta["form"], o.meta["origin"])
            self.countries.add(o.country)
            self.keys[(*key, ANY)].append((100.0, i))
            if not o.shares:
                self.keys[(*key, UNKNOWN)].append((100.0, i))
            for fibre, share in o.shares.items():
                self.keys[(*key, fibre)].append((share, i))
            if o.point:
                b = self.boxes.setdefault(o.country, [90.0, -90.0, 180.0, -180.0])
                b[:] = [min(b[0], o.point[0]), max(b[1], o.point[0]),
                        min(b[2], o.point[1]), max(b[3], o.point[1])]
        for postings in self.keys.values():
            postings.sort(key=lambda p: (-p[0], p[1]))

    def reachable(self, demand: Listing, box: tuple[float, float, float, float] | None) -> set[str]:
        """The countries whose offers can be in reach of a demand."""
        countries = set(demand.meta.get("countries") or self.countries)
        if box is None:
            return countries
        return {c for c in countries if c not in self.boxes or (
            self.boxes[c][0] <= box[1] and self.boxes[c][1] >= box[0]
            and self.boxes[c][2] <= box[3] and self.boxes[c][3] >= box[2])}

    def candidates(self, demand: Listing,
                   box: tuple[float, float, float, float] | None = None) -> set[int]:
        accepts = demand.accepts
        forms = accepts.get("forms") or self.forms
        origins = accepts.get("origins") or self.origins
        wanted = [(w["fibre"], float(w["min_percent"])) for w in accepts.get("fibres") or []]
        streams = [*wanted, (UNKNOWN, 0.0)] if wanted else [(ANY, 0.0)]
        out: set[int] = set()
        for country in self.reachable(demand, box):
            for form in forms:
                for origin in origins:
                    for fibre, least in streams:
                        for share, i in self.keys.get((country, form, origin, fibre), ()):
                            if share < least:
                                break
                            out.add(i)
        return out


class Matches:
    """Ranked candidates of each listing, and how many pairs passed every hard condition.

    Components and reasons are made when a listing's candidates are first read (a page or the
    open data shows them), not for every pair."""

    def __init__(self, triples: list[tuple[str, str, int]], listings: dict[str, Listing],
                 today: dt.date, top: int = TOP):
        by_offer: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        by_demand: dict[str, list[tuple[str, str, int]]] = defaultdict(list)
        for t in triples:
            by_offer[t[0]].append(t)
            by_demand[t[1]].append(t)
        key = lambda t: (-t[2], t[0], t[1])  # noqa: E731
        self.top_of_offer = {k: heapq.nsmallest(top, v, key=key) for k, v in by_offer.items()}
        self.top_of_demand = {k: heapq.nsmallest(top, v, key=key) for k, v in by_demand.items()}
        self.surviving = len(triples)
        self._listings = listings
        self._today = today
        self._explained: dict[tuple[str, str], Match] = {}

    def _full(self, t: tuple[str, str, int]) -> Match:
        pair = (t[0], t[1])
        if pair not in self._explained:
            m = evaluate(self._listings[t[0]], self._listings[t[1]], self._today)
            assert m is not None and m.score == t[2]
            self._explained[pair] = m
        return self._explained[pair]

    def for_offer(self, offer_id: str) -> list[Match]:
        return [self._full(t) for t in self.top_of_offer.get(offer_id, [])]

    def for_demand(self, demand_id: str) -> list[Match]:
        return [self._full(t) for t in self.top_of_demand.get(demand_id, [])]

    def top_triples(self) -> list[tuple[str, str, int]]:
        pairs = {t for ts in (*self.top_of_offer.values(), *self.top_of_demand.values())
                 for t in ts}
        return sorted(pairs)

    def top_pairs(self) -> list[Match]:
        """The pairs that are in some listing's top list, ordered by offer and demand."""
        return [self._full(t) for t in self.top_triples()]


def _search_box(demand: Listing) -> tuple[float, float, float, float] | None:
    """A latitude/longitude box that holds every point within the demand's distance limit."""
    limit = demand.meta.get("max_distance_km")
    if limit is None or not demand.point:
        return None
    lat, lon = demand.point
    dlat = limit / 110.0 + 0.01
    dlon = limit / max(1.0, 110.0 * math.cos(math.radians(min(89.0, abs(lat) + dlat)))) + 0.01
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def score_pairs(index: OfferIndex, demands: list[Listing],
                today: dt.date) -> list[tuple[str, str, int]]:
    """(offer, demand, score) of every pair that passes the hard conditions, by blocking."""
    out = []
    for demand in demands:
        if not demand.valid_on(today):
            continue
        # Cheap tests first (country, the box, quantities); score() decides the rest.
        served = set(demand.meta.get("countries") or ())
        box = _search_box(demand)
        for i in index.candidates(demand, box):
            offer = index.offers[i]
            if served and offer.country not in served:
                continue
            if box and offer.point and not (box[0] <= offer.point[0] <= box[1]
                                            and box[2] <= offer.point[1] <= box[3]):
                continue
            if not fits_quantity(offer, demand):
                continue
            pair_score = score(offer, demand, today, valid=True)
            if pair_score is not None:
                out.append((offer.id, demand.id, pair_score))
    return out


PARALLEL_PAIRS = 2_000_000  # below this many possible pairs, one process is faster


def match_all(offers: list[Listing], demands: list[Listing], today: dt.date,
              workers: int | None = None) -> Matches:
    """Every listing's ranked candidates; large directories are scored on every core."""
    index = OfferIndex(offers, today)
    listings = {x.id: x for x in (*offers, *demands)}
    if len(index.offers) * len(demands) >= PARALLEL_PAIRS:
        triples = on_every_core(lambda part: score_pairs(index, part, today), demands, workers)
    else:
        triples = score_pairs(index, demands, today)
    return Matches(triples, listings, today)


def match_all_brute_force(offers: list[Listing], demands: list[Listing],
                          today: dt.date) -> Matches:
    """Every pair evaluated: the reference the fast path is tested against."""
    triples = [(o.id, d.id, s) for d in demands for o in offers
               if (s := score(o, d, today)) is not None]
    return Matches(triples, {x.id: x for x in (*offers, *demands)}, today)
