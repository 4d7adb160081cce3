"""Spreadsheets in and out: the template, the import of its rows (all problems by row and
column, nothing written unless every row is valid, a second import changes nothing, an edited
row updates its file in place), the directory's workbooks exported and imported back unchanged,
and a regional waste database imported through a mapping."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter
from virtual_centre.catalogue.directory import Directory
from virtual_centre.catalogue.resources import Catalogue
from virtual_centre.cli.importer import Mapping, import_table
from virtual_centre.cli.main import main
from virtual_centre.cli.sheets import SheetError, read_table, sheet_title, write_template
from virtual_centre.model.categories import CATEGORIES
from virtual_centre.model.columns import columns, header, header_names
from virtual_centre.model.languages import available
from virtual_centre.model.words import words
from virtual_centre.outputs.sheets import listings_workbook, organisations_workbook
from virtual_centre.validate.gate import load_content
from virtual_centre.validate.rules import check_content

from .conftest import CONTENT, ROOT, build_site, main_html

TODAY = "2026-11-20"
OFFER = {
    "title": "Cotton jersey cuttings from Łódź", "summary": "Clean cutting waste, baled.",
    "date": TODAY, "language": "en", "countries": "PL",
    "organisation": "Example garment maker, Łódź",  # by its name
    "contact": "https://example.org/contact", "valid_until": "2027-06-30", "status": "open",
    "location.country": "PL", "location.city": "Łódź", "origin": "pre-consumer",
    "form": "fabric-cuttings", "ewc": "04 02 22", "composition": "cotton 95; elastane 5",
    "quantity.amount": 12, "quantity.unit": "t", "quantity.per": "month", "example": True,
}


@pytest.fixture
def content(tmp_path) -> Path:
    """A copy of the repository's content, as a git repository (to see what changed)."""
    copy = tmp_path / "project" / "content"
    shutil.copytree(CONTENT, copy)
    git(copy.parent, "init", "-q")
    git(copy.parent, "add", "-A")
    git(copy.parent, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "start")
    return copy


def git(where: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=where, check=True, capture_output=True,
                          text=True).stdout


def changed(content: Path) -> str:
    return git(content.parent, "status", "--porcelain")


def filled_template(path: Path, rows: list[dict], lang: str = "en") -> Path:
    """The template of offers (in a language) with its example row replaced by these rows
    (their cells by the column's name)."""
    write_template("offers", path, lang=lang)
    book = load_workbook(path)
    ws = book.worksheets[0]
    names = [c.name for c in columns("offers")]
    assert [c.value for c in ws[1]] == [header(c, words(lang)) for c in columns("offers")]
    ws.delete_rows(2)
    for row in rows:
        ws.append([row.get(name) for name in names])
    book.save(path)
    return path


def run_import(path: Path, content: Path, category: str = "offers", **kwargs) -> object:
    return import_table(read_table(path, kwargs.pop("sheet", None)), path.name, category,
                        content, content.parent, **kwargs)


def test_the_template_has_every_column_its_descriptions_and_lists(tmp_path):
    path = write_template("offers", tmp_path / "offers.xlsx")
    book = load_workbook(path)
    assert book.sheetnames[1] == "Read me" and "Lists" in book.sheetnames
    ws = book[book.sheetnames[0]]  # the sheet an import reads
    headers = [c.value for c in ws[1]]
    assert headers == [c.name for c in columns("offers")]
    assert {"quantity.amount", "location.city", "composition", "ewc"} <= set(headers)
    form = ws.cell(row=1, column=headers.index("form") + 1)
    assert form.comment is not None and form.font.bold  # described, required
    ranges = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    letter = get_column_letter(headers.index("ewc") + 1)
    lists = book["Lists"]
    ewc = next(f for s, f in ranges.items() if s.startswith(letter + "2"))
    column = ewc.split("!")[1].split(":")[0].replace("$", "")[0]
    codes = [c.value for c in lists[column][1:]]
    assert "04 02 22" in codes and lists.sheet_state == "hidden"
    example = {h: ws.cell(row=2, column=n + 1).value for n, h in enumerate(headers)}
    assert example["example"] is True  # the example row says it is one
    assert "Example" in example["title"]


