"""The contributor reference of fields, generated from the JSON Schemas: every category, every
field, required or not, type, allowed values with their meaning, an example."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..model import schemas
from ..model.categories import CATEGORIES
from ..model.languages import N_
from ..model.vocab import vocabularies
from ..model.words import Words


def type_name(kind: str, default: str, w: Words) -> str:
    return w._(schemas.JSON_TYPES[kind].name if kind in schemas.JSON_TYPES else default)


@dataclass(frozen=True)
class FieldDoc:
    name: str
    required: bool
    type: str
    description: str
    allowed: list[tuple[str, str]]  # value, meaning
    allowed_note: str
    example: str
    refers_to: str


def meanings(name: str, w: Words) -> dict[str, str]:
    """What the values of a vocabulary mean, where the data says it, in a page's words."""
    v = vocabularies()
    hazardous = " (" + w._("hazardous") + ")"
    return {
        "fibre": {f: w.fibre(f) for f in v.fibres}
        | {a: w.fibre(c) for a, c in v.fibre_aliases.items()},
        "topic": {k: w.topic_description(k) for k in v.topics},
        "ewc": {k: w.waste_code(k) + (hazardous if e["hazardous"] else "")
                for k, e in v.waste_codes.items()},
        "origin": {k: w.origin(k) for k in v.origins}, "form": {k: w.form(k) for k in v.forms},
        "process": {k: w.process(k) for k in v.processes},
        "trl": {str(k): w.trl(k) for k in v.trl},
    }.get(name, {})


def _vocab_name(prop: dict[str, Any]) -> str | None:
    ref = prop.get("$ref") or prop.get("items", {}).get("$ref", "")
    return ref.rsplit("/", 1)[1] if ref.startswith("vocab.schema.json") else None


def describe_type(prop: dict[str, Any], w: Words) -> str:
    kind = prop.get("type", "")
    if kind == "array":
        items = prop.get("items", {})
        return w._("list of %(type)s") % {"type": type_name(items.get("type", ""),
                                                            N_("values"), w)}
    if prop.get("format") == "date":
        return w._("date (YYYY-MM-DD)")
    if str(prop.get("pattern", "")).startswith("^https?"):
        return w._("web address")
    return type_name(kind, kind or N_("value"), w)


def field_docs(category: str, w: Words) -> list[FieldDoc]:
    required = set(schemas.required(category))
    own = schemas.documents()[schemas.schema_file(category)]["properties"]
    common = schemas.documents()[schemas.COMMON]["properties"]
    resolved = schemas.fields(category)
    out = []
    for name, raw in {**common, **own}.items():
        prop = resolved[name]
        vocab = _vocab_name(raw)
        values = prop.get("enum") or prop.get("items", {}).get("enum") or []
        meaning = meanings(vocab, w) if vocab else {}
        note = ""
        if vocab in ("country", "language"):
            values, note = [], w._(N_("any ISO 3166-1 alpha-2 code, or EU") if vocab == "country"
                                   else N_("any ISO 639-1 code"))
        if vocab == "trl":
            values = [str(k) for k in vocabularies().trl]
        example = prop.get("examples", [None])[0]
        out.append(FieldDoc(
            name=name, required=name in required, type=describe_type(prop, w),
            description=w._(prop.get("description", "")),
            allowed=[(str(v), meaning.get(str(v), "")) for v in values],
            allowed_note=note,
            example="" if example is None else json.dumps(example, ensure_ascii=False),
            refers_to=prop.get("x-ref", ""),
        ))
    return out


def reference(w: Words) -> list[tuple[Any, list[FieldDoc]]]:
    return [(c, field_docs(c.key, w)) for c in CATEGORIES.values()]
