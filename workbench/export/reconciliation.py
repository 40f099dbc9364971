"""Reconciliation report of a back-translation review: XLSX (openpyxl) and DOCX (python-docx).

Both hold a cover summary (the texts with their hashes and languages, reviewers, the
report date, counts by discrepancy type and by decision) and the discrepancy log: one
row per pair with a discrepancy type or an issue status
(:func:`workbench.review.back_translation.discrepancy_log`) with its id, original,
forward translation, back-translation, type, decision, revised forward text and
rationale. With ``major_pairs`` (the default) they also list every pair the analysis
marks major or unaligned that nobody logged
(:func:`~workbench.review.back_translation.major_not_logged`), with why it is flagged
and, given the forward translation, which side introduced it
(:mod:`workbench.review.attribution`). Pure functions from a Review to bytes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from workbench.export.cells import safe_cell, xml_text
from workbench.export.ooxml import last_change, stable_zip
from workbench.model import DiscrepancyEntry, PairDivergence
from workbench.review.attribution import attribute_pair
from workbench.review.back_translation import (
    ReconciliationSummary,
    discrepancy_log,
    major_not_logged,
    summarise_reconciliation,
)
from workbench.review.record import PairRecord, Review
from workbench.review.verdict import compares_text, record_verdict

if TYPE_CHECKING:  # imported where a file is made (slow to import)
    from docx.document import Document as WordFile
    from openpyxl import Workbook

#: The discrepancy log's columns: (header, width in characters in the XLSX sheet).
LOG_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Pair", 14),
    ("Original", 50),
    ("Forward translation", 50),
    ("Back-translation", 50),
    ("Discrepancy type", 18),
    ("Decision", 20),
    ("Revised forward translation", 45),
    ("Rationale", 35),
    ("Status", 13),
    ("Reviewer", 14),
    ("Updated", 22),
)
#: How many of LOG_COLUMNS the DOCX table shows (a page is narrower than a sheet).
DOCX_LOG_COLUMNS = 8
#: The columns of the major pairs nobody logged: (header, width in the XLSX sheet).
MAJOR_COLUMNS: tuple[tuple[str, int], ...] = (
    ("Pair", 14),
    ("Original", 50),
    ("Forward translation", 50),
    ("Back-translation", 50),
    ("Why flagged", 30),
    ("Introduced by (suggested)", 45),
    ("Status", 13),
)
MAJOR_SHEET = "Major pairs not logged"
_NONE = "(not set)"


def _major_values(pair: PairRecord, review: Review, divergence: PairDivergence | None) -> list[str]:
    """One row of the major pairs nobody logged: texts, why flagged, who introduced it."""
    said = record_verdict(pair, divergence, text_similarity=compares_text(review.meta.settings))
    attribution = attribute_pair(pair, review.meta)
    return [
        pair.pair_id,
        pair.original_text,
        pair.forward.text if pair.forward else "",
        pair.translation_text,
        said.label,
        "; ".join(attribution.messages) if attribution is not None else "",
        pair.annotation.status,
    ]


def _log_values(pair: PairRecord) -> list[str]:
    ann = pair.annotation
    log = ann.log or DiscrepancyEntry()
    return [
        pair.pair_id,
        pair.original_text,
        pair.forward.text if pair.forward else "",
        pair.translation_text,
        log.discrepancy,
        log.decision,
        log.revised_text,
        log.rationale,
        ann.status,
        ann.reviewer,
        ann.updated_at,
    ]


def _reviewers(review: Review) -> str:
    names = dict.fromkeys(
        p.annotation.reviewer.strip() for p in review.pairs if p.annotation.reviewer.strip()
    )
    return ", ".join(names) or _NONE


def _texts(review: Review) -> list[tuple[str, str, str, str]]:
    """(role, file name, language, sha256) of each text of the review."""
    meta = review.meta
    rows = [
        ("Original", meta.original_name, meta.original_language, meta.original_sha256),
        (
            "Back-translation",
            meta.translation_name,
            meta.translation_language,
            meta.translation_sha256,
        ),
    ]
    if meta.forward is not None:
        forward = meta.forward
        rows.insert(1, ("Forward translation", forward.name, forward.language, forward.sha256))
    return rows


def _counts(summary: ReconciliationSummary) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    by_type = [(t or "(not classified)", n) for t, n in summary.by_type.items()]
    by_decision = [(d or "(not decided)", n) for d, n in summary.by_decision.items()]
    return by_type, by_decision


def _cover(
    review: Review, generated_at: str | None, *, major_pairs: bool
) -> list[tuple[str, str | int]]:
    summary = summarise_reconciliation(review)
    # The report's date is the review's last change, so the same review always gives
    # the same report; the time of generation is added only when the caller asks.
    generated = [("Report generated", generated_at)] if generated_at else []
    major = [("Major pairs not logged", len(major_not_logged(review)))] if major_pairs else []
    return [
        ("Project", review.meta.project),
        ("Review date (last change)", last_change(review)),
        *generated,
        ("Review created", review.meta.created_at),
        ("Reviewers", _reviewers(review)),
        ("Alignment level", review.meta.level),
        ("Pairs", summary.pairs),
        ("Pairs reviewed", summary.reviewed),
        ("Discrepancies logged", summary.logged),
        *major,
        ("Forward translation revised", summary.revised),
        ("Queries raised", summary.open_queries),
        ("Not decided yet", summary.undecided),
        ("Tool version", review.meta.tool_version),
    ]


# --- XLSX ------------------------------------------------------------------------------


def _table_sheet(
    book: Workbook, title: str, columns: Sequence[tuple[str, int]], rows: Iterable[list[str]]
) -> None:
    """A sheet of one table: bold header, wrapped cells safe from formulas, set widths."""
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wrap = CellAlignment(wrap_text=True, vertical="top")
    sheet = book.create_sheet(title)
    sheet.append([name for name, _ in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row, values in enumerate(rows, start=2):
        sheet.append([safe_cell(v) for v in values])
        # sheet.cell, not sheet[sheet.max_row]: that scans every cell so far (quadratic)
        for column in range(1, len(values) + 1):
            sheet.cell(row=row, column=column).alignment = wrap
    for index, (_, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = sheet.dimensions


def _major_rows(review: Review, divergences: Sequence[PairDivergence] | None) -> list[list[str]]:
    """The rows of the major pairs nobody logged (the diff's spans say why, when given)."""
    by_id = {d.pair_id: d for d in divergences or ()}
    return [_major_values(p, review, by_id.get(p.pair_id)) for p in major_not_logged(review)]


def to_reconciliation_xlsx(
    review: Review,
    *,
    generated_at: str | None = None,
    major_pairs: bool = True,
    divergences: Sequence[PairDivergence] | None = None,
) -> bytes:
    """The reconciliation report as a workbook: "Summary" and "Discrepancies" sheets, and
    with ``major_pairs`` a sheet of the major pairs nobody logged (``divergences``, when
    given, let it say which words differ)."""
    # Local imports: openpyxl is slow to import and only needed here.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    bold = Font(bold=True)
    book = Workbook()
    cover = book.active
    cover.title = "Summary"
    cover.append(["Back-translation reconciliation report"])
    cover["A1"].font = Font(bold=True, size=14)
    cover.append([])

    def section(title: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        cover.append([title])
        cover.cell(row=cover.max_row, column=1).font = bold
        cover.append(list(header))
        for cell in cover[cover.max_row]:
            cell.font = bold
        for row in rows:
            cover.append([safe_cell(v) if isinstance(v, str) else v for v in row])
        cover.append([])

    section("Report", ("Item", "Value"), _cover(review, generated_at, major_pairs=major_pairs))
    section("Texts", ("Role", "File", "Language", "SHA-256"), _texts(review))
    by_type, by_decision = _counts(summarise_reconciliation(review))
    section("Discrepancies by type", ("Type", "Count"), by_type)
    section("Discrepancies by decision", ("Decision", "Count"), by_decision)
    for letter, width in zip("ABCD", (30, 34, 12, 66), strict=True):
        cover.column_dimensions[letter].width = width

    _table_sheet(book, "Discrepancies", LOG_COLUMNS, map(_log_values, discrepancy_log(review)))
    if major_pairs:
        _table_sheet(book, MAJOR_SHEET, MAJOR_COLUMNS, _major_rows(review, divergences))

    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue(), last_change(review))


# --- DOCX ------------------------------------------------------------------------------

#: python-docx refuses a core property (the document title) longer than this.
MAX_PROPERTY_CHARS = 255


def _title(review: Review) -> str:
    """The document title property: XML-safe and short enough for python-docx."""
    title = xml_text(f"Back-translation reconciliation report: {review.meta.project}")
    return title if len(title) <= MAX_PROPERTY_CHARS else title[: MAX_PROPERTY_CHARS - 1] + "…"


def _landscape_document(review: Review) -> WordFile:
    """An empty landscape A4 Word document with small margins and the report's properties."""
    # Local imports: python-docx is only needed here.
    from docx import Document as WordDocument
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    word = WordDocument()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    word.styles["Normal"].font.size = Pt(9)
    word.core_properties.author = "workbench"
    word.core_properties.comments = ""
    word.core_properties.title = _title(review)
    return word


def to_reconciliation_docx(
    review: Review,
    *,
    generated_at: str | None = None,
    major_pairs: bool = True,
    divergences: Sequence[PairDivergence] | None = None,
) -> bytes:
    """The reconciliation report as a Word document (landscape; summary, then the log, then
    with ``major_pairs`` the major pairs nobody logged, as in the workbook)."""
    word = _landscape_document(review)
    word.add_heading("Back-translation reconciliation report", level=0)

    def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
        grid = word.add_table(rows=1, cols=len(header))
        grid.style = "Table Grid"
        for cell, name in zip(grid.rows[0].cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(name).bold = True
        for row in rows:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = xml_text(str(value))

    table(("Item", "Value"), _cover(review, generated_at, major_pairs=major_pairs))
    word.add_heading("Texts", level=1)
    table(("Role", "File", "Language", "SHA-256"), _texts(review))
    by_type, by_decision = _counts(summarise_reconciliation(review))
    word.add_heading("Discrepancies by type", level=1)
    table(("Type", "Count"), by_type)
    word.add_heading("Discrepancies by decision", level=1)
    table(("Decision", "Count"), by_decision)

    word.add_heading("Discrepancy log", level=1)
    log = discrepancy_log(review)
    if not log:
        word.add_paragraph("No discrepancy has been logged.")
    else:
        header = [name for name, _ in LOG_COLUMNS[:DOCX_LOG_COLUMNS]]
        table(header, [_log_values(p)[:DOCX_LOG_COLUMNS] for p in log])
    if major_pairs:
        word.add_heading(MAJOR_SHEET, level=1)
        major = _major_rows(review, divergences)
        if not major:
            word.add_paragraph("Every major pair is in the discrepancy log.")
        else:
            table([name for name, _ in MAJOR_COLUMNS], major)

    out = io.BytesIO()
    word.save(out)
    return stable_zip(out.getvalue(), last_change(review))
