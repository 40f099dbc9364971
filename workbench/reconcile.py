"""Back-translation review: original, back-translation and (optionally) forward translation.

A back-translation is an English (say) rendering of a translation of an English
original. The reviewer compares it with the original, lists every discrepancy and
decides whether the *forward* translation must change (ISPOR linguistic validation,
consent forms, market research). Here:

* the back-translation is aligned to the original (same language: :func:`align`) and
  analysed (:func:`analyse`), so divergences are highlighted word by word;
* the forward translation, when given, is aligned to the back-translation (usually
  another language: length and anchors; the two follow the same structure), and each
  original↔back-translation bead gets the forward units aligned to its
  back-translation units, so a reviewer sees the forward passage beside each pair and
  can judge whether a fault lies in the translation or only in the back-translation;
* the result is stored as an ordinary :class:`~workbench.review.Review` whose
  "translation" is the back-translation, with ``forward_ids``/``forward_text`` per
  pair and the discrepancy log in each annotation (``discrepancy``, ``decision``,
  ``revised_text``, ``rationale``).

Both alignments first pass through :func:`pair_orphans`: a paragraph that lost (or
gained) a sentence can fall below the aligner's match threshold and come out as an
omission next to an addition; in a back-translation, where the structure is expected
to be parallel, such neighbours are linked again when their texts show it.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher

from workbench.align import align, refine_to_sentences
from workbench.diff import analyse, tokenize
from workbench.diff.checks import visible_length
from workbench.errors import AlignmentError, AlignmentFileError
from workbench.model import (
    DECISIONS,
    DISCREPANCY_TYPES,
    UNIT_JOINERS,
    Alignment,
    Annotation,
    Bead,
    Document,
    Level,
    PairDivergence,
    bead_kind,
)
from workbench.review import PairRecord, Review, build_review, split_units, unit_sort_key

logger = logging.getLogger(__name__)

#: Same-language orphans are linked when their token overlap (2·matches / tokens, as
#: difflib's ratio) reaches this: a paragraph that lost one sentence of three scores
#: about 0.8, two unrelated English paragraphs about 0.2 (shared function words).
ORPHAN_MIN_OVERLAP = 0.5
#: Cross-language orphans are linked when their length agreement with the document's
#: typical ratio, min(d, 1/d), reaches this (there are no shared words to compare).
ORPHAN_MIN_LENGTH_AGREEMENT = 0.4
#: Statuses that put a pair in the discrepancy log even without a discrepancy type.
_LOGGED_STATUSES = frozenset({"minor issue", "major issue", "critical"})


@dataclass(frozen=True)
class Reconciliation:
    """A three-text review before annotation: both alignments, the analysis, forward units.

    ``alignment`` links the original (original side) with the back-translation
    (translation side); ``forward_alignment`` links the back-translation (original
    side) with the forward translation. ``forward_units`` gives, per pair id of
    ``alignment``, the forward-translation unit indices shown beside that pair.
    """

    alignment: Alignment
    divergences: tuple[PairDivergence, ...]
    forward: Document | None = None
    forward_alignment: Alignment | None = None
    forward_units: Mapping[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def back_translation(self) -> Document:
        """The back-translation (the translation side of ``alignment``)."""
        return self.alignment.translation

    def forward_ids(self, pair_id: str) -> tuple[str, ...]:
        """Unit ids of the forward passage beside ``pair_id`` (empty without a forward text)."""
        if self.forward is None:
            return ()
        units = self.forward.units(self.alignment.level)
        return tuple(units[i].id for i in self.forward_units.get(pair_id, ()))

    def forward_text(self, pair_id: str) -> str:
        """The forward passage beside ``pair_id``, units joined like the pair's texts."""
        if self.forward is None:
            return ""
        units = self.forward.units(self.alignment.level)
        joiner = UNIT_JOINERS[self.alignment.level]
        return joiner.join(units[i].text for i in self.forward_units.get(pair_id, ()))

    def forward_unit_lengths(self, pair_id: str) -> tuple[int, ...]:
        """Lengths of the forward units beside ``pair_id`` when there are two or more."""
        if self.forward is None:
            return ()
        units = self.forward.units(self.alignment.level)
        chosen = self.forward_units.get(pair_id, ())
        return tuple(len(units[i].text) for i in chosen) if len(chosen) > 1 else ()


