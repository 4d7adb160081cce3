"""A resource's page around its body: the metadata panel, the origin links, related resources,
backlinks and, for an offer or a demand, its candidate matches with their JSON-LD."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..catalogue import reasons
from ..catalogue.facets import naming
from ..catalogue.matchmaking import TOP
from ..catalogue.resources import Catalogue, Resource
from ..model.categories import CATEGORIES
from ..model.words import Words
from . import maps
from .fields import CardPresenter
from .kinds import search_url
from .structured import script, structured_data
from .translated import also_in

if TYPE_CHECKING:
    from .plan import SitePlan

BACKLINKS_SHOWN = 20
# The technologies an offer's page names (their number grows with the catalogue; the page must
# not): the newest first, the others counted.
TECHNOLOGIES_SHOWN = 10


def render_resource(plan: SitePlan, r: Resource, body_html: str, p: CardPresenter) -> str:
    """The content of a resource's page around its body (HTML already cleaned)."""
    return p.render(
        "resource.html",
        r=r,
        category=CATEGORIES[r.category],
        origin_links=p.origin_links(r),
        rows=p.rows(r),
        body=Markup(body_html),  # cleaned by render()
        related=plan.catalogue.related(r),
        backlinks=backlink_groups(plan.catalogue, r),
        matches=render_matches(plan, r, p) if CATEGORIES[r.category].listing else None,
        jsonld=script(structured_data(r, plan.catalogue, plan.directory)),
        languages=also_in(plan, r, p),
        ways=plan.ways_in,
    )

def render_matches(plan: SitePlan, r: Resource, p: CardPresenter) -> Markup:
    """An offer's candidate recipients and solutions, a demand's candidate offers."""
    d = plan.directory
    kind = CATEGORIES[r.category].listing
    w = p.words
    archived = archived_text(r, w) if d.archived(r.id) else ""
    ranked = (d.matches.for_offer(r.id) if kind == "offer" else d.matches.for_demand(r.id))
    candidates = [(plan.catalogue.by_id[m.demand if kind == "offer" else m.offer], m,
                   [reasons.text(why, w) for why in m.reasons]) for m in ranked[:TOP]]
    located = maps.listing_map(d, r, [other for other, _, _ in candidates], p.base, w) \
        if candidates and not archived else Markup("")
    technologies = d.technologies_for(r.id) if kind == "offer" and not archived else []
    return Markup(p.render(
        "matches.html", kind=kind, archived=archived, candidates=candidates, map=located,
        candidates_title=(w._("Candidate recipients") if kind == "offer"
                          else w._("Candidate offers")),
        technologies=technologies[:TECHNOLOGIES_SHOWN],
        more_technologies=max(0, len(technologies) - TECHNOLOGIES_SHOWN),
    ))

def archived_text(r: Resource, w: Words) -> str:
    """Why a listing is in the archive: its status, or the day it expired."""
    status = r.meta.get("status")
    if status == "reserved":
        return w._("This listing is reserved.")
    if status != "open":
        return w._("This listing is closed.")
    return w._("This listing expired on %(day)s.") % {"day": w.date(r.meta["valid_until"])}


def backlink_groups(catalogue: Catalogue, r: Resource) -> list[dict[str, Any]]:
    grouped: dict[str, dict[str, list[str]]] = {}
    naming_facet = naming(r.category)
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
        # All of them: the catalogue search, filtered by the resource (an organisation).
        more_url = search_url(naming_facet.key, r.id) if naming_facet else ""
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
