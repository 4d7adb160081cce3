"""Open data of the M3P directory: listings (JSON, CSV) and suggested matches (JSON).

Ids are the resources' ids, stable as long as a file keeps its name.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from ..catalogue.directory import Directory
from ..catalogue.facets import TAXONOMIES
from ..catalogue.listing import listing_terms
from ..catalogue.reasons import text
from ..catalogue.resources import Catalogue, Resource
from ..model.categories import CATEGORIES, LISTING_CATEGORIES
from ..model.vocab import vocabularies
from ..model.words import Words, words

# A cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): its text is given a
# leading apostrophe, which spreadsheets show as text and do not evaluate.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

CSV_FIELDS = ("id", "kind", "title", "status", "archived", "valid_until", "date",
              "organisation", "country", "city", "lat", "lon", "origins", "forms", "ewc",
              "materials", "t_per_month_min", "t_per_month_max", "t_once_min", "t_once_max",
              "process", "url", "example")


def listing_record(r: Resource, d: Directory) -> dict[str, Any]:
    m = r.meta
    listing = d.by_id[r.id]
    org = d.catalogue.get(r.refs["organisation"][0]) if r.refs.get("organisation") else None
    # (low, high) tonnes: an offer's amount twice, a demand's range; per month for a regular
    # supply or intake (t_per_month_*), a total for a one-off lot or need (t_once_*).
    low, high = (listing.tonnes[0],) * 2 if listing.kind == "offer" else listing.tonnes
    flow = {"min": round(low, 4), "max": None if math.isinf(high) else round(high, 4)}
    empty = {"min": None, "max": None}
    monthly, once = (empty, flow) if listing.one_off else (flow, empty)
    kind = CATEGORIES[r.category].listing
    terms = listing_terms(kind, m)
    return {
        "id": r.id,
        "kind": kind,
        "title": r.title,
        "status": m["status"],
        "archived": d.archived(r.id),
        "valid_until": m["valid_until"],
        "date": r.date,
        "organisation": org.title if org else None,
        "country": listing.country,
        "city": (m.get("location", {}) or {}).get("city"),
        "lat": round(listing.point[0], 5) if listing.point else None,
        "lon": round(listing.point[1], 5) if listing.point else None,
        "origins": terms["origins"],
        "forms": terms["forms"],
        "ewc": terms["ewc"],
        "materials": terms["materials"],
        "t_per_month_min": monthly["min"],
        "t_per_month_max": monthly["max"],
        "t_once_min": once["min"],
        "t_once_max": once["max"],
        "process": m.get("process"),
        "url": r.url,
        "example": r.is_example,
    }


def listing_records(d: Directory) -> list[dict[str, Any]]:
    resources = [r for category in LISTING_CATEGORIES
                 for r in d.catalogue.by_category.get(category, [])]
    return [listing_record(r, d) for r in sorted(resources, key=lambda r: r.id)]


def listings_json(records: list[dict[str, Any]], d: Directory) -> str:
    return json.dumps({"judged_on": d.today.isoformat(), "listings": records},
                      ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def csv_cell(value: Any) -> Any:
    """A value as a CSV cell: lists joined by ';', nothing as '', text never a formula
    (numbers stay numbers: a negative longitude is no formula)."""
    if isinstance(value, list):
        value = ";".join(map(str, value))
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def listings_csv(records: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    # Every text cell quoted, as OWASP recommends beside the apostrophe.
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n",
                            quoting=csv.QUOTE_NONNUMERIC)
    writer.writeheader()
    for rec in records:
        writer.writerow({k: csv_cell(v) for k, v in rec.items()})
    return out.getvalue()


def matches_json(d: Directory) -> str:
    examples = {r.id for r in d.catalogue.by_id.values() if r.is_example}
    english = words()
    # Each reason as data (its kind and values) and in English words.
    pairs = [{**m.as_dict(), "reasons": [{**r.as_dict(), "text": text(r, english)}
                                         for r in m.reasons],
              "offer_example": m.offer in examples, "demand_example": m.demand in examples}
             for m in d.matches.top_pairs()]
    return json.dumps({"judged_on": d.today.isoformat(), "surviving_pairs": d.matches.surviving,
                       "matches": pairs},
                      ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def resources_json(catalogue: Catalogue) -> str:
    """Every published resource, one record each (the catalogue's open data)."""
    records = []
    for r in sorted(catalogue.by_id.values(), key=lambda r: r.id):
        m = r.meta
        records.append({
            "id": r.id, "category": r.category, "title": r.title, "summary": r.summary,
            "date": r.date, "language": m.get("language"), "url": r.url,
            "countries": TAXONOMIES["countries"].values(r),
            "materials": list(m.get("materials", [])), "topics": list(m.get("tags", [])),
            "organisations": TAXONOMIES["organisations"].values(r),
            "example": r.is_example,
            "translations": [{"language": t.lang, "url": t.url, "title": t.title,
                              "summary": t.summary, **t.translation}
                             for t in catalogue.versions(r)[1:]],
        })
    return json.dumps({"resources": records}, ensure_ascii=False, indent=1,
                      allow_nan=False) + "\n"


def tonnes(t: float, w: Words) -> str:
    """Tonnes as the directory shows them: whole above 10, three significant digits below
    (directory.js writes them the same way)."""
    return w.number(round(t)) if t >= 10 else w.number(float(f"{t:.3g}"))


def listing_facts(record: dict[str, Any], w: Words) -> list[str]:
    """The facts of a listing's line in the directory: who, where, what, how much, until
    (directory.js: facts, for the listings it shows)."""
    once = record["t_once_min"] is not None  # a one-off lot or need: tonnes, not a flow
    low, high = ((record["t_once_min"], record["t_once_max"]) if once
                 else (record["t_per_month_min"], record["t_per_month_max"]))
    amount = (tonnes(low, w) if record["kind"] == "offer" else
              f"{tonnes(low, w)}–{'…' if high is None else tonnes(high, w)}")
    quantity = (w._("%(amount)s t, once") if once else w._("%(amount)s t/month")) % {
        "amount": amount}
    place = ", ".join(x for x in (record["city"], w.country(record["country"])) if x)
    facts = [record["organisation"], place, ", ".join(w.fibre(m) for m in record["materials"]),
             quantity, w._("valid until %(date)s") % {"date": record["valid_until"]}]
    return [fact for fact in facts if fact]


def directory_labels(records: list[dict[str, Any]], w: Words) -> dict[str, dict[str, str]]:
    """The words of the directory's filters' values, in a language."""
    v = vocabularies()
    return {
        "kind": {"offer": w._("Offer"), "demand": w._("Demand")},
        "supply": {"regular": w._("Regular (per week, month or year)"),
                   "once": w._("Once (a one-off lot or need)")},
        "country": {r["country"]: w.country(r["country"]) for r in records},
        "material": {m: w.fibre(m) for r in records for m in r["materials"]},
        "form": {k: w.form(k) for k in v.forms},
        "origin": {k: w.origin(k) for k in v.origins},
        "ewc": {code: f"{code} – {w.waste_code(code)}" for code in v.waste_codes},
    }


def directory_script(records: list[dict[str, Any]],
                     places: dict[str, list[float]] | None = None) -> str:
    """The directory page's data: every listing, where the open ones are on the page's map
    (`at`, in map units: the page draws them without projecting), and the labels of its
    filters (in English: a page in another language carries its own, pages/kinds.py)."""
    places = places or {}
    labels = directory_labels(records, words())
    listed = [{**r, "at": places.get(r["id"])}
              if not r["archived"] else r for r in records]
    directory = json.dumps({"listings": listed, "labels": labels}, ensure_ascii=False,
                           allow_nan=False)
    directory = directory.replace("<", "\\u003c")
    return f"window.VC_DIRECTORY={directory};\n"
