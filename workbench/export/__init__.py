"""Exports of a review: pure functions from a :class:`~workbench.review.Review` to bytes.

:data:`EXPORTS` maps a format name to its function, file extension, MIME type and label;
the app's download buttons and the ``workbench export`` command both use it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.errors import ExportError
from workbench.export.csv_record import from_csv, to_csv
from workbench.export.html_report import to_html_report
from workbench.export.json_format import from_json, to_json
from workbench.export.mqm import to_mqm_tsv
from workbench.export.neutralise import neutralise
from workbench.export.reconciliation import to_reconciliation_docx, to_reconciliation_xlsx
from workbench.export.tmx import to_tmx
from workbench.export.xlsx import to_xlsx
from workbench.model import PairDivergence
from workbench.review import Review

__all__ = [
    "EXPORTS",
    "ExportFormat",
    "export",
    "from_csv",
    "from_json",
    "neutralise",
    "to_csv",
    "to_html_report",
    "to_json",
    "to_mqm_tsv",
    "to_reconciliation_docx",
    "to_reconciliation_xlsx",
    "to_tmx",
    "to_xlsx",
]

Renderer = Callable[[Review, Sequence[PairDivergence] | None], bytes]


@dataclass(frozen=True)
class ExportFormat:
    """One export format: how to make it and how to offer it for download."""

    function: Renderer
    extension: str  # with the dot, e.g. ".xlsx"
    mime: str
    label: str
    text: bool = True  # False for binary formats (cannot go to a terminal)


EXPORTS: dict[str, ExportFormat] = {
    "csv": ExportFormat(lambda r, d: to_csv(r), ".csv", "text/csv", "CSV (canonical record)"),
    "csv-excel": ExportFormat(
        lambda r, d: to_csv(r, excel=True), ".excel.csv", "text/csv", "CSV for Excel"
    ),
    "xlsx": ExportFormat(
        lambda r, d: to_xlsx(r),
        ".xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel workbook",
        text=False,
    ),
    "tmx": ExportFormat(lambda r, d: to_tmx(r), ".tmx", "application/x-tmx+xml", "TMX 1.4"),
    "json": ExportFormat(lambda r, d: to_json(r), ".json", "application/json", "JSON"),
    "mqm": ExportFormat(
        lambda r, d: to_mqm_tsv(r), ".mqm.tsv", "text/tab-separated-values", "MQM TSV"
    ),
    "html": ExportFormat(
        lambda r, d: to_html_report(r, divergences=d), ".html", "text/html", "HTML report"
    ),
    # Back-translation review (workbench.reconcile): summary and discrepancy log.
    "reconciliation-xlsx": ExportFormat(
        lambda r, d: to_reconciliation_xlsx(r),
        ".reconciliation.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Reconciliation report (Excel)",
        text=False,
    ),
    "reconciliation-docx": ExportFormat(
        lambda r, d: to_reconciliation_docx(r),
        ".reconciliation.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Reconciliation report (Word)",
        text=False,
    ),
}


def export(
    review: Review, fmt: str, *, divergences: Sequence[PairDivergence] | None = None
) -> bytes:
    """The review in format ``fmt`` (a key of EXPORTS); ExportError for an unknown format."""
    try:
        spec = EXPORTS[fmt]
    except KeyError:
        raise ExportError(
            f"Unknown export format {fmt!r} (expected one of {', '.join(EXPORTS)})."
        ) from None
    return spec.function(review, divergences)
