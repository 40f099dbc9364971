"""XLSX export (openpyxl): one row per pair, styled for reading and safe to open."""

from __future__ import annotations

import io

from workbench.export.cells import safe_cell
from workbench.export.ooxml import last_change, stable_zip
from workbench.model import DiscrepancyEntry
from workbench.review.marks import describe_all
from workbench.review.record import PairRecord, Review, ReviewMeta

#: (header, width in characters, value of a pair).
_COLUMNS: tuple[tuple[str, int], ...] = (
    ("#", 6),
    ("pair_id", 14),
    ("kind", 7),
    ("original_ids", 12),
    ("translation_ids", 12),
    ("original_text", 60),
    ("translation_text", 60),
    ("similarity", 10),
    ("band", 11),
    ("checks", 16),
    ("check_messages", 40),
    ("status", 13),
    ("category", 22),
    ("severity", 10),
    ("comment", 40),
    ("errors", 50),
    ("reviewer", 14),
    ("updated_at", 22),
    ("discrepancy", 16),
    ("decision", 18),
    ("revised_text", 40),
    ("rationale", 30),
)
STATUS_FILLS = {
    "ok": "C6EFCE",
    "minor issue": "FFEB9C",
    "major issue": "F8CBAD",
    "critical": "FFC7CE",
}


def _values(pair: PairRecord) -> list[object]:
    ann = pair.annotation
    log = ann.log or DiscrepancyEntry()
    texts = [
        pair.pair_id,
        pair.kind,
        ";".join(pair.original_ids),
        ";".join(pair.translation_ids),
        pair.original_text,
        pair.translation_text,
    ]
    tail = [
        pair.band,
        ";".join(pair.checks),
        "\n".join(pair.check_messages),
        ann.status,
        ann.category,
        ann.severity,
        ann.comment,
        describe_all(ann.errors),
        ann.reviewer,
        ann.updated_at,
        log.discrepancy,
        log.decision,
        log.revised_text,
        log.rationale,
    ]
    return [
        pair.order + 1,
        *(safe_cell(t) for t in texts),
        pair.similarity,
        *(safe_cell(t) for t in tail),
    ]


def to_xlsx(review: Review) -> bytes:
    """The review as an Excel workbook: a "Review" sheet and an "About" provenance sheet."""
    # Local imports: openpyxl is slow to import and only needed here.
    from openpyxl import Workbook
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Review"
    sheet.append([name for name, _ in _COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = CellAlignment(wrap_text=True, vertical="top")
    fills = {s: PatternFill("solid", start_color=c, end_color=c) for s, c in STATUS_FILLS.items()}
    for pair in review.pairs:
        sheet.append(_values(pair))
        fill = fills.get(pair.annotation.status)
        for cell in sheet[sheet.max_row]:
            cell.alignment = wrap
            if fill is not None:
                cell.fill = fill
    for index, (_, width) in enumerate(_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    about = book.create_sheet("About")
    about.append(["key", "value"])
    for cell in about[1]:
        cell.font = Font(bold=True)
    for key, value in _about(review.meta):
        about.append([safe_cell(key), safe_cell(value)])
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 70

    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue(), last_change(review))


def _about(meta: ReviewMeta) -> list[tuple[str, str]]:
    """The provenance rows of the "About" sheet."""
    return [
        ("format_version", str(meta.format_version)),
        ("project", meta.project),
        ("original_name", meta.original_name),
        ("translation_name", meta.translation_name),
        ("original_sha256", meta.original_sha256),
        ("translation_sha256", meta.translation_sha256),
        ("original_language", meta.original_language),
        ("translation_language", meta.translation_language),
        ("level", str(meta.level)),
        ("kind", str(meta.kind)),
        *(
            (f"forward_{key}", getattr(meta.forward, key))
            for key in ("name", "sha256", "language")
            if meta.forward is not None
        ),
        ("created_at", meta.created_at),
        ("tool_version", meta.tool_version),
        *((f"setting: {k}", v) for k, v in meta.settings),
    ]
