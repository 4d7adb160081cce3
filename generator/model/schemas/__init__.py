"""The JSON Schemas of the categories (Draft 2020-12), the one source of truth of metadata.

Each category has `<category>.schema.json`; all refer to `common.schema.json` (fields of every
resource) and to `vocab.schema.json`, generated from the vocabularies. Fields that hold ids of
other resources carry the keyword `x-ref` naming the category they must point to (`*`: any).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..categories import CATEGORIES
from ..languages import N_
from ..vocab import vocab_schema

HERE = Path(__file__).parent
COMMON = "common.schema.json"
TRANSLATION = "translation"  # translation.schema.json: a file translating a resource
VOCAB = "vocab.schema.json"


@dataclass(frozen=True)
class JsonType:
    """How people are told about one JSON-Schema type."""

    name: str
    """In the field reference's table: 'whole number'."""
    words: str
    """In a problem's sentence: 'must be a whole number'."""
    placeholder: Any
    """The value a scaffolded file starts with."""


JSON_TYPES: dict[str, JsonType] = {
    "string": JsonType(N_("text"), "text", ""),
    "array": JsonType(N_("list"), "a list", []),
    "object": JsonType(N_("fields"), "fields (key: value)", {}),
    "integer": JsonType(N_("whole number"), "a whole number", 1),
    "number": JsonType(N_("number"), "a number", 1),
    "boolean": JsonType(N_("true/false"), "true or false", False),
    "null": JsonType(N_("empty"), "empty", None),
}


def schema_file(category: str) -> str:
    return f"{category}.schema.json"


@cache
def documents() -> dict[str, dict[str, Any]]:
    """Every schema document by file name, the generated vocabulary included."""
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in HERE.glob("*.schema.json")}
    docs[VOCAB] = vocab_schema()
    return docs


def _inline(node: Any, base: str) -> Any:
    """A schema with every $ref replaced by what it points to (siblings kept beside it in an
    allOf, which validates the same); the schemas hold no recursive reference."""
    if isinstance(node, list):
        return [_inline(item, base) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if not isinstance(ref, str):
        return {key: _inline(value, base) for key, value in node.items()}
    name, _, pointer = ref.partition("#")
    where = name or base
    target: Any = documents()[where]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    target = _inline({k: v for k, v in target.items() if k != "$schema"}, where)
    siblings = {key: _inline(value, base) for key, value in node.items() if key != "$ref"}
    return {"allOf": [target], **siblings} if siblings else target


@cache
def inlined(name: str) -> dict[str, Any]:
    """A schema document with its references inlined: validation looks nothing up (a lookup
    per reference per file was half the time of checking 10,000 files)."""
    return _inline(documents()[name], name)


def _resolve(schema: dict[str, Any], base: str) -> tuple[dict[str, Any], str]:
    """(the schema with its $ref followed, the file where the followed definition lives)."""
    ref = schema.get("$ref")
    if not ref:
        return schema, base
    name, _, pointer = ref.partition("#")
    target: Any = documents()[name or base]
    for part in filter(None, pointer.split("/")):
        target = target[part]
    inner, where = _resolve(target, name or base)
    return {**inner, **{k: v for k, v in schema.items() if k != "$ref"}}, where


def resolve(schema: dict[str, Any], base: str = COMMON) -> dict[str, Any]:
    """Follow a $ref (to another file or a $defs entry of `base`, the file the schema is in),
    keeping the sibling keywords."""
    return _resolve(schema, base)[0]


def resolve_in(schema: dict[str, Any], base: str) -> dict[str, Any]:
    """resolve(), and the items of a list resolved too."""
    out, where = _resolve(schema, base)
    if isinstance(out.get("items"), dict):
        out = {**out, "items": resolve(out["items"], where)}
    return out


def resolve_nested(schema: dict[str, Any], category: str) -> dict[str, Any]:
    """A nested field's schema with its $ref followed: a '#/$defs/…' of a definition taken from
    the common schema lives there, not in the category's file."""
    try:
        return resolve_in(schema, schema_file(category))
    except KeyError:
        return resolve_in(schema, COMMON)


@cache
def fields(category: str) -> dict[str, dict[str, Any]]:
    """Every top-level field a category allows, common ones first, each schema resolved."""
    own_file = schema_file(category)
    common = {n: resolve_in(p, COMMON) for n, p in documents()[COMMON]["properties"].items()}
    own = {n: resolve_in(p, own_file) for n, p in documents()[own_file]["properties"].items()}
    return {**common, **own}


@cache
def required(category: str) -> tuple[str, ...]:
    """The fields a new file needs: the schema's required ones, and those required unless
    another is given ("if": {"not": {"required": [other]}}, "then": {"required": [...]}): the
    forms, templates and scaffolds ask for them, and say what may replace them."""
    common = documents()[COMMON]["required"]
    doc = documents()[schema_file(category)]
    own = doc.get("required", [])
    unless_other = doc.get("then", {}).get("required", []) if "not" in doc.get("if", {}) else []
    return tuple(dict.fromkeys([*common, *own, *unless_other]))


@cache
def reference_fields(category: str) -> dict[str, str]:
    """Fields holding ids of other resources -> the category they point to ('*' for any)."""
    return {name: prop["x-ref"] for name, prop in fields(category).items() if "x-ref" in prop}


@cache
def identifier_fields(category: str) -> tuple[str, ...]:
    """Fields whose values people type as they are (CELEX numbers, DOIs, issues): annotated
    with "x-identifier" in the schema; the catalogue search indexes them whole."""
    return tuple(name for name, prop in fields(category).items() if prop.get("x-identifier"))


def field_format(category: str, name: str) -> str | None:
    """A field's "format" in its schema ("uri", "date", "doi"), how its values are shown."""
    return fields(category).get(name, {}).get("format")


def check_categories() -> None:
    """Every category has a schema (a missing one is a programming error, caught by tests)."""
    missing = [c for c in CATEGORIES if schema_file(c) not in documents()]
    if missing:
        raise RuntimeError(f"no schema for {missing}")
