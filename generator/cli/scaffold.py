"""`virtual-centre new`: a new content file with every field of its category, from the schema.

Required fields are filled (today's date, a title from the slug, the schema's example for the
rest); optional fields are written as comments to uncomment. The file starts as a draft.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

from ..model import schemas
from ..model.categories import CATEGORIES
from ..model.content import SLUG_RE


def example_of(name: str, prop: dict[str, Any], title: str, today: str) -> Any:
    if name == "title":
        return title
    if name == "date":
        return today
    if "examples" in prop:
        return prop["examples"][0]
    if "enum" in prop:
        return prop["enum"][0]
    kind = prop.get("type", "string")
    return schemas.JSON_TYPES[kind].placeholder if kind in schemas.JSON_TYPES else ""


def describe(prop: dict[str, Any], required: bool) -> list[str]:
    text = prop.get("description", "")
    if "enum" in prop and len(prop["enum"]) <= 12:
        text += f" One of: {', '.join(map(str, prop['enum']))}."
    if required:
        text = "(required) " + text
    return [f"# {line}" for line in textwrap.wrap(text, 92)] or ["#"]


def scaffold_text(
    category: str, slug: str, title: str | None = None, today: dt.date | None = None
) -> str:
    if category not in CATEGORIES:
        raise ValueError(f"unknown category '{category}' (one of {', '.join(CATEGORIES)})")
    if not SLUG_RE.match(slug):
        raise ValueError(f"'{slug}' is not a valid file name: use lowercase letters, digits, -")
    title = title or slug.replace("-", " ").capitalize()
    day = (today or dt.date.today()).isoformat()
    required = set(schemas.required(category))
    lines = [
        "---",
        f"# A new {CATEGORIES[category].singular.lower()}. Every field is described",
        "# above it; uncomment optional fields to use them. Remove `draft: true` to publish.",
    ]
    for name, prop in schemas.fields(category).items():
        value = True if name == "draft" else example_of(name, prop, title, day)
        line = f"{name}: {json.dumps(value, ensure_ascii=False)}"
        lines += describe(prop, name in required)
        lines.append(line if name in required or name == "draft" else f"# {line}")
    lines += ["---", "", f"Write the description of {title} here, in Markdown.", ""]
    return "\n".join(lines)


def scaffold(content_dir: Path, category: str, slug: str, title: str | None = None) -> Path:
    path = content_dir / category / f"{slug}.md"
    text = scaffold_text(category, slug, title)
    if path.exists():
        raise FileExistsError(f"{path} exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
