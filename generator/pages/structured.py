"""Structured data (schema.org JSON-LD) of every resource page, as search engines read it.

Each category names its schema.org type (Category.schema_type); what goes into it comes from
the resource's fields, the properties being the type's own (tests/test_structured_data.py checks
every one against the schema.org vocabulary). Nothing unknown is written as null: a property
without a value is left out.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from ..catalogue.directory import Directory
from ..catalogue.resources import Catalogue, Resource
from ..model.categories import CATEGORIES
from ..model.vocab import vocabularies
from .markdown import relative_url

Data = dict[str, Any]
LEGAL_FORCE = {"in-force": "https://schema.org/InForce",
               "repealed": "https://schema.org/NotInForce"}
UNIT_CODES = {"t": "TNE", "kg": "KGM"}  # UN/CEFACT common codes


def script(data: Data) -> Markup:
    """JSON-LD that no text can break out of: '<', '>' and '&' are escaped in the JSON."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup('<script type="application/ld+json">{}</script>').format(Markup(text))


def pruned(data: Data) -> Data:
    """Without empty values (None, '', [], {}), nested objects included."""
    out: Data = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = pruned(value)
            if set(value) <= {"@type"}:
                continue
        elif isinstance(value, list):
            value = [pruned(v) if isinstance(v, dict) else v for v in value]
            value = [v for v in value if v not in (None, "", {})]
        if value not in (None, "", [], {}):
            out[key] = value
    return out


def organisation(catalogue: Catalogue, rid: str | None, name: str | None = None,
                 url: str | None = None) -> Data | None:
    """An Organization from a reference, or from a name and a URL given instead."""
    org = catalogue.get(rid) if rid else None
    if org is not None:
        return {"@type": "Organization", "name": org.title, "url": org.meta.get("website")}
    if name:
        return {"@type": "Organization", "name": name, "url": url}
    return None


def first_ref(r: Resource, field: str) -> str | None:
    return r.refs[field][0] if r.refs.get(field) else None


def country_name(code: str) -> str:
    return vocabularies().country_name(code)


def work(r: Resource) -> Data:
    """What every CreativeWork says."""
    return {"headline": r.title, "datePublished": r.date, "inLanguage": r.meta.get("language"),
            "dateModified": str(r.meta["updated"]) if r.meta.get("updated") else None,
            "keywords": [vocabularies().topic_label(t) for t in r.meta.get("tags", [])],
            "url": r.meta.get("source_url")}


