"""The canonical CSV record made safe for a spreadsheet: a BOM and no formula-like cells."""

from __future__ import annotations

from collections.abc import Iterator

from workbench.export.cells import neutralise, readable
from workbench.review.marks import describe_all
from workbench.review.record import Review
from workbench.store.csv_write import COLUMNS, TEXT_COLUMNS, rows, write_csv

_NEUTRALISED = tuple(name in TEXT_COLUMNS for name in COLUMNS)
_ERRORS = COLUMNS.index("errors")


def _safe_rows(review: Review) -> Iterator[list[str]]:
    for pair, row in zip(review.pairs, rows(review), strict=True):
        row[_ERRORS] = describe_all(pair.annotation.errors)
        yield [
            readable(neutralise(cell) if text else cell)
            for cell, text in zip(row, _NEUTRALISED, strict=True)
        ]


def to_csv_excel(review: Review) -> bytes:
    """The record with a BOM (Excel then reads UTF-8) and formula-like text cells neutralised.

    The ``errors`` cell is written for people, one error per line (``Accuracy/Mistranslation
    · major · “3,500” (translation)``), not as the record's JSON. Only for opening in a
    spreadsheet: the canonical file (``store.to_csv``) is never altered, since it is the
    record the store reads back.
    """
    return write_csv(_safe_rows(review), bom=True)
