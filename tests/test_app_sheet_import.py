"""The Projects tab's spreadsheet import (AppTest): a reviewer's XLSX merged into its review."""

from __future__ import annotations

import io
from pathlib import Path

from app_steps import open_tab, start_app
from openpyxl import load_workbook

from workbench import store
from workbench.export import to_xlsx
from workbench.review.record import Review

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _reviewed(path: Path, *, category: str) -> bytes:
    """The review's XLSX with the first pair set to ok and the second given ``category``."""
    book = load_workbook(io.BytesIO(to_xlsx(store.load_review(path))))
    sheet = book["Review"]
    col = {cell.value: cell.column for cell in sheet[1]}
    sheet.cell(2, col["status"]).value = "ok"
    sheet.cell(3, col["category"]).value = category
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import(at, data: bytes, *, reviewer: str, partial: bool = False):
    open_tab(at, "Projects")
    at.file_uploader(key="sheet_import_file").set_value(("reviewed.xlsx", data, XLSX))
    at.run()
    at.text_input(key="sheet_import_reviewer").set_value(reviewer)
    at.checkbox(key="sheet_import_partial").set_value(partial)
    at.button(key="sheet_import_go").click()
    return at.run()


def test_an_invalid_cell_is_listed_and_a_valid_sheet_is_merged(
    alignments: Path, demo_back_translation_review: Review
) -> None:
    path = store.save_review(demo_back_translation_review)
    raw = path.read_bytes()
    at = _import(start_app(), _reviewed(path, category="Acuracy"), reviewer="Zoe")
    assert not at.exception
    assert any("Nothing was imported" in e.value for e in at.error)
    table = at.dataframe[0].value
    assert "Review!M3" in table["where"].tolist()
    assert "'Acuracy' is not an MQM category" in table["problem"].iloc[0]
    assert path.read_bytes() == raw

    at = _import(at, _reviewed(path, category="Style"), reviewer="Zoe")
    assert not at.exception
    assert any("2 merged" in s.value for s in at.success)
    review = store.load_review(path)
    first, second = review.pairs[0].annotation, review.pairs[1].annotation
    assert (first.status, first.reviewer) == ("ok", "Zoe")
    assert (second.category, second.reviewer) == ("Style", "Zoe")
    assert all(p.annotation.reviewer == "" for p in review.pairs[2:])
