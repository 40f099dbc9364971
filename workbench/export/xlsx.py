"""XLSX export (openpyxl): one row per pair, a working file for a reviewer without the app.

The "Review" sheet is protected (without a password) with only the annotation cells
unlocked; status, category and severity (and a back-translation review's discrepancy
and decision) are drop-down lists whose values stand on a hidden "Lists" sheet (Excel
limits a list typed into the validation itself to 255 characters). The texts show the
app's highlights (:mod:`workbench.export.xlsx_rich`). Hidden columns carry each row's
keys (:mod:`workbench.export.sheet_keys`) so that ``workbench import`` can merge the
reviewer's edits back; ``docs/spreadsheets.md`` describes the round trip.
"""

from __future__ import annotations

import io
from copy import copy
from typing import Any

from workbench.export.cells import neutralise, safe_cell
from workbench.export.ooxml import last_change, stable_zip
from workbench.export.sheet_keys import LOG_FIELDS, VOCABULARIES, base_key, text_key
from workbench.export.xlsx_rich import HIGHLIGHT_LEGEND, has_word_diff, pair_spans, rich_value
from workbench.model import DiscrepancyEntry
from workbench.review.marks import describe_all
from workbench.review.record import PairRecord, Review, ReviewMeta

#: (header, width in characters) of the "Review" sheet's columns.
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
    ("text_hash", 18),
    ("base", 34),
)
HEADERS: tuple[str, ...] = tuple(name for name, _ in _COLUMNS)
#: Columns the reviewer may edit in every review; a back-translation review adds LOG_FIELDS.
EDITABLE_COLUMNS: tuple[str, ...] = ("status", "category", "severity", "comment", "reviewer")
#: Free-text columns kept as text whatever is typed (Excel's "@" format).
_TEXT_FORMAT = frozenset({"comment", "reviewer", "revised_text", "rationale"})
_HIDDEN = frozenset({"text_hash", "base"})
STATUS_FILLS = {
    "ok": "C6EFCE",
    "minor issue": "FFEB9C",
    "major issue": "F8CBAD",
    "critical": "FFC7CE",
}
#: The sheet names the import reads.
REVIEW_SHEET, ABOUT_SHEET, LISTS_SHEET = "Review", "About", "Lists"


def editable_columns(meta: ReviewMeta) -> tuple[str, ...]:
    """The columns a reviewer may edit in the sheet of a review of this kind."""
    return EDITABLE_COLUMNS + (LOG_FIELDS if meta.is_back_translation else ())


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
        text_key(pair),
        base_key(ann),
    ]


def _highlighted(pair: PairRecord, values: list[object]) -> list[object]:
    """``values`` with the two text cells as rich text showing the pair's word diff."""
    spans = pair_spans(pair)
    if not spans:
        return values
    out = list(values)
    for side, text in (("original", pair.original_text), ("translation", pair.translation_text)):
        index = HEADERS.index(f"{side}_text")
        shift = 1 if neutralise(text) != text else 0  # the apostrophe the export added
        out[index] = rich_value(str(values[index]), spans, side=side, shift=shift)
    return out


def to_xlsx(review: Review) -> bytes:
    """The review as an Excel workbook: "Review", "About", "Instructions" and hidden "Lists"."""
    # Local imports: openpyxl is slow to import and only needed here.
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = REVIEW_SHEET
    _fill_review(sheet, review)
    about = book.create_sheet(ABOUT_SHEET)
    _key_value_sheet(about, _about(review.meta))
    about.protection.sheet = True
    _key_value_sheet(book.create_sheet("Instructions"), _instructions(review))
    lists = book.create_sheet(LISTS_SHEET)
    ranges = _fill_lists(lists)
    lists.sheet_state = "hidden"
    lists.protection.sheet = True
    _validate(sheet, review, ranges)
    out = io.BytesIO()
    book.save(out)
    return stable_zip(out.getvalue(), last_change(review))


