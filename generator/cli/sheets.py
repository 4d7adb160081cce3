"""Spreadsheets in: a category's template (.xlsx) and the reading of a filled-in table (.xlsx
or .csv), bounded in size and in work like every other input from outside.

OpenDocument (.ods) is not read: no maintained library of the ecosystem reads it in streaming
mode; LibreOffice saves a sheet as .xlsx or .csv.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl import xml as openpyxl_xml
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..model.categories import CATEGORIES
from ..model.columns import ID, Column, cell_of, columns, header
from ..model.languages import SOURCE
from ..model.words import Words, words

MAX_FILE_BYTES = 20_000_000  # the sheet as uploaded
MAX_UNPACKED_BYTES = 200_000_000  # an .xlsx is a zip: what it unpacks to
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000
SUFFIXES = (".xlsx", ".csv")


class SheetError(ValueError):
    """The file cannot be read as a table (the message says why, in plain words)."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    """(row number as the spreadsheet shows it, cells) of every row that is not empty."""


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The first sheet (or the one named) of an .xlsx, or a .csv (UTF-8, comma or semicolon)."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise SheetError(f"{path.name}: a sheet is an .xlsx or a .csv file "
                         "(save an .ods as .xlsx)")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SheetError(f"{path.name} is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    rows = _xlsx_rows(path, sheet) if suffix == ".xlsx" else _csv_rows(path)
    table: Table | None = None
    for number, cells in rows:
        if len(cells) > MAX_COLUMNS:
            raise SheetError(f"{path.name}: row {number} has {len(cells)} columns; the limit "
                             f"is {MAX_COLUMNS}")
        for cell in cells:
            if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
                raise SheetError(f"{path.name}: a cell of row {number} holds {len(cell):,} "
                                 f"characters; the limit is {MAX_CELL_CHARS:,}")
        if table is None:
            table = Table([str(c).strip() if c is not None else "" for c in cells])
        elif any(c not in (None, "") for c in cells):
            if len(table.rows) >= MAX_ROWS:
                raise SheetError(f"{path.name} has more than {MAX_ROWS:,} rows")
            table.rows.append((number, list(cells)))
    if table is None:
        raise SheetError(f"{path.name} is empty: its first row names the columns")
    return table


def _xlsx_rows(path: Path, sheet: str | None):  # noqa: ANN202 - a generator of rows
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(i.file_size for i in z.infolist())
    except zipfile.BadZipFile as exc:
        raise SheetError(f"{path.name} is not an .xlsx workbook") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise SheetError(f"{path.name} unpacks to {unpacked:,} bytes; the limit is "
                         f"{MAX_UNPACKED_BYTES:,}")
    if openpyxl_xml.LXML:
        raise SheetError("openpyxl was loaded with lxml before the virtual_centre package: an "
                         ".xlsx is not read with a parser that expands entities")
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise SheetError(f"{path.name} cannot be read as an .xlsx workbook: {exc}") from exc
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise SheetError(f"{path.name} has no sheet '{sheet}' (it has: "
                             f"{', '.join(book.sheetnames)})")
        ws = book[sheet] if sheet else book.worksheets[0]
        try:
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                yield number, list(row)
        except SheetError:
            raise
        except Exception as exc:  # a damaged or hostile sheet's XML
            raise SheetError(f"{path.name} cannot be read as an .xlsx workbook: {exc}") from exc
    finally:
        book.close()


def _csv_rows(path: Path):  # noqa: ANN202 - a generator of rows
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SheetError(f"{path.name} is not UTF-8 text (byte {exc.start}): save it as "
                         "CSV UTF-8") from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    yield from enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1)


# -- the template ------------------------------------------------------------------------------

EXAMPLE_FONT = Font(italic=True, color="808080")
HEADER_FONT = Font(bold=True)


def read_me(category: str, cols: list[Column], w: Words) -> list[str]:
    c = CATEGORIES[category]
    values = {"title": w._(c.title), "category": category,
              "columns": ", ".join(f"{header(col, w)} ({col.name})" if w.lang != SOURCE
                                   else col.name for col in cols)}
    return [line % values for line in (
        w._("Virtual Centre for textile recycling: %(title)s"),
        "",
        w._("One row is one resource, one file of the site. Fill in one row per resource, from "
            "row 3 on (row 2 is an invented example: delete it)."),
        w._("The first row names the columns: keep it. A column you do not need can be deleted "
            "or left empty; a bold header is a required field."),
        w._("Hover over a header to read what the field holds. Where a cell offers a list, pick "
            "from it: the list is the vocabulary the site checks against."),
        w._("Several values in one cell are separated by semicolons: PL; CZ. Pairs too: "
            "cotton 95; elastane 5 (a fibre and its percentage)."),
        w._("Dates are written YYYY-MM-DD. Numbers take a decimal point or a decimal comma."),
        w._("Then: virtual-centre import THIS-FILE.xlsx --category %(category)s --dry-run lists "
            "every problem by row and column; without --dry-run it writes the files."),
        w._("Columns (and the field each fills in): %(columns)s.") if w.lang != SOURCE
        else w._("Columns: %(columns)s."),
    )] + ([] if w.lang == SOURCE else
          ["", w._("The values of the lists, and what each means:"), *choices_read_me(cols, w)])


SPELLED_OUT = ("country", "countries", "language")  # CLDR's names: lists of hundreds


def choice_label(column: Column, value: str, w: Words) -> str:
    """What a value of a column's list means in a language (the vocabulary's label)."""
    field = column.path[-1]
    if field in ("materials", "composition", "fibres"):
        return w.fibre(value)
    if field == "tags":
        return w.topic(value)
    if field == "ewc":
        return w.waste_code(value)
    return w.enum(field, value)


def choices_read_me(cols: list[Column], w: Words) -> list[str]:
    """A line per list of values: each value and its meaning in the language (the cells take
    the values, as the files write them)."""
    lines = []
    for col in cols:
        if not col.choices or col.path[-1] in SPELLED_OUT:
            continue
        said = [(v, choice_label(col, v, w)) for v in col.choices]
        if any(label.casefold() != value.casefold() for value, label in said):
            lines.append(f"{header(col, w)} ({col.name}): "
                         + "; ".join(f"{value} = {label}" for value, label in said))
    return lines


def _lists_sheet(book: Workbook, cols: list[Column]) -> dict[str, str]:
    """A hidden sheet of the vocabularies, one per column: column name -> its range."""
    ws = book.create_sheet("Lists")
    ranges = {}
    for n, col in enumerate((c for c in cols if c.choices), start=1):
        letter = get_column_letter(n)
        ws.cell(row=1, column=n, value=col.name)
        for i, choice in enumerate(col.choices, start=2):
            ws.cell(row=i, column=n, value=choice)
        ranges[col.name] = f"Lists!${letter}$2:${letter}${len(col.choices) + 1}"
    ws.sheet_state = "hidden"
    return ranges


def example_meta(category: str) -> dict[str, Any]:
    """An invented example of the category, marked as one (the scaffolder's examples)."""
    from ..model import schemas
    from .scaffold import example_of

    meta: dict[str, Any] = {}
    for name, prop in schemas.fields(category).items():
        value = example_of(name, prop, f"Example {CATEGORIES[category].singular.lower()}",
                           "2026-01-15")
        if value is not None:
            meta[name] = value
    meta["example"] = True
    return meta


def sheet_title(title: str) -> str:
    """A sheet's name: at most 31 characters (Excel's limit), cut between words."""
    title = title.replace("/", " ")
    return title if len(title) <= 31 else title[:32].rsplit(" ", 1)[0].rstrip(" (:,-")


def write_template(category: str, out: Path, rows: int = 500, lang: str = SOURCE) -> Path:
    """The category's template in a language: headers, their notes and "Read me" in its words
    (the values of the lists stay the vocabulary's, as the files write them)."""
    w = words(lang)
    cols = columns(category)
    book = Workbook()
    ws = book.active
    ws.title = sheet_title(w._(CATEGORIES[category].title))
    for n, col in enumerate(cols, start=1):
        title = header(col, w)
        cell = ws.cell(row=1, column=n, value=title)
        cell.font = HEADER_FONT if col.required else Font()
        if col.description:
            note = w._(col.description) if lang == SOURCE else f"{col.name}: {w._(col.description)}"
            cell.comment = Comment(note[:1000], "Virtual Centre")
        ws.column_dimensions[get_column_letter(n)].width = max(12, min(40, len(title) + 4))
    example = example_meta(category)
    for n, col in enumerate(cols, start=1):
        value = "example-" + category if col.name == ID else cell_of(col, example)
        cell = ws.cell(row=2, column=n, value=value)
        cell.font = EXAMPLE_FONT
    ranges = _lists_sheet(book, cols)
    for n, col in enumerate(cols, start=1):
        if col.name not in ranges:
            continue
        check = DataValidation(type="list", formula1=ranges[col.name], allow_blank=True)
        if col.kind != "value":  # several values in a cell: the list suggests, never refuses
            check.errorStyle, check.showErrorMessage = "information", False
        ws.add_data_validation(check)
        letter = get_column_letter(n)
        check.add(f"{letter}2:{letter}{rows + 2}")
    notes = book.create_sheet(w._("Read me"), 1)
    for n, line in enumerate(read_me(category, cols, w), start=1):
        notes.cell(row=n, column=1, value=line)
    notes.column_dimensions["A"].width = 120
    book.active = 0
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out
