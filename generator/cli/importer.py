"""`virtual-centre import`: every row of a sheet becomes one content file, checked with the same
rules as `virtual-centre check`, all problems at once as FILE:ROW:COLUMN (field): message, and
nothing written unless every row is valid.

A row names its file by the `id` column, or by its title. An existing file is updated in place:
the columns of the sheet replace its fields (an empty cell removes one), its body and the fields
the sheet has no column for stay. A row that changes nothing leaves its file untouched, so
importing a sheet twice changes nothing. References (an offer's organisation…) may be given by
id, by name or by website; one that matches nothing is a problem with a did-you-mean.
A mapping file turns another table's columns into fields (CONTRIBUTING.md).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ..model import schemas
from ..model.columns import ID, Column, column_of, columns, put, value_of
from ..model.content import SLUG_RE, SourceFile, file_text, load_source, parse_yaml
from ..model.cores import on_every_core
from ..model.identity import skeleton
from ..model.paths import shown_path
from ..model.text import slugify
from ..model.urls import host_of
from ..validate.entries import as_read
from ..validate.gate import scan
from ..validate.rules import validate
from ..validate.schema import did_you_mean
from .sheets import Table

MAX_SLUG = 60
PARALLEL_ROWS = 2_000  # from this many files to write on, they are written on every core
INDEX = re.compile(r"\[\d+\]")


@dataclass
class Mapping:
    """How another table's columns become fields: header -> column name, values every row
    gets, and a title made from the row's cells where the table has no title column."""

    columns: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)
    title: str = ""

    @classmethod
    def load(cls, path: Path) -> Mapping:
        data = parse_yaml(path.read_text(encoding="utf-8"), path.name) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{path.name}: a mapping holds columns:, values: and title:")
        unknown = set(data) - {"columns", "values", "title"}
        if unknown:
            raise ValueError(f"{path.name}: unknown key(s) {', '.join(sorted(unknown))} "
                             "(a mapping holds columns:, values: and title:)")
        return cls(dict(data.get("columns") or {}), dict(data.get("values") or {}),
                   str(data.get("title") or ""))


@dataclass
class Outcome:
    problems: list[str] = field(default_factory=list)
    added: list[Path] = field(default_factory=list)
    updated: list[Path] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class Row:
    number: int
    cells: dict[str, Any]
    """Column name -> the cell (after the mapping)."""
    letters: dict[str, str]
    """Column name -> the spreadsheet's column letter."""
    hints: dict[str, str] = field(default_factory=dict)
    """Column name -> a did-you-mean for a reference that named nothing."""
    slug: str = ""
    made: tuple[dict[str, Any], str, str] = ({}, "", "")
    """(front matter, body, path under the content folder) of the file the row makes."""
    text: str = ""
    """The file the row writes."""
    source: SourceFile | None = None
    previous: dict[str, Any] | None = None


class References:
    """The resources a row may refer to: by id or file name first, else by name (compared by
    skeleton: model/identity.py) or by the host of a website. A name or host that two
    resources share names none of them: the row's problem says which."""

    def __init__(self, sources: list[SourceFile]):
        self.exact: dict[tuple[str, str], str] = {}
        self.named: dict[tuple[str, str], set[str]] = {}
        self.titles: dict[str, list[str]] = {}
        for s in sources:
            if s.meta is None:
                continue
            slug = s.id.split("/", 1)[1]
            title = str(s.meta.get("title", ""))
            self.exact[(s.category, slug)] = self.exact[(s.category, s.id)] = slug
            keys = [skeleton(title), skeleton(slug)]
            website = s.meta.get("website")
            if isinstance(website, str):
                keys.append(host_of(website))
            for key in filter(None, keys):
                self.named.setdefault((s.category, key), set()).add(slug)
            self.titles.setdefault(s.category, []).append(title)

    def _named(self, target: str, value: str) -> set[str]:
        host = host_of(value) if "://" in value else ""
        return self.named.get((target, host), set()) if host else \
            self.named.get((target, skeleton(value)), set())

    def resolve(self, target: str, value: Any) -> str | None:
        """The id a reference names, or None (check reports it, with a did-you-mean)."""
        if not isinstance(value, str) or target == "*":
            return None
        key = value.strip()
        for candidate in (key, key.removeprefix(f"{target}/")):
            if (target, candidate) in self.exact:
                return self.exact[(target, candidate)]
        found = self._named(target, key)
        return next(iter(found)) if len(found) == 1 else None

    def hint(self, target: str, value: Any) -> str:
        """Which resources an ambiguous name could mean, or a did-you-mean among the names of
        the target's resources."""
        if target == "*":
            return ""
        found = self._named(target, str(value).strip())
        if len(found) > 1:
            return (f"; it could name {', '.join(sorted(found))}: write the id of the one "
                    "you mean")
        return did_you_mean(str(value), self.titles.get(target, []))


