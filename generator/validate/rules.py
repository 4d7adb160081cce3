"""Validation: schema checks and the rules a schema cannot say, as Problems, all at once.

Every problem names the file, the line and the field. Nothing here raises on bad content.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from jsonschema import ValidationError

from ..model import schemas
from ..model.categories import CATEGORIES, LISTING_CATEGORIES
from ..model.content import (
    MAX_FILE_BYTES,
    FieldPath,
    SourceFile,
    format_field,
    load_source,
    normalise_ref,
    normalise_text,
)
from ..model.cores import on_every_core
from ..model.problems import Problem
from ..model.schemas.validation import validator as schema_validator
from ..model.urls import web_address_problem
from ..model.vocab import vocabularies
from .body import body_problems, link_problems
from .gate import ContentTree, scan, shown_path
from .identities import lookalike_problems
from .suggest import KnownIds

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

    validator = schema_validator(source.category)
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


def iter_refs(source: SourceFile) -> Iterable[tuple[FieldPath, str, str]]:
    """(field path, referenced value, target category) for every reference of a file."""
    meta = source.meta or {}
    for field, target in schemas.reference_fields(source.category).items():
        value = meta.get(field)
        if isinstance(value, str):
            yield (field,), value, target
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield (field, i), item, target


def reference_problems(source: SourceFile, known: KnownIds) -> list[Problem]:
    """Dangling references, references to the wrong category, references to oneself.

    `known` holds every known id (drafts included) with its category.
    """
    problems = []
    ids = known.ids
    for path, value, target in iter_refs(source):
        rid = normalise_ref(value, target)
        if "/" not in rid:
            message = (f"'{value}' needs its category: write it as category/{value}"
                       f"{known.hint(value, '')}")
        elif rid not in ids:
            message = f"'{value}' refers to no resource{known.hint(rid, target)}"
        elif target != "*" and ids[rid] != target:
            actual = CATEGORIES[ids[rid]].singular.lower()
            wanted = CATEGORIES[target].singular.lower()
            message = (f"'{value}' is a {actual} ({ids[rid]}/), but this field needs "
                       f"a {wanted} from {target}/")
        elif rid == source.id:
            message = "a resource cannot refer to itself"
        else:
            continue
        problems.append(Problem(source.path, source.line_of(path), format_field(path), message))
    return problems


def listing_problems(source: SourceFile) -> list[Problem]:
    """Offers and demands: shares that add up, and a place given (place_problems checks that
    it can be found)."""
    meta = source.meta or {}
    problems = []
    parts = meta.get("composition")
    if isinstance(parts, list) and parts and all(
            isinstance(p, dict) and isinstance(p.get("percent"), (int, float)) for p in parts):
        total = sum(p["percent"] for p in parts)
        if abs(total - 100) > 0.5:
            problems.append(Problem(source.path, source.line_of(("composition",)), "composition",
                                    f"the shares add up to {total:g} %, not 100 %"))
    contact = meta.get("contact")
    if isinstance(contact, str) and contact.startswith(("http://", "https://")) \
            and (why := web_address_problem(contact)):
        problems.append(Problem(source.path, source.line_of(("contact",)), "contact",
                                f"{contact!r} {why}"))
    loc = meta.get("location")
    if isinstance(loc, dict) and isinstance(loc.get("country"), str):
        if ("lat" in loc) != ("lon" in loc):
            problems.append(Problem(source.path, source.line_of(("location",)), "location",
                                    "give both lat and lon, or neither"))
        elif "lat" not in loc and not isinstance(loc.get("city"), str):
            problems.append(Problem(source.path, source.line_of(("location",)), "location",
                                    "give a city (or lat and lon) so distances can be computed"))
    return problems


# Figures of a communication activity that cannot exceed another: (smaller, larger, why).
FIGURE_BOUNDS = (
    ("clicks", "impressions", "each click follows an impression"),
    ("engagement", "impressions", "each reaction, comment or share follows an impression"),
    ("participants", "reach", "every participant was reached"),
)


def communication_problems(source: SourceFile) -> list[Problem]:
    """Communication activities: figures that agree with one another and with the channel."""
    meta = source.meta or {}
    figures = meta.get("figures")
    if not isinstance(figures, dict):
        return []
    problems = []

    def number(name: str) -> int | None:
        value = figures.get(name)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    for small, large, why in FIGURE_BOUNDS:
        a, b = number(small), number(large)
        if a is not None and b is not None and a > b:
            problems.append(Problem(
                source.path, source.line_of(("figures", small)), f"figures.{small}",
                f"{small} ({a:,}) is more than {large} ({b:,}), but {why}: check the figures"))
    channel = meta.get("channel")
    medium = vocabularies().channels.get(channel, {}).get("medium") \
        if isinstance(channel, str) else None
    if number("participants") is not None and medium not in (None, "events"):
        problems.append(Problem(
            source.path, source.line_of(("figures", "participants")), "figures.participants",
            f"participants are counted at events and webinars, not for the channel '{channel}':"
            " give its reach or audience instead"))
    return problems


def place_to_find(meta: dict[str, Any] | None) -> tuple[str, str] | None:
    """(country, city) of a listing placed by its city rather than by lat and lon."""
    loc = (meta or {}).get("location")
    if not isinstance(loc, dict) or "lat" in loc or "lon" in loc:
        return None
    country, city = loc.get("country"), loc.get("city")
    return (country, city) if isinstance(country, str) and isinstance(city, str) else None


def place_problems(source: SourceFile) -> list[Problem]:
    """A listing's city that cannot be placed in its country (with a did-you-mean)."""
    from ..catalogue import geo  # GeoNames data is loaded only when a listing needs it

    place = place_to_find(source.meta) if source.category in LISTING_CATEGORIES else None
    if place is None or geo.locate(*place) is not None:
        return []
    country, city = place
    hint = geo.suggest(country, city)
    return [Problem(
        source.path, source.line_of(("location", "city")), "location.city",
        f"'{city}' cannot be placed in {country}"
        + (f"; did you mean '{hint}'?" if hint else
           " (a town of more than 15,000 inhabitants, or give lat and lon)"))]


