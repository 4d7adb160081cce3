"""A category's fields as the columns of a spreadsheet, and a cell's text as a field's value.

Made from the category's JSON Schema: a field is a column; a nested field has a dotted name
(`quantity.amount`); a list is one cell of `;`-separated values (`PL; CZ`); a list of pairs is
one cell of `;`-separated pairs (`cotton 95; elastane 5`, `2024-01-01 adopted`,
`JRC https://…`). A field whose shape fits none of these (a list of objects of three fields)
has no column: an import keeps it as the file has it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Any

from . import schemas
from .languages import N_, SOURCE, available
from .words import Words, words

ID = "id"  # the column of the file name (without .md)
ID_DESCRIPTION = N_("The file name without .md (lowercase letters, digits, hyphens); empty: "
                    "made from the title.")
SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    """The header: the field's name, dotted below an object (quantity.amount)."""
    path: tuple[str, ...]
    """Where the value goes in the front matter."""
    kind: str
    """value, list (of values) or pairs (a list of objects of two fields)."""
    schema: dict[str, Any]
    """The field's schema (for a list or pairs, the items' schema)."""
    description: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    """The vocabulary of the field (or of its items, or of a pair's text), if it has one."""
    pair: tuple[str, str] = ("", "")
    """For pairs: the item's text field and its other field."""
    pair_kind: str = ""
    """For pairs: what the other field holds: number (written last), date (first) or url
    (last)."""


def _choices(schema: dict[str, Any]) -> tuple[str, ...]:
    return tuple(str(v) for v in schema.get("enum", ()) or ())


def _is_scalar(schema: dict[str, Any]) -> bool:
    return schema.get("type") in ("string", "number", "integer", "boolean") or "enum" in schema


def _kind_of(schema: dict[str, Any]) -> str:
    if schema.get("type") in ("number", "integer"):
        return "number"
    return {"date": "date", "uri": "url"}.get(schema.get("format", ""), "")


def _pair_of(item: dict[str, Any], category: str) -> tuple[str, str, str] | None:
    """(text field, other field, its kind) of a list item of two fields, the other one a
    number, a date or a URL; None for any other shape."""
    props = item.get("properties")
    if item.get("type") != "object" or not isinstance(props, dict) or len(props) != 2:
        return None
    kinds = {n: _kind_of(schemas.resolve_nested(s, category)) for n, s in props.items()}
    others = [n for n, kind in kinds.items() if kind]
    texts = [n for n, kind in kinds.items() if not kind]
    if len(others) != 1 or len(texts) != 1:
        return None
    return texts[0], others[0], kinds[others[0]]


def _column(name: str, path: tuple[str, ...], schema: dict[str, Any], category: str,
            required: bool) -> Column | None:
    base = {"name": name, "path": path, "description": schema.get("description", ""),
            "required": required}
    if _is_scalar(schema):
        return Column(kind="value", schema=schema, choices=_choices(schema), **base)
    items = schema.get("items")
    if schema.get("type") != "array" or not isinstance(items, dict):
        return None
    items = schemas.resolve_nested(items, category)
    if _is_scalar(items):
        return Column(kind="list", schema=items, choices=_choices(items), **base)
    pair = _pair_of(items, category)
    if pair is None:
        return None
    text_schema = schemas.resolve_nested(items["properties"][pair[0]], category)
    return Column(kind="pairs", schema=items, choices=_choices(text_schema),
                  pair=(pair[0], pair[1]), pair_kind=pair[2], **base)


def columns(category: str) -> list[Column]:
    """The columns of a category's sheet, the file name first."""
    out = [Column(ID, (), "value", {"type": "string"}, ID_DESCRIPTION)]
    required = set(schemas.required(category))
    for name, schema in schemas.fields(category).items():
        props = schema.get("properties")
        if schema.get("type") == "object" and isinstance(props, dict):
            inner = set(schema.get("required", []))
            for sub, sub_schema in props.items():
                column = _column(f"{name}.{sub}", (name, sub),
                                 schemas.resolve_nested(sub_schema, category), category,
                                 name in required and sub in inner)
                if column is not None:
                    out.append(column)
            continue
        column = _column(name, (name,), schema, category, name in required)
        if column is not None:
            out.append(column)
    return out