def mapped_rows(table: Table, cols: dict[str, Column], mapping: Mapping,
                problems: list[str], label: str, category: str) -> list[Row]:
    """The rows as column name -> cell; unknown headers are problems. A header is a column's
    name or its label in a language of the templates (model/columns.py)."""
    names: dict[int, str] = {}
    for n, header in enumerate(table.headers):
        name = mapping.columns.get(header) or column_of(header, category)
        if not header:
            continue
        if name not in cols:
            hint = did_you_mean(name, list(cols))
            problems.append(f"{label}:1:{get_column_letter(n + 1)} ({header}): unknown "
                            f"column{hint or ' (the template names every column)'}")
            continue
        names[n] = name
    rows = []
    for number, cells in table.rows:
        row = Row(number, {}, {})
        for n, name in names.items():
            row.cells[name] = cells[n] if n < len(cells) else None
            row.letters[name] = get_column_letter(n + 1)
        for name, value in mapping.values.items():
            row.cells.setdefault(name, value)
        if mapping.title and not row.cells.get("title"):
            row.cells["title"] = _title(mapping.title, table.headers, cells)
        rows.append(row)
    return rows


def _title(template: str, headers: list[str], cells: list[Any]) -> str:
    values = {h: ("" if c is None else str(c).strip()) for h, c in zip(headers, cells,
                                                                         strict=False)}
    return re.sub(r"\{([^{}]+)\}", lambda m: values.get(m.group(1), ""), template).strip()


def slug_of(row: Row) -> tuple[str, str]:
    """(the file name, a problem with it)."""
    given = row.cells.get(ID)
    if given not in (None, ""):
        slug = str(given).strip()
        if not SLUG_RE.match(slug):
            return slug, ("a file name may hold only lowercase letters, digits and hyphens: "
                          f"use {slugify(slug)[:MAX_SLUG] or 'a-name'}")
        return slug, ""
    slug = slugify(str(row.cells.get("title") or ""))[:MAX_SLUG].strip("-")
    return slug, "" if slug else "no id and no title to name the file after"


def apply(row: Row, cols: dict[str, Column], refs: References, category: str,
          base: dict[str, Any]) -> dict[str, Any]:
    """The front matter of a row: the file's (if any) with the row's columns put in."""
    meta = copy.deepcopy(base)
    targets = schemas.reference_fields(category)
    for name, cell in row.cells.items():
        column = cols[name]
        if name == ID:
            continue
        value = value_of(column, cell)
        target = targets.get(column.path[0]) if len(column.path) == 1 else None
        if target and value is not None:
            given = value if isinstance(value, list) else [value]
            resolved = []
            for item in given:
                found = refs.resolve(target, item)
                if found is None and (hint := refs.hint(target, item)):
                    row.hints[name] = hint
                resolved.append(item if found is None else found)
            value = resolved if isinstance(value, list) else resolved[0]
        put(meta, column.path, value)
    return meta


