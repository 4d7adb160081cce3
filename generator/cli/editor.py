"""The configuration of Front Matter CMS (the VS Code extension eliostruyf.vscode-front-matter),
made from the JSON Schemas: one content type per category with every field's kind, its
choices from the vocabularies, its description and whether it is required; references to other
resources as relationships to their category.

`virtual-centre editor-config` writes it to frontmatter.json, where the extension reads a
project's shared settings. VS Code's YAML extension never receives Markdown files, and a YAML
language server given a whole .md file reads its body as a second YAML document, so front
matter is edited with this extension instead (CONTRIBUTING.md).
"""

from __future__ import annotations

import json
from typing import Any

from ..model import schemas
from ..model.categories import CATEGORIES
from ..model.words import label_of

Field = dict[str, Any]


def _choices(schema: dict[str, Any]) -> list[Any] | None:
    values = schema.get("enum")
    return list(values) if isinstance(values, list) else None


def field_of(name: str, schema: dict[str, Any], category: str, required: bool,
             groups: dict[str, Any]) -> Field:
    """One field of a content type, from its (resolved) JSON Schema."""
    field: Field = {"title": label_of(name), "name": name}
    if schema.get("description"):
        field["description"] = schema["description"]
    if required:
        field["required"] = True
    field.update(_kind(name, schema, category, groups))
    return field


def _kind(name: str, schema: dict[str, Any], category: str,
          groups: dict[str, Any]) -> Field:
    target = schema.get("x-ref")
    items = schema.get("items") if isinstance(schema.get("items"), dict) else None
    if target and target != "*":
        return {"type": "contentRelationship", "contentTypeName": target,
                "contentTypeValue": "slug", "multiple": schema.get("type") == "array"}
    if name == "draft":
        return {"type": "draft"}
    if (choices := _choices(schema)) is not None:
        return {"type": "choice", "choices": choices}
    if items is not None and (choices := _choices(items)) is not None:
        return {"type": "choice", "choices": choices, "multiple": True}
    kind = schema.get("type")
    if schema.get("format") == "date":
        return {"type": "datetime", "dateFormat": "yyyy-MM-dd"}
    if kind in ("integer", "number"):
        return {"type": "number", "numberOptions": {"isDecimal": kind == "number"}}
    if kind == "boolean":
        return {"type": "boolean"}
    if kind == "object" and isinstance(schema.get("properties"), dict):
        return {"type": "fields", "fields": _fields(schema, category, groups)}
    if kind == "array" and items is not None and items.get("type") == "object":
        group = f"{category}.{name}"
        groups[group] = {"id": group, "fields": _fields(items, category, groups)}
        return {"type": "block", "fieldGroup": [group]}
    if kind == "array":
        return {"type": "list"}
    return {"type": "string"}


def _fields(schema: dict[str, Any], category: str, groups: dict[str, Any]) -> list[Field]:
    required = set(schema.get("required", []))
    return [field_of(name, schemas.resolve_nested(sub, category), category,
                     name in required, groups)
            for name, sub in schema["properties"].items()]


def editor_config() -> dict[str, Any]:
    """frontmatter.json: the page folders, content types and field groups."""
    groups: dict[str, Any] = {}
    types = []
    for key in CATEGORIES:
        required = set(schemas.required(key))
        fields = [field_of(name, schema, key, name in required, groups)
                  for name, schema in schemas.fields(key).items()]
        types.append({"name": key, "pageBundle": False, "previewPath": None,
                      "fields": fields})
    return {
        "$schema": "https://frontmatter.codes/frontmatter.schema.json",
        "frontMatter.content.pageFolders": [
            {"title": c.title, "path": f"[[workspace]]/content/{c.key}",
             "contentTypes": [c.key]} for c in CATEGORIES.values()],
        "frontMatter.taxonomy.contentTypes": types,
        "frontMatter.taxonomy.fieldGroups": list(groups.values()),
    }


def editor_config_text() -> str:
    return json.dumps(editor_config(), indent=2, ensure_ascii=False) + "\n"
