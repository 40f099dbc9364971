"""Reading back a reviewer's spreadsheet as the XLSX and CSV-for-Excel exports wrote it.

The result is plain text cells with the place a person would look for them
(``Review!N12`` in a workbook, ``N12`` in a CSV opened in a spreadsheet), and the
review the sheet names (:data:`workbench.export.sheet_keys.IDENTITY_KEYS`). Nothing is
validated here beyond the file's shape; ``sheet_merge`` judges every value.

**Formula-like text** comes back as the text the reviewer meant and is never evaluated:

- an apostrophe the export put before text starting with ``= + - @``, tab or CR is
  removed (one apostrophe, only before such a character: ``'tis`` stays as it is);
- a cell the spreadsheet stored as a formula (a reviewer typed ``=see note 3``) is read
  as its formula text, ``=see note 3``; its computed value is never looked at;
- numbers, dates and booleans a spreadsheet made of typed text are written back as text.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath
from typing import Any

from workbench import config, safejson
from workbench.errors import SheetImportError
from workbench.export.cells import FORMULA_PREFIXES
from workbench.export.sheet_keys import IDENTITY_KEYS
from workbench.export.xlsx import ABOUT_SHEET, REVIEW_SHEET

#: Largest spreadsheet read (bytes); a review's XLSX is far smaller.
MAX_SHEET_BYTES = 64 * 1024 * 1024
#: Most data rows read from one sheet (a review of a long book has a few thousand pairs).
MAX_SHEET_ROWS = 200_000
#: The most an XLSX may unpack to (sum of its parts' declared sizes; Python's zipfile never
#: inflates a part past its declared size), so a small ZIP bomb is refused unread.
MAX_SHEET_UNPACKED = 512 * 1024 * 1024
_ZIP_MAGIC = b"PK\x03\x04"
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Cell:
    """One cell's text and where it stands (``Review!N12`` or ``N12``)."""

    value: str
    ref: str


@dataclass(frozen=True)
class SheetRow:
    """One data row: its number as the spreadsheet shows it, and its cells by column name."""

    number: int
    cells: Mapping[str, Cell]

    def value(self, column: str) -> str:
        """The text of ``column`` ("" when the sheet has no such column)."""
        cell = self.cells.get(column)
        return cell.value if cell is not None else ""


@dataclass(frozen=True)
class Sheet:
    """A reviewer's spreadsheet: which review it names, its columns and its rows."""

    name: str  # the file's name, for messages
    form: str  # "xlsx" or "csv"
    identity: Mapping[str, str]
    columns: tuple[str, ...]
    rows: tuple[SheetRow, ...]


def column_letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def plain_text(value: object, *, formula: bool = False) -> str:
    """A cell's value as the text the reviewer meant (see the module's formula rule)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if not isinstance(value, str):
        value = getattr(value, "text", None) or str(value)  # array formulas carry .text
    if formula:
        return value
    if value.startswith("'") and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def read_sheet(data: bytes, *, name: str = "sheet") -> Sheet:
    """The rows of an exported XLSX (ZIP magic) or CSV for Excel (anything else)."""
    if len(data) > MAX_SHEET_BYTES:
        raise SheetImportError(
            f"{name} has {len(data):,} bytes; a spreadsheet of at most "
            f"{MAX_SHEET_BYTES // (1024 * 1024)} MB is read."
        )
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, name=name)
    return _read_csv(data, name=name)


def _header(cells: Iterable[str], *, name: str, where: str) -> tuple[str, ...]:
    columns = tuple(c.strip() for c in cells)
    missing = [c for c in ("pair_id", "text_hash", "base", "status") if c not in columns]
    if missing:
        raise SheetImportError(
            f"{name} is not a sheet exported for review by workbench: {where} lacks the "
            f"columns {', '.join(missing)} (export the review as XLSX or CSV for Excel, "
            "edit that file, and import it)."
        )
    return columns


def _row(
    values: list[tuple[object, bool]], columns: tuple[str, ...], number: int, prefix: str
) -> SheetRow | None:
    """A data row from (value, is formula) cells; None for an empty row."""
    if all(value in (None, "") for value, _ in values):
        return None
    cells = {}
    for index, column in enumerate(columns):
        if not column or column in cells:
            continue
        value, formula = values[index] if index < len(values) else (None, False)
        ref = f"{prefix}{column_letter(index)}{number}"
        cells[column] = Cell(plain_text(value, formula=formula), ref)
    return SheetRow(number, cells)


def _limited(rows: Iterator[Any], *, name: str) -> Iterator[tuple[int, Any]]:
    for number, row in enumerate(rows, start=2):
        if number - 1 > MAX_SHEET_ROWS:
            raise SheetImportError(f"{name} has more than {MAX_SHEET_ROWS:,} rows.")
        yield number, row


def _check_unpacked(data: bytes, *, name: str) -> None:
    """SheetImportError if the workbook's parts declare more than MAX_SHEET_UNPACKED."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SheetImportError(f"{name} is a damaged Excel workbook ({exc}).") from None
    if unpacked > MAX_SHEET_UNPACKED:
        raise SheetImportError(
            f"{name} unpacks to {unpacked // (1024 * 1024):,} MB; a workbook of at most "
            f"{MAX_SHEET_UNPACKED // (1024 * 1024)} MB unpacked is read."
        )


