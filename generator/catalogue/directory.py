"""The M3P directory: offers and demands of the catalogue as listings, with their matches and
the technologies that can process each offer."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property

from ..model.categories import CATEGORIES, DEMANDS, LISTING_CATEGORIES, OFFERS
from . import geo
from .listing import Listing
from .matchmaking import Matches, match_all
from .resources import Catalogue, Resource


def day_of(epoch: int | None) -> dt.date:
    """The day (UTC) of a build's epoch, today without one."""
    if epoch is None:
        return dt.date.today()
    return dt.datetime.fromtimestamp(epoch, dt.timezone.utc).date()


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH, which the plugin sets from the last commit (two builds of one commit
    are the same), if it is set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return int(epoch) if epoch.isdigit() else None


def build_day() -> dt.date:
    """The day listings are judged on by the commands run outside a build."""
    return day_of(source_date_epoch())


def start_of_today() -> int:
    """Midnight (UTC) of today, as an epoch."""
    today = dt.datetime.now(dt.timezone.utc).date()
    return int(dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc).timestamp())


def point_of(meta: dict) -> tuple[float, float] | None:
    loc = meta.get("location", {}) or {}
    if "lat" in loc and "lon" in loc:
        return float(loc["lat"]), float(loc["lon"])
    if loc.get("city"):
        return geo.locate(loc["country"], loc["city"])
    return None


def to_listing(r: Resource) -> Listing:
    kind = CATEGORIES[r.category].listing
    loc = r.meta.get("location", {}) or {}
    return Listing(r.id, kind, r.meta, point_of(r.meta), str(loc.get("country", "")), r.date)


def accepts_kind(tech: Resource, origin: str, form: str) -> bool:
    """Whether a technology's `accepts` takes waste of this origin and form (a technology
    without `accepts` takes nothing)."""
    accepts = tech.meta.get("accepts")
    if not accepts:
        return False
    if accepts.get("origins") and origin not in accepts["origins"]:
        return False
    return not (accepts.get("forms") and form not in accepts["forms"])


def accepts_materials(tech: Resource, offer: Listing) -> bool:
    """Whether enough of the offer is made of the materials the technology takes."""
    materials = tech.meta["accepts"].get("materials")
    if not materials:
        return True
    shares = offer.shares
    if not shares:
        return False
    share = sum(p for fibre, p in shares.items() if fibre in materials)
    return share >= tech.meta["accepts"].get("min_share", 50)


@dataclass
class Directory:
    catalogue: Catalogue
    today: dt.date

    def __post_init__(self) -> None:
        # The city tables of every country a listing is in, in one read of GeoNames.
        geo.prepare(str((r.meta.get("location") or {}).get("country", ""))
                    for category in LISTING_CATEGORIES
                    for r in self.catalogue.by_category.get(category, []))

    @cached_property
    def offers(self) -> list[Listing]:
        return [to_listing(r) for r in self.catalogue.by_category.get(OFFERS, [])]

    @cached_property
    def demands(self) -> list[Listing]:
        return [to_listing(r) for r in self.catalogue.by_category.get(DEMANDS, [])]

    @cached_property
    def by_id(self) -> dict[str, Listing]:
        return {x.id: x for x in (*self.offers, *self.demands)}

    @cached_property
    def matches(self) -> Matches:
        return match_all(self.offers, self.demands, self.today)

    def archived(self, rid: str) -> bool:
        listing = self.by_id.get(rid)
        return listing is not None and not listing.valid_on(self.today)

    @cached_property
    def _taking(self) -> dict[tuple[str, str], list[Resource]]:
        """(origin, form) -> the technologies that take it, filled as offers ask: at 10,000
        resources every offer's page scanned every technology (0.8 s)."""
        return {}

    def technologies_for(self, offer_id: str) -> list[Resource]:
        """The technologies whose `accepts` covers the offer: its origin, its form and enough
        of its materials (a technology without `accepts` covers nothing)."""
        offer = self.by_id[offer_id]
        kind = (offer.meta["origin"], offer.meta["form"])
        if kind not in self._taking:
            self._taking[kind] = [t for t in self.catalogue.by_category.get("technologies", [])
                                  if accepts_kind(t, *kind)]
        return [t for t in self._taking[kind] if accepts_materials(t, offer)]
