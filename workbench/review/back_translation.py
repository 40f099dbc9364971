"""Back-translation reviews: the forward passages beside the pairs, and the discrepancy log.

Pure functions of a :class:`~workbench.review.record.Review` whose kind is
``BACK_TRANSLATION`` (see :mod:`workbench.features.reconcile` for how one is made).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace

from workbench.model import DECISIONS, DISCREPANCY_TYPES, UNIT_JOINERS, DiscrepancyEntry
from workbench.review.rebuild import Side, side_units
from workbench.review.record import (
    ForwardPassage,
    PairRecord,
    Review,
    ReviewKind,
    unit_sort_key,
)

#: Statuses that put a pair in the discrepancy log even without a discrepancy type.
_LOGGED_STATUSES = frozenset({"minor issue", "major issue", "critical"})
#: Bands of the pairs a reconciliation report lists even when nobody logged them: the
#: analysis found a major difference, or a passage without counterpart.
MAJOR_BANDS = frozenset({"major", "unaligned"})


def _forward_side(p: PairRecord) -> Side | None:
    return (p.forward.ids, p.forward.text, p.forward.unit_lengths) if p.forward else None


def forward_units_of(review: Review) -> dict[str, str]:
    """Forward unit id -> text, split out of the review's pairs (empty without a forward).

    Raises AlignmentFileError if a pair's forward text does not fit its unit lengths.
    """
    return side_units(review, _forward_side, what="forward")


def carry_forward(review: Review, *, source: Review) -> Review:
    """``review`` (rebuilt after a correction) with the forward passages of ``source``.

    A pair gets the forward units of every ``source`` pair it shares a back-translation
    unit with; a pair without back-translation units, those of the ``source`` pairs
    without any that share its original units. After a split each part therefore shows
    the whole forward passage of the group it came from. Without a forward translation
    in ``source``, ``review`` is returned unchanged.
    """
    if source.meta.forward is None:
        return review
    texts = forward_units_of(source)
    by_back: dict[str, tuple[str, ...]] = {}
    by_original: dict[str, tuple[str, ...]] = {}
    for p in source.pairs:
        forward_ids = p.forward.ids if p.forward else ()
        for uid in p.translation_ids:
            by_back[uid] = by_back.get(uid, ()) + forward_ids
        if not p.translation_ids:
            for uid in p.original_ids:
                by_original[uid] = by_original.get(uid, ()) + forward_ids
    joiner = UNIT_JOINERS[review.meta.level]
    pairs = []
    for p in review.pairs:
        found: list[str] = []
        if p.translation_ids:
            for uid in p.translation_ids:
                found += by_back.get(uid, ())
        else:
            for uid in p.original_ids:
                found += by_original.get(uid, ())
        ids = tuple(sorted(dict.fromkeys(found), key=unit_sort_key))
        passage = ForwardPassage(
            ids=ids,
            text=joiner.join(texts[i] for i in ids),
            unit_lengths=tuple(len(texts[i]) for i in ids) if len(ids) > 1 else (),
        )
        pairs.append(replace(p, forward=passage if ids else None))
    meta = replace(review.meta, kind=ReviewKind.BACK_TRANSLATION, forward=source.meta.forward)
    return Review(meta=meta, pairs=tuple(pairs))


# --- the discrepancy log ---------------------------------------------------------------


def is_logged(pair: PairRecord) -> bool:
    """True if the pair belongs in the discrepancy log (a type, or an issue status)."""
    ann = pair.annotation
    return bool(ann.log and ann.log.discrepancy) or ann.status in _LOGGED_STATUSES


def discrepancy_log(review: Review) -> tuple[PairRecord, ...]:
    """The pairs of the discrepancy log, in document order."""
    return tuple(p for p in review.pairs if is_logged(p))


def major_not_logged(review: Review) -> tuple[PairRecord, ...]:
    """The major (or unaligned) pairs that are not in the discrepancy log, in document order."""
    return tuple(p for p in review.pairs if p.band in MAJOR_BANDS and not is_logged(p))


@dataclass(frozen=True)
class ReconciliationSummary:
    """Counts for the cover page of a reconciliation report.

    ``by_type`` and ``by_decision`` count logged pairs; the empty type or decision is
    counted under "" (not yet classified / not yet decided).
    """

    pairs: int
    reviewed: int
    logged: int
    by_type: Mapping[str, int]
    by_decision: Mapping[str, int]
    revised: int
    open_queries: int
    undecided: int


def summarise_reconciliation(review: Review) -> ReconciliationSummary:
    """Counts by discrepancy type and decision over the discrepancy log of ``review``."""
    log = discrepancy_log(review)
    by_type = Counter({t: 0 for t in DISCREPANCY_TYPES})
    by_decision = Counter({d: 0 for d in DECISIONS})
    for p in log:
        entry = p.annotation.log or DiscrepancyEntry()
        by_type[entry.discrepancy] += 1
        by_decision[entry.decision] += 1
    return ReconciliationSummary(
        pairs=len(review.pairs),
        reviewed=sum(p.annotation.status != "unreviewed" for p in review.pairs),
        logged=len(log),
        by_type=dict(by_type),
        by_decision=dict(by_decision),
        revised=by_decision["forward translation revised"],
        open_queries=by_decision["query raised"],
        undecided=by_decision[""],
    )
