"""Spreadsheet round trip (issue #16): export XLSX / CSV for Excel, edit as a reviewer
would, import back; drop-downs, protection, highlights, conflicts and changed texts."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from store_helpers import make_review

from workbench import render, session, store
from workbench.cli import main
from workbench.errors import SheetImportError
from workbench.export import to_csv_excel, to_xlsx
from workbench.export.csv_excel import EXCEL_COLUMNS
from workbench.export.sheet_keys import VOCABULARIES, text_hash
from workbench.export.sheet_merge import merge_sheet
from workbench.export.sheet_read import plain_text, read_sheet
from workbench.export.xlsx_rich import HIGHLIGHT_FONTS
from workbench.model import Annotation, ErrorMark
from workbench.review.record import Review

OMITTED = "It was about the small habits"  # D2: a sentence the back-translation drops
ADDED = "which raised more money"  # D3: a clause it adds


@pytest.fixture()
def saved(alignments: Path, demo_back_translation_review: Review) -> Path:
    """The demo back-translation review saved in the alignments folder, one pair annotated
    with an error marked on a span (which a sheet cannot edit and the import must keep)."""
    path = store.save_review(demo_back_translation_review)
    pair = demo_back_translation_review.pairs[1]
    quote = pair.translation_text.split()[0]
    mark = ErrorMark("Style", "minor", "translation", 0, len(quote), quote)
    note = Annotation(
        status="minor issue", reviewer="Ann", updated_at="2026-11-26T07:00:00Z", errors=(mark,)
    )
    store.save_annotation(path, pair.pair_id, note)
    return path


def _book(path: Path):
    return load_workbook(io.BytesIO(to_xlsx(store.load_review(path))))


def _columns(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def _row_of(sheet, pair_id: str) -> int:
    col = _columns(sheet)["pair_id"]
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, col).value == pair_id)


def _save(book, path: Path) -> Path:
    book.save(path)
    return path


def _listed(book, sheet, column: str) -> list[str]:
    """The values the drop-down of ``column`` offers (read from its validation range)."""
    letter = re.sub(r"\d", "", sheet.cell(1, _columns(sheet)[column]).coordinate)
    rule = next(v for v in sheet.data_validations.dataValidation if str(v.sqref).startswith(letter))
    target, cells = rule.formula1.split("!")
    first, last = cells.replace("$", "").split(":")
    return [c.value for row in book[target][f"{first}:{last}"] for c in row]


# --- the workbook as a working file ---------------------------------------------------------


def test_xlsx_offers_drop_downs_from_a_hidden_lists_sheet_on_every_row(saved):
    book = _book(saved)
    sheet = book["Review"]
    assert book["Lists"].sheet_state == "hidden"
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    last = sheet.max_row
    for column in ("status", "category", "severity", "discrepancy", "decision"):
        letter = re.sub(r"\d", "", sheet.cell(1, _columns(sheet)[column]).coordinate)
        rule = rules[f"{letter}2:{letter}{last}"]
        assert rule.type == "list" and rule.formula1.startswith("Lists!$")
        assert rule.showErrorMessage
        assert _listed(book, sheet, column) == [v for v in VOCABULARIES[column] if v]


def test_xlsx_locks_texts_and_keys_and_unlocks_annotation_cells(saved):
    sheet = _book(saved)["Review"]
    col = _columns(sheet)
    assert sheet.protection.sheet and not sheet.protection.autoFilter
    for name in ("status", "category", "severity", "comment", "reviewer", "rationale"):
        assert not sheet.cell(2, col[name]).protection.locked, name
    for name in ("pair_id", "original_text", "translation_text", "errors", "text_hash", "base"):
        assert sheet.cell(2, col[name]).protection.locked, name
    letters = {name: sheet.cell(1, i).column_letter for name, i in col.items()}
    assert sheet.column_dimensions[letters["text_hash"]].hidden
    assert sheet.column_dimensions[letters["base"]].hidden
    pair = store.load_review(saved).pairs[0]
    assert sheet.cell(2, col["text_hash"]).value == "t" + text_hash(pair)
    assert re.fullmatch(r"a[0-9a-f]{16}-e[0-9a-f]{16}", sheet.cell(2, col["base"]).value)
    about = {r[0].value: r[1].value for r in _book(saved)["About"].iter_rows(min_row=2)}
    assert about["kind"] == "back-translation"


def test_xlsx_text_cells_show_omissions_and_additions_in_the_apps_colours(saved):
    data = to_xlsx(store.load_review(saved))
    sheet = load_workbook(io.BytesIO(data), rich_text=True)["Review"]
    col = _columns(sheet)
    fonts = {}
    for row in range(2, sheet.max_row + 1):
        for name in ("original_text", "translation_text"):
            value = sheet.cell(row, col[name]).value
            for block in getattr(value, "__iter__", lambda: iter(()))():
                if hasattr(block, "font"):
                    fonts.setdefault(block.font.color.rgb[-6:], []).append((name, block.text))
    omission, addition = HIGHLIGHT_FONTS["omission"][0], HIGHLIGHT_FONTS["addition"][0]
    assert any(side == "original_text" and OMITTED in t for side, t in fonts[omission])
    assert any(side == "translation_text" and ADDED in t for side, t in fonts[addition])
    # the colours are the app's (render.CSS), and the plain text is unchanged
    assert all(f"#{colour}" in render.CSS for colour, _, _ in HIGHLIGHT_FONTS.values())
    plain = load_workbook(io.BytesIO(data))["Review"]
    review = store.load_review(saved)
    assert [plain.cell(r, col["original_text"]).value for r in range(2, plain.max_row + 1)] == [
        p.original_text for p in review.pairs
    ]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_xlsx_with_its_drop_downs(saved, tmp_path):
    source = tmp_path / "review.xlsx"
    source.write_bytes(to_xlsx(store.load_review(saved)))
    out = tmp_path / "out"
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "xlsx", "--outdir", str(out), str(source)],
        check=True,
        timeout=120,
    )
    sheet = load_workbook(out / "review.xlsx")["Review"]
    assert any(v.type == "list" for v in sheet.data_validations.dataValidation)


# --- the round trip -------------------------------------------------------------------------


def _edit_as_a_reviewer(saved: Path, tmp_path: Path, *, category: str) -> tuple[Path, dict]:
    """Statuses from the drop-down lists, formula-like comments, one category cell."""
    book = _book(saved)
    sheet = book["Review"]
    col = _columns(sheet)
    statuses = _listed(book, sheet, "status")
    review = store.load_review(saved)
    first, second, third = (p.pair_id for p in review.pairs[1:4])
    edits = {
        first: {"status": statuses[statuses.index("major issue")], "comment": "=see note 3"},
        second: {"status": statuses[statuses.index("ok")], "comment": "- missing word"},
        third: {"status": "minor issue", "category": category, "discrepancy": "omission"},
    }
    for pair_id, values in edits.items():
        row = _row_of(sheet, pair_id)
        for name, value in values.items():
            sheet.cell(row, col[name]).value = value
    return _save(book, tmp_path / "reviewed.xlsx"), edits


def test_round_trip_reports_an_invalid_cell_then_merges_exactly_the_edits(saved, tmp_path, capsys):
    before = store.load_review(saved)
    raw = saved.read_bytes()
    sheet_path, edits = _edit_as_a_reviewer(saved, tmp_path, category="Acuracy")
    row = _row_of(load_workbook(sheet_path)["Review"], before.pairs[3].pair_id)

    assert main(["import", str(sheet_path), "--reviewer", "Zoe"]) == 2
    out = capsys.readouterr()
    assert f"Review!M{row} (category): 'Acuracy' is not an MQM category (expected one of" in out.out
    assert "Nothing was imported" in out.err
    assert saved.read_bytes() == raw  # nothing imported

    sheet_path, edits = _edit_as_a_reviewer(saved, tmp_path, category="Accuracy/Omission")
    assert main(["import", str(sheet_path), "--reviewer", "Zoe"]) == 0
    assert "3 merged" in capsys.readouterr().out
    after = store.load_review(saved)
    changed = {p.pair_id for p in after.pairs if p.annotation != before.by_id(p.pair_id).annotation}
    assert changed == set(edits)
    for pair_id, values in edits.items():
        ann = after.by_id(pair_id).annotation
        assert ann.reviewer == "Zoe" and ann.updated_at > "2026-11-27"
        assert ann.status == values["status"]
        assert ann.comment == values.get("comment", "")
    assert after.by_id(before.pairs[3].pair_id).annotation.log.discrepancy == "omission"
    assert after.by_id(before.pairs[3].pair_id).annotation.category == "Accuracy/Omission"
    # the error marked on a span before the export is kept as the file had it
    assert after.by_id(before.pairs[1].pair_id).annotation.errors == (
        before.pairs[1].annotation.errors
    )
    # importing the same sheet again changes nothing (both places now agree)
    raw = saved.read_bytes()
    assert main(["import", str(sheet_path), "--reviewer", "Zoe"]) == 0
    assert saved.read_bytes() == raw


def test_a_pair_edited_in_both_places_is_a_conflict_with_both_values(saved, tmp_path, capsys):
    sheet_path, edits = _edit_as_a_reviewer(saved, tmp_path, category="Style")
    first = next(iter(edits))
    store.save_annotation(saved, first, Annotation(status="critical", reviewer="Ann"))
    assert main(["import", str(sheet_path), "--reviewer", "Zoe"]) == 1
    out = capsys.readouterr().out
    assert "2 merged" in out and "1 conflict," in out
    assert f"(pair {first}): edited in the sheet and in the review since the export" in out
    assert "status: sheet 'major issue', review 'critical'" in out
    assert store.load_review(saved).by_id(first).annotation.status == "critical"


def test_a_pair_whose_texts_changed_since_the_export_is_reported_not_merged(saved, tmp_path):
    sheet_path, edits = _edit_as_a_reviewer(saved, tmp_path, category="Style")
    sheet = read_sheet(sheet_path.read_bytes(), name="reviewed.xlsx")
    review = store.load_review(saved)
    first = next(iter(edits))
    pairs = tuple(
        replace(p, translation_text=p.translation_text + " More.") if p.pair_id == first else p
        for p in review.pairs
    )
    merge = merge_sheet(Review(review.meta, pairs), sheet, reviewer="Zoe", now="2027-01-01T00:00Z")
    assert first not in merge.annotations and len(merge.annotations) == 2
    assert [p.column for p in merge.changed] == ["text_hash"]
    assert f"the texts of pair {first!r} changed since the export" in merge.lines()[0]


def test_rows_of_pairs_a_correction_removed_are_reported(saved, tmp_path):
    sheet_path, edits = _edit_as_a_reviewer(saved, tmp_path, category="Style")
    opened = session.open_review(saved)
    index = opened.review.position(next(iter(edits)))
    session.apply_correction(opened, "merge", index)
    outcome = session.import_sheet(sheet_path.read_bytes(), name="r.xlsx", reviewer="Zoe")
    gone = [p for p in outcome.merge.changed if "no longer in the review" in p.message]
    assert len(gone) == 2 and outcome.written


def test_no_reviewer_name_is_refused_unless_the_row_names_one(saved, tmp_path):
    book = _book(saved)
    sheet = book["Review"]
    col = _columns(sheet)
    sheet.cell(2, col["status"]).value = "ok"
    sheet.cell(3, col["status"]).value = "ok"
    sheet.cell(3, col["reviewer"]).value = "Kim"
    data = _save(book, tmp_path / "r.xlsx").read_bytes()
    outcome = session.import_sheet(data, name="r.xlsx")
    assert outcome.blocked and not outcome.written
    assert [str(p).split(":")[0] for p in outcome.merge.invalid] == [
        f"Review!{sheet.cell(2, col['reviewer']).coordinate} (reviewer)"
    ]
    assert "--reviewer" in outcome.merge.invalid[0].message
    outcome = session.import_sheet(data, name="r.xlsx", partial=True)
    assert (
        outcome.written
        and outcome.merge.annotations[store.load_review(saved).pairs[1].pair_id].reviewer == "Kim"
    )


def test_dry_run_writes_nothing_and_a_sheet_of_another_review_is_refused(saved, tmp_path, capsys):
    sheet_path, _ = _edit_as_a_reviewer(saved, tmp_path, category="Style")
    raw = saved.read_bytes()
    assert main(["import", str(sheet_path), "--reviewer", "Zoe", "--dry-run"]) == 0
    assert "3 pairs would be merged" in capsys.readouterr().out
    assert saved.read_bytes() == raw
    other = store.save_review(make_review(project="other"))
    with pytest.raises(SheetImportError, match="is a sheet of another review"):
        session.import_sheet(sheet_path.read_bytes(), name="r.xlsx", into=other, reviewer="Z")
    assert main(["import", str(sheet_path), "--into", str(other), "--reviewer", "Z"]) == 2
    assert "Cannot import the spreadsheet" in capsys.readouterr().err


# --- CSV for Excel --------------------------------------------------------------------------


def test_csv_for_excel_round_trip_with_semicolons_and_formula_like_text(alignments, tmp_path):
    review = make_review().with_annotation(
        "P3=P5", Annotation(status="minor issue", comment='=HYPERLINK("x")', reviewer="Ann")
    )
    path = store.save_review(review)
    data = to_csv_excel(store.load_review(path))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == list(EXCEL_COLUMNS)
    col = {name: i for i, name in enumerate(rows[0])}
    assert rows[3][col["comment"]] == '\'=HYPERLINK("x")'  # still neutralised
    by_id = {plain_text(r[col["pair_id"]]): r for r in rows[1:]}
    by_id["P1=P1"][col["status"]] = "OK "  # case and spaces forgiven
    by_id["-=P6"][col["comment"]] = "+ added by the translator"
    by_id["-=P6"][col["status"]] = "major issue"
    buf = io.StringIO(newline="")
    csv.writer(buf, delimiter=";").writerows(rows)  # as a spreadsheet in some locales saves
    edited = tmp_path / "edited.csv"
    edited.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    outcome = session.import_sheet(edited.read_bytes(), name="edited.csv", reviewer="Zoe")
    assert outcome.merge.counts().startswith("2 merged, 4 unchanged")
    after = store.load_review(path)
    assert after.by_id("P1=P1").annotation.status == "ok"
    assert after.by_id("-=P6").annotation.comment == "+ added by the translator"
    assert after.by_id("P3=P5").annotation.comment == '=HYPERLINK("x")'  # untouched


def test_a_workbook_that_unpacks_too_far_is_refused_unread(tmp_path, monkeypatch):
    import io
    import zipfile

    from workbench.errors import SheetImportError
    from workbench.export import sheet_read

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<x>" + b" " * 2_000_000 + b"</x>")
    monkeypatch.setattr(sheet_read, "MAX_SHEET_UNPACKED", 1_000_000)
    with pytest.raises(SheetImportError, match="unpacks to"):
        sheet_read.read_sheet(buffer.getvalue(), name="bomb.xlsx")


def test_a_pair_saved_while_the_import_runs_is_merged_again_not_overwritten(
    saved, tmp_path, monkeypatch
):
    from workbench.store.csv_store import CsvStore, read_history

    sheet_path, edits = _edit_as_a_reviewer(saved, tmp_path, category="Style")
    first = next(iter(edits))
    real = CsvStore.save_annotations
    calls = []

    def racing(self, name, annotations, **kwargs):
        if not calls:  # another reviewer saves the same pair between the read and the write
            store.save_annotation(saved, first, Annotation(status="critical", reviewer="Ann"))
        calls.append(set(annotations))
        return real(self, name, annotations, **kwargs)

    monkeypatch.setattr(CsvStore, "save_annotations", racing)
    outcome = session.import_sheet(sheet_path.read_bytes(), name="r.xlsx", reviewer="Zoe")
    assert len(calls) == 2 and first in calls[0] and first not in calls[1]
    assert [c.pair_id for c in outcome.merge.conflicts] == [first]
    after = store.load_review(saved)
    assert after.by_id(first).annotation.status == "critical"  # Ann's save is kept
    merged = set(edits) - {first}
    assert all(after.by_id(pid).annotation.reviewer == "Zoe" for pid in merged)
    # each merged change is in the history under the reviewer's name
    entries = read_history(saved)
    assert {e.pair_id for e in entries if e.who == "Zoe"} == merged