def pilot_case(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    return {**work(r), "about": [{"@type": "Organization", "name": o.title}
                                 for o in (catalogue.get(x) for x in r.refs.get("organisations",
                                                                                []))
                                 if o is not None]}


def technology(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    m = r.meta
    return {"manufacturer": organisation(catalogue, first_ref(r, "developer"),
                                         m.get("developer_name"), m.get("developer_url")),
            "url": m.get("source_url") or m.get("developer_url"),
            "category": "Textile recycling technology"}


def legislation(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    m = r.meta
    source = m.get("source_url", "")
    return {**work(r), "legislationIdentifier": m.get("identifier"),
            "legislationType": m.get("instrument"),
            "legislationJurisdiction": country_name(m["jurisdiction"]),
            "legislationLegalForce": LEGAL_FORCE.get(m.get("status", "")),
            "sameAs": source if "/eli/" in source else None}


def course(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    m = r.meta
    hours = m.get("duration_hours")
    return {"name": r.title,
            "provider": organisation(catalogue, first_ref(r, "provider"), m.get("provider_name"),
                                     m.get("provider_url")),
            "url": m.get("source_url") or m.get("provider_url"),
            "educationalLevel": m.get("level"),
            "timeRequired": f"PT{hours:g}H" if isinstance(hours, (int, float)) else None,
            "teaches": m.get("learning_outcomes"), "datePublished": r.date,
            "inLanguage": m.get("language")}


def research(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    m = r.meta
    doi = m.get("doi")
    return {**work(r),
            "creator": [{"@type": "Organization", "name": c["name"], "url": c.get("url")}
                        for c in m.get("creators", [])],
            "identifier": {"@type": "PropertyValue", "propertyID": "DOI", "value": doi}
            if doi else None,
            "sameAs": f"https://doi.org/{doi}" if doi else None}


def newsletter(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    return {"name": r.title, "datePublished": r.date, "issueNumber": r.meta.get("issue"),
            "inLanguage": r.meta.get("language"),
            "url": r.meta.get("source_url"),
            "publisher": organisation(catalogue, first_ref(r, "publisher"))}


def working_group(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    m = r.meta
    return {"name": r.title, "url": m.get("forum_url"),
            "member": [organisation(catalogue, x) for x in r.refs.get("members", [])],
            "event": [{"@type": "Event", "name": e.get("what") or r.title,
                       "startDate": e.get("date"), "url": e.get("notes_url")}
                      for e in m.get("meetings", []) or [] if isinstance(e, dict)]}


def organisation_data(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    m = r.meta
    return {"name": r.title, "url": m.get("website"),
            "address": {"@type": "PostalAddress", "addressCountry": m.get("country"),
                        "addressLocality": m.get("city"), "addressRegion": m.get("region")}}


def listing(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    """An Offer or a Demand: no longer available once it is closed or past valid_until."""
    m = r.meta
    q = m["quantity"]
    quantity = {"@type": "QuantitativeValue", "unitCode": UNIT_CODES[q["unit"]],
                "unitText": f"{q['unit']} {q['per']}", "value": q.get("amount"),
                "minValue": q.get("min"), "maxValue": q.get("max")}
    accepts = m.get("accepts", {}) or {}
    materials = ([x["fibre"] for x in m.get("composition", []) or []]
                 or [x["fibre"] for x in accepts.get("fibres", []) or []])
    archived = directory.archived(r.id)
    data: Data = {
        "name": r.title, "validThrough": m["valid_until"],
        "availability": "https://schema.org/Discontinued" if archived
        else "https://schema.org/InStock",
        "eligibleQuantity": quantity,
        "itemOffered": {"@type": "Product", "name": r.title, "material": ", ".join(materials),
                        "category": m.get("form") or ", ".join(accepts.get("forms", []))},
        "areaServed": [country_name(c) for c in
                       (m.get("countries") or [m["location"]["country"]])],
    }
    if CATEGORIES[r.category].listing == "offer":
        data["seller"] = organisation(catalogue, first_ref(r, "organisation"))
    else:  # schema.org's Demand names no buyer: what it seeks is to buy
        data["businessFunction"] = "http://purl.org/goodrelations/v1#Buy"
    return data


def communication(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    v = vocabularies()
    return {**work(r), "url": r.meta.get("activity_url"),
            "author": organisation(catalogue, first_ref(r, "partner")),
            "audience": [{"@type": "Audience", "audienceType": v.stakeholders.get(s, s)}
                         for s in r.meta.get("stakeholders", [])]}


BUILDERS: dict[str, Callable[[Resource, Catalogue, Directory], Data]] = {
    "pilot-cases": pilot_case, "technologies": technology, "legislation": legislation,
    "training": course, "research": research, "newsletters": newsletter,
    "working-groups": working_group, "offers": listing, "demands": listing,
    "organisations": organisation_data, "communication": communication,
}


def creative_work(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    """A category without a builder of its own: what every CreativeWork says."""
    return work(r)


def structured_data(r: Resource, catalogue: Catalogue, directory: Directory) -> Data:
    """The JSON-LD of one resource's page (a new category's: its type and a CreativeWork's
    properties, until it has a builder here)."""
    data = {"@context": "https://schema.org", "@type": CATEGORIES[r.category].schema_type,
            "name": r.title, "description": r.summary,
            **BUILDERS.get(r.category, creative_work)(r, catalogue, directory),
            **translations(r, catalogue)}
    return pruned(data)


def translations(r: Resource, catalogue: Catalogue) -> Data:
    """A translation names its original (translationOfWork) and who translated it; an
    original its translations (workTranslation); addresses relative to the page."""
    versions = catalogue.versions(r)
    if len(versions) < 2:
        return {}

    def named(v: Resource) -> Data:
        return {"@type": "CreativeWork", "name": v.title, "inLanguage": v.meta.get("language"),
                "url": relative_url(v.url, r.url)}

    if r.lang:
        return {"inLanguage": r.lang, "translationOfWork": named(versions[0]),
                "translator": r.translation.get("translator")}
    return {"workTranslation": [named(v) for v in versions[1:]]}
