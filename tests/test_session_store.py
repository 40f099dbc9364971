"""Sessions write through the store: two reviewers on one pair are told, corrections are
in the history — with the CSV files and with PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import make_review

from workbench import session as sessions
from workbench.errors import EditConflictError
from workbench.model import Annotation
from workbench.store.csv_store import CsvStore


@pytest.fixture(params=["csv", "postgresql"])
def opened(request, tmp_path):
    """Two sessions (two reviewers, maybe on two servers) of one stored review."""
    review = make_review()
    if request.param == "csv":
        path = Path(CsvStore(root=tmp_path).create_review(review, who="setup"))
        yield sessions.open_review(path), sessions.open_review(path)
        return
    from workbench.store.postgres import PostgresStore

    url = request.getfixturevalue("postgres_database")
    one, two = PostgresStore(url), PostgresStore(url)
    one.create_review(review, who="setup")
    try:
        yield (
            sessions.open_review(Path("demo"), stored_in=one),
            sessions.open_review(Path("demo"), stored_in=two),
        )
    finally:
        one.close()
        two.close()


def test_the_second_reviewer_of_a_pair_is_told_with_both_values(opened):
    ana, bob = opened
    pid = ana.review.pairs[0].pair_id
    sessions.save_annotation(ana, pid, Annotation(status="ok", comment="fine", reviewer="Ana"))
    with pytest.raises(EditConflictError) as caught:
        sessions.save_annotation(bob, pid, Annotation(status="critical", reviewer="Bob"))
    assert caught.value.theirs.comment == "fine" and caught.value.mine.status == "critical"
    assert "Ana" in caught.value.message
    # Bob sees the stored value, decides again, and is stored.
    fresh = sessions.stored_review(bob)
    bob = sessions.ReviewSession(bob.alignment, fresh, bob.divergences, bob.path, store=bob.store)
    review = sessions.save_annotation(bob, pid, Annotation(status="critical", reviewer="Bob"))
    assert review.by_id(pid).annotation.status == "critical"
    changes = [(e.who, e.field, e.new) for e in sessions.pair_history(bob, pid)]
    assert changes == [
        ("Ana", "status", "ok"),
        ("Ana", "comment", "fine"),
        ("Bob", "status", "critical"),
        ("Bob", "comment", ""),
    ]


def test_reviewers_of_different_pairs_never_conflict(opened):
    ana, bob = opened
    first, second = ana.review.pairs[0].pair_id, ana.review.pairs[1].pair_id
    sessions.save_annotation(ana, first, Annotation(status="ok", reviewer="Ana"))
    review = sessions.save_annotation(bob, second, Annotation(status="ok", reviewer="Bob"))
    assert [review.by_id(p).annotation.reviewer for p in (first, second)] == ["Ana", "Bob"]


def test_a_correction_and_its_undo_are_in_the_history_with_who_made_them(opened):
    ana, _ = opened
    merged = sessions.apply_correction(ana, "merge", 0, who="Ana")
    assert sessions.stored_review(merged).pairs[0].pair_id == merged.review.pairs[0].pair_id
    back = sessions.undo(merged, ana, who="Ana")
    assert [p.pair_id for p in sessions.stored_review(back).pairs] == [
        p.pair_id for p in ana.review.pairs
    ]
    first = ana.review.pairs[0].pair_id
    entries = sessions.pair_history(back, first)
    assert [(e.who, e.field) for e in entries] == [("Ana", "alignment"), ("Ana", "alignment")]
    assert first in entries[0].old and first in entries[1].new


def test_a_correction_from_a_stale_alignment_is_refused_not_written_over_another(opened):
    ana, bob = opened
    merged = sessions.apply_correction(ana, "merge", 0, who="Ana")
    with pytest.raises(EditConflictError) as caught:
        sessions.apply_correction(bob, "unlink", 2, who="Bob")
    assert "corrected by someone else" in caught.value.message
    stored = sessions.stored_review(bob)
    assert [p.pair_id for p in stored.pairs] == [p.pair_id for p in merged.review.pairs]
    assert [e.who for e in sessions.review_history(bob) if e.field == "alignment"] == ["Ana"]
