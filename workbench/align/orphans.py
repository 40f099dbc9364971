"""Linking orphans: neighbouring omissions and additions that are really one passage.

A paragraph that lost (or gained) a sentence can fall below the aligner's match
threshold and come out as an omission next to an addition. Where the structure of the
two texts is expected to be parallel (a back-translation, versions of one original),
such neighbours are linked again when their texts show it.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from workbench.align.costs import COST_AT_TWO, LengthCost
from workbench.align.table import fill
from workbench.diff.measures import length_agreement, typical_ratio, word_overlap
from workbench.model import UNIT_JOINERS, Alignment, Bead, bead_kind

logger = logging.getLogger(__name__)

#: Same-language orphans are linked when their word overlap (2·matches / words, as
#: difflib's ratio) reaches this: a paragraph that lost one sentence of three scores
#: about 0.8, two unrelated English paragraphs about 0.2 (shared function words).
ORPHAN_MIN_OVERLAP = 0.5
#: Cross-language orphans are linked when their length agreement with the document's
#: typical ratio, min(d, 1/d), reaches this (there are no shared words to compare).
ORPHAN_MIN_LENGTH_AGREEMENT = 0.4


def _linked_pairs(alignment: Alignment) -> list[tuple[str, str]]:
    return [alignment.pair_texts(b) for b in alignment.beads if b.original and b.translation]


def _orphan_match(
    alignment: Alignment,
    o_units: Sequence[int],
    t_units: Sequence[int],
    *,
    same_language: bool,
    ratio: float,
) -> float:
    """How well two groups of orphans match (0 = not at all); compared with the thresholds."""
    level = alignment.level
    joiner = UNIT_JOINERS[level]
    o_text = joiner.join(alignment.original.units(level)[i].text for i in o_units)
    t_text = joiner.join(alignment.translation.units(level)[i].text for i in t_units)
    if same_language:
        return word_overlap(o_text, t_text)
    return length_agreement(o_text, t_text, ratio=ratio) / 100.0


#: Gale & Church's bead priors (1991), for splitting a cross-language run by length.
_RUN_PRIORS = {(1, 1): 0.89, (1, 2): 0.0445, (2, 1): 0.0445, (2, 2): 0.011}
_RUN_SKIP_PRIOR = 0.0099 / 2


@dataclass(frozen=True)
class _RunCosts:
    """Gale–Church costs (nats) for the DP over one run of orphans: length and prior only."""

    length: LengthCost
    shapes: tuple[tuple[int, int], ...] = tuple(_RUN_PRIORS)

    def cells(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        nats = self.length.cells(a, b, rows, cols) * COST_AT_TWO
        return nats - math.log(_RUN_PRIORS[(a, b)])

    def skip_orig(self, i: int) -> float:
        return -math.log(_RUN_SKIP_PRIOR)

    def skip_trans(self) -> np.ndarray:
        return np.full(len(self.length.right_lengths), -math.log(_RUN_SKIP_PRIOR))


def _split_by_length(
    alignment: Alignment, o_units: Sequence[int], t_units: Sequence[int], *, ratio: float
) -> list[Bead] | None:
    """The run aligned inside itself by length (Gale & Church), or None if that fails.

    Across languages only lengths tell which of a run's paragraphs belong together: a
    back-translation paragraph split in two next to a paragraph that lost a sentence is
    two beads, not one. Accepted when every linked bead's length agrees with the
    document's ``ratio`` at ``ORPHAN_MIN_LENGTH_AGREEMENT``.
    """
    level = alignment.level
    o_texts = [alignment.original.units(level)[i].text for i in o_units]
    t_texts = [alignment.translation.units(level)[i].text for i in t_units]
    length = LengthCost([len(t) for t in o_texts], [len(t) for t in t_texts])
    length.ratio, length.variance = ratio, 6.8 * max(ratio, 1e-3)
    n, m = len(o_texts), len(t_texts)
    _, path = fill(_RunCosts(length), n, m, np.zeros(n + 1, np.int64), np.full(n + 1, m + 1))
    beads = []
    joiner = UNIT_JOINERS[level]
    for step in path:
        o = tuple(o_units[k] for k in range(step.i0, step.i1))
        t = tuple(t_units[k] for k in range(step.j0, step.j1))
        if o and t:
            score = (
                length_agreement(
                    joiner.join(o_texts[step.i0 : step.i1]),
                    joiner.join(t_texts[step.j0 : step.j1]),
                    ratio=ratio,
                )
                / 100.0
            )
            if score < ORPHAN_MIN_LENGTH_AGREEMENT:
                return None
            beads.append(Bead(o, t, score=round(score, 4), confidence=round(score, 4)))
        else:
            beads.append(Bead(o, t))
    return beads


def _linked_run(
    alignment: Alignment, run: Sequence[Bead], *, same_language: bool, ratio: float
) -> list[Bead]:
    """One run of one-sided beads, linked where its texts match (else as it was)."""
    threshold = ORPHAN_MIN_OVERLAP if same_language else ORPHAN_MIN_LENGTH_AGREEMENT
    o_units = [i for b in run for i in b.original]
    t_units = [i for b in run for i in b.translation]
    if not o_units or not t_units:
        return list(run)
    if len(o_units) == len(t_units):
        scores = [
            _orphan_match(alignment, [o], [t], same_language=same_language, ratio=ratio)
            for o, t in zip(o_units, t_units, strict=True)
        ]
        if all(s >= threshold for s in scores):
            return [
                Bead((o,), (t,), score=s, confidence=s)
                for o, t, s in zip(o_units, t_units, scores, strict=True)
            ]
    if not same_language:
        split = _split_by_length(alignment, o_units, t_units, ratio=ratio)
        if split is not None:
            return split
    score = _orphan_match(alignment, o_units, t_units, same_language=same_language, ratio=ratio)
    if score < threshold:
        return list(run)
    o, t = tuple(sorted(o_units)), tuple(sorted(t_units))
    return [Bead(o, t, score=score, confidence=score, kind=bead_kind(o, t))]


def pair_orphans(alignment: Alignment, *, same_language: bool) -> Alignment:
    """``alignment`` with neighbouring omissions and additions linked when their texts match.

    A run of consecutive one-sided beads (1:0 and 0:1) holding units on both sides is
    replaced by 1:1 beads (equal counts, each pair matching), across languages by the
    beads a length-only alignment of the run gives, or by one n:m bead (the whole run
    matching). Same-language runs must share words (``ORPHAN_MIN_OVERLAP``);
    cross-language runs must have compatible lengths (``ORPHAN_MIN_LENGTH_AGREEMENT``).
    Linked beads get the match as score and confidence; ``settings.extra`` records
    ``orphans_linked``.
    """
    ratio = 1.0 if same_language else typical_ratio(_linked_pairs(alignment))
    beads: list[Bead] = []
    run: list[Bead] = []
    for bead in [*alignment.beads, None]:  # None flushes the last run
        if bead is not None and not (bead.original and bead.translation):
            run.append(bead)
            continue
        if run:
            beads.extend(_linked_run(alignment, run, same_language=same_language, ratio=ratio))
            run = []
        if bead is not None:
            beads.append(bead)
    linked = sum(1 for b in beads if b.original and b.translation) - len(_linked_pairs(alignment))
    if not linked:
        return alignment
    logger.info("linked %d group(s) of neighbouring omissions and additions", linked)
    extra = dict(alignment.settings.extra)
    extra["orphans_linked"] = str(linked)
    settings = replace(alignment.settings, extra=tuple(sorted(extra.items())))
    return replace(alignment, beads=tuple(beads), settings=settings)