# --- linking orphans -------------------------------------------------------------------


def _token_overlap(a: str, b: str) -> float:
    """2·(matching tokens) / (all tokens) of two same-language texts, in [0, 1]."""
    ta = [t.norm for t in tokenize(a) if t.kind != "punct"]
    tb = [t.norm for t in tokenize(b) if t.kind != "punct"]
    if not ta or not tb:
        return 0.0
    return SequenceMatcher(None, ta, tb, autojunk=False).ratio()


def _typical_ratio(alignment: Alignment) -> float:
    """Total translation/original visible length over the linked beads (1.0 if none)."""
    o_len = t_len = 0
    for bead in alignment.beads:
        if bead.original and bead.translation:
            o, t = alignment.pair_texts(bead)
            o_len += visible_length(o)
            t_len += visible_length(t)
    return t_len / o_len if o_len and t_len else 1.0


def _orphan_match(
    alignment: Alignment, o_units: Sequence[int], t_units: Sequence[int], *, same_language: bool
) -> float:
    """How well two groups of orphans match (0 = not at all); compared with the thresholds."""
    level = alignment.level
    joiner = UNIT_JOINERS[level]
    o_text = joiner.join(alignment.original.units(level)[i].text for i in o_units)
    t_text = joiner.join(alignment.translation.units(level)[i].text for i in t_units)
    if same_language:
        return _token_overlap(o_text, t_text)
    lo, lt = visible_length(o_text), visible_length(t_text)
    if not lo or not lt:
        return 0.0
    d = (lt / lo) / _typical_ratio(alignment)
    return min(d, 1 / d)


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
                _orphan_match(alignment, [o], [t], same_language=same_language)
                for o, t in zip(o_units, t_units, strict=True)
            ]
            if all(s >= threshold for s in scores):
                for o, t, s in zip(o_units, t_units, scores, strict=True):
                    beads.append(Bead((o,), (t,), score=s, confidence=s))
                linked += len(scores)
                return
        score = _orphan_match(alignment, o_units, t_units, same_language=same_language)
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


# --- the forward translation beside each pair ------------------------------------------


def _forward_units(
    alignment: Alignment, forward_alignment: Alignment
) -> dict[str, tuple[int, ...]]:
    """Per pair id of ``alignment``, the forward units aligned to its back-translation units."""
    back_to_forward: dict[int, set[int]] = {}
    for bead in forward_alignment.beads:
        if bead.original and bead.translation:
            for b in bead.original:
                back_to_forward.setdefault(b, set()).update(bead.translation)
    chosen: list[set[int]] = []
    for bead in alignment.beads:
        units: set[int] = set()
        for b in bead.translation:
            units |= back_to_forward.get(b, set())
        chosen.append(units)
    placed = set().union(*chosen) if chosen else set()
    total = len(forward_alignment.translation.units(forward_alignment.level))
    leftovers = [k for k in range(total) if k not in placed]
    for k in leftovers:
        target = _place_leftover(k, chosen, alignment.beads)
        if target is not None:
            chosen[target].add(k)
    if leftovers:
        logger.info(
            "%d forward unit(s) have no back-translation counterpart; shown beside the "
            "nearest pair",
            len(leftovers),
        )
    return {
        alignment.pair_id(bead): tuple(sorted(units))
        for bead, units in zip(alignment.beads, chosen, strict=True)
    }


