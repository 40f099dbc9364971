"""Back-translation review: original, back-translation and (optionally) forward translation.

A back-translation is an English (say) rendering of a translation of an English
original. The reviewer compares it with the original, lists every discrepancy and
decides whether the *forward* translation must change (ISPOR linguistic validation,
consent forms, market research). Here:

* the back-translation is aligned to the original (same language) and analysed, so
  divergences are highlighted word by word;
* the forward translation, when given, is aligned to the back-translation (usually
  another language: length and anchors; the two follow the same structure), and each
  original↔back-translation bead gets the forward units aligned to its
  back-translation units, so a reviewer sees the forward passage beside each pair and
  can judge whether a fault lies in the translation or only in the back-translation;
* the result is a :class:`~workbench.review.record.Review` of kind
  ``BACK_TRANSLATION`` whose translation side is the back-translation, with the forward
  passage per pair and a discrepancy-log entry in each annotation.

Both alignments first pass through :func:`~workbench.align.orphans.pair_orphans`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from workbench.align import align, refine_to_sentences
from workbench.align.orphans import pair_orphans
from workbench.diff import analyse
from workbench.errors import AlignmentError
from workbench.model import (
    UNIT_JOINERS,
    Alignment,
    Annotation,
    Bead,
    Document,
    Level,
    Mode,
    PairDivergence,
)
from workbench.review.build import build_review, unit_lengths
from workbench.review.record import ForwardPassage, ForwardText, Review, ReviewKind
from workbench.text.language import confident_language, same_language

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reconciliation:
    """A three-text review before annotation: both alignments, the analysis, forward units.

    ``alignment`` links the original (original side) with the back-translation
    (translation side); ``forward_alignment`` links the back-translation (original
    side) with the forward translation. ``forward_units`` gives, per pair id of
    ``alignment``, the forward-translation unit indices shown beside that pair.
    ``warnings`` says what looked wrong but did not stop the review.
    """

    alignment: Alignment
    divergences: tuple[PairDivergence, ...]
    forward: Document | None = None
    forward_alignment: Alignment | None = None
    forward_units: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()

    @property
    def back_translation(self) -> Document:
        """The back-translation (the translation side of ``alignment``)."""
        return self.alignment.translation

    def forward_passage(self, pair_id: str) -> ForwardPassage | None:
        """The forward passage beside ``pair_id`` (None without a forward text or units)."""
        if self.forward is None or not self.forward_units.get(pair_id):
            return None
        level = self.alignment.level
        units = self.forward.units(level)
        chosen = self.forward_units[pair_id]
        return ForwardPassage(
            ids=tuple(units[i].id for i in chosen),
            text=UNIT_JOINERS[level].join(units[i].text for i in chosen),
            unit_lengths=unit_lengths(self.forward, level, chosen),
        )


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
    a: Document, b: Document, *, level: Level, same_language: bool, link_orphans: bool
) -> Alignment:
    """Paragraph alignment (orphans linked), refined to sentences inside pairs if asked."""
    alignment = align(
        a, b, level=Level.PARAGRAPH, mode=Mode.MONOLINGUAL if same_language else Mode.AUTO
    )
    if link_orphans:
        alignment = pair_orphans(alignment, same_language=same_language)
    if level == Level.SENTENCE:
        alignment = refine_to_sentences(alignment)
        if link_orphans:
            alignment = pair_orphans(alignment, same_language=same_language)
    return alignment


# --- the whole review ------------------------------------------------------------------


def _check_languages(original: Document, back_translation: Document) -> tuple[str, ...]:
    """Refuse a back-translation in another script; warn about a likely other language.

    The script is certain; a language guess from function words is not (a short English
    text can look Spanish), so only two confident guesses that differ stop the review.
    """
    if original.script != back_translation.script:
        raise AlignmentError(
            f"The back-translation “{back_translation.name}” is in {back_translation.script} "
            f"script but the original “{original.name}” is in {original.script}: a "
            "back-translation is in the original's language. Did you swap the forward "
            "translation and the back-translation?"
        )
    sure = confident_language(original.text), confident_language(back_translation.text)
    if "und" not in sure and sure[0] != sure[1]:
        raise AlignmentError(
            f"The back-translation “{back_translation.name}” is in language “{sure[1]}” "
            f"but the original “{original.name}” in “{sure[0]}”: a back-translation is "
            "in the original's language. Did you give the forward translation in its place?"
        )
    if original.language != back_translation.language:
        return (
            f"The back-translation “{back_translation.name}” looks like language "
            f"“{back_translation.language}” and the original like “{original.language}”; "
            "the guess is uncertain, so they are compared as one language.",
        )
    return ()


def reconcile(
    original: Document,
    back_translation: Document,
    *,
    forward: Document | None = None,
    level: Level = Level.PARAGRAPH,
    suppress_minor: bool = False,
    link_orphans: bool = True,
) -> Reconciliation:
    """Align and analyse a back-translation against its original, with the forward beside it.

    Raises AlignmentError if the back-translation is not in the original's script or,
    by a confident guess, language: a forward translation given in its place, most likely.
    """
    warnings = _check_languages(original, back_translation)
    alignment = _aligned(
        original, back_translation, level=level, same_language=True, link_orphans=link_orphans
    )
    divergences = tuple(analyse(alignment, suppress_minor=suppress_minor))
    if forward is None:
        return Reconciliation(alignment=alignment, divergences=divergences, warnings=warnings)
    same = same_language(
        (back_translation.language, forward.language), (back_translation.script, forward.script)
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
        warnings=warnings,
    )


def build_reconciliation_review(
    reconciliation: Reconciliation,
    *,
    project: str,
    annotations: Mapping[str, Annotation] | None = None,
    created_at: str | None = None,
) -> Review:
    """The review record of a reconciliation: kind BACK_TRANSLATION, forward passages."""
    review = build_review(
        reconciliation.alignment,
        reconciliation.divergences,
        project=project,
        annotations=annotations,
        created_at=created_at,
        kind=ReviewKind.BACK_TRANSLATION,
    )
    forward = reconciliation.forward
    if forward is None:
        return review
    pairs = tuple(
        replace(p, forward=reconciliation.forward_passage(p.pair_id)) for p in review.pairs
    )
    meta = replace(
        review.meta,
        forward=ForwardText(name=forward.name, sha256=forward.sha256, language=forward.language),
    )
    return Review(meta=meta, pairs=pairs)
