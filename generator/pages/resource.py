"""A resource's page around its body: the metadata panel, the origin links, related resources,
backlinks and, for an offer or a demand, its candidate matches with their JSON-LD."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..catalogue.matchmaking import TOP
from ..catalogue.resources import Catalogue, Resource
from ..model.categories import CATEGORIES
from .fields import CardPresenter
from .kinds import search_url
from .render import render

if TYPE_CHECKING:
    from .plan import SitePlan

BACKLINKS_SHOWN = 20


def jsonld_script(data: dict[str, Any]) -> Markup:
    """JSON-LD that no text can break out of: '<', '>' and '&' are escaped in the JSON."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))


def render_resource(plan: SitePlan, r: Resource, body_html: str, p: CardPresenter) -> str:
    """The content of a resource's page around its body (HTML already cleaned)."""
    return render(
        "resource.html",
        r=r,
        p=p,
        category=CATEGORIES[r.category],
        origin_links=p.origin_links(r),
        rows=p.rows(r),
        body=Markup(body_html),  # cleaned by render()
        related=plan.catalogue.related(r),
        backlinks=backlink_groups(plan.catalogue, r),
        matches=render_matches(plan, r, p) if CATEGORIES[r.category].listing else None,
    )

def render_matches(plan: SitePlan, r: Resource, p: CardPresenter) -> Markup:
    """An offer's candidate recipients and solutions, a demand's candidate offers."""
    d = plan.directory
    kind = CATEGORIES[r.category].listing
    archived = ""
    if d.archived(r.id):
        status = r.meta.get("status")
        archived = (f"This listing is {status}." if status != "open" else
                    f"This listing expired on {r.meta['valid_until']}.")
    ranked = (d.matches.for_offer(r.id) if kind == "offer" else d.matches.for_demand(r.id))
    candidates = [(plan.catalogue.by_id[m.demand if kind == "offer" else m.offer], m)
                  for m in ranked[:TOP]]
    return Markup(render(
        "matches.html", p=p, kind=kind, archived=archived, candidates=candidates,
        candidates_title=("Candidate recipients" if kind == "offer" else "Candidate offers"),
        technologies=d.technologies_for(r.id) if kind == "offer" and not archived else [],
        jsonld=jsonld_script(jsonld(plan.catalogue, r, kind)),
    ))

def jsonld(catalogue: Catalogue, r: Resource, kind: str) -> dict[str, Any]:
    """schema.org Offer or Demand of a listing."""
    m = r.meta
    q = m["quantity"]
    unit = {"t": "TNE", "kg": "KGM"}[q["unit"]]
    quantity: dict[str, Any] = {"@type": "QuantitativeValue", "unitCode": unit,
                                "unitText": f"{q['unit']} {q['per']}"}
    for key, name in (("amount", "value"), ("min", "minValue"), ("max", "maxValue")):
        if key in q:
            quantity[name] = q[key]
    materials = [x["fibre"] for x in m.get("composition", [])] or [
        x["fibre"] for x in (m.get("accepts", {}) or {}).get("fibres", [])]
    org = catalogue.get(r.refs["organisation"][0]) if r.refs.get("organisation") else None
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Offer" if kind == "offer" else "Demand",
        "name": r.title,
        "description": r.summary,
        "validThrough": m["valid_until"],
        "availability": "https://schema.org/InStock" if m["status"] == "open"
        else "https://schema.org/SoldOut",
        "eligibleQuantity": quantity,
        "itemOffered": {"@type": "Product", "name": r.title,
                        "material": ", ".join(materials) or None,
                        "category": m.get("form") or ", ".join(
                            (m.get("accepts", {}) or {}).get("forms", []))},
        "areaServed": m.get("countries") or [m["location"]["country"]],
    }
    if org:
        data["seller" if kind == "offer" else "buyer"] = {
            "@type": "Organization", "name": org.title, "url": org.meta.get("website")}
    return data

def backlink_groups(catalogue: Catalogue, r: Resource) -> list[dict[str, Any]]:
    grouped: dict[str, dict[str, list[str]]] = {}
    for other, field in catalogue.backlinks.get(r.id, []):
        grouped.setdefault(other.category, {}).setdefault(other.id, []).append(field)
    groups = []
    for key in CATEGORIES:
        if key not in grouped:
            continue
        entries = grouped[key]
        items = [
            (catalogue.by_id[rid], ", ".join(f.replace("_", " ") for f in fields))
            for rid, fields in list(entries.items())[:BACKLINKS_SHOWN]
        ]
        # All of them: the catalogue search, filtered by the organisation.
        more_url = (search_url("organisation", r.id)
                    if r.category == "organisations" else "")
        groups.append(
            {
                "key": key,
                "title": CATEGORIES[key].title,
                "entries": items,
                "total": len(entries),
                "more": len(entries) > BACKLINKS_SHOWN and bool(more_url),
                "more_url": more_url,
            }
        )
    return groups