def header(column: Column, w: Words) -> str:
    """A column's header in a language's template: the field's name in English (what a file
    says), its label in the others ('Menge › Einheit' for quantity.unit)."""
    if w.lang == SOURCE:
        return column.name
    if column.name == ID:
        return w._(N_("File name"))
    return " › ".join(w.field(part) for part in column.path)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


@cache
def header_names(category: str) -> dict[str, str]:
    """Every language's header of each column (folded) -> the column's name: a sheet made
    from a template in any language imports as one in English."""
    out: dict[str, str] = {}
    for code in available():
        for column in columns(category):
            out.setdefault(_folded(header(column, words(code))), column.name)
    return out


def column_of(header_text: str, category: str) -> str:
    """The column a header names: its name, or its label in a language of the templates."""
    return header_names(category).get(_folded(header_text), header_text)


# -- cells to values ---------------------------------------------------------------------------


def _number(text: str) -> int | float | None:
    try:
        number = float(text.replace(",", ".") if text.count(",") == 1 and "." not in text
                       else text)
    except ValueError:
        return None
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def scalar(schema: dict[str, Any], cell: Any) -> Any:
    """A cell as the field's type, where it reads as one; else the text (the field's rules
    then say what is wrong with it, as `virtual-centre check` would)."""
    if isinstance(cell, dt.datetime):
        cell = cell.date()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    kind = schema.get("type")
    if kind in ("number", "integer") and not isinstance(cell, bool):
        if isinstance(cell, int):  # however large: the reader's rules say if it is too large
            return cell
        if isinstance(cell, float):
            return int(cell) if cell.is_integer() and kind == "integer" else cell
        number = _number(str(cell).strip())
        return number if number is not None else str(cell).strip()
    if kind == "boolean":
        if isinstance(cell, bool):
            return cell
        word = str(cell).strip().lower()
        return {"true": True, "yes": True, "1": True, "false": False, "no": False,
                "0": False}.get(word, str(cell).strip())
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return str(cell).strip()


def _pair(column: Column, text: str) -> dict[str, Any]:
    """'cotton 95' -> {fibre: cotton, percent: 95}; what does not read so stays text (the
    field's rules then say what is missing)."""
    name, other = column.pair
    if column.pair_kind == "date":
        first, _, rest = text.partition(" ")
        return {other: first, name: rest.strip()} if rest.strip() else {other: first}
    head, _, last = text.rpartition(" ")
    if head and column.pair_kind == "number" and (number := _number(last)) is not None:
        return {name: head.strip(), other: number}
    if head and column.pair_kind == "url" and last.startswith(("https://", "http://")):
        return {name: head.strip(), other: last}
    return {name: text}


def value_of(column: Column, cell: Any) -> Any:
    """The field's value of a cell, None for an empty one."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return None
    if column.kind == "value":
        return scalar(column.schema, cell)
    parts = [p.strip() for p in str(cell).split(SEPARATOR) if p.strip()]
    if column.kind == "list":
        return [scalar(column.schema, p) for p in parts]
    return [_pair(column, p) for p in parts]


# -- values to cells ---------------------------------------------------------------------------


def _text(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def cell_of(column: Column, meta: dict[str, Any]) -> Any:
    """A field's value as its cell (None: empty)."""
    value: Any = meta
    for key in column.path:
        value = value.get(key) if isinstance(value, dict) else None
    if value is None:
        return None
    if column.kind == "value":
        return value
    if column.kind == "list":
        return f"{SEPARATOR} ".join(_text(v) for v in value)
    name, other = column.pair
    date_first = column.pair_kind == "date"
    items = []
    for item in value:
        if other not in item:
            items.append(_text(item.get(name, "")))
        elif date_first:
            items.append(f"{item[other]} {item.get(name, '')}".strip())
        else:
            items.append(f"{item.get(name, '')} {_text(item[other])}".strip())
    return f"{SEPARATOR} ".join(items)


def put(meta: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    """Set (or, for None, remove) a field, creating or dropping its object as needed."""
    *parents, last = path
    target = meta
    for key in parents:
        if not isinstance(target.get(key), dict):
            if value is None:
                return
            target[key] = {}
        target = target[key]
    if value is None:
        target.pop(last, None)
        if parents and not target:
            put(meta, tuple(parents), None)
    else:
        target[last] = value
