"""The review record: building it, rebuilding the alignment, the summary and MQM score."""

from __future__ import annotations

import pytest
from store_helpers import make_review, mixed_alignment, one_to_one

from workbench.model import Alignment, AlignSettings, Annotation, Bead, Finding, PairDivergence
from workbench.review import (
    build_review,
    count_words,
    review_to_alignment,
    summarise,
)
from workbench.text import document_from_units


def test_build_review_records_every_bead_with_stable_ids_and_texts():
    al = mixed_alignment()
    review = make_review(al)
    assert [p.pair_id for p in review.pairs] == [al.pair_id(b) for b in al.beads]
    assert [p.pair_id for p in review.pairs] == [
        "P1=P1",
        "P2=P2+P3",
        "P3=P5",
        "P4=P4",
        "P5=-",
        "-=P6",
    ]
    n_m = review.by_id("P2=P2+P3")
    assert n_m.translation_text == "Une ligne\n\n« citée »."
    assert n_m.translation_unit_lengths == (9, 10)
    assert review.by_id("P4=P4").kind == "moved"
    assert review.by_id("P5=-").band == "unaligned"
    assert [p.order for p in review.pairs] == list(range(6))
    assert review.meta.original_language == "en" and review.meta.translation_language == "fr"
    assert dict(review.meta.settings)["k"] == "v"


def test_build_review_takes_analysis_results_by_pair_id():
    al = mixed_alignment()
    bead = al.beads[0]
    div = PairDivergence(
        pair_id="P1=P1",
        bead=bead,
        original_ids=("P1",),
        translation_ids=("P1",),
        original_text="Hello, world.",
        translation_text="Bonjour, le monde.",
        similarity=42.123456,
        band="major",
        findings=(
            Finding("numbers", "3 only in the original"),
            Finding("numbers", "5 only in\nthe translation"),
            Finding("names", "Paris missing"),
        ),
    )
    review = build_review(al, [div], project="p")
    rec = review.by_id("P1=P1")
    assert rec.similarity == 42.12
    assert rec.checks == ("numbers", "names")
    assert rec.check_messages == (
        "3 only in the original",
        "5 only in the translation",
        "Paris missing",
    )


def test_unknown_annotations_are_dropped_and_missing_ones_default():
    ann = Annotation(status="ok", updated_at="2026-11-26T06:00:00Z")
    review = make_review(annotations={"P1=P1": ann, "P9=P9": ann})
    assert review.by_id("P1=P1").annotation == ann
    assert "P9=P9" not in review.annotations()
    assert review.by_id("P3=P5").annotation == Annotation()


def test_with_annotation_replaces_one_pair_only():
    review = make_review()
    ann = Annotation(status="critical", comment="wrong")
    after = review.with_annotation("P3=P5", ann)
    assert after.by_id("P3=P5").annotation == ann
    assert review.by_id("P3=P5").annotation == Annotation()  # the original is unchanged
    assert [p.annotation for p in after.pairs if p.pair_id != "P3=P5"] == [
        p.annotation for p in review.pairs if p.pair_id != "P3=P5"
    ]


def test_review_to_alignment_gives_back_beads_units_and_settings():
    al = mixed_alignment()
    back = review_to_alignment(make_review(al))
    assert back.beads == al.beads
    assert [u.text for u in back.original.segments] == [u.text for u in al.original.segments]
    assert [u.id for u in back.translation.segments] == [u.id for u in al.translation.segments]
    assert back.settings == al.settings
    assert back.original.sha256 == al.original.sha256
    assert back.translation.language == "fr"
    assert [back.pair_id(b) for b in back.beads] == [al.pair_id(b) for b in al.beads]
    assert [back.pair_texts(b) for b in back.beads] == [al.pair_texts(b) for b in al.beads]


def test_review_to_alignment_at_sentence_level_splits_joined_sentences():
    # Sentence units joined by a space cannot be split on spaces: the lengths do it.
    o = document_from_units(
        ["First sentence here. Second one follows.", "Third, alone."], split=True, language="en"
    )
    t = document_from_units(["Erste und zweite zusammen.", "Dritte."], split=True, language="de")
    assert [s.id for s in o.sentences] == ["P1.S1", "P1.S2", "P2.S1"]
    beads = (Bead((0, 1), (0,), 0.5, 0.5), Bead((2,), (1,), 0.9, 0.9))
    al = Alignment(o, t, beads, AlignSettings(level="sentence"))
    review = build_review(al, [], project="s")
    assert review.pairs[0].original_text == "First sentence here. Second one follows."
    back = review_to_alignment(review)
    assert back.beads == al.beads
    assert [s.text for s in back.original.sentences] == [s.text for s in o.sentences]
    assert [s.id for s in back.original.sentences] == ["P1.S1", "P1.S2", "P2.S1"]


def test_count_words_counts_cjk_characters_and_latin_words():
    assert count_words("The cat's mat, 42 times — well-known.") == 6
    assert count_words("我爱你") == 3
    assert count_words("Mix 中文 words") == 4
    assert count_words("") == 0


def test_summarise_counts_and_mqm_score():
    al = one_to_one(
        ["One two three four five."] * 4,
        ["Un deux trois quatre cinq.", "Six sept huit neuf dix.", "a b c d e", "x y z w v"],
    )
    review = build_review(al, [], project="m")
    review = review.with_annotation("P1=P1", Annotation(status="ok"))
    review = review.with_annotation(
        "P2=P2", Annotation(status="major issue", category="Accuracy/Omission")
    )
    # An explicit severity overrides the one the status implies.
    review = review.with_annotation(
        "P3=P3", Annotation(status="minor issue", category="Style", severity="critical")
    )
    summary = summarise(review)
    assert summary.pairs == 4 and summary.reviewed == 3
    assert summary.by_status["ok"] == 1 and summary.by_status["unreviewed"] == 1
    assert summary.by_category == {"Accuracy/Omission": 1, "Style": 1}
    assert summary.penalty == 5 + 25
    assert summary.words == 15  # reviewed pairs only
    assert summary.words_total == 20
    assert summary.mqm_score == pytest.approx(100 * (1 - 30 / 15), abs=0.01)


def test_summarise_without_reviews_has_no_score_and_ranks_by_similarity():
    al = mixed_alignment()
    divs = [
        PairDivergence(
            al.pair_id(b), b, *al.unit_ids(b), *al.pair_texts(b), similarity=float(s), band="minor"
        )
        for b, s in zip(al.beads, [90, 10, 50, 70, 0, 30], strict=True)
    ]
    summary = summarise(build_review(al, divs, project="x"), top=3)
    assert summary.mqm_score is None
    assert [p.pair_id for p in summary.most_divergent] == ["P5=-", "P2=P2+P3", "-=P6"]
