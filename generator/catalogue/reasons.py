"""Why a pair of listings fits, as data (a kind and its values), and in words in each language.

Matchmaking keeps its reasons as data so that a page writes them in its own language and open
data carries the values themselves; `text` writes one in a language's words (gettext sentences,
numbers and countries as the locale writes them, fibres in their official names).
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

from ..model.words import Words


class Reason(NamedTuple):
    """A kind (one of REASONS) and its values."""

    kind: str
    values: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.values}


def reason(kind: str, **values: Any) -> Reason:
    return Reason(kind, values)


def tonnes(value: float | None, w: Words) -> str:
    """Tonnes as the locale writes them: three significant figures under ten, whole above."""
    if value is None or value == math.inf:
        return "∞"
    return w.number(float(f"{value:.3g}") if value < 10 else round(value))


def _taken(v: dict[str, Any], w: Words) -> str:
    """What a demand takes: 'low–high' or '≥ low' (the unit is in the sentence)."""
    if v["high"] is None:
        return "≥ " + tonnes(v["low"], w)
    return f"{tonnes(v['low'], w)}–{tonnes(v['high'], w)}"


def _fibre_share(v: dict[str, Any], w: Words) -> str:
    return w._("%(fibre)s %(share)s %% ≥ %(min)s %% required") % {
        "fibre": w.fibre(v["fibre"]), "share": w.number(v["share"]),
        "min": w.number(v["min_percent"])}


def _distance(v: dict[str, Any], w: Words) -> str:
    if v["limit"] is None:
        return w._("%(km)s km") % {"km": w.number(v["km"])}
    return w._("%(km)s km (≤ %(limit)s km)") % {"km": w.number(v["km"]),
                                                "limit": w.number(round(v["limit"]))}


def _crossing(v: dict[str, Any], w: Words) -> str:
    return w._("from %(origin)s to %(destination)s: waste-shipment rules apply") % {
        "origin": w.country(v["origin"]), "destination": w.country(v["destination"])}


def _fills(v: dict[str, Any], w: Words) -> str:
    return w.ngettext(
        "%(amount)s t/month fills a one-off need of %(taken)s t in about %(num)s month",
        "%(amount)s t/month fills a one-off need of %(taken)s t in about %(num)s months",
        v["months"]) % {"amount": tonnes(v["amount"], w), "taken": _taken(v, w),
                        "num": w.number(v["months"])}


def _within(v: dict[str, Any], w: Words) -> str:
    if v["once"] and v["need_once"]:
        sentence = w._("a one-off lot of %(amount)s t within a one-off need of %(taken)s t")
    elif v["once"]:
        sentence = w._("a one-off lot of %(amount)s t within %(taken)s t/month")
    else:
        sentence = w._("%(amount)s t/month within %(taken)s t/month")
    return sentence % {"amount": tonnes(v["amount"], w), "taken": _taken(v, w)}


def _lot_months(v: dict[str, Any], w: Words) -> str:
    return w.ngettext(
        "a one-off lot of %(amount)s t: about %(num)s month of the %(high)s t/month taken",
        "a one-off lot of %(amount)s t: about %(num)s months of the %(high)s t/month taken",
        v["months"]) % {"amount": tonnes(v["amount"], w), "num": w.number(v["months"]),
                        "high": tonnes(v["high"], w)}


def _part(v: dict[str, Any], w: Words) -> str:
    if v["once"]:
        sentence = w._("a one-off lot of %(amount)s t, more than the %(high)s t taken: "
                       "a part can go here")
    else:
        sentence = w._("%(amount)s t/month, more than the %(high)s t/month taken: "
                       "a part can go here")
    return sentence % {"amount": tonnes(v["amount"], w), "high": tonnes(v["high"], w)}


REASONS = {
    "code_accepted": lambda v, w: w._("waste code %(code)s accepted") % {"code": v["code"]},
    "code_missing": lambda v, w: w._("waste code not given: check it with the producer"),
    "composition_missing": lambda v, w: w._("composition not given: ask the producer"),
    "fibre_share": _fibre_share,
    "distance_unknown": lambda v, w: w._("distance unknown: a listing has no place"),
    "distance": _distance,
    "crossing": _crossing,
    "quantity_fills": _fills,
    "quantity_within": _within,
    "quantity_lot_months": _lot_months,
    "quantity_part": _part,
}


def text(r: Reason, w: Words) -> str:
    """One reason in the words of w's language."""
    return REASONS[r.kind](r.values, w)
