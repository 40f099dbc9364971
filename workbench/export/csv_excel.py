"""The canonical CSV record made safe for a spreadsheet: a BOM and no formula-like cells.

It is also a working file for a reviewer: besides the record's columns, every row
carries ``text_hash`` and ``base`` (:mod:`workbench.export.sheet_keys`), so that
``workbench import`` can merge the edited file back (``docs/spreadsheets.md``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from workbench.export.cells import neutralise, readable
from workbench.export.sheet_keys import KEY_COLUMNS, base_key, text_key
from workbench.review.marks import describe_all
from workbench.review.record import Review
from workbench.store.csv_write import BOM, COLUMNS, TEXT_COLUMNS, rows

#: The header of the CSV-for-Excel file: the record's columns, then the row keys.
EXCEL_COLUMNS: tuple[str, ...] = COLUMNS + KEY_COLUMNS
_NEUTRALISED = tuple(name in TEXT_COLUMNS for name in COLUMNS)
_ERRORS = COLUMNS.index("errors")


def _safe_rows(review: Review) -> Iterator[list[str]]:
    for pair, row in zip(review.pairs, rows(review), strict=True):
        row[_ERRORS] = describe_all(pair.annotation.errors)
        cells = [
            readable(neutralise(cell) if text else cell)
            for cell, text in zip(row, _NEUTRALISED, strict=True)
        ]
        yield cells + [text_key(pair), base_key(pair.annotation)]


def to_csv_excel(review: Review) -> bytes:
    """The record with a BOM (Excel then reads UTF-8), formula-like text cells neutralised
    and the row keys ``text_hash`` and ``base`` appended.

    The ``errors`` cell is written for people, one error per line (``Accuracy/Mistranslation
    · major · “3,500” (translation)``), not as the record's JSON. Only for opening in a
    spreadsheet and importing back: the canonical file (``store.to_csv``) is never
    altered, since it is the record the store reads back.
    """
    buf = io.StringIO(newline="")
    # the record's dialect: RFC 4180, CRLF line ends (see docs/alignment-format.md)
    writer = csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(EXCEL_COLUMNS)
    writer.writerows(_safe_rows(review))
    # every cell went through readable(): no lone surrogate is left to stop the encoding
    return (BOM + buf.getvalue()).encode("utf-8")
