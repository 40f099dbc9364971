"""The 'unrelated pair' baseline: sampled off the diagonal, or within each document when short."""

from __future__ import annotations

import pytest

from workbench.align import align_units
from workbench.align.costs import SimilarityCost
from workbench.align.sampling import same_side_pairs, unrelated_pairs
from workbench.bench.perturb import perturb
from workbench.bench.speed import zipf_paragraphs


def test_unrelated_pairs_stay_off_the_diagonal() -> None:
    sample = unrelated_pairs(100, 100, count=200, seed=0)
    assert sample is not None
    rows, cols = sample
    assert len(rows) == len(cols) == 200
    assert all(abs(i - j) > 10 for i, j in zip(rows.tolist(), cols.tolist(), strict=True))


def test_short_documents_have_no_off_diagonal_sample() -> None:
    assert unrelated_pairs(2, 2, count=200, seed=0) is None


def test_same_side_pairs_are_a_bounded_sample_of_distinct_units_on_one_side() -> None:
    left = [f"left {i}" for i in range(5000)]
    right = ["right only"]
    pairs, units, _ = same_side_pairs(left, right, count=400)
    assert len(pairs) == 400
    assert all(i != k and i < len(left) and k < len(left) for i, k in pairs)
    assert units[-1] == "right only"


def test_near_identical_pair_in_a_two_paragraph_text_is_one_bead() -> None:
    beads = align_units(
        ["Plain first paragraph.", "Payload <img src=x> and :smile: -> **b**"],
        ["Plain first paragraph.", "Payload <img src=x> and :smile: -> **b** too"],
    )
    assert [str(b) for b in beads] == ["[0]:[0]", "[1]:[1]"]


def test_long_original_against_a_single_paragraph_finds_its_counterpart() -> None:
    original = [f"Paragraph {i} tells about item {i * 7} in the long list." for i in range(4000)]
    beads = align_units(original, [original[1234]])
    assert [str(b) for b in beads if b.translation] == ["[1234]:[0]"]
    assert sum(len(b.original) for b in beads) == 4000


@pytest.mark.parametrize("measure", ["indel", "word_indel", "word_dice", "char_dice"])
def test_the_baseline_is_the_median_similarity_of_the_pairs_scored_one_by_one(measure) -> None:
    # the pairs are scored in one call; the baseline must be what scoring each pair
    # alone gives, to the last bit (the skip penalty and every cost depend on it)
    case = perturb(zipf_paragraphs(80, seed=2), seed=2, operations=6)
    cost = SimilarityCost(case.original, case.translation, measure=measure)
    left, right = cost._left.units, cost._right.units
    rows, cols = unrelated_pairs(len(left), len(right), count=200, seed=0)
    pairs = zip(rows.tolist(), cols.tolist(), strict=True)
    sims = sorted(cost._scorer(left[i], right[j]) / cost._scale for i, j in pairs)
    assert cost.baseline == min(sims[len(sims) // 2], 0.9)
    assert 0.0 < cost.baseline < 0.9
