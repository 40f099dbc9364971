"""``workbench store push/pull``: a review and its history copied to PostgreSQL and back
are the same bytes."""

from __future__ import annotations

import pytest
from store_helpers import make_review

from workbench.align import edit
from workbench.cli import main
from workbench.model import Annotation, DiscrepancyEntry, ErrorMark
from workbench.review import build_review
from workbench.review.rebuild import review_to_alignment
from workbench.store import history_path
from workbench.store.csv_store import CsvStore


def _annotated_file(folder, review):
    """``review`` saved in ``folder`` with annotations of every kind and a correction."""
    store = CsvStore(root=folder)
    path = store.create_review(review, who="setup")
    name = review.meta.project
    first, second = review.pairs[0], review.pairs[1]
    text = first.translation_text
    mark = ErrorMark("Accuracy/Mistranslation", "major", "translation", 0, 4, text[:4], 'x,"y"')
    log = DiscrepancyEntry("omission", "query raised", "révisé\r\nligne", "why")
    store.save_annotations(
        name,
        {
            first.pair_id: Annotation(status="major issue", errors=(mark,), reviewer="ana"),
            second.pair_id: Annotation(status="ok", comment="=1+2", reviewer="bob", log=log),
        },
    )
    store.save_annotations(name, {first.pair_id: Annotation(status="critical", reviewer="carla")})
    if not review.meta.is_back_translation:  # and a correction: merge the last two pairs
        current = store.open_review(name)
        merged = edit.merge_with_next(review_to_alignment(current), len(current.pairs) - 2)
        corrected = build_review(
            merged,
            [],
            project=name,
            created_at=current.meta.created_at,
            annotations=current.annotations(),
        )
        store.save_structure(name, corrected, who="dan")
    return path


@pytest.mark.parametrize("kind", ["translation", "back-translation"])
def test_push_then_pull_gives_back_the_same_bytes_with_history(
    kind, tmp_path, postgres_database, demo_back_translation_review, capsys
):
    review = make_review() if kind == "translation" else demo_back_translation_review
    path = _annotated_file(tmp_path / "a", review)
    name = review.meta.project
    assert main(["store", "push", path, "--store", postgres_database]) == 0
    assert "Pushed" in capsys.readouterr().out
    out = tmp_path / "b" / "copy.csv"
    assert main(["store", "pull", name, "-o", str(out), "--store", postgres_database]) == 0
    assert out.read_bytes() == (tmp_path / "a" / f"{name}.csv").read_bytes()
    original_history = history_path(tmp_path / "a" / f"{name}.csv").read_bytes()
    assert history_path(out).read_bytes() == original_history
    assert original_history.count(b"\r\n") >= 6
    if kind == "translation":
        assert b",dan,,alignment," in original_history


def test_push_never_overwrites_and_pull_never_writes_over_a_file(
    tmp_path, postgres_database, capsys
):
    path = _annotated_file(tmp_path, make_review())
    assert main(["store", "push", path, "--store", postgres_database]) == 0
    assert main(["store", "push", path, "--store", postgres_database]) == 2
    assert "never overwritten" in capsys.readouterr().err
    assert main(["store", "pull", "demo", "-o", path, "--store", postgres_database]) == 2
    assert "never written over" in capsys.readouterr().err


def test_store_commands_need_a_database(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("WORKBENCH_STORE", raising=False)
    path = _annotated_file(tmp_path, make_review())
    assert main(["store", "push", path]) == 2
    assert "No review database" in capsys.readouterr().err


def test_history_command_reads_a_review_in_the_database(
    tmp_path, postgres_database, monkeypatch, capsys
):
    path = _annotated_file(tmp_path, make_review())
    assert main(["store", "push", path, "--store", postgres_database]) == 0
    capsys.readouterr()
    monkeypatch.setenv("WORKBENCH_STORE", postgres_database)
    assert main(["history", "demo", "--format", "csv"]) == 0
    assert capsys.readouterr().out.encode() == history_path(tmp_path / "demo.csv").read_bytes()
