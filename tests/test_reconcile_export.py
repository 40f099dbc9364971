"""Reconciliation reports (XLSX, DOCX) read back with openpyxl and python-docx."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import docx
import openpyxl
import pytest

from workbench.export import EXPORTS, export
from workbench.export.reconciliation import (
    LOG_COLUMNS,
    MAJOR_COLUMNS,
    MAJOR_SHEET,
    last_change,
    to_reconciliation_docx,
    to_reconciliation_xlsx,
)
from workbench.model import Annotation, DiscrepancyEntry
from workbench.review.attribution import attribute_pair
from workbench.review.back_translation import discrepancy_log, major_not_logged
from workbench.review.verdict import verdict

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"

ANNOTATIONS = {
    "P4=P3": Annotation(
        status="major issue",
        reviewer="Ann",
        updated_at="2026-11-26T07:10:00.000Z",
        log=DiscrepancyEntry(
            discrepancy="meaning shift",
            decision="no change needed",
            rationale="Back-translator misspelt the name; the French has Okafor.",
        ),
    ),
    "P5=P4+P5": Annotation(
        status="critical",
        reviewer="Bob",
        updated_at="2026-11-26T07:20:00.000Z",
        log=DiscrepancyEntry(
            discrepancy="meaning shift",
            decision="forward translation revised",
            revised_text='=HYPERLINK("http://x") 3 500 visiteurs',
            rationale="+1 formula-like rationale",
        ),
    ),
    "P6=P6": Annotation(
        status="major issue",
        reviewer="Ann",
        updated_at="2026-11-26T07:15:00.000Z",
        log=DiscrepancyEntry(
            discrepancy="omission",
            decision="query raised",
            rationale="Sentence missing\x07 in the back-translation: asked the translator.",
        ),
    ),
    "P2+P3=P2": Annotation(
        status="ok", reviewer="Ann", log=DiscrepancyEntry(discrepancy="grammar/style only")
    ),
    "P1=P1": Annotation(status="ok", reviewer="Ann", updated_at="2026-11-26T07:00:00.000Z"),
}


@pytest.fixture(scope="module")
def review(demo_back_translation_review):
    base = demo_back_translation_review
    return base.with_annotations(ANNOTATIONS)


def test_xlsx_report_holds_the_summary_and_every_logged_discrepancy(review):
    data = to_reconciliation_xlsx(review)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Summary", "Discrepancies", "Major pairs not logged"]
    cover = [
        tuple(c for c in row if c is not None)
        for row in book["Summary"].iter_rows(values_only=True)
    ]
    values = {row[0]: row[1] for row in cover if len(row) == 2}
    assert values["Project"] == "demo"
    assert values["Reviewers"] == "Ann, Bob"
    assert values["Review date (last change)"] == "2026-11-26T07:20:00.000Z"
    assert values["Discrepancies logged"] == 4 and values["Pairs"] == 9
    assert values["meaning shift"] == 2 and values["omission"] == 1
    assert values["grammar/style only"] == 1
    assert values["forward translation revised"] == 1 and values["query raised"] == 1
    assert values["no change needed"] == 1
    texts = {row[0]: row for row in cover if len(row) == 4}
    assert texts["Forward translation"][1:3] == ("translation.fr.txt", "fr")
    assert texts["Original"][3] == review.meta.original_sha256
    assert texts["Back-translation"][3] == review.meta.translation_sha256

    sheet = book["Discrepancies"]
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [name for name, _ in LOG_COLUMNS]
    log = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert list(log) == [p.pair_id for p in discrepancy_log(review)]
    assert list(log) == ["P2+P3=P2", "P4=P3", "P5=P4+P5", "P6=P6"]
    for pid, row in log.items():
        ann = ANNOTATIONS[pid]
        log_entry = ann.log or DiscrepancyEntry()
        assert row["Discrepancy type"] == log_entry.discrepancy
        assert (row["Decision"] or "") == log_entry.decision
    p5 = log["P5=P4+P5"]
    assert p5["Revised forward translation"] == '\'=HYPERLINK("http://x") 3 500 visiteurs'
    assert p5["Rationale"] == "'+1 formula-like rationale"
    assert p5["Original"] == review.by_id("P5=P4+P5").original_text
    assert "3 500" in p5["Forward translation"]
    assert "5,300" in p5["Back-translation"]
    assert "\ufffd" in log["P6=P6"]["Rationale"]  # the bell character cannot be stored
    for row in sheet.iter_rows(min_row=2):
        assert all(cell.data_type != "f" for cell in row)  # no formulas anywhere


def test_docx_report_holds_the_summary_and_every_logged_discrepancy(review):
    data = to_reconciliation_docx(review)
    word = docx.Document(io.BytesIO(data))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == "Back-translation reconciliation report"
    assert "Discrepancy log" in headings
    assert word.sections[0].page_width > word.sections[0].page_height  # landscape
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in word.tables]
    cover = dict(row for row in tables[0][1:])
    assert cover["Discrepancies logged"] == "4" and cover["Reviewers"] == "Ann, Bob"
    texts = {row[0]: row for row in tables[1][1:]}
    assert texts["Forward translation"][3] == review.meta.forward.sha256
    by_type = dict(tables[2][1:])
    assert by_type["meaning shift"] == "2" and by_type["omission"] == "1"
    by_decision = dict(tables[3][1:])
    assert by_decision["query raised"] == "1"
    log = tables[4]
    assert log[0] == [name for name, _ in LOG_COLUMNS[:8]]
    rows = {row[0]: row for row in log[1:]}
    assert list(rows) == ["P2+P3=P2", "P4=P3", "P5=P4+P5", "P6=P6"]
    for pid, row in rows.items():
        entry = ANNOTATIONS[pid].log or DiscrepancyEntry()
        rationale = entry.rationale.replace("\x07", "\ufffd")
        assert row[4:8] == [entry.discrepancy, entry.decision, entry.revised_text, rationale]
        assert row[1] == review.by_id(pid).original_text
        assert row[2] == review.by_id(pid).forward.text
        assert row[3] == review.by_id(pid).translation_text
    # Word shows text as typed: no neutralising apostrophe is needed there.
    assert rows["P5=P4+P5"][6] == ANNOTATIONS["P5=P4+P5"].log.revised_text


def test_reports_are_registered_and_reproducible(review):
    for fmt, maker in (
        ("reconciliation-xlsx", to_reconciliation_xlsx),
        ("reconciliation-docx", to_reconciliation_docx),
    ):
        spec = EXPORTS[fmt]
        assert not spec.text and spec.extension.endswith((".xlsx", ".docx"))
        assert export(review, fmt) == maker(review) == maker(review)
    assert last_change(review) == "2026-11-26T07:20:00.000Z"


def test_a_review_without_discrepancies_gives_an_empty_log(review):
    clean = review.with_annotations({pid: Annotation() for pid in ANNOTATIONS})
    word = docx.Document(io.BytesIO(to_reconciliation_docx(clean, generated_at="2026-12-01")))
    assert any(p.text == "No discrepancy has been logged." for p in word.paragraphs)
    cover = dict((r.cells[0].text, r.cells[1].text) for r in word.tables[0].rows)
    assert cover["Report generated"] == "2026-12-01"
    assert cover["Review date (last change)"] == "2026-11-26T06:00:00Z"
    book = openpyxl.load_workbook(io.BytesIO(to_reconciliation_xlsx(clean)))
    assert book["Discrepancies"].max_row == 1


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_reports_open_in_libreoffice(review, tmp_path):
    (tmp_path / "report.docx").write_bytes(to_reconciliation_docx(review))
    (tmp_path / "report.xlsx").write_bytes(to_reconciliation_xlsx(review))
    for name in ("report.docx", "report.xlsx"):
        out = tmp_path / name.replace(".", "-")
        done = subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{tmp_path}/lo-profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out),
                str(tmp_path / name),
            ],
            capture_output=True,
            timeout=180,
            check=False,
        )
        pdf = out / "report.pdf"
        assert done.returncode == 0 and pdf.exists(), done.stderr
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 5000


def test_reports_list_the_major_pairs_nobody_logged(review):
    unlogged = major_not_logged(review)
    logged = {p.pair_id for p in discrepancy_log(review)}
    assert unlogged and not {p.pair_id for p in unlogged} & logged
    assert {p.band for p in unlogged} <= {"major", "unaligned"}
    book = openpyxl.load_workbook(io.BytesIO(to_reconciliation_xlsx(review)))
    rows = list(book[MAJOR_SHEET].iter_rows(values_only=True))
    assert list(rows[0]) == [name for name, _ in MAJOR_COLUMNS]
    table = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert list(table) == [p.pair_id for p in unlogged]
    for pair in unlogged:
        row = table[pair.pair_id]
        said = verdict(pair.band, pair.similarity, pair.checks).label
        assert row["Why flagged"] == said and row["Forward translation"] == pair.forward.text
        messages = attribute_pair(pair, review.meta).messages
        assert (row["Introduced by (suggested)"] or "") == "; ".join(messages)
    # the demo's D7 (P9) is the translation's fault: the report says so
    assert table["P9=P9"]["Introduced by (suggested)"].endswith("the translation introduced it")
    assert table["P9=P9"]["Why flagged"].startswith("number changed · major · text ")
    cover = {
        row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0] and row[1]
    }
    assert cover["Major pairs not logged"] == len(unlogged)

    word = docx.Document(io.BytesIO(to_reconciliation_docx(review)))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-1] == MAJOR_SHEET
    grid = [[c.text for c in r.cells] for r in word.tables[-1].rows]
    assert grid[0] == [name for name, _ in MAJOR_COLUMNS]
    assert [r[0] for r in grid[1:]] == [p.pair_id for p in unlogged]


def test_the_major_pairs_are_an_option_on_by_default(review):
    for fmt, maker in (
        ("reconciliation-xlsx", to_reconciliation_xlsx),
        ("reconciliation-docx", to_reconciliation_docx),
    ):
        assert "major_pairs" in EXPORTS[fmt].options
        assert export(review, fmt) == maker(review, major_pairs=True)
        assert export(review, fmt, major_pairs=False) == maker(review, major_pairs=False)
        assert maker(review, major_pairs=False) != maker(review)
    book = openpyxl.load_workbook(io.BytesIO(to_reconciliation_xlsx(review, major_pairs=False)))
    assert book.sheetnames == ["Summary", "Discrepancies"]
    word = docx.Document(io.BytesIO(to_reconciliation_docx(review, major_pairs=False)))
    assert MAJOR_SHEET not in [p.text for p in word.paragraphs]
    # formats without the option ignore it
    assert export(review, "json", major_pairs=False) == export(review, "json")


def test_with_every_major_pair_logged_the_report_says_so(review):
    everything = review.with_annotations(
        {p.pair_id: Annotation(status="major issue") for p in major_not_logged(review)}
    )
    assert major_not_logged(everything) == ()
    word = docx.Document(io.BytesIO(to_reconciliation_docx(everything)))
    assert "Every major pair is in the discrepancy log." in [p.text for p in word.paragraphs]
