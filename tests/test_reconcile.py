"""Back-translation review (workbench.features.reconcile) on the demo set and small texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.align import edit
from workbench.align.orphans import pair_orphans
from workbench.errors import AlignmentError
from workbench.features.reconcile import _forward_units, build_reconciliation_review, reconcile
from workbench.model import Alignment, AlignSettings, Annotation, Bead, DiscrepancyEntry
from workbench.review import ReviewKind, build_review
from workbench.review.back_translation import (
    carry_forward,
    discrepancy_log,
    forward_units_of,
    is_logged,
    summarise_reconciliation,
)
from workbench.text import document_from_units, load_document

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((DEMO / "discrepancies.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo():
    original = load_document(DEMO / "original.en.txt")
    forward = load_document(DEMO / "translation.fr.txt")
    back = load_document(DEMO / "backtranslation.en.txt")
    return reconcile(original, back, forward=forward)


def _pair_id(original_ids, back_ids) -> str:
    return "+".join(original_ids) + "=" + "+".join(back_ids)


def test_demo_beads_are_the_expected_ones(demo, manifest):
    al = demo.alignment
    found = [tuple(map(list, al.unit_ids(b))) for b in al.beads]
    expected = [(b["original"], b["backtranslation"]) for b in manifest["expected_beads"]]
    assert found == expected
    # (Should the aligner split P6 = P6 into an omission and an addition, because a
    # sentence is missing, pair_orphans links them again: see the synthetic tests below.)


def test_known_discrepancies_are_found_in_the_right_pairs(demo, manifest):
    by_id = {d.pair_id: d for d in demo.divergences}
    for item in manifest["discrepancies"]:
        div = by_id[_pair_id(item["original"], item["backtranslation"])]
        expected = item["detected_by"]
        if not expected["spans"] and not expected["checks"]:
            continue  # merge/split: the bead itself is the finding (checked above)
        assert div.band == "major", item["id"]
        kinds = [s.kind for s in div.spans]
        for kind in expected["spans"]:
            assert kind in kinds, (item["id"], kinds)
        for check in expected["checks"]:
            assert check in div.checks, (item["id"], div.checks)
        main = [s for s in div.spans if s.kind in expected["spans"]]
        o_words = [div.original_text[s.original_start : s.original_end] for s in main]
        t_words = [div.translation_text[s.translation_start : s.translation_end] for s in main]
        assert item["original_words"] in o_words, (item["id"], o_words)
        assert item["backtranslation_words"] in t_words, (item["id"], t_words)


def test_nothing_else_is_above_minor(demo, manifest):
    flagged = {
        _pair_id(d["original"], d["backtranslation"])
        for d in manifest["discrepancies"]
        if d["detected_by"]["spans"] or d["detected_by"]["checks"]
    }
    for div in demo.divergences:
        if div.pair_id not in flagged:
            assert div.band in ("identical", "minor"), (div.pair_id, div.band, div.spans)
    # The trivial differences are there, as minor spans only.
    p2 = next(d for d in demo.divergences if d.pair_id == "P2+P3=P2")
    assert [s.kind for s in p2.spans] == ["minor"]


def test_each_pair_carries_its_forward_passage(demo, manifest):
    # The French translation is paragraph for paragraph with the original, so the
    # forward passage of a pair is the French paragraphs with the original's ids.
    o_to_fr = {b["original"][0]: b["translation"][0] for b in manifest["translation_beads"]}
    french = {s.id: s.text for s in demo.forward.segments}
    for bead in demo.alignment.beads:
        pid = demo.alignment.pair_id(bead)
        o_ids, _ = demo.alignment.unit_ids(bead)
        expected = tuple(o_to_fr[o] for o in o_ids)
        passage = demo.forward_passage(pid)
        assert passage is not None and passage.ids == expected, pid
        assert passage.text == "\n\n".join(french[i] for i in expected)
    assert "3 500" in demo.forward_passage("P5=P4+P5").text  # the number it changed


def test_review_record_holds_the_forward_translation(demo):
    review = build_reconciliation_review(demo, project="demo", created_at="2026-11-26T06:00:00Z")
    assert review.meta.kind == ReviewKind.BACK_TRANSLATION
    forward = review.meta.forward
    assert forward is not None and forward.name == "translation.fr.txt"
    assert forward.language == "fr"
    assert forward.sha256 == demo.forward.sha256
    assert review.meta.translation_name == "backtranslation.en.txt"
    pair = review.by_id("P2+P3=P2")
    assert pair.forward == demo.forward_passage("P2+P3=P2")
    assert pair.forward.ids == ("P2", "P3")
    assert pair.band == "minor"


def test_without_a_forward_translation_the_review_has_none(demo):
    plain = reconcile(demo.alignment.original, demo.back_translation)
    assert plain.forward is None and plain.forward_alignment is None
    review = build_reconciliation_review(plain, project="p")
    assert all(p.forward is None for p in review.pairs)
    assert review.meta.forward is None
    assert review.meta.kind == ReviewKind.BACK_TRANSLATION  # still a back-translation review
    assert [p.pair_id for p in review.pairs] == [demo.alignment.pair_id(b) for b in demo.alignment]


def test_a_forward_translation_given_as_back_translation_is_refused(demo):
    with pytest.raises(AlignmentError, match="Did you give the forward translation"):
        reconcile(demo.alignment.original, demo.forward)
    chinese = document_from_units(["这是一个段落。", "另一个段落。"], name="zh.txt", language="zh")
    with pytest.raises(AlignmentError, match="Han script"):
        reconcile(demo.alignment.original, chinese)


def test_a_short_back_translation_with_an_uncertain_language_guess_is_accepted():
    # Function words of this English text ("a", "no", "de", "en", "es") make the
    # stopword guess say Spanish; only a confident guess may refuse a back-translation.
    original = document_from_units(
        ["No, a man is not an island.", "He came back in a car."], name="o.txt"
    )
    back = document_from_units(
        ["No man is an island.", "A car de luxe brought him back."], name="b"
    )
    assert original.language == "en" and back.language != "en"
    result = reconcile(original, back)
    assert [d.pair_id for d in result.divergences] == ["P1=P1", "P2=P2"]
    assert result.warnings and "uncertain" in result.warnings[0]


# --- linking orphans ----------------------------------------------------------------------


def _orphans(originals, translations, *, lang_t="en") -> Alignment:
    o = document_from_units(originals, name="o.txt", language="en")
    t = document_from_units(translations, name="t.txt", language=lang_t)
    beads = (
        Bead((0,), (0,), 0.9, 0.9),
        Bead((1,), ()),
        Bead((), (1,)),
        Bead((2,), (2,), 0.9, 0.9),
    )
    return Alignment(o, t, beads, AlignSettings(mode_used="monolingual"))


FIRST = "The ferry ran every hour from the north bank to the mill."
LAST = "Nobody remembers who paid for the last repair of the pier."
MIDDLE = (
    "The bridge opened in spring. It carried carts, walkers and the daily post. "
    "Everyone in the valley came to see the first crossing."
)


def test_a_paragraph_that_lost_a_sentence_is_linked_again():
    al = _orphans(
        [FIRST, MIDDLE, LAST],
        [
            FIRST,
            "The bridge opened in spring. Everyone in the valley came to see the first crossing.",
            LAST,
        ],
    )
    linked = pair_orphans(al, same_language=True)
    assert linked.notation() == "[0]:[0]\n[1]:[1]\n[2]:[2]"
    assert 0.5 <= linked.beads[1].score < 1.0
    assert dict(linked.settings.extra)["orphans_linked"] == "1"


def test_unrelated_neighbours_stay_apart():
    al = _orphans(
        [FIRST, MIDDLE, LAST],
        [FIRST, "Prices of grain doubled after a wet summer and a poor harvest.", LAST],
    )
    assert pair_orphans(al, same_language=True) is al


def test_cross_language_orphans_are_linked_by_length():
    french = "Le pont a ouvert au printemps. Toute la vallée est venue voir la première traversée."
    al = _orphans([FIRST, MIDDLE, LAST], [FIRST, french, LAST], lang_t="fr")
    assert pair_orphans(al, same_language=False).notation() == "[0]:[0]\n[1]:[1]\n[2]:[2]"
    tiny = _orphans([FIRST, MIDDLE, LAST], [FIRST, "Oui.", LAST], lang_t="fr")
    assert pair_orphans(tiny, same_language=False) is tiny


def test_a_forward_paragraph_the_back_translation_skipped_goes_beside_the_omission():
    o = document_from_units(["A one.", "B two.", "C three."], name="o", language="en")
    back = document_from_units(["A one.", "C three."], name="b", language="en")
    fwd = document_from_units(["Un.", "Deux.", "Trois."], name="f", language="fr")
    al = Alignment(o, back, (Bead((0,), (0,)), Bead((1,), ()), Bead((2,), (1,))))
    fal = Alignment(back, fwd, (Bead((0,), (0,)), Bead((), (1,)), Bead((1,), (2,))))
    assert _forward_units(al, fal) == {"P1=P1": (0,), "P2=-": (1,), "P3=P2": (2,)}
    # Without an omission to host it, it goes with the previous pair.
    al2 = Alignment(o, back, (Bead((0,), (0,)), Bead((1, 2), (1,))))
    assert _forward_units(al2, fal) == {"P1=P1": (0, 1), "P2+P3=P2": (2,)}


# --- the discrepancy log -------------------------------------------------------------------


def test_discrepancy_log_and_counts(demo):
    review = build_reconciliation_review(demo, project="demo")
    review = review.with_annotations(
        {
            "P4=P3": Annotation(
                status="major issue",
                log=DiscrepancyEntry(
                    discrepancy="meaning shift",
                    decision="forward translation revised",
                    revised_text="Martin Okafor",
                    rationale="the name was misspelt",
                ),
            ),
            "P2+P3=P2": Annotation(
                status="ok", log=DiscrepancyEntry(discrepancy="back-translation artefact")
            ),
            "P6=P6": Annotation(status="critical"),
            "P1=P1": Annotation(status="ok"),
            "P9=P9": Annotation(
                status="minor issue", log=DiscrepancyEntry(decision="query raised")
            ),
        }
    )
    log = discrepancy_log(review)
    assert [p.pair_id for p in log] == ["P2+P3=P2", "P4=P3", "P6=P6", "P9=P9"]
    assert not is_logged(review.by_id("P1=P1"))
    summary = summarise_reconciliation(review)
    assert summary.logged == 4 and summary.reviewed == 5 and summary.pairs == 9
    assert summary.by_type["meaning shift"] == 1
    assert summary.by_type["back-translation artefact"] == 1
    assert summary.by_type[""] == 2
    assert summary.by_decision == {
        "": 2,
        "no change needed": 0,
        "forward translation revised": 1,
        "query raised": 1,
    }
    assert (summary.revised, summary.open_queries, summary.undecided) == (1, 1, 2)


# --- corrections keep the forward passages -------------------------------------------------


def test_forward_passages_survive_a_correction(demo):
    review = build_reconciliation_review(demo, project="demo")
    units = forward_units_of(review)
    assert units == {s.id: s.text for s in demo.forward.segments}
    al = demo.alignment
    index = [al.pair_id(b) for b in al.beads].index("P2+P3=P2")
    split = edit.split(al, index)  # P2=P2, P3=- : the back-translation P2 stays with P2
    plain = build_review(split, [], project="demo")
    assert all(p.forward is None for p in plain.pairs)
    carried = carry_forward(plain, source=review)
    assert carried.meta.forward == review.meta.forward
    assert carried.meta.kind == ReviewKind.BACK_TRANSLATION
    assert carried.by_id("P2=P2").forward.ids == ("P2", "P3")
    assert carried.by_id("P2=P2").forward.text == units["P2"] + "\n\n" + units["P3"]
    assert carried.by_id("P3=-").forward is None  # it had no pair of its own before
    assert carried.by_id("P7=P7").forward == review.by_id("P7=P7").forward
    # Merging two pairs joins their forward passages.
    merged = edit.merge_with_next(al, [al.pair_id(b) for b in al.beads].index("P8=P8"))
    again = carry_forward(build_review(merged, [], project="demo"), source=review)
    assert again.by_id("P8+P9=P8+P9").forward.ids == ("P8", "P9")
    assert again.by_id("P8+P9=P8+P9").forward.unit_lengths == (len(units["P8"]), len(units["P9"]))
    # A plain review is left alone.
    assert carry_forward(plain, source=plain) is plain


def test_sentence_level_puts_the_skipped_forward_sentence_beside_the_omission(demo):
    result = reconcile(
        demo.alignment.original, demo.back_translation, forward=demo.forward, level="sentence"
    )
    assert result.alignment.level == "sentence"
    by_id = {d.pair_id: d for d in result.divergences}
    omitted = by_id["P6.S2=-"]
    assert omitted.band == "unaligned"
    assert omitted.original_text.startswith("It was about the small habits")
    assert result.forward_passage("P6.S2=-").ids == ("P6.S2",)
    assert result.forward_passage("P6.S2=-").text.startswith("Il parlait des petites habitudes")
    assert result.forward_passage("P6.S3=P6.S2").ids == ("P6.S3",)
    assert "names" in by_id["P4.S2=P3.S2"].checks
