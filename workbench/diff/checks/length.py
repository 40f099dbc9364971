"""Pairs whose length is far from what the document's other pairs make expected.

Two tests, either one enough: the pair's length ratio is more than
``LENGTH_OUTLIER_FACTOR`` away from the document's typical ratio (a pair half or twice
as long as it should be), or, given the document's own spread of lengths
(:func:`workbench.diff.measures.length_spread`), the pair strays by more than
``LENGTH_SPREADS`` of that spread (``SHORTER_SPREADS`` when shorter): a sentence left
out of a five-sentence paragraph shortens it by a fifth, far less than half, yet far
more than a translation strays.
"""

from __future__ import annotations

from workbench.diff.checks.base import DEFAULT_LABELS, Labels
from workbench.diff.measures import length_residual, visible_length
from workbench.model import Finding

#: A pair's length ratio (translation/original, non-space characters) is an outlier
#: when it differs from the document's typical ratio by more than this factor.
LENGTH_OUTLIER_FACTOR = 2.0
#: ...or when its length residual is more than this many times the document's spread
#: (a translation longer than expected)...
LENGTH_SPREADS = 3.0
#: ...or this many times, a translation shorter than expected: what a left-out sentence
#: looks like, the loss a review is for (one-sided, about 1 pair in 160 by chance).
SHORTER_SPREADS = 2.5
#: Pairs whose longer side has fewer non-space characters than this skip the length check.
LENGTH_MIN_CHARS = 40


def check_length(
    original: str,
    translation: str,
    *,
    ratio: float = 1.0,
    spread: float | None = None,
    labels: Labels = DEFAULT_LABELS,
) -> list[Finding]:
    """The pair's length is far from ``ratio`` times the original's (see the module).

    ``ratio`` is the document's typical translation/original length ratio (median
    over its 1:1 pairs), ``spread`` the document's spread of length residuals (None:
    the factor test only); pairs shorter than ``LENGTH_MIN_CHARS`` are skipped.
    """
    lo, lt = visible_length(original), visible_length(translation)
    if not lo or not lt or max(lo, lt) < LENGTH_MIN_CHARS or ratio <= 0:
        return []
    pair_ratio = lt / lo
    deviation = pair_ratio / ratio  # what measures.length_deviation computes
    which = "shorter" if deviation < 1 else "longer"
    if not 1 / LENGTH_OUTLIER_FACTOR <= deviation <= LENGTH_OUTLIER_FACTOR:
        message = (
            f"Length ratio {pair_ratio:.2f} is far from the document's typical {ratio:.2f}: "
            f"the {labels[1]} is much {which} than expected"
        )
        return [Finding("length", message)]
    if spread is None:
        return []
    spreads = length_residual(original, translation, ratio=ratio) / spread
    if -SHORTER_SPREADS <= spreads <= LENGTH_SPREADS:
        return []
    percent = round(100 * abs(deviation - 1))
    guess = "something may be missing" if which == "shorter" else "something may have been added"
    message = (
        f"The {labels[1]} is {percent} % {which} than the document's other pairs make "
        f"expected ({abs(spreads):.1f} times their usual spread): {guess}"
    )
    # a translation longer than expected mostly explains; a shorter one may have lost text
    return [Finding("length", message, severity="major" if which == "shorter" else "minor")]