@pytest.mark.parametrize("lang", ["de", "hu"])
def test_a_template_in_a_partner_language_reads_in_it_and_imports_like_the_english(
        tmp_path, content, lang):
    w = words(lang)
    path = filled_template(tmp_path / f"{lang}.xlsx", [OFFER], lang)
    book = load_workbook(path)
    ws = book.worksheets[0]
    assert ws.title == sheet_title(w._(CATEGORIES["offers"].title))
    headers = {c.name: cell for c, cell in zip(columns("offers"), ws[1], strict=True)}
    assert headers["form"].value == w.field("form") != "form"
    assert headers["quantity.amount"].value == f"{w.field('quantity')} › {w.field('amount')}"
    note = headers["form"].comment.text  # the field's name, then its help in the language
    english = columns("offers")[[c.name for c in columns("offers")].index("form")].description
    assert note == f"form: {w._(english)}" and w._(english) != english
    read_me = book.worksheets[1]
    assert read_me.title == w._("Read me") != "Read me"
    assert read_me["A1"].value.endswith(w._(CATEGORIES["offers"].title))
    lines = " ".join(str(c.value) for c in read_me["A"] if c.value)
    assert "quantity.amount" in lines and "--category offers --dry-run" in lines
    # What each value of a list means, in the language (the cells take the values).
    assert f"fabric-cuttings = {w.form('fabric-cuttings')}" in lines
    assert w.form("fabric-cuttings") != words("en").form("fabric-cuttings")
    # Imported like a row of the English template: the same file.
    translated = run_import(path, content)
    made = {p.name: (content.parent / p).read_text() for p in translated.added}
    assert translated.problems == [] and len(made) == 1
    git(content.parent, "clean", "-qfd")
    english = run_import(filled_template(tmp_path / "en.xlsx", [OFFER]), content)
    assert {p.name: (content.parent / p).read_text() for p in english.added} == made


def test_no_two_columns_share_a_header_in_any_language():
    for category in CATEGORIES:
        names = {c.name for c in columns(category)}
        for lang in ["en", *available()]:
            said = [" ".join(header(c, words(lang)).split()).casefold()
                    for c in columns(category)]
            assert len(said) == len(set(said)), (category, lang)
            if lang == "en":  # the columns' names
                assert said == [c.name.casefold() for c in columns(category)]
                continue
            # Every header names its own column, and no other column's name.
            for c, folded in zip(columns(category), said, strict=True):
                assert header_names(category)[folded] == c.name, (category, lang, c.name)
                assert folded not in names - {c.name}, (category, lang, c.name)


def test_template_filled_imported_checked_and_built(tmp_path, content, monkeypatch):
    monkeypatch.setattr("virtual_centre.cli.importer.PARALLEL_ROWS", 1)  # written on every core
    second = {**OFFER, "title": "Wool fibres from Prato", "organisation": "example-prato-wool",
              "location.country": "IT", "location.city": "Prato", "countries": "IT",
              "composition": "wool 100", "ewc": "04 02 21", "form": "fibres"}
    sheet = filled_template(tmp_path / "offers.xlsx", [OFFER, second])
    outcome = run_import(sheet, content)
    assert outcome.problems == [] and len(outcome.added) == 2
    written = (content / "offers" / "cotton-jersey-cuttings-from-lodz.md").read_text()
    assert "organisation: example-lodz-garments" in written  # matched by name
    assert "fibre: elastane" in written and "percent: 5" in written
    assert check_content(content, content.parent)[1] == []
    site = build_site(content, tmp_path / "site")
    listing = main_html(site / "offers" / "index.html")
    assert "cotton-jersey-cuttings-from-lodz.html" in listing
    assert "wool-fibres-from-prato.html" in listing


def test_broken_rows_give_every_problem_by_row_and_column_and_write_nothing(tmp_path, content):
    rows = [OFFER,
            {**OFFER, "title": "Bad one", "form": "sofa", "quantity.amount": "lots"},
            {**OFFER, "title": "Another", "organisation": "Example garment makr, Lodz",
             "location.city": "Lodzz", "composition": "cotton 60; elastane 5"}]
    sheet = filled_template(tmp_path / "offers.xlsx", rows)
    outcome = run_import(sheet, content)
    text = "\n".join(outcome.problems)
    headers = [c.name for c in columns("offers")]

    def at(row: int, column: str) -> str:
        return f"offers.xlsx:{row}:{get_column_letter(headers.index(column) + 1)} ("

    assert at(3, "form") + "form): " in text and "sofa" in text
    assert at(3, "quantity.amount") + "quantity.amount): " in text
    assert at(4, "organisation") + "organisation): " in text and "did you mean" in text
    assert at(4, "location.city") in text
    assert at(4, "composition") + "composition" in text  # shares add up to 65 %
    assert len(outcome.problems) >= 5 and outcome.added == outcome.updated == []
    assert changed(content) == ""  # nothing written, not even the valid row


def test_a_second_import_changes_nothing_and_an_edit_updates_in_place(tmp_path, content):
    sheet = filled_template(tmp_path / "offers.xlsx", [OFFER])
    assert run_import(sheet, content).added
    git(content.parent, "add", "-A")
    git(content.parent, "-c", "user.name=t", "-c", "user.email=t@x", "commit", "-qm", "one")
    again = run_import(sheet, content)
    assert again.problems == [] and again.unchanged == 1 and changed(content) == ""
    target = content / "offers" / "cotton-jersey-cuttings-from-lodz.md"
    target.write_text(target.read_text().replace("example: true\n", "example: true\n"
                                                 "colour: white\n")
                      + "\nA body written by hand.\n")
    git(content.parent, "commit", "-qam", "edited by hand")
    # A sheet of two columns: the file's other fields and its body stay as they are.
    edited = tmp_path / "edited.csv"
    edited.write_text("id,quantity.amount\ncotton-jersey-cuttings-from-lodz,15\n")
    outcome = run_import(edited, content)
    assert [p.name for p in outcome.updated] == [target.name]
    after = target.read_text()
    assert "amount: 15" in after and "A body written by hand." in after
    assert "colour: white" in after and "fibre: elastane" in after
    assert git(content.parent, "diff", "--stat").count("1 file changed") == 1