def _read_xlsx(data: bytes, *, name: str) -> Sheet:
    # Local import: openpyxl is slow to import and only needed here.
    from openpyxl import load_workbook

    _check_unpacked(data, name=name)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise SheetImportError(
            f"{name} cannot be read as an Excel workbook ({type(exc).__name__}: {exc})."
        ) from None
    try:
        if REVIEW_SHEET not in book.sheetnames or ABOUT_SHEET not in book.sheetnames:
            raise SheetImportError(
                f"{name} has no {REVIEW_SHEET!r} and {ABOUT_SHEET!r} sheets: it is not a "
                "review exported by workbench as XLSX."
            )
        about = book[ABOUT_SHEET]
        identity = {
            plain_text(row[0]): plain_text(row[1])
            for row in about.iter_rows(min_row=2, max_col=2, values_only=True)
            if row and len(row) >= 2
        }
        sheet = book[REVIEW_SHEET]
        lines = sheet.iter_rows()
        first = next(lines, ())
        columns = _header((plain_text(c.value) for c in first), name=name, where="row 1")
        rows = []
        for number, line in _limited(lines, name=name):
            values = [(c.value, getattr(c, "data_type", "") == "f") for c in line]
            row = _row(values, columns, number, f"{REVIEW_SHEET}!")
            if row is not None:
                rows.append(row)
    finally:
        book.close()
    wanted = {key: identity.get(key, "") for key in IDENTITY_KEYS}
    return Sheet(name, "xlsx", wanted, columns, tuple(rows))


def _decoded(data: bytes, *, name: str) -> str:
    try:
        return data.removeprefix(_BOM).decode("utf-8")
    except UnicodeDecodeError:
        raise SheetImportError(
            f"{name} is neither an Excel workbook nor a UTF-8 CSV file. If a spreadsheet "
            "saved it, save it again as “CSV UTF-8”."
        ) from None


def _read_csv(data: bytes, *, name: str) -> Sheet:
    text = _decoded(data, name=name)
    first_line = text.split("\n", 1)[0]
    # a spreadsheet in some locales saves with ";" (or tab) between the cells
    delimiter = max(",;\t", key=first_line.count)
    if csv.field_size_limit() < 4 * config.MAX_CHARS:
        csv.field_size_limit(4 * config.MAX_CHARS)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        columns = _header(next(reader, []), name=name, where="the first line")
        rows = []
        for number, record in _limited(reader, name=name):
            row = _row([(v, False) for v in record], columns, number, "")
            if row is not None:
                rows.append(row)
    except csv.Error as exc:
        raise SheetImportError(f"{name} is not a readable CSV file ({exc}).") from None
    identity = _csv_identity(rows, name=name)
    return Sheet(name, "csv", identity, columns, tuple(rows))


def _csv_identity(rows: list[SheetRow], *, name: str) -> dict[str, str]:
    """The review named by the ``meta`` cell of the first row (the record's provenance)."""
    meta = rows[0].value("meta") if rows else ""
    try:
        data = safejson.loads(meta, max_chars=65_536, max_depth=4)
    except ValueError as exc:
        raise SheetImportError(
            f"{name}: the meta cell of row 2 cannot be read ({exc}); it says which review "
            "the sheet belongs to."
        ) from None
    if not isinstance(data, dict):
        raise SheetImportError(f"{name}: the meta cell of row 2 is not a JSON object.")
    return {key: str(data.get(key, "")) for key in IDENTITY_KEYS}


def display_name(path: str) -> str:
    """The file name of ``path`` for messages."""
    return PurePath(path).name or path
