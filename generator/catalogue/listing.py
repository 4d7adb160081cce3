"""A listing, as matching reads it: an offer or a demand of the M3P directory, reduced to its
place, quantities (tonnes per month for a regular supply or intake; tonnes for a one-off lot or
need), fibre shares and accepted streams."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import geo

# A regular quantity's period in months; ONE_OFF is a lot (or a need) that comes once: a lot is
# not a flow, so it is never turned into tonnes per month.
PERIOD_MONTHS = {"week": 12 / 52, "month": 1.0, "year": 12.0}
ONE_OFF = "once"
UNIT_TONNES = {"kg": 0.001, "t": 1.0}
# The optional data whose presence the score rewards (Listing.completeness).
OFFER_FIELDS = ("ewc", "composition", "colour", "construction", "contaminants", "min_lot",
                "logistics", "legal_status")
DEMAND_FIELDS = ("max_distance_km", "technologies", "application")


@dataclass
class Listing:
    """An offer or a demand, reduced to what matching needs."""

    id: str
    kind: str
    """offer or demand (Category.listing)."""
    meta: dict[str, Any]
    """The resource's front matter."""
    point: tuple[float, float] | None = None
    """(latitude, longitude): given, or placed from the city; None when unknown."""
    country: str = ""
    date: str = ""
    """When it was published (its freshness counts in the score)."""

    @property
    def open(self) -> bool:
        return self.meta.get("status") == "open"

    def valid_on(self, today: dt.date) -> bool:
        return self.open and str(self.meta.get("valid_until", "")) >= today.isoformat()

    # Figures computed once per listing, not once per pair.
    @cached_property
    def shares(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for part in self.meta.get("composition", []) or []:
            out[part["fibre"]] = out.get(part["fibre"], 0) + float(part["percent"])
        return out

    @cached_property
    def accepts(self) -> dict[str, Any]:
        return self.meta.get("accepts", {}) or {}

    @property
    def one_off(self) -> bool:
        """A lot offered once, or a need met once: its tonnes are a total, not per month."""
        return self.meta["quantity"]["per"] == ONE_OFF

    @cached_property
    def tonnes(self) -> tuple[float, float]:
        """An offer's (amount, min lot), a demand's (min, max): tonnes per month, or tonnes for
        a one-off lot or need. A min lot is tonnes (the least handed over at a time)."""
        q = self.meta["quantity"]
        per = q["per"]
        if self.kind == "offer":
            lot = self.meta.get("min_lot")
            return (in_tonnes(q["amount"], q["unit"], per),
                    in_tonnes(lot["amount"], lot["unit"], ONE_OFF) if lot else 0.0)
        low = in_tonnes(q.get("min", 0), q["unit"], per)
        high = in_tonnes(q["max"], q["unit"], per) if "max" in q else math.inf
        return low, high

    @cached_property
    def completeness(self) -> float:
        """Share of the optional data the listing gives (the score rewards complete data)."""
        fields = OFFER_FIELDS if self.kind == "offer" else DEMAND_FIELDS
        have = sum(1 for f in fields if self.meta.get(f) not in (None, "", [], {}))
        have += 1 if self.point else 0
        if self.kind == "demand":
            have += sum(1 for f in ("ewc", "forms", "fibres") if self.accepts.get(f))
            return have / (len(fields) + 3 + 1)
        return have / (len(fields) + 1)

    @cached_property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.date)

    def freshness(self, today: dt.date) -> float:
        cached = self.__dict__.get("_fresh")
        if cached is None or cached[0] != today:
            cached = (today, max(0.0, 1 - max(0, (today - self.day).days) / 365))
            self.__dict__["_fresh"] = cached
        return cached[1]

    @cached_property
    def trig(self) -> geo.Trig | None:
        return geo.trig_of(self.point) if self.point is not None else None

    @cached_property
    def contaminants(self) -> frozenset[str]:
        return frozenset(self.meta.get("contaminants", []) or ())


def in_tonnes(amount: float, unit: str, per: str) -> float:
    """Tonnes per month of a regular quantity; tonnes of a one-off one."""
    tonnes = amount * UNIT_TONNES[unit]
    return tonnes if per == ONE_OFF else tonnes / PERIOD_MONTHS[per]


def listing_terms(kind: str, meta: dict[str, Any]) -> dict[str, list[str]]:
    """The values a listing is filtered and followed by: the directory's filters, its open data
    and its alert feeds read them here. An offer has its own; a demand those it accepts."""
    accepts = meta.get("accepts") or {}
    if kind == "offer":
        return {"origins": [meta["origin"]], "forms": [meta["form"]],
                "ewc": [meta["ewc"]] if meta.get("ewc") else [],
                "materials": [p["fibre"] for p in meta.get("composition", []) or []],
                "country": [str((meta.get("location") or {}).get("country", ""))]}
    return {"origins": list(accepts.get("origins", [])), "forms": list(accepts.get("forms", [])),
            "ewc": list(accepts.get("ewc", [])),
            "materials": [f["fibre"] for f in accepts.get("fibres", []) or []],
            "country": [str((meta.get("location") or {}).get("country", ""))]}
