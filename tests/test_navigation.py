"""What the Review tab shows and visits: filters, pages, compact rows, next divergence, and
the pairs a bulk verdict marks (workbench.review.navigation), and the one-write bulk save."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from workbench import session as sessions
from workbench.errors import AlignmentFileError, AnnotationError
from workbench.model import Annotation
from workbench.review import navigation as nav
from workbench.store import load_review
from workbench.text import load_document

ORIGINAL = "\n\n".join(
    [
        "The mill stood by the river.",
        "It ground wheat for the village.",
        "In 1920 a flood broke the wheel.",
        "The miller rebuilt it within a year.",
        "Children still visit it on Sundays.",
        "The mill is open from May to September.",
    ]
)
TRANSLATION = "\n\n".join(
    [
        "The mill stood by the river.",
        "It ground wheat for the village.",
        "In 1921 a flood broke the wheel.",
        "The miller rebuilt it within a year.",
        "Children still visit it on Sundays, with their teachers.",
        "The mill is open from May to September.",
    ]
)


@pytest.fixture()
def opened(tmp_path: Path) -> sessions.ReviewSession:
    return sessions.start_review(
        load_document(ORIGINAL.encode(), name="o.txt"),
        load_document(TRANSLATION.encode(), name="t.txt"),
        path=tmp_path / "mill.csv",
    )


def test_divergent_pairs_are_the_changed_ones_and_next_divergence_visits_them_in_order(opened):
    rows = nav.filtered(opened.review, nav.Filter())
    divergent = [r.pair_id for r in rows if nav.needs_review(r)]
    assert divergent == ["P3=P3", "P5=P5"]
    visited, at = [], None
    while (found := nav.next_divergence(rows, after=at)) is not None:
        visited.append(found.pair_id)
        at = found.pair_id
    assert visited == divergent
    assert nav.next_divergence(rows, after="P5=P5", backwards=True).pair_id == "P3=P3"
    assert nav.next_divergence(rows, after="P3=P3", backwards=True) is None


def test_identical_pairs_are_compact_and_what_a_bulk_verdict_marks(opened):
    pairs = opened.review.pairs
    identical = [p.pair_id for p in nav.identical_unreviewed(pairs)]
    assert identical == ["P1=P1", "P2=P2", "P4=P4", "P6=P6"]
    assert [p.pair_id for p in pairs if nav.is_compact(p)] == identical  # both changes are major
    commented = replace(pairs[0], annotation=Annotation(status="ok", comment="fine"))
    assert not nav.is_compact(commented)  # a pair with a comment is a full card
    assert nav.is_compact(replace(pairs[0], annotation=Annotation(status="ok")))
    assert nav.identical_unreviewed([replace(pairs[0], annotation=Annotation(status="ok"))]) == []


def test_filters_pages_and_rows_that_stay_after_annotation(opened):
    review = opened.review
    unreviewed = nav.Filter(show=nav.SHOW_UNREVIEWED)
    marked = review.with_annotation("P2=P2", Annotation(status="ok", reviewer="Ana"))
    assert "P2=P2" not in [r.pair_id for r in nav.filtered(marked, unreviewed)]
    kept = nav.filtered(marked, unreviewed, keep={"P2=P2"})
    assert [r.pair_id for r in kept] == [p.pair_id for p in review.pairs]
    searched = nav.filtered(review, nav.Filter(search="  FLOOD "))
    assert [r.pair_id for r in searched] == ["P3=P3"]
    rows = nav.filtered(review, nav.Filter())
    assert nav.page_count(len(rows), 4) == 2 and nav.page_count(0, 4) == 1
    assert [r.pair_id for r in nav.page_rows(rows, 2, 4)] == ["P5=P5", "P6=P6"]
    assert nav.page_rows(rows, 9, 4) == nav.page_rows(rows, 2, 4)
    assert nav.page_of(4, 4) == 2 and nav.page_of(3, 4) == 1


def test_a_bulk_save_writes_every_pair_at_once_and_refuses_without_a_name(opened):
    marked = {
        pid: Annotation(status="ok", reviewer="Ana", updated_at="2026-11-27T18:00:00Z")
        for pid in ("P1=P1", "P2=P2")
    }
    review = sessions.save_annotations(opened, marked)
    on_disk = load_review(opened.path)
    for pid, annotation in marked.items():
        assert review.by_id(pid).annotation == annotation == on_disk.by_id(pid).annotation
    assert on_disk.by_id("P4=P4").annotation.status == "unreviewed"
    before = opened.path.read_bytes()
    with pytest.raises(AnnotationError):
        sessions.save_annotations(opened, {"P4=P4": Annotation(status="ok")})
    with pytest.raises(AlignmentFileError):
        sessions.save_annotations(
            opened,
            {
                "P4=P4": Annotation(status="ok", reviewer="Ana"),
                "P9=P9": Annotation(status="ok", reviewer="Ana"),
            },
        )
    assert opened.path.read_bytes() == before  # nothing written when one pair is missing
