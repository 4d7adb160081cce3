"""A listing, as matching reads it: an offer or a demand of the M3P directory, reduced to its
place, quantities (in tonnes per month), fibre shares and accepted streams."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import geo

PERIOD_MONTHS = {"once": 1.0, "week": 12 / 52, "month": 1.0, "year": 12.0}
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

    @cached_property
    def tonnes(self) -> tuple[float, float]:
        """Tonnes per month: an offer's (amount, min lot), a demand's (min, max)."""
        q = self.meta["quantity"]
        if self.kind == "offer":
            lot = self.meta.get("min_lot")
            return (tonnes_per_month(q["amount"], q["unit"], q["per"]),
                    tonnes_per_month(lot["amount"], lot["unit"], "month") if lot else 0.0)
        low = tonnes_per_month(q.get("min", 0), q["unit"], q["per"])
        high = tonnes_per_month(q["max"], q["unit"], q["per"]) if "max" in q else math.inf
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


def tonnes_per_month(amount: float, unit: str, per: str) -> float:
    return amount * UNIT_TONNES[unit] / PERIOD_MONTHS[per]


def fmt_t(value: float) -> str:
    return f"{value:.3g}" if value < 10 else f"{value:,.0f}"




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
