"""The canonical CSV record made safe for a spreadsheet: a BOM and no formula-like cells."""

from __future__ import annotations

from workbench.export.cells import neutralise, readable
from workbench.review.record import Review
from workbench.store.csv_write import COLUMNS, TEXT_COLUMNS, rows, write_csv

_NEUTRALISED = tuple(name in TEXT_COLUMNS for name in COLUMNS)


def to_csv_excel(review: Review) -> bytes:
    """The record with a BOM (Excel then reads UTF-8) and formula-like text cells neutralised.

    Only for opening in a spreadsheet: the canonical file (``store.to_csv``) is never
    altered, since it is the record the store reads back.
    """
    safe = (
        [
            readable(neutralise(cell) if text else cell)
            for cell, text in zip(row, _NEUTRALISED, strict=True)
        ]
        for row in rows(review)
    )
    return write_csv(safe, bom=True)