def _place_leftover(k: int, chosen: Sequence[set[int]], beads: Sequence[Bead]) -> int | None:
    """The bead a forward unit without back-translation counterpart is shown beside.

    Between the beads holding the nearest earlier and later forward units, an
    original passage missing from the back-translation (a 1:0 bead) is the natural
    home: the forward text is there, the back-translator skipped it. Otherwise the
    unit goes with the bead holding the previous forward unit (or the next one).
    """
    before = max((i for i, units in enumerate(chosen) if any(u < k for u in units)), default=None)
    after = min((i for i, units in enumerate(chosen) if any(u > k for u in units)), default=None)
    lo = -1 if before is None else before
    hi = len(beads) if after is None else after
    for i in range(lo + 1, hi):
        if beads[i].original and not beads[i].translation:
            return i
    if before is not None:
        return before
    if after is not None:
        return after
    return 0 if beads else None


def _aligned(
    a: Document, b: Document, *, level: str, same_language: bool, link_orphans: bool
) -> Alignment:
    """Paragraph alignment (orphans linked), refined to sentences inside pairs if asked."""
    alignment = align(a, b, level="paragraph", mode="monolingual" if same_language else "auto")
    if link_orphans:
        alignment = pair_orphans(alignment, same_language=same_language)
    if level == "sentence":
        alignment = refine_to_sentences(alignment)
        if link_orphans:
            alignment = pair_orphans(alignment, same_language=same_language)
    return alignment


# --- the whole review ------------------------------------------------------------------


def reconcile(
    original: Document,
    back_translation: Document,
    *,
    forward: Document | None = None,
    level: Level = "paragraph",
    suppress_minor: bool = False,
    link_orphans: bool = True,
) -> Reconciliation:
    """Align and analyse a back-translation against its original, with the forward beside it.

    Raises AlignmentError if the back-translation is not in the original's script or
    (both detected) language: a forward translation given in its place, most likely.
    """
    if original.script != back_translation.script:
        raise AlignmentError(
            f"The back-translation “{back_translation.name}” is in {back_translation.script} "
            f"script but the original “{original.name}” is in {original.script}: a "
            "back-translation is in the original's language. Did you swap the forward "
            "translation and the back-translation?"
        )
    if "und" not in (original.language, back_translation.language) and (
        original.language != back_translation.language
    ):
        raise AlignmentError(
            f"The back-translation “{back_translation.name}” looks like language "
            f"“{back_translation.language}” but the original “{original.name}” like "
            f"“{original.language}”: a back-translation is in the original's language. "
            "Did you give the forward translation in its place?"
        )
    alignment = _aligned(
        original, back_translation, level=level, same_language=True, link_orphans=link_orphans
    )
    divergences = tuple(analyse(alignment, suppress_minor=suppress_minor))
    if forward is None:
        return Reconciliation(alignment=alignment, divergences=divergences)
    same = back_translation.script == forward.script and (
        back_translation.language == forward.language
    )
    forward_alignment = _aligned(
        back_translation, forward, level=level, same_language=same, link_orphans=link_orphans
    )
    return Reconciliation(
        alignment=alignment,
        divergences=divergences,
        forward=forward,
        forward_alignment=forward_alignment,
        forward_units=_forward_units(alignment, forward_alignment),
    )


def build_reconciliation_review(
    reconciliation: Reconciliation,
    *,
    project: str,
    annotations: Mapping[str, Annotation] | None = None,
    created_at: str | None = None,
) -> Review:
    """The review record of a reconciliation: a Review plus the forward passage per pair."""
    review = build_review(
        reconciliation.alignment,
        reconciliation.divergences,
        project=project,
        annotations=annotations,
        created_at=created_at,
    )
    forward = reconciliation.forward
    if forward is None:
        return review
    pairs = tuple(
        replace(
            p,
            forward_ids=reconciliation.forward_ids(p.pair_id),
            forward_text=reconciliation.forward_text(p.pair_id),
            forward_unit_lengths=reconciliation.forward_unit_lengths(p.pair_id),
        )
        for p in review.pairs
    )
    meta = replace(
        review.meta,
        forward_name=forward.name,
        forward_sha256=forward.sha256,
        forward_language=forward.language,
    )
    return Review(meta=meta, pairs=pairs)


