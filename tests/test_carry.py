"""Annotations follow the pairs through merge, split, unlink, link and undo (nothing is lost)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench import session
from workbench.model import Annotation, DiscrepancyEntry, Level
from workbench.review.carry import carry_annotations, combine
from workbench.store import load_review
from workbench.text import document_from_units

ORIGINAL = [
    "The mill stood by the river for two hundred years.",
    "It ground wheat for the whole valley.",
    "In 1920 a fire destroyed it.",
    "Nobody rebuilt it.",
]
TRANSLATION = [
    "The mill stood by the river for two hundred years.",
    "It ground corn for the whole valley.",
    "In 1921 a fire destroyed it.",
    "Nobody rebuilt it.",
]


@pytest.fixture()
def review(tmp_path: Path) -> session.ReviewSession:
    o = document_from_units(ORIGINAL, name="o.txt", language="en")
    t = document_from_units(TRANSLATION, name="t.txt", language="en")
    started = session.start_review(o, t, path=tmp_path / "mill.csv", level=Level.PARAGRAPH)
    assert [p.pair_id for p in started.review.pairs] == ["P1=P1", "P2=P2", "P3=P3", "P4=P4"]
    return started


def _annotate(current: session.ReviewSession, pair_id: str, **fields) -> session.ReviewSession:
    annotation = Annotation(reviewer=fields.pop("reviewer", "Ana"), **fields)
    review = session.save_annotation(current, pair_id, annotation)
    return session.ReviewSession(
        current.alignment, review, current.divergences, current.path, kept=0
    )


def test_a_merge_keeps_the_most_severe_verdict_and_every_comment(review) -> None:
    current = _annotate(
        review,
        "P2=P2",
        status="minor issue",
        category="Terminology",
        comment="corn is not wheat",
        updated_at="2026-11-27T10:00:00.000Z",
    )
    current = _annotate(
        current,
        "P3=P3",
        status="major issue",
        category="Accuracy/Mistranslation",
        severity="major",
        comment="1920 became 1921",
        updated_at="2026-11-27T10:01:00.000Z",
    )
    merged = session.apply_correction(current, "merge", 1)
    pair = merged.review.by_id("P2+P3=P2+P3")
    ann = pair.annotation
    assert (ann.status, ann.category, ann.severity) == (
        "major issue",
        "Accuracy/Mistranslation",
        "major",
    )
    assert ann.comment == "[P2=P2] corn is not wheat · [P3=P3] 1920 became 1921"
    assert ann.reviewer == "Ana" and ann.updated_at == "2026-11-27T10:01:00.000Z"
    assert merged.changed == ("P2+P3=P2+P3",)
    assert merged.notes == (
        "P2+P3=P2+P3: kept the verdict of P3=P3 (major issue); P2=P2: minor issue, "
        "Terminology (comments of all kept)",
    )
    # what the file holds is what the session shows
    assert load_review(merged.path).by_id("P2+P3=P2+P3").annotation == ann


def test_a_split_gives_each_part_the_groups_annotation(review) -> None:
    merged = session.apply_correction(review, "merge", 1)
    annotated = _annotate(merged, "P2+P3=P2+P3", status="critical", comment="whole group wrong")
    split = session.apply_correction(annotated, "split", 1)
    for pid in ("P2=P2", "P3=P3"):
        ann = split.review.by_id(pid).annotation
        assert (ann.status, ann.comment) == ("critical", "whole group wrong")
    assert split.notes == ()  # nothing had to be chosen


def test_unlink_then_link_keep_the_annotation(review) -> None:
    annotated = _annotate(review, "P4=P4", status="ok", comment="fine")
    unlinked = session.apply_correction(annotated, "unlink", 3)
    assert unlinked.review.by_id("P4=-").annotation.comment == "fine"
    assert unlinked.review.by_id("-=P4").annotation.comment == "fine"
    relinked = session.apply_correction(unlinked, "link", 3, 3)
    assert relinked.review.by_id("P4=P4").annotation.comment == "fine"


def test_undo_brings_back_the_parts_own_annotations(review) -> None:
    current = _annotate(
        review, "P2=P2", status="minor issue", comment="corn", updated_at="2026-11-27T10:00:00.000Z"
    )
    current = _annotate(current, "P3=P3", status="ok", updated_at="2026-11-27T10:01:00.000Z")
    merged = session.apply_correction(current, "merge", 1)
    back = session.undo(merged, current)
    assert back.review.by_id("P2=P2").annotation == current.review.by_id("P2=P2").annotation
    assert back.review.by_id("P3=P3").annotation == current.review.by_id("P3=P3").annotation
    assert back.changed == ("P2=P2", "P3=P3")
    # annotated again after a merge: undo carries the newer verdict to the parts
    merged = session.apply_correction(back, "merge", 1)
    later = _annotate(
        merged,
        "P2+P3=P2+P3",
        status="critical",
        comment="both wrong",
        updated_at="2026-11-27T11:00:00.000Z",
    )
    again = session.undo(later, back)
    assert again.review.by_id("P2=P2").annotation.status == "critical"
    assert again.review.by_id("P3=P3").annotation.comment == "both wrong"


def test_combining_keeps_every_rationale_and_revised_text() -> None:
    a = Annotation(status="minor issue", log=DiscrepancyEntry("omission", "", "Texte un.", "why 1"))
    b = Annotation(status="ok", log=DiscrepancyEntry("", "query raised", "Texte deux.", "why 2"))
    combined, note = combine([("P1=P1", a), ("P2=P2", b)])
    assert combined.log == DiscrepancyEntry(
        discrepancy="omission",
        decision="",
        revised_text="Texte un.\n\nTexte deux.",
        rationale="[P1=P1] why 1 · [P2=P2] why 2",
    )
    assert note.startswith("kept the verdict of P1=P1 (minor issue)")


def test_pairs_without_annotations_stay_without(review) -> None:
    carried = carry_annotations(review.alignment, review.review)
    assert set(carried.annotations) == {"P1=P1", "P2=P2", "P3=P3", "P4=P4"}
    assert all(a == Annotation() for a in carried.annotations.values())
    assert carried.notes == ()


def test_an_annotation_without_a_reviewer_is_refused(review) -> None:
    from workbench.errors import AnnotationError

    before = review.path.read_bytes()
    with pytest.raises(AnnotationError, match="Enter your name as Reviewer"):
        session.save_annotation(review, "P1=P1", Annotation(status="ok"))
    assert review.path.read_bytes() == before
