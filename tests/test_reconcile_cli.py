"""``workbench reconcile``: builds and saves a back-translation review through the store."""

from __future__ import annotations

import io
from pathlib import Path

import docx

from workbench.cli import main
from workbench.diff import analyse
from workbench.model import Annotation, DiscrepancyEntry, Level
from workbench.review import ReviewKind, review_to_alignment
from workbench.review.attribution import attribute_pair
from workbench.review.back_translation import major_not_logged
from workbench.review.verdict import verdict
from workbench.session import start_review
from workbench.store import load_review, save_annotation, to_csv
from workbench.text import load_document

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
    # D1-D7 of the demo manifest make seven pairs major (D7's P9 since the French has 221)
    assert printed[1] == "9 pairs (1 identical, 7 major, 1 minor)"
    assert printed[2] == "forward translation: translation.fr.txt (fr)"
    assert "  P8=P8: major [negation]" in printed
    review = load_review(out)
    # under each major pair with a changed value, which side introduced it
    for pair in review.pairs:
        messages = attribute_pair(pair, review.meta).messages
        if pair.band == "major" and messages:
            at = next(k for k, line in enumerate(printed) if line.startswith(f"  {pair.pair_id}:"))
            assert printed[at + 1 : at + 1 + len(messages)] == [f"    {m}" for m in messages]
    assert any(line.endswith("the translation introduced it") for line in printed)
    assert review.meta.project == "essay"
    assert review.meta.kind == ReviewKind.BACK_TRANSLATION
    assert review.meta.forward.name == "translation.fr.txt"
    assert review.by_id("P2+P3=P2").forward.ids == ("P2", "P3")
    assert not list(out.parent.glob("*.tmp"))

    entry = DiscrepancyEntry(discrepancy="omission", decision="query raised")
    save_annotation(out, "P6=P6", Annotation(status="major issue", log=entry))
    assert main(args) == 0  # same texts again: the logged discrepancy survives
    assert load_review(out).by_id("P6=P6").annotation.log == entry


def test_reconcile_saves_under_the_project_name(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WORKBENCH_ALIGNMENTS_DIR", raising=False)
    assert main(["reconcile", ORIGINAL, BACK, "--project", "Essay: review 1"]) == 0
    path = Path(capsys.readouterr().out.splitlines()[0])
    assert path == (tmp_path / "alignments" / "Essay_ review 1.csv").resolve()
    review = load_review(path)
    assert review.meta.forward is None and all(p.forward is None for p in review.pairs)


def test_reconcile_saves_in_the_configured_alignments_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "team" / "reviews"
    monkeypatch.setenv("WORKBENCH_ALIGNMENTS_DIR", str(folder))
    assert main(["reconcile", ORIGINAL, BACK, "--project", "essay"]) == 0
    path = Path(capsys.readouterr().out.splitlines()[0])
    assert path == (folder / "essay.csv").resolve() and path.is_file()
    assert not (tmp_path / "alignments").exists()


def test_reconcile_never_overwrites_a_review_of_other_texts(tmp_path, capsys):
    """The same rule, and the same message, as the app's: the file is left as it was."""
    out = tmp_path / "annotated.csv"
    other = load_document(DEMO / "alternative.en.txt")
    session = start_review(load_document(ORIGINAL), other, path=out, level=Level.PARAGRAPH)
    pair = session.review.pairs[0].pair_id
    save_annotation(out, pair, Annotation(status="ok", comment="checked by Ann"))
    before = out.read_bytes()
    assert main(["reconcile", ORIGINAL, BACK, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench: Review file in use: The project “annotated” (annotated.csv)")
    assert "already holds a review of other texts" in err and "never overwritten" in err
    assert out.read_bytes() == before
    assert load_review(out).by_id(pair).annotation.comment == "checked by Ann"


def test_reconcile_refuses_another_level_of_the_same_texts(tmp_path, capsys):
    out = tmp_path / "r.csv"
    assert main(["reconcile", ORIGINAL, BACK, "-o", str(out)]) == 0
    before = out.read_bytes()
    capsys.readouterr()
    assert main(["reconcile", ORIGINAL, BACK, "-o", str(out), "--level", "sentence"]) == 2
    assert "holds a paragraph-level review of these texts" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert to_csv(load_review(out)) == before


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
    entry = DiscrepancyEntry(discrepancy="meaning shift")
    save_annotation(out, "P4=P3", Annotation(log=entry, status="major issue"))
    capsys.readouterr()
    assert main(["export", str(out), "--format", "reconciliation-docx"]) == 0
    report = Path(capsys.readouterr().out.strip())
    assert report == tmp_path / "essay.reconciliation.docx"
    word = docx.Document(io.BytesIO(report.read_bytes()))
    log = word.tables[4]  # after the cover, texts, by type and by decision
    assert [c.text for c in log.rows[1].cells][:1] == ["P4=P3"]
    assert [c.text for c in log.rows[1].cells][4] == "meaning shift"
    # by default the major pairs nobody logged follow, with why and who introduced them
    unlogged = major_not_logged(load_review(out))
    major = [[c.text for c in row.cells] for row in word.tables[-1].rows]
    assert [row[0] for row in major[1:]] == [p.pair_id for p in unlogged]
    assert "P4=P3" not in [row[0] for row in major]
    saved = load_review(out)
    divergences = {d.pair_id: d for d in analyse(review_to_alignment(saved))}
    for row in major[1:]:
        pair, spans = saved.by_id(row[0]), divergences[row[0]].spans
        assert row[4] == verdict(pair.band, pair.similarity, pair.checks, spans=spans).label
    p6 = next(row for row in major if row[0] == "P6=P6")  # the dropped sentence (D2)
    assert " missing · major" in p6[4]  # said why, from its checks or re-analysed spans

    assert main(["export", str(out), "-f", "reconciliation-docx", "--logged-only"]) == 0
    report = Path(capsys.readouterr().out.strip())
    word = docx.Document(io.BytesIO(report.read_bytes()))
    assert len(word.tables) == 5 and word.tables[-1].rows[1].cells[0].text == "P4=P3"
