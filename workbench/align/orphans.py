"""Linking orphans: neighbouring omissions and additions that are really one passage.

A paragraph that lost (or gained) a sentence can fall below the aligner's match
threshold and come out as an omission next to an addition. Where the structure of the
two texts is expected to be parallel (a back-translation, versions of one original),
such neighbours are linked again when their texts show it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

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


def pair_orphans(alignment: Alignment, *, same_language: bool) -> Alignment:
    """``alignment`` with neighbouring omissions and additions linked when their texts match.

    A run of consecutive one-sided beads (1:0 and 0:1) holding units on both sides is
    replaced by 1:1 beads (equal counts, each pair matching) or by one n:m bead (the
    whole run matching). Same-language runs must share words
    (``ORPHAN_MIN_OVERLAP``); cross-language runs must have compatible lengths
    (``ORPHAN_MIN_LENGTH_AGREEMENT``). Linked beads get the match as score and
    confidence; ``settings.extra`` records ``orphans_linked``.
    """
    threshold = ORPHAN_MIN_OVERLAP if same_language else ORPHAN_MIN_LENGTH_AGREEMENT
    ratio = 1.0 if same_language else typical_ratio(_linked_pairs(alignment))
    beads: list[Bead] = []
    run: list[Bead] = []
    linked = 0

    def flush() -> None:
        nonlocal linked
        o_units = [i for b in run for i in b.original]
        t_units = [i for b in run for i in b.translation]
        if not o_units or not t_units:
            beads.extend(run)
            return
        if len(o_units) == len(t_units):
            scores = [
                _orphan_match(alignment, [o], [t], same_language=same_language, ratio=ratio)
                for o, t in zip(o_units, t_units, strict=True)
            ]
            if all(s >= threshold for s in scores):
                for o, t, s in zip(o_units, t_units, scores, strict=True):
                    beads.append(Bead((o,), (t,), score=s, confidence=s))
                linked += len(scores)
                return
        score = _orphan_match(alignment, o_units, t_units, same_language=same_language, ratio=ratio)
        if score >= threshold:
            o, t = tuple(sorted(o_units)), tuple(sorted(t_units))
            beads.append(Bead(o, t, score=score, confidence=score, kind=bead_kind(o, t)))
            linked += 1
        else:
            beads.extend(run)

    for bead in alignment.beads:
        if bead.original and bead.translation:
            if run:
                flush()
                run = []
            beads.append(bead)
        else:
            run.append(bead)
    if run:
        flush()
    if not linked:
        return alignment
    logger.info("linked %d group(s) of neighbouring omissions and additions", linked)
    extra = dict(alignment.settings.extra)
    extra["orphans_linked"] = str(linked)
    settings = replace(alignment.settings, extra=tuple(sorted(extra.items())))
    return replace(alignment, beads=tuple(beads), settings=settings)
