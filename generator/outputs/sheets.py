"""The directory's open listings and the organisations as .xlsx workbooks, next to the CSV and
JSON: the columns of `virtual-centre template`, so a partner can edit a copy and import it
back. Written in openpyxl's streaming (write-only) mode; the same content gives the same bytes
(the workbook's dates and the zip's entries carry the build's day)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from typing import Any

from ..catalogue.directory import Directory
from ..catalogue.resources import Catalogue, Resource
from ..model.categories import LISTING_CATEGORIES
from ..model.columns import ID, cell_of, columns


def _sheet(book: Any, title: str, category: str, resources: Iterable[Resource]) -> None:
    ws = book.create_sheet(title)
    cols = columns(category)
    ws.append([c.name for c in cols])
    for r in resources:
        ws.append([_cell(ws, r.slug if c.name == ID else cell_of(c, r.meta)) for c in cols])


def _cell(ws: Any, value: Any) -> Any:
    """A value as its cell; text is always a text cell: openpyxl makes a formula of any text
    that starts with '=', and a spreadsheet would run it (OWASP, "CSV injection")."""
    from openpyxl.cell import WriteOnlyCell

    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.data_type = "s"
    return cell


# openpyxl writes the time of saving into the workbook's properties.
MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _reproducible(data: bytes, day: dt.date) -> bytes:
    """The workbook's zip again, every entry dated on the build's day, the workbook's
    properties too (openpyxl dates both with the clock)."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    moment = f"{day.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = MODIFIED.sub(rb"\g<1>" + moment + rb"\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()


def _workbook(sheets: list[tuple[str, str, Iterable[Resource]]], day: dt.date) -> bytes:
    from openpyxl import Workbook  # 10 MB: loaded by the process that writes the workbooks

    book = Workbook(write_only=True)
    moment = dt.datetime(day.year, day.month, day.day)
    book.properties.created = book.properties.modified = moment
    book.properties.creator = "Virtual Centre for textile recycling"
    for title, category, resources in sheets:
        _sheet(book, title, category, resources)
    data = io.BytesIO()
    book.save(data)
    return _reproducible(data.getvalue(), day)


def listings_workbook(directory: Directory) -> bytes:
    """The open listings, a sheet per category (its name: the category's folder)."""
    catalogue = directory.catalogue
    return _workbook([(category, category,
                       (r for r in catalogue.by_category.get(category, [])
                        if not directory.archived(r.id)))
                      for category in LISTING_CATEGORIES], directory.today)


def organisations_workbook(catalogue: Catalogue, day: dt.date) -> bytes:
    return _workbook([("organisations", "organisations",
                       catalogue.by_category.get("organisations", []))], day)
