"""The README's command-line batch flow, run line by line as written (README stays true)."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from openpyxl import load_workbook
from repo_paths import REPO_ROOT, TEXTS_DIR

from workbench import store
from workbench.cli import main
from workbench.review.agreement import format_kappa, measure_agreement

#: What each reviewer types into their spreadsheet: row (1-based data row) -> cells.
EDITS = {
    "demo-ann.xlsx": {
        1: {"status": "ok"},
        2: {"status": "minor issue", "category": "Style", "severity": "minor"},
        3: {"status": "major issue", "category": "Accuracy/Omission", "severity": "major"},
        4: {"status": "ok", "comment": "=fine as it is"},
    },
    "demo-ben.xlsx": {
        1: {"status": "ok"},
        2: {"status": "ok"},
        3: {"status": "major issue", "category": "Accuracy/Omission", "severity": "major"},
        4: {"status": "minor issue", "category": "Style", "severity": "minor"},
    },
}


def _flow_commands() -> list[list[str]]:
    """The commands of the README's batch flow block, split as a shell would."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Command line", 1)[1].split("Every command:", 1)[0]
    lines = [line.strip() for line in block.splitlines() if line.startswith("    ")]
    return [shlex.split(line) for line in lines if line.startswith("workbench ")]


def _edit_as_a_reviewer(path: Path) -> None:
    """Fill the drop-downs and comments of ``path`` as its reviewer would."""
    book = load_workbook(path)
    sheet = book["Review"]
    columns = {cell.value: cell.column for cell in sheet[1]}
    for row, cells in EDITS[path.name].items():
        for name, value in cells.items():
            sheet.cell(row=row + 1, column=columns[name]).value = value
    book.save(path)


def test_the_readme_batch_flow_runs_as_written(tmp_path, monkeypatch, capsys):
    shutil.copytree(TEXTS_DIR / "demo", tmp_path / "texts" / "demo")
    monkeypatch.chdir(tmp_path)
    commands = _flow_commands()
    assert [c[1] for c in commands] == [
        "review", "export", "import", "report", "review", "export", "import", "agreement"
    ]  # fmt: skip
    outputs = []
    for argv in commands:
        status = main(argv[1:])
        outputs.append(capsys.readouterr().out)
        if argv[1] == "review" and "--fail-on" in argv:
            # the demo back-translation has major pairs: the gate fails, as documented
            assert status == 1 and "fail:" in outputs[-1]
        else:
            assert status == 0, (argv, outputs[-1])
        if argv[1] == "export":
            _edit_as_a_reviewer(tmp_path / argv[argv.index("-o") + 1])

    ann = store.load_review(tmp_path / "alignments" / "demo.csv")
    ben = store.load_review(tmp_path / "alignments" / "demo-ben.csv")
    for review, sheet, name in (
        (ann, "demo-ann.xlsx", "Ann Smith"),
        (ben, "demo-ben.xlsx", "Ben Okoro"),
    ):
        edited = [review.pairs[row - 1] for row in EDITS[sheet]]
        assert [p.annotation.status for p in edited] == [c["status"] for c in EDITS[sheet].values()]
        assert {p.annotation.reviewer for p in edited} == {name}
    assert ann.pairs[3].annotation.comment == "=fine as it is"  # typed text, never a formula
    assert "reviewed: 4" in outputs[3]  # the report counts Ann's four verdicts

    expected = measure_agreement([ann, ben], names=["demo.csv", "demo-ben.csv"])
    status = next(f for f in expected.fields if f.field == "status")
    assert status.items == 4
    assert f"Cohen's kappa {format_kappa(status.kappa)}" in outputs[-1]
