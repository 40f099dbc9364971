"""``workbench compare``: writes the comparison table and prints a short summary."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl

from workbench.cli import main
from workbench.features.compare import FACT_AGREEMENT_CAP, HIGH_AGREEMENT, compare
from workbench.text import load_document

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"
ORIGINAL = str(DEMO / "original.en.txt")
BACK = str(DEMO / "backtranslation.en.txt")
ALT = str(DEMO / "alternative.en.txt")


def test_compare_writes_csv_and_prints_the_least_agreeing_rows(tmp_path, capsys):
    out = tmp_path / "cmp.csv"
    assert main(["compare", ORIGINAL, BACK, ALT, "-o", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == str(out)
    assert lines[1] == "10 rows, 2 versions, reference: backtranslation.en.txt"
    result = compare(load_document(ORIGINAL), [load_document(BACK), load_document(ALT)])
    assert lines[2] == f"mean agreement: {result.mean_agreement:.1f} (over 9 rows)"
    # the versions disagree on a negation (P8) and a number (P9): never read as agreement
    assert result.mean_agreement < HIGH_AGREEMENT
    assert lines[3] == "least agreeing rows:"
    least = [line.split(":")[0].strip() for line in lines[4:]]
    assert least == ["P8", "P9", "P7"]
    assert lines[4] == f"  P8: {FACT_AGREEMENT_CAP:.1f} [negation]"
    assert lines[5] == f"  P9: {FACT_AGREEMENT_CAP:.1f} [numbers]"
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))
    assert len(rows) == 11 and rows[0][:3] == ["row", "original_id", "original_text"]


def test_compare_writes_xlsx_by_extension_or_format(tmp_path, capsys):
    out = tmp_path / "cmp.xlsx"
    assert main(["compare", ORIGINAL, BACK, ALT, "-o", str(out), "--top", "1"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("  P8: ")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Comparison", "Versions"]
    forced = tmp_path / "table.out"
    assert main(["compare", ORIGINAL, BACK, ALT, "-o", str(forced), "--format", "xlsx"]) == 0
    assert forced.read_bytes()[:2] == b"PK"


def test_compare_without_output_only_summarises_and_refuses_one_version(tmp_path, capsys):
    assert main(["compare", ORIGINAL, BACK, ALT, "--reference", "2"]) == 0
    out = capsys.readouterr().out
    assert "reference: alternative.en.txt" in out
    assert not list(tmp_path.iterdir())
    assert main(["compare", ORIGINAL, BACK]) == 2
    assert "needs 2 to 6 versions" in capsys.readouterr().err
