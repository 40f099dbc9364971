"""Exports of a review: pure functions from a :class:`~workbench.review.Review` to bytes.

:data:`EXPORTS` maps a format name to its function, file extension, MIME type, label
and the review kinds it applies to; the app's download buttons and the ``workbench
export`` command both use it. To add a format: a module here with a
``to_x(review) -> bytes`` and an entry below.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.errors import ExportError
from workbench.export.csv_excel import to_csv_excel
from workbench.export.html_report import to_html_report
from workbench.export.json_format import from_json, to_json
from workbench.export.mqm import to_mqm_tsv
from workbench.export.reconciliation import to_reconciliation_docx, to_reconciliation_xlsx
from workbench.export.tmx import to_tmx
from workbench.export.xliff import XLIFF_VERSIONS, to_xliff
from workbench.export.xlsx import to_xlsx
from workbench.model import PairDivergence
from workbench.review.record import Review, ReviewKind
from workbench.store.csv_write import to_csv

__all__ = [
    "EXPORTS",
    "XLIFF_VERSIONS",
    "ExportFormat",
    "export",
    "formats_for",
    "from_json",
    "to_csv",
    "to_csv_excel",
    "to_html_report",
    "to_json",
    "to_mqm_tsv",
    "to_reconciliation_docx",
    "to_reconciliation_xlsx",
    "to_tmx",
    "to_xliff",
    "to_xlsx",
]

#: ``function(review, divergences, **options)``: the options are those the format declares.
Renderer = Callable[..., bytes]
_ALL_KINDS = frozenset(ReviewKind)
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class ExportFormat:
    """One export format: how to make it and how to offer it for download."""

    function: Renderer
    extension: str  # with the dot, e.g. ".xlsx"
    mime: str
    label: str
    text: bool = True  # False for binary formats (cannot go to a terminal)
    kinds: frozenset[ReviewKind] = _ALL_KINDS  # the review kinds it is offered for
    #: Keyword options the function takes (see :func:`export`), e.g. ``major_pairs``.
    options: frozenset[str] = frozenset()


EXPORTS: dict[str, ExportFormat] = {
    "csv": ExportFormat(lambda r, d: to_csv(r), ".csv", "text/csv", "CSV (canonical record)"),
    "csv-excel": ExportFormat(
        lambda r, d: to_csv_excel(r), ".excel.csv", "text/csv", "CSV for Excel"
    ),
    "xlsx": ExportFormat(lambda r, d: to_xlsx(r), ".xlsx", _XLSX, "Excel workbook", text=False),
    "tmx": ExportFormat(lambda r, d: to_tmx(r), ".tmx", "application/x-tmx+xml", "TMX 1.4"),
    # For the translator's CAT tool: each pair a unit, the review in notes.
    "xliff": ExportFormat(
        lambda r, d, **o: to_xliff(r, version=o.get("xliff_version", "2.0")),
        ".xlf",
        "application/xliff+xml",
        "XLIFF (for CAT tools)",
        options=frozenset({"xliff_version"}),
    ),
    "json": ExportFormat(lambda r, d: to_json(r), ".json", "application/json", "JSON"),
    "mqm": ExportFormat(
        lambda r, d: to_mqm_tsv(r), ".mqm.tsv", "text/tab-separated-values", "MQM TSV"
    ),
    "html": ExportFormat(
        lambda r, d: to_html_report(r, divergences=d), ".html", "text/html", "HTML report"
    ),
    # Back-translation reviews: summary and discrepancy log.
    "reconciliation-xlsx": ExportFormat(
        lambda r, d, **o: to_reconciliation_xlsx(r, divergences=d, **o),
        ".reconciliation.xlsx",
        _XLSX,
        "Reconciliation report (Excel)",
        text=False,
        kinds=frozenset({ReviewKind.BACK_TRANSLATION}),
        options=frozenset({"major_pairs"}),
    ),
    "reconciliation-docx": ExportFormat(
        lambda r, d, **o: to_reconciliation_docx(r, divergences=d, **o),
        ".reconciliation.docx",
        _DOCX,
        "Reconciliation report (Word)",
        text=False,
        kinds=frozenset({ReviewKind.BACK_TRANSLATION}),
        options=frozenset({"major_pairs"}),
    ),
}


def formats_for(review: Review) -> list[str]:
    """The formats offered for ``review`` (reconciliation reports for back-translations only)."""
    return [name for name, spec in EXPORTS.items() if review.meta.kind in spec.kinds]


def export(
    review: Review,
    fmt: str,
    *,
    divergences: Sequence[PairDivergence] | None = None,
    major_pairs: bool = True,
    xliff_version: str = "2.0",
) -> bytes:
    """The review in format ``fmt`` (a key of EXPORTS); ExportError for an unknown format.

    ``major_pairs``: reconciliation reports also list the major pairs nobody logged
    (formats without the option ignore it). ``xliff_version``: "2.0" or "1.2" (xliff).
    """
    try:
        spec = EXPORTS[fmt]
    except KeyError:
        raise ExportError(
            f"Unknown export format {fmt!r} (expected one of {', '.join(EXPORTS)})."
        ) from None
    options = {"major_pairs": major_pairs, "xliff_version": xliff_version}
    return spec.function(
        review, divergences, **{k: v for k, v in options.items() if k in spec.options}
    )
