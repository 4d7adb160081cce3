"""Schema errors as problems a partner editor understands: one per field, with the line of the
field, in plain words (and a did-you-mean where a value or a key is nearly right)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from jsonschema import ValidationError

from ..model import schemas
from ..model.content import FieldPath, SourceFile, format_field
from ..model.problems import Problem
from ..model.schemas import TRANSLATION
from ..model.schemas.validation import validator as schema_validator

# The JSON type of each Python value YAML gives (bool before int: True is an int too).
PYTHON_TYPES: tuple[tuple[type | None, str], ...] = (
    (None, "null"), (bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
    (list, "array"), (dict, "object"))


MAX_SHOWN = 80  # characters of a value that a problem repeats


def type_word(value: Any) -> str:
    """A value's type in a problem's words: 'a whole number'."""
    for python, json_type in PYTHON_TYPES:
        if value is None if python is None else isinstance(value, python):
            return schemas.JSON_TYPES[json_type].words
    return type(value).__name__


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if value.lower() in lowered:
        return f"; did you mean '{lowered[value.lower()]}'?"
    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _unknown_keys(error: ValidationError, category: str) -> list[str]:
    if not isinstance(error.instance, dict):
        return []
    if error.absolute_path:
        allowed = set(error.schema.get("properties", {}))
    else:
        allowed = set(schemas.fields(category))
    return [k for k in error.instance if k not in allowed]


def _allowed_keys(error: ValidationError, category: str) -> list[str]:
    if error.absolute_path:
        return list(error.schema.get("properties", {}))
    return list(schemas.fields(category))


def _message(error: ValidationError) -> str:
    """A sentence a partner editor understands, for one schema error."""
    v, value, schema = error.validator, error.instance, error.schema
    shown = repr(value) if not isinstance(value, (dict, list)) else type_word(value)
    if len(shown) > MAX_SHOWN:
        shown = f"{shown[:MAX_SHOWN // 2]}…({len(shown):,} characters)"
    if v == "type":
        expected = schema["type"]
        expected = expected if isinstance(expected, list) else [expected]
        words = [schemas.JSON_TYPES[t].words if t in schemas.JSON_TYPES else t for t in expected]
        return f"must be {' or '.join(words)}, not {shown}"
    if v == "enum":
        allowed = [str(a) for a in schema["enum"]]
        hint = did_you_mean(str(value), allowed) if isinstance(value, str) else ""
        if hint:
            return f"{shown} is not an allowed value{hint}"
        if len(allowed) <= 12:
            return f"{shown} is not an allowed value (allowed: {', '.join(allowed)})"
        return f"{shown} is not an allowed value (see the field reference for the list)"
    if v == "format" and schema.get("format") == "date":
        return f"{shown} is not a real date (write YYYY-MM-DD)"
    if v == "format" and error.cause is not None:
        return f"{shown} {error.cause}"
    if v == "not" and "pattern" in schema["not"]:
        return "must be one line: remove the line break"
    if v == "pattern":
        pattern = schema["pattern"]
        if pattern.startswith("^https?"):
            return f"{shown} is not a web address: it must start with https:// or http://"
        if pattern.startswith("^(18|19|20)"):
            return f"{shown} is not a date from 1800 to 2099 written YYYY-MM-DD"
        if pattern.startswith("^([a-z0-9-]+/)?"):
            return f"{shown} is not a resource id (like organisations/centrocot)"
        if pattern.startswith("^10\\."):
            return f"{shown} is not a DOI (like 10.2760/858144, without https://doi.org/)"
        return f"{shown} does not have the expected form ({pattern})"
    if v == "minLength":
        return f"is too short: at least {schema['minLength']} characters"
    if v == "maxLength":
        return f"is too long: at most {schema['maxLength']} characters"
    if v in ("minimum", "exclusiveMinimum"):
        return (
            f"{shown} is too small (minimum {schema[v]}{', excluded' if 'exclusive' in v else ''})"
        )
    if v in ("maximum", "exclusiveMaximum"):
        return f"{shown} is too large (maximum {schema[v]})"
    if v == "minItems":
        return f"needs at least {schema['minItems']} item(s)"
    if v == "uniqueItems":
        return "lists the same value twice"
    if v == "contains":
        return "at least one entry needs a url (the link to the creators)"
    return error.message


def schema_problems(source: SourceFile) -> list[Problem]:
    """The schema errors of one loaded file, one problem per field."""
    assert source.meta is not None
    problems: dict[tuple[FieldPath, str], Problem] = {}

    def add(path: FieldPath, message: str, line: int | None = None) -> None:
        name = format_field(path) if path else "front matter"
        key = (path, message if not path else "")
        if key not in problems:
            problems[key] = Problem(source.path, line or source.line_of(path), name, message)

    validator = schema_validator(TRANSLATION if source.original else source.category)
    for error in validator.iter_errors(source.meta):
        path: FieldPath = tuple(error.absolute_path)
        if error.validator == "required":
            missing = [f for f in error.validator_value if f not in (error.instance or {})]
            for name in missing:
                add((*path, name), "required field is missing", source.line_of(path))
        elif error.validator in ("unevaluatedProperties", "additionalProperties"):
            allowed = _allowed_keys(error, source.category)
            for key in _unknown_keys(error, source.category):
                hint = did_you_mean(key, allowed) or (
                    f" (allowed: {', '.join(allowed)})" if len(allowed) <= 8 else ""
                )
                add((*path, key), f"unknown field{hint}")
        else:
            add(path, _message(error))
    return sorted(problems.values())
