"""The length check measured against the document's own spread of lengths."""

from __future__ import annotations

import random

from workbench.diff import analyse
from workbench.diff.checks import check_length
from workbench.diff.checks.length import SHORTER_SPREADS
from workbench.diff.measures import length_residual, length_spread
from workbench.model import Alignment, Bead
from workbench.text import document_from_units

_WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "epsilon",
    "zeta",
    "eta",
    "theta",
    "iota",
    "kappa",
    "lambda",
    "sigma",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize() + " ."


def _paragraphs(rng: random.Random, n: int) -> list[list[str]]:
    return [[_sentence(rng, rng.randint(8, 14)) for _ in range(4)] for _ in range(n)]


def test_the_spread_is_measured_and_none_without_enough_pairs() -> None:
    rng = random.Random(1)
    pairs = [(" ".join(p), " ".join(p)) for p in _paragraphs(rng, 12)]
    assert length_spread(pairs, ratio=1.0) is None  # identical lengths: no spread at all
    stretched = [(o, t + " x" * rng.randint(0, 12)) for o, t in pairs]
    spread = length_spread(stretched, ratio=1.0)
    assert spread is not None and spread > 0
    assert length_spread(stretched[:9], ratio=1.0) is None  # fewer than SPREAD_MIN_PAIRS


def test_a_dropped_sentence_is_reported_though_the_ratio_stays_within_the_factor() -> None:
    rng = random.Random(7)
    paragraphs = _paragraphs(rng, 30)
    # a translation a little longer or shorter here and there, as translations are
    originals = [" ".join(p) for p in paragraphs]
    translations = [" ".join(p) + " y" * rng.randint(0, 6) for p in paragraphs]
    translations[12] = " ".join(paragraphs[12][1:])  # the first sentence left out
    original = document_from_units(originals, language="de")
    translation = document_from_units(translations, language="fr")
    beads = tuple(Bead((i,), (i,)) for i in range(len(originals)))
    divs = analyse(Alignment(original, translation, beads))
    flagged = [d.pair_id for d in divs if any(f.check == "length" for f in d.findings)]
    assert flagged == [divs[12].pair_id]
    (finding,) = [f for f in divs[12].findings if f.check == "length"]
    assert "shorter" in finding.message and "something may be missing" in finding.message
    assert finding.severity == "major"
    # the pair is within the factor test: without the spread nothing is reported
    assert check_length(originals[12], translations[12], ratio=1.0) == []
    residual = length_residual(originals[12], translations[12], ratio=1.0)
    assert residual < 0
    o, t = originals[12], translations[12]
    assert check_length(o, t, ratio=1.0, spread=abs(residual) / (SHORTER_SPREADS + 0.1))
    assert check_length(o, t, ratio=1.0, spread=abs(residual) / (SHORTER_SPREADS - 0.1)) == []
