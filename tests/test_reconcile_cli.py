"""``workbench reconcile``: builds and saves a back-translation review through the store."""

from __future__ import annotations

from pathlib import Path

from workbench.cli import main
from workbench.model import Annotation
from workbench.store import load_review, save_annotation

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"
ORIGINAL = str(DEMO / "original.en.txt")
BACK = str(DEMO / "backtranslation.en.txt")
FORWARD = str(DEMO / "translation.fr.txt")


def test_reconcile_writes_the_review_and_keeps_annotations_on_rerun(tmp_path, capsys):
    out = tmp_path / "alignments" / "essay.csv"
    args = ["reconcile", ORIGINAL, BACK, "--forward", FORWARD, "-o", str(out)]
    assert main(args) == 0
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == str(out)
    assert printed[1] == "9 pairs (1 identical, 6 major, 2 minor)"
    assert printed[2] == "forward translation: translation.fr.txt (fr)"
    assert "  P8=P8: major [negation]" in printed
    review = load_review(out)
    assert review.meta.project == "essay"
    assert review.meta.forward_name == "translation.fr.txt"
    assert review.by_id("P2+P3=P2").forward_ids == ("P2", "P3")
    assert not list(out.parent.glob("*.tmp"))

    ann = Annotation(status="major issue", discrepancy="omission", decision="query raised")
    save_annotation(out, "P6=P6", ann)
    assert main(args) == 0  # same texts again: the logged discrepancy survives
    assert load_review(out).by_id("P6=P6").annotation.decision == "query raised"


def test_reconcile_saves_under_the_project_name(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["reconcile", ORIGINAL, BACK, "--project", "Essay: review 1"]) == 0
    path = Path(capsys.readouterr().out.splitlines()[0])
    assert path == (tmp_path / "alignments" / "Essay_ review 1.csv").resolve()
    review = load_review(path)
    assert review.meta.forward_name == "" and all(not p.forward_text for p in review.pairs)


def test_reconcile_reports_user_errors(tmp_path, capsys):
    assert main(["reconcile", ORIGINAL, str(tmp_path / "missing.txt")]) == 2
    assert "No file at" in capsys.readouterr().err
    out = tmp_path / "x.csv"
    assert main(["reconcile", ORIGINAL, FORWARD, "-o", str(out)]) == 2
    assert "Did you give the forward translation" in capsys.readouterr().err
    assert not out.exists()


def test_reconciliation_reports_export_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "essay.csv"
    assert main(["reconcile", ORIGINAL, BACK, "--forward", FORWARD, "-o", str(out)]) == 0
    save_annotation(out, "P4=P3", Annotation(discrepancy="meaning shift", status="major issue"))
    capsys.readouterr()
    assert main(["export", str(out), "--format", "reconciliation-docx"]) == 0
    report = Path(capsys.readouterr().out.strip())
    assert report == tmp_path / "essay.reconciliation.docx"
    import io

    import docx

    word = docx.Document(io.BytesIO(report.read_bytes()))
    log = word.tables[-1]
    assert [c.text for c in log.rows[1].cells][:1] == ["P4=P3"]
    assert [c.text for c in log.rows[1].cells][4] == "meaning shift"