def forward_units_of(review: Review) -> dict[str, str]:
    """Forward unit id -> text, split out of the review's pairs (empty without a forward).

    Raises AlignmentFileError if a pair's forward text does not fit its unit lengths.
    """
    joiner = UNIT_JOINERS[review.meta.level]
    units: dict[str, str] = {}
    for p in review.pairs:
        if not p.forward_ids:
            continue
        if len(p.forward_ids) == 1:
            parts: list[str] | None = [p.forward_text]
        else:
            parts = split_units(p.forward_text, p.forward_unit_lengths, joiner=joiner)
        if parts is None or len(parts) != len(p.forward_ids):
            raise AlignmentFileError(
                f"Pair {p.pair_id}: its forward text cannot be cut into the units "
                f"{', '.join(p.forward_ids)} with the lengths {list(p.forward_unit_lengths)}."
            )
        units.update(zip(p.forward_ids, parts, strict=True))
    return units


def carry_forward(review: Review, *, source: Review) -> Review:
    """``review`` (rebuilt after a correction) with the forward passages of ``source``.

    A pair gets the forward units of every ``source`` pair it shares a back-translation
    unit with; a pair without back-translation units, those of the ``source`` pairs
    without any that share its original units. After a split each part therefore shows
    the whole forward passage of the group it came from. Without a forward translation
    in ``source``, ``review`` is returned unchanged.
    """
    meta = source.meta
    if not (meta.forward_name or meta.forward_sha256):
        return review
    texts = forward_units_of(source)
    by_back: dict[str, tuple[str, ...]] = {}
    by_original: dict[str, tuple[str, ...]] = {}
    for p in source.pairs:
        for uid in p.translation_ids:
            by_back[uid] = by_back.get(uid, ()) + p.forward_ids
        if not p.translation_ids:
            for uid in p.original_ids:
                by_original[uid] = by_original.get(uid, ()) + p.forward_ids
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
        pairs.append(
            replace(
                p,
                forward_ids=ids,
                forward_text=joiner.join(texts[i] for i in ids),
                forward_unit_lengths=tuple(len(texts[i]) for i in ids) if len(ids) > 1 else (),
            )
        )
    new_meta = replace(
        review.meta,
        forward_name=meta.forward_name,
        forward_sha256=meta.forward_sha256,
        forward_language=meta.forward_language,
    )
    return Review(meta=new_meta, pairs=tuple(pairs))


# --- the discrepancy log ---------------------------------------------------------------


def is_logged(pair: PairRecord) -> bool:
    """True if the pair belongs in the discrepancy log (a type, or an issue status)."""
    ann = pair.annotation
    return bool(ann.discrepancy) or ann.status in _LOGGED_STATUSES


def discrepancy_log(review: Review) -> tuple[PairRecord, ...]:
    """The pairs of the discrepancy log, in document order."""
    return tuple(p for p in review.pairs if is_logged(p))


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
        by_type[p.annotation.discrepancy] += 1
        by_decision[p.annotation.decision] += 1
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


def suggest_discrepancy(divergence: PairDivergence) -> str:
    """A discrepancy type the analysis suggests for a pair ("" if nothing to log).

    Only a hint for the reviewer (the annotation stays theirs): one-sided pairs and
    long omission/addition spans suggest "omission"/"addition"; numbers, names or a
    negation flip suggest "meaning shift"; other major changes "meaning shift";
    minor-only differences "grammar/style only".
    """
    if divergence.band == "identical":
        return ""
    if divergence.band == "unaligned":
        return "omission" if divergence.original_text.strip() else "addition"
    checks = set(divergence.checks)
    if checks & {"numbers", "names", "negation", "urls"}:
        return "meaning shift"
    if divergence.band == "minor":
        return "grammar/style only"
    kinds = Counter(s.kind for s in divergence.spans if s.kind != "minor")
    if kinds and set(kinds) <= {"omission"}:
        return "omission"
    if kinds and set(kinds) <= {"addition"}:
        return "addition"
    return "meaning shift"
