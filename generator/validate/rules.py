"""Validation: schema checks and the rules a schema cannot say, as Problems, all at once.

Every problem names the file, the line and the field. Nothing here raises on bad content.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

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
from ..model.paths import shown_path
from ..model.problems import Problem
from ..model.urls import web_address_problem
from ..model.vocab import vocabularies
from .body import body_problems, link_problems
from .gate import ContentTree, scan
from .identities import lookalike_problems
from .schema import schema_problems
from .suggest import KnownIds
from .translations import (
    language_problems,
    site_translation_problems,
    translated_text_problems,
    translation_problems,
)


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
    if source.original:  # a translation: its other fields are its original's
        return translated_text_problems(source)
    problems = listing_problems(source) if source.category in LISTING_CATEGORIES else []
    problems += language_problems(source)
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


def site_page_problems(content_dir: Path, tree: ContentTree, display_root: Path | None,
                       languages: Collection[str] | None = None) -> list[Problem]:
    """The site's own pages keep the rules of a body too (MkDocs reads their settings); a
    translation of one is in a language of the site."""
    problems = []
    files = tree.link_targets(content_dir)
    for src_uri in tree.site_pages:
        path = shown_path(content_dir, src_uri, display_root)
        problems += site_translation_problems(path, src_uri, languages)
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


def tree_problems(content_dir: Path, tree: ContentTree, display_root: Path | None,
                  languages: Collection[str] | None = None) -> list[Problem]:
    """What the gate refused, and the problems of the site's own pages."""
    return [*tree.problems, *site_page_problems(content_dir, tree, display_root, languages)]


def check_content(content_dir: Path, display_root: Path | None = None,
                  languages: Collection[str] | None = None
                  ) -> tuple[list[SourceFile], list[Problem]]:
    """Every file of a content folder loaded and checked: (the resources, every problem)."""
    tree = scan(content_dir, display_root)
    sources = [load_source(content_dir, file, display_root) for file in tree.resources]
    problems = validate(sources, tree.link_targets(content_dir), languages)
    problems += tree_problems(content_dir, tree, display_root, languages)
    return sources, sorted(set(problems))


def cross_file_problems(sources: list[SourceFile],
                        languages: Collection[str] | None = None) -> list[Problem]:
    """Duplicate ids, references to no resource or to the wrong kind of resource, and
    translations against their originals (in the site's languages: by default every language
    with a catalogue)."""
    known = KnownIds({s.id: s.category for s in sources if s.meta is not None and not s.original})
    problems = duplicate_problems(sources)
    problems += lookalike_problems([s for s in sources if not s.original])
    problems += translation_problems(sources, languages)
    for source in sources:
        if source.meta is not None:
            problems += reference_problems(source, known)
    return problems + transposition_problems(sources)


def transposition_problems(sources: list[SourceFile]) -> list[Problem]:
    """`transposes`: a national act names the EU acts it transposes, not other national acts
    (the page "Where each country stands" reads them)."""
    jurisdictions = {s.id: s.meta.get("jurisdiction") for s in sources
                     if s.meta is not None and s.category == "legislation"}
    problems = []
    for source in sources:
        targets = (source.meta or {}).get("transposes")
        if source.category != "legislation" or not isinstance(targets, list):
            continue
        line = source.line_of(("transposes",))
        if jurisdictions.get(source.id) == "EU":
            problems.append(Problem(source.path, line, "transposes",
                                    "an EU act transposes nothing: leave this field out"))
            continue
        for value in targets:
            target = normalise_ref(str(value), "legislation")
            where = jurisdictions.get(target)
            if where not in (None, "EU"):
                problems.append(Problem(source.path, line, "transposes",
                                        f"'{value}' is a national act ({where}): name the EU "
                                        "act this one transposes"))
    return problems


PARALLEL_FILES = 2_000  # from this many files on, they are checked on every core


def validate(sources: list[SourceFile], files: set[str] | None = None,
             languages: Collection[str] | None = None) -> list[Problem]:
    """Every problem of every file, sorted by path and line; `files` are the pages and images
    a body may link to (by default the sources themselves); `languages`: the site's, which a
    translation may be in."""
    problems = cross_file_problems(sources, languages)
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
