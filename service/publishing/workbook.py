"""Read and write the template's sheets: one XLSX workbook, or a folder of CSV files.

A sheet is a list of rows of cells, its first row the headers. Reading keeps the cell values
as the spreadsheet program stored them (a number, a date, text); the import reads them.
Writing goes through :mod:`service.atomic`, so a file or folder is whole or untouched.
"""

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..atomic import atomic_file, atomic_folder
from ..errors import FileError
from .csv_text import CsvError, read_csv_rows
from .template import (
    INSTRUCTIONS,
    NOTES,
    NOTES_HEADERS,
    OTHER,
    OTHER_HEADERS,
    SHEET_NAMES,
    SHEETS,
)
from .workbook_aids import dress, instructions

Rows = list[list[Any]]
Tables = dict[str, Rows]

#: The largest workbook the import reads (bytes): a template of a few partnerships is ~100 kB.
MAX_BYTES = 20 * 1024 * 1024
#: The most a workbook may unpack to (bytes): a zip bomb is refused before it is opened.
MAX_UNPACKED = 200 * 1024 * 1024
#: The most rows a sheet may have: the curated graph needs fewer than a thousand.
MAX_ROWS = 50_000


class WorkbookError(FileError):
    """The file or folder cannot be read as the template."""


def empty_tables() -> Tables:
    """The template's sheets with their headers and no rows."""
    tables: Tables = {sheet.name: [list(sheet.headers)] for sheet in SHEETS}
    tables[OTHER] = [list(OTHER_HEADERS)]
    tables[NOTES] = [list(NOTES_HEADERS)]
    return tables


def write_xlsx(tables: Mapping[str, Rows], target: Path) -> None:
    """The sheets as one workbook (plus a sheet of instructions), written atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    notes = book.active
    assert notes is not None
    notes.title = INSTRUCTIONS
    for line in instructions():
        notes.append([line])
    for name in SHEET_NAMES:
        sheet = book.create_sheet(name)
        for row in tables.get(name, empty_tables()[name]):
            sheet.append(list(row))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "B2"
        for row in sheet.iter_rows(min_row=2):
            for cell in row:  # text that starts with '=' is text, not a formula
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    dress(book)
    with atomic_file(target) as temporary:
        book.save(temporary)


def csv_text(rows: Sequence[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if cell is None else cell for cell in row])
    return out.getvalue()


def write_csv_folder(tables: Mapping[str, Rows], target: Path) -> None:
    """The sheets as ``<sheet>.csv`` files (UTF-8) in a folder, written atomically."""
    with atomic_folder(target) as temporary:
        for name in SHEET_NAMES:
            rows = tables.get(name, empty_tables()[name])
            (temporary / f"{name}.csv").write_text(csv_text(rows), encoding="utf-8")


def write_tables(tables: Mapping[str, Rows], target: Path) -> None:
    """A workbook if ``target`` ends in .xlsx, else a folder of CSV files."""
    if target.suffix.lower() == ".xlsx":
        write_xlsx(tables, target)
    else:
        write_csv_folder(tables, target)


def _trimmed(rows: Rows) -> Rows:
    """Rows without trailing empty cells (empty rows stay: row numbers must not shift)."""
    out = []
    for row in rows:
        cells = list(row)
        while cells and (cells[-1] is None or cells[-1] == ""):
            cells.pop()
        out.append(cells)
    return out


def shown_value(cell: Any) -> Any:
    """A cell's value at the precision its number format shows: a date formatted as a
    month ("nov 2021", ``mmm yyyy``) is the month "2021-11", as a year the year; else as
    stored (a day-formatted date is a day)."""
    value = cell.value
    if not isinstance(value, dt.date):
        return value
    shown = re.sub(r'\[[^\]]*\]|"[^"]*"|\\.', "", str(getattr(cell, "number_format", "")))
    shown = shown.split(";", 1)[0].lower()
    if "d" in shown or "h" in shown or "s" in shown:
        return value
    if "m" in shown:
        return f"{value.year}-{value.month:02d}"
    if "y" in shown:
        return f"{value.year}"
    return value


def read_xlsx_bytes(data: bytes, name: Path) -> Tables:
    """The sheets of a workbook given as bytes (``name`` for messages)."""
    from openpyxl import load_workbook

    if len(data) > MAX_BYTES:
        raise WorkbookError(name, None, f"larger than {MAX_BYTES // 1024 // 1024} MB")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except zipfile.BadZipFile as error:
        raise WorkbookError(name, None, f"not an XLSX workbook: {error}") from error
    if unpacked > MAX_UNPACKED:
        raise WorkbookError(name, None, f"unpacks to more than {MAX_UNPACKED // 1024 // 1024} MB")
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zip, XML and openpyxl errors all mean "not a workbook"
        raise WorkbookError(name, None, f"not an XLSX workbook: {error}") from error
    try:
        tables: Tables = {}
        for sheet in book.worksheets:
            if sheet.title == INSTRUCTIONS:
                continue
            rows: Rows = []
            for row in sheet.iter_rows():
                if len(rows) == MAX_ROWS:
                    raise WorkbookError(name, None, f"{sheet.title}: more than {MAX_ROWS} rows")
                rows.append([shown_value(cell) for cell in row])
            tables[sheet.title] = _trimmed(rows)
        return tables
    except WorkbookError:
        raise
    except Exception as error:  # a damaged sheet's XML
        raise WorkbookError(name, None, f"not an XLSX workbook: {error}") from error
    finally:
        book.close()


def read_csv_bytes(data: bytes, name: Path) -> Rows:
    """A CSV sheet in UTF-8 or Windows-1252, comma or semicolon (see :mod:`.csv_text`)."""
    try:
        return _trimmed(read_csv_rows(data))
    except CsvError as error:
        raise WorkbookError(name, None, f"cannot read CSV: {error}") from None


def _read_csv_file(path: Path) -> Rows:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise WorkbookError(path, None, f"cannot read CSV: {error}") from error
    return read_csv_bytes(data, path)


def read_tables(path: Path) -> Tables:
    """The sheets of a workbook (``.xlsx``) or of a folder of ``<sheet>.csv`` files."""
    if path.is_dir():
        tables: Tables = {}
        for file in sorted(path.glob("*.csv")):
            tables[file.stem] = _read_csv_file(file)
        if not tables:
            raise WorkbookError(path, None, "folder holds no CSV files of the template")
        return tables
    if not path.is_file():
        raise WorkbookError(path, None, "no such file or folder")
    if path.suffix.lower() == ".csv":
        return {path.stem: _read_csv_file(path)}
    if path.suffix.lower() != ".xlsx":
        raise WorkbookError(path, None, "give an .xlsx workbook or a folder of .csv files")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise WorkbookError(path, None, f"cannot read file: {error}") from error
    return read_xlsx_bytes(data, path)
