"""Two neighbouring units given in the opposite order: two moved beads, not one 2:2."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from workbench.align import align, refine_to_sentences
from workbench.align.core import align_units_detailed
from workbench.align.moved import link_swaps
from workbench.model import KIND_MOVED, Bead, Level
from workbench.text import segment_text

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"


@pytest.fixture(scope="module")
def demo_sentences() -> tuple[list[str], list[str]]:
    """The demo's English original and French translation, sentence by sentence."""
    original = segment_text((DEMO / "original.en.txt").read_text(encoding="utf-8"), name="o")
    french = segment_text((DEMO / "translation.fr.txt").read_text(encoding="utf-8"), name="t")
    return [s.text for s in original.sentences], [s.text for s in french.sentences]


def test_the_demo_translation_has_no_moved_sentence(demo_sentences):
    english, french = demo_sentences
    beads = align_units_detailed(english, french, level=Level.SENTENCE, detect_moves=True).beads
    assert not [b for b in beads if b.kind == KIND_MOVED]


@pytest.mark.parametrize("k", [0, 7, 15, 33])
def test_neighbouring_sentences_exchanged_across_languages_become_two_moved_beads(
    demo_sentences, k
):
    english, french = demo_sentences
    exchanged = list(french)
    exchanged[k], exchanged[k + 1] = french[k + 1], french[k]
    result = align_units_detailed(english, exchanged, level=Level.SENTENCE, detect_moves=True)
    assert result.mode_used == "crosslingual"
    moved = [(b.original, b.translation) for b in result.beads if b.kind == KIND_MOVED]
    assert moved == [((k,), (k + 1,)), ((k + 1,), (k,))]
    # the dynamic programme alone keeps document order: one 2:2 bead
    plain = align_units_detailed(english, exchanged, level=Level.SENTENCE, detect_moves=False)
    assert ((k, k + 1), (k, k + 1)) in [(b.original, b.translation) for b in plain.beads]


def test_sentences_exchanged_inside_a_paragraph_are_linked_not_omitted_and_added(essay_path):
    original = segment_text(essay_path.read_text(encoding="utf-8"), name="o")
    p = next(k for k, seg in enumerate(original.segments) if len(seg.sentences) >= 4)
    sentences = [s.text for s in original.segments[p].sentences]
    sentences[1], sentences[2] = sentences[2], sentences[1]
    paragraphs = [seg.text for seg in original.segments]
    paragraphs[p] = " ".join(sentences)
    translation = segment_text("\n\n".join(paragraphs), name="t")
    first = sum(len(seg.sentences) for seg in original.segments[:p])
    assert [s.text for s in translation.sentences][first + 1] == sentences[1]

    refined = refine_to_sentences(align(original, translation))
    pairs = {(b.original, b.translation) for b in refined.beads}
    assert {((first + 1,), (first + 2,)), ((first + 2,), (first + 1,))} <= pairs
    assert not [b for b in refined.beads if not (b.original and b.translation)]
    assert [b.kind for b in refined.beads].count(KIND_MOVED) >= 1

    # aligned without move detection, the sentences stay an omission and an addition
    without = refine_to_sentences(align(original, translation, detect_moves=False))
    assert not [b for b in without.beads if b.kind == KIND_MOVED]
    assert ((first + 2,), ()) in [(b.original, b.translation) for b in without.beads]


class _Costs:
    """A cost model stub: the 2:2 bead's cost, 1:1 costs by pair, and the skip."""

    def __init__(self, whole: float, pairs: dict[tuple[int, int], float], skip: float) -> None:
        self.whole, self.pairs, self.skip = whole, pairs, skip

    def cells(self, a, b, rows, cols):
        assert (a, b) == (2, 2)
        return np.full(len(rows), self.whole)

    def pair_costs(self, rows, cols):
        return np.array([self.pairs[(i, j)] for i, j in zip(rows, cols, strict=True)])


_BEADS = (Bead((0,), (0,)), Bead((1, 2), (1, 2)), Bead((3,), (3,)))
#: Crossed pairs 0.3 + 0.4, in order 1.0 + 1.1, the 2:2 bead 1.5, the skip 0.8: a swap.
_SWAP = {"whole": 1.5, "crossed": (0.3, 0.4), "in_order": (1.0, 1.1), "skip": 0.8}


def _linked(whole, crossed, in_order, skip) -> list[tuple]:
    pairs = {(1, 2): crossed[0], (2, 1): crossed[1], (1, 1): in_order[0], (2, 2): in_order[1]}
    beads = link_swaps(_BEADS, _Costs(whole, pairs, skip))
    return [(b.original, b.translation, b.kind) for b in beads]


def test_a_2_2_bead_whose_crossed_pairs_match_is_split_in_place():
    assert _linked(**_SWAP) == [
        ((0,), (0,), "1:1"),
        ((1,), (2,), KIND_MOVED),
        ((2,), (1,), KIND_MOVED),
        ((3,), (3,), "1:1"),
    ]


@pytest.mark.parametrize(
    "change",
    [
        {"crossed": (0.3, 0.85)},  # one crossed pair dearer than a skip: no match of its own
        {"whole": 0.6},  # the 2:2 bead is cheaper than the crossed pairs
        {"in_order": (0.3, 0.35)},  # the pairs in order match better
    ],
)
def test_each_condition_of_a_swap_is_needed(change):
    assert _linked(**(_SWAP | change)) == [(b.original, b.translation, b.kind) for b in _BEADS]


def test_a_moved_beads_score_and_confidence_come_from_its_cost():
    pairs = {(1, 2): 0.3, (2, 1): 0.4, (1, 1): 1.0, (2, 2): 1.1}
    first, second = link_swaps(_BEADS, _Costs(1.5, pairs, 0.8))[1:3]
    assert (first.score, first.confidence) == (round(1 - 0.3 / 2 / 0.8, 4), round(1 - 0.3 / 0.8, 4))
    assert (second.score, second.confidence) == (
        round(1 - 0.4 / 2 / 0.8, 4),
        round(1 - 0.4 / 0.8, 4),
    )
