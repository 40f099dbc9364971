"""Pairs whose length ratio is far from the document's typical ratio."""

from __future__ import annotations

from workbench.diff.checks.base import DEFAULT_LABELS, Labels
from workbench.diff.measures import visible_length
from workbench.model import Finding

#: A pair's length ratio (translation/original, non-space characters) is an outlier
#: when it differs from the document's typical ratio by more than this factor.
LENGTH_OUTLIER_FACTOR = 2.0
#: Pairs whose longer side has fewer non-space characters than this skip the length check.
LENGTH_MIN_CHARS = 40


def check_length(
    original: str, translation: str, *, ratio: float = 1.0, labels: Labels = DEFAULT_LABELS
) -> list[Finding]:
    """The pair's length ratio is more than ``LENGTH_OUTLIER_FACTOR`` away from ``ratio``.

    ``ratio`` is the document's typical translation/original length ratio (median
    over its 1:1 pairs); pairs shorter than ``LENGTH_MIN_CHARS`` are skipped.
    """
    lo, lt = visible_length(original), visible_length(translation)
    if not lo or not lt or max(lo, lt) < LENGTH_MIN_CHARS or ratio <= 0:
        return []
    pair_ratio = lt / lo
    deviation = pair_ratio / ratio  # what measures.length_deviation computes
    if 1 / LENGTH_OUTLIER_FACTOR <= deviation <= LENGTH_OUTLIER_FACTOR:
        return []
    which = "shorter" if deviation < 1 else "longer"
    return [
        Finding(
            "length",
            f"Length ratio {pair_ratio:.2f} is far from the document's typical {ratio:.2f}: "
            f"the {labels[1]} is much {which} than expected",
        )
    ]