def _fill_review(sheet: Any, review: Review) -> None:
    """Header, one row per pair, widths, hidden keys, and protection with edits unlocked."""
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = CellAlignment(wrap_text=True, vertical="top")
    fills = {s: PatternFill("solid", start_color=c, end_color=c) for s, c in STATUS_FILLS.items()}
    editable = {HEADERS.index(name) for name in editable_columns(review.meta)}
    text_format = {HEADERS.index(name) for name in _TEXT_FORMAT}
    unlocked = Protection(locked=False)
    diff = has_word_diff(review)
    # The style of each (status, column) is built once and copied: setting a cell's
    # style attributes one by one re-hashes every style object (most of the time).
    styles: dict[tuple[str, int], Any] = {}
    for row, pair in enumerate(review.pairs, start=2):
        values = _values(pair)
        sheet.append(_highlighted(pair, values) if diff else values)
        status = pair.annotation.status
        # sheet.cell, not sheet[row]: that scans every cell written so far (quadratic)
        for index in range(len(values)):
            cell = sheet.cell(row=row, column=index + 1)
            known = styles.get((status, index))
            if known is not None:
                cell._style = copy(known)
                continue
            cell.alignment = wrap
            if status in fills:
                cell.fill = fills[status]
            if index in editable:
                cell.protection = unlocked
            if index in text_format:
                cell.number_format = "@"
            styles[(status, index)] = copy(cell._style)
    for index, (name, width) in enumerate(_COLUMNS, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = width
        dimension.hidden = name in _HIDDEN
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    protection = sheet.protection
    protection.sheet = True
    # what the reviewer may still do on the protected sheet (False = allowed)
    protection.autoFilter = protection.sort = False
    protection.formatColumns = protection.formatRows = False


def _fill_lists(lists: Any) -> dict[str, str]:
    """One column per vocabulary (its empty value left out); each list's cell range."""
    from openpyxl.utils import get_column_letter

    ranges = {}
    for index, (name, values) in enumerate(VOCABULARIES.items(), start=1):
        letter = get_column_letter(index)
        lists.cell(row=1, column=index, value=name)
        shown = [v for v in values if v]
        for row, value in enumerate(shown, start=2):
            lists.cell(row=row, column=index, value=value)
        ranges[name] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(shown) + 1}"
    return ranges


def _validate(sheet: Any, review: Review, ranges: dict[str, str]) -> None:
    """A drop-down list on every data row of each vocabulary column the reviewer edits."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last = len(review.pairs) + 1
    for name in editable_columns(review.meta):
        if name not in ranges:
            continue
        letter = get_column_letter(HEADERS.index(name) + 1)
        check = DataValidation(
            type="list",
            formula1=ranges[name],
            allow_blank=name != "status",
            showErrorMessage=True,
            errorTitle=f"Not a {name}",
            error=f"Choose a {name} from the list.",
        )
        check.add(f"{letter}2:{letter}{last}")
        sheet.add_data_validation(check)


def _key_value_sheet(sheet: Any, rows: list[tuple[str, str]]) -> None:
    from openpyxl.styles import Alignment as CellAlignment
    from openpyxl.styles import Font

    sheet.append(["key", "value"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for key, value in rows:
        sheet.append([safe_cell(key), safe_cell(value)])
        sheet.cell(row=sheet.max_row, column=2).alignment = CellAlignment(wrap_text=True)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 90


def _instructions(review: Review) -> list[tuple[str, str]]:
    """How to work in the sheet and bring it back (the "Instructions" sheet)."""
    columns = ", ".join(editable_columns(review.meta))
    return [
        (
            "edit",
            f"Edit only these columns of the Review sheet: {columns}. Status, category, "
            "severity (and discrepancy, decision) are drop-down lists.",
        ),
        (
            "locked",
            "Texts, ids, checks, the errors column and the hidden columns are locked. "
            "Errors marked on spans of a pair are edited in the app only: importing this sheet "
            "keeps them as the review file has them.",
        ),
        (
            "reviewer",
            "Put your name in the reviewer column of the rows you change, or give "
            "it when importing.",
        ),
        (
            "formulas",
            "Text starting with = + - or @ is kept as the text you typed: it is "
            "never run as a formula. An apostrophe the export put before such text is removed "
            "on import.",
        ),
        (
            "keys",
            "Do not change the hidden columns text_hash and base or the About sheet: "
            "they tell the import which rows you changed and whether the review changed since.",
        ),
        (
            "sorting",
            "Filters work on the protected sheet; to sort, unprotect it (no password). "
            "The import matches rows by pair id, not by position.",
        ),
        ("import", "workbench import THIS.xlsx --reviewer NAME (or the app's Projects tab)."),
        *(
            (f"highlight: {kind}", f"{look} — {meaning}")
            for kind, look, meaning in HIGHLIGHT_LEGEND
        ),
    ]


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