def test_export_then_import_round_trips_the_directory(tmp_path, content):
    catalogue = Catalogue.from_sources(load_content(content))
    directory = Directory(catalogue, __import__("datetime").date(2026, 11, 20))
    workbook = tmp_path / "listings.xlsx"
    workbook.write_bytes(listings_workbook(directory))
    book = load_workbook(workbook, read_only=True)
    assert book.sheetnames == ["offers", "demands"]
    for category in ("offers", "demands"):
        outcome = run_import(workbook, content, category, sheet=category)
        assert outcome.problems == [], outcome.problems[:5]
        assert outcome.unchanged > 0 and outcome.added == outcome.updated == []
    orgs = tmp_path / "organisations.xlsx"
    orgs.write_bytes(organisations_workbook(catalogue, directory.today))
    outcome = run_import(orgs, content, "organisations")
    assert outcome.problems == [] and outcome.unchanged == len(catalogue.by_category[
        "organisations"])
    assert changed(content) == ""


def test_the_exported_workbooks_are_reproducible(content):
    catalogue = Catalogue.from_sources(load_content(content))
    directory = Directory(catalogue, __import__("datetime").date(2026, 11, 20))
    assert listings_workbook(directory) == listings_workbook(directory)
    with zipfile.ZipFile(io.BytesIO(listings_workbook(directory))) as z:
        assert {i.date_time[:3] for i in z.infolist()} == {(2026, 11, 20)}


def test_a_regional_waste_database_imports_through_its_mapping(content):
    """The example in examples/ (invented, in the shape of ENTeR's regional databases)."""
    example = ROOT / "examples" / "regional-waste-database.csv"
    mapping = Mapping.load(ROOT / "examples" / "regional-waste-database.mapping.yaml")
    outcome = run_import(example, content, mapping=mapping)
    assert outcome.problems == [], outcome.problems[:5]
    assert len(outcome.added) >= 5
    assert check_content(content, content.parent)[1] == []
    for path in outcome.added:
        assert "example: true" in (content.parent / path).read_text()  # invented, marked


def test_the_command_line_and_bad_files(tmp_path, content, capsys, monkeypatch):
    sheet = filled_template(tmp_path / "offers.xlsx", [{**OFFER, "form": "sofa"}])
    assert main(["import", str(sheet), "--category", "offers", "--content", str(content),
                 "--dry-run"]) == 1
    out = capsys.readouterr()
    assert "offers.xlsx:2:" in out.out and "nothing written" in out.err
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    with pytest.raises(SheetError, match="not an .xlsx"):
        read_table(fake)
    monkeypatch.setattr("virtual_centre.cli.sheets.MAX_UNPACKED_BYTES", 1_000_000)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/sharedStrings.xml", b"0" * 2_000_000)
    with pytest.raises(SheetError, match="unpacks to"):
        read_table(bomb)
    wide = tmp_path / "wide.csv"
    wide.write_text(",".join(f"c{i}" for i in range(300)) + "\n")
    with pytest.raises(SheetError, match="columns"):
        read_table(wide)
    ods = tmp_path / "x.ods"
    ods.write_bytes(b"PK")
    with pytest.raises(SheetError, match="save an .ods as .xlsx"):
        read_table(ods)
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("title,colour_of_sky\nA,blue\n")
    outcome = run_import(unknown, content)
    assert any("unknown.csv:1:B (colour_of_sky): unknown column" in p
               for p in outcome.problems)
    book = Workbook()
    book.active.append(["id", "title"])
    book.active.append(["Bad Name", "x"])
    book.save(tmp_path / "badid.xlsx")
    outcome = run_import(tmp_path / "badid.xlsx", content)
    assert any(":2:A (id): " in p and "bad-name" in p for p in outcome.problems)


def test_an_xlsx_cannot_read_a_file_of_this_machine(tmp_path):
    """An XML entity naming a local file is never expanded into a cell (openpyxl parses with
    the standard library's expat, not lxml: the package sets OPENPYXL_LXML)."""
    from openpyxl import xml as openpyxl_xml

    assert openpyxl_xml.LXML is False
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT")
    plain = tmp_path / "plain.xlsx"
    book = Workbook()
    book.active.append(["title"])
    book.active.append(["PLACEHOLDER"])
    book.save(plain)
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                head, _, rest = text.partition("?>")
                text = (f'{head}?><!DOCTYPE worksheet [<!ENTITY e SYSTEM "file://{secret}">]>'
                        + rest.replace('t="s"><v>1</v>', 't="inlineStr"><is><t>&e;</t></is>'))
                data = text.encode()
            target.writestr(info, data)
    try:
        table = read_table(hostile)
    except SheetError as error:
        assert "TOP-SECRET" not in str(error)
    else:
        assert "TOP-SECRET" not in repr(table.rows)