def files_of(rows: Sequence[Row]) -> list[tuple[str, SourceFile]]:
    """(the text, the file as check reads it) of each row."""
    out = []
    for row in rows:
        meta, body, src_uri = row.made
        text = file_text(meta, body)
        out.append((text, as_read(src_uri, text, f"row {row.number}", lines=False)))
    return out


def row_problem(label: str, row: Row, field_name: str, message: str,
                cols: dict[str, Column]) -> str:
    """FILE:ROW:COLUMN (field): message, the column found from the field."""
    plain = INDEX.sub("", field_name)
    column = max((c for c in row.letters if plain == c or plain.startswith(c + ".")),
                 key=len, default=None)
    if column is None and "." in plain:  # a field of an object whose column is absent
        column = next((c for c in row.letters if c.startswith(plain.split(".")[0] + ".")),
                      None)
    letter = row.letters.get(column or "", row.letters.get("title", row.letters.get(ID, "-")))
    hint = row.hints.get(column or "", "")
    if hint and "did you mean" not in message:
        message += hint
    return f"{label}:{row.number}:{letter} ({field_name}): {message}"


def import_table(table: Table, label: str, category: str, content_dir: Path,
                 display_root: Path, mapping: Mapping | None = None,
                 dry_run: bool = False) -> Outcome:
    outcome = Outcome()
    cols = {c.name: c for c in columns(category)}
    rows = mapped_rows(table, cols, mapping or Mapping(), outcome.problems, label,
                       category)
    tree = scan(content_dir, display_root)
    # Without the line of each field: a problem of a row is told by its row and column.
    existing = [load_source(content_dir, f, display_root, lines=False) for f in tree.resources]
    by_id = {s.id: s for s in existing}
    refs = References(existing)
    named: dict[str, Row] = {}
    for row in rows:
        row.slug, problem = slug_of(row)
        if problem:
            outcome.problems.append(row_problem(label, row, ID, problem, cols))
            continue
        rid = f"{category}/{row.slug}"
        if rid in named:
            outcome.problems.append(row_problem(
                label, row, ID, f"row {named[rid].number} names the same file "
                f"{category}/{row.slug}.md", cols))
            continue
        named[rid] = row
        old = by_id.get(rid)
        row.previous = old.meta if old is not None and old.meta is not None else None
        meta = apply(row, cols, refs, category, row.previous or {})
        row.made = (meta if row.previous is not None else in_schema_order(meta, category),
                    old.body if old else "", f"{category}/{row.slug}.md")
    rows_made = list(named.values())
    # The file each row would write, read back as check reads it (validate/entries.py); on
    # every core for many rows (YAML's emitter and reader are the slow part).
    made = on_every_core(files_of, rows_made) if len(rows_made) >= PARALLEL_ROWS \
        else files_of(rows_made)
    for row, (text, source) in zip(rows_made, made, strict=True):
        row.text, row.source = text, source
    checked = [s for s in existing if s.id not in named] + \
        [r.source for r in named.values() if r.source is not None]
    by_path = {r.source.path: r for r in named.values() if r.source is not None}
    for problem in validate(checked, tree.link_targets(content_dir)):
        row = by_path.get(problem.path)
        if row is not None:
            outcome.problems.append(row_problem(label, row, problem.field, problem.message,
                                                cols))
    if outcome.problems or dry_run:
        return outcome
    changed = [r for r in named.values()
               if r.source is not None and r.previous != r.source.meta]
    outcome.unchanged = len(named) - len(changed)

    for row in changed:
        assert row.source is not None
        (content_dir / row.source.src_uri).write_text(row.text, encoding="utf-8")
        (outcome.updated if row.previous is not None else outcome.added).append(
            Path(shown_path(content_dir, row.source.src_uri, display_root)))
    return outcome


def in_schema_order(meta: dict[str, Any], category: str) -> dict[str, Any]:
    """A new file's fields in the order of its schema (the order `virtual-centre new` uses)."""
    order = {name: n for n, name in enumerate(schemas.fields(category))}
    return dict(sorted(meta.items(), key=lambda item: order.get(item[0], len(order))))

