"""Building the review record of an analysed alignment."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from workbench import __version__
from workbench.model import (
    ANALYSIS_MODE,
    Alignment,
    Annotation,
    Bead,
    Document,
    PairDivergence,
)
from workbench.review.record import (
    FORMAT_VERSION,
    PairRecord,
    Review,
    ReviewKind,
    ReviewMeta,
    utc_now,
)

logger = logging.getLogger(__name__)


def _one_line(message: str) -> str:
    # check_messages are stored newline-separated, so a message is kept on one line.
    return " ".join(message.split("\n")).replace("\r", " ")


def unit_lengths(doc: Document, level: str, indices: Sequence[int]) -> tuple[int, ...]:
    """Lengths of the units at ``indices`` when there are two or more (else ``()``)."""
    if len(indices) < 2:
        return ()
    units = doc.units(level)
    return tuple(len(units[i].text) for i in indices)


def _record(
    alignment: Alignment,
    bead: Bead,
    *,
    order: int,
    divergence: PairDivergence | None,
    annotation: Annotation,
) -> PairRecord:
    o_ids, t_ids = alignment.unit_ids(bead)
    o_text, t_text = alignment.pair_texts(bead)
    if divergence is not None:
        similarity, band = float(divergence.similarity), divergence.band
        checks = divergence.checks
        messages = tuple(_one_line(f.message) for f in divergence.findings)
    else:
        similarity = 0.0
        band = "unaligned" if not (bead.original and bead.translation) else "major"
        checks, messages = (), ()
    return PairRecord(
        pair_id=alignment.pair_id(bead),
        kind=bead.kind,
        original_ids=o_ids,
        translation_ids=t_ids,
        original_text=o_text,
        translation_text=t_text,
        # Two decimals is the precision the record keeps (and shows).
        similarity=round(similarity, 2),
        band=band,
        checks=tuple(checks),
        check_messages=messages,
        annotation=annotation,
        order=order,
        score=float(bead.score),
        confidence=float(bead.confidence),
        original_unit_lengths=unit_lengths(alignment.original, alignment.level, bead.original),
        translation_unit_lengths=unit_lengths(
            alignment.translation, alignment.level, bead.translation
        ),
    )


def _settings(alignment: Alignment, analysis_mode: str) -> tuple[tuple[str, str], ...]:
    settings = alignment.settings.as_dict()
    if analysis_mode:
        settings[ANALYSIS_MODE] = str(analysis_mode)
    return tuple(settings.items())


def build_review(
    alignment: Alignment,
    divergences: Sequence[PairDivergence],
    *,
    project: str,
    annotations: Mapping[str, Annotation] | None = None,
    created_at: str | None = None,
    kind: ReviewKind = ReviewKind.TRANSLATION,
    analysis_mode: str = "",
) -> Review:
    """The review record of an analysed alignment, with any known annotations attached.

    ``analysis_mode`` is the mode the divergences were found in when it is not the
    alignment's (a pivot that only guided: "crosslingual"); it is kept in the settings,
    so that a stored review says whether its similarities compare texts.

    ``divergences`` are matched to beads by pair id; a bead without one gets similarity
    0, band "unaligned" for 1:0/0:1 beads (else "major") and no checks. Annotations of
    pair ids not in the alignment are dropped; pairs without one get ``Annotation()``.
    """
    by_id = {d.pair_id: d for d in divergences}
    annotations = annotations or {}
    pair_ids = [alignment.pair_id(b) for b in alignment.beads]
    dropped = set(annotations) - set(pair_ids)
    if dropped:
        logger.info("dropping %d annotations of pairs not in the alignment", len(dropped))
    pairs = tuple(
        _record(
            alignment,
            bead,
            order=order,
            divergence=by_id.get(pid),
            annotation=annotations.get(pid, Annotation()),
        )
        for order, (bead, pid) in enumerate(zip(alignment.beads, pair_ids, strict=True))
    )
    meta = ReviewMeta(
        format_version=FORMAT_VERSION,
        project=project,
        original_name=alignment.original.name,
        translation_name=alignment.translation.name,
        original_sha256=alignment.original.sha256,
        translation_sha256=alignment.translation.sha256,
        original_language=alignment.original.language,
        translation_language=alignment.translation.language,
        level=alignment.level,
        settings=_settings(alignment, analysis_mode),
        created_at=created_at or utc_now(),
        tool_version=__version__,
        kind=kind,
    )
    return Review(meta=meta, pairs=pairs)