def rule_problems(source: SourceFile) -> list[Problem]:
    """Rules across fields that a schema cannot say."""
    meta = source.meta or {}
    problems = listing_problems(source) if source.category in LISTING_CATEGORIES else []
    if source.category == "communication":
        problems += communication_problems(source)
    period = meta.get("period")
    if isinstance(period, dict):
        start, end = period.get("start"), period.get("end")
        if isinstance(start, str) and isinstance(end, str) and start > end:
            problems.append(
                Problem(
                    source.path,
                    source.line_of(("period", "end")),
                    "period.end",
                    f"ends ({end}) before it starts ({start})",
                )
            )
    return problems


def duplicate_problems(sources: list[SourceFile]) -> list[Problem]:
    """Two files that make the same id (case or extension apart) would overwrite one another."""
    groups: dict[str, list[SourceFile]] = defaultdict(list)
    for s in sources:
        groups[s.id.lower()].append(s)
    problems = []
    for group in groups.values():
        if len(group) > 1:
            for s in group:
                others = ", ".join(o.path for o in group if o is not s)
                problems.append(
                    Problem(s.path, 1, "id", f"duplicate id '{s.id}': {others} has the same id")
                )
    return problems


def file_problems(source: SourceFile) -> list[Problem]:
    """The problems one file has on its own (not its references, not its place)."""
    in_body = [Problem(source.path, line, "body", message)
               for line, message in body_problems(source.body, source.body_line)]
    if source.meta is None:
        return [*source.problems, *in_body]
    # A value the reader refused (an infinite number, a control character) is said once.
    read = {p.field for p in source.problems}
    schema = [p for p in schema_problems(source) if p.field not in read]
    return [*source.problems, *schema, *rule_problems(source), *in_body]


def body_link_problems(source: SourceFile, files: set[str]) -> list[Problem]:
    """Links of a body to a page or image the site will not have."""
    return [Problem(source.path, line, "body", message) for line, message
            in link_problems(source.src_uri, source.body, source.body_line, files)]


def site_page_problems(content_dir: Path, tree: ContentTree,
                       display_root: Path | None) -> list[Problem]:
    """The site's own pages keep the rules of a body too (MkDocs reads their settings)."""
    problems = []
    files = tree.link_targets(content_dir)
    for src_uri in tree.site_pages:
        path = shown_path(content_dir, src_uri, display_root)
        raw = (content_dir / src_uri).read_bytes()
        if len(raw) > MAX_FILE_BYTES:
            problems.append(Problem(path, 1, "file", f"the file is {len(raw):,} bytes; the "
                                                     f"limit is {MAX_FILE_BYTES:,}"))
            continue
        try:
            text = normalise_text(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(Problem(path, raw[: exc.start].count(b"\n") + 1, "file",
                                    f"the file is not UTF-8 text (byte {exc.start})"))
            continue
        problems += [Problem(path, line, "body", message)
                     for line, message in [*body_problems(text, 1),
                                           *link_problems(src_uri, text, 1, files)]]
    return problems


def tree_problems(content_dir: Path, tree: ContentTree,
                  display_root: Path | None) -> list[Problem]:
    """What the gate refused, and the problems of the site's own pages."""
    return [*tree.problems, *site_page_problems(content_dir, tree, display_root)]


def check_content(content_dir: Path,
                  display_root: Path | None = None) -> tuple[list[SourceFile], list[Problem]]:
    """Every file of a content folder loaded and checked: (the resources, every problem)."""
    tree = scan(content_dir, display_root)
    sources = [load_source(content_dir, file, display_root) for file in tree.resources]
    problems = validate(sources, tree.link_targets(content_dir))
    problems += tree_problems(content_dir, tree, display_root)
    return sources, sorted(set(problems))


def cross_file_problems(sources: list[SourceFile]) -> list[Problem]:
    """Duplicate ids and references to no resource or to the wrong kind of resource."""
    known = KnownIds({s.id: s.category for s in sources if s.meta is not None})
    problems = duplicate_problems(sources) + lookalike_problems(sources)
    for source in sources:
        if source.meta is not None:
            problems += reference_problems(source, known)
    return problems


PARALLEL_FILES = 2_000  # from this many files on, they are checked on every core


def validate(sources: list[SourceFile], files: set[str] | None = None) -> list[Problem]:
    """Every problem of every file, sorted by path and line; `files` are the pages and images
    a body may link to (by default the sources themselves)."""
    problems = cross_file_problems(sources)
    links = files if files is not None else {s.src_uri for s in sources}

    def own(part: Sequence[SourceFile]) -> list[Problem]:
        return [p for s in part for p in (*file_problems(s), *place_problems(s),
                                          *body_link_problems(s, links))]

    if len(sources) >= PARALLEL_FILES:
        from ..catalogue import geo  # read once, before the processes that share it

        geo.prepare(place[0] for s in sources if (place := place_to_find(s.meta)))
        problems += on_every_core(own, sources)
    else:
        problems += own(sources)
    return sorted(set(problems))
