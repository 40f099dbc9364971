"""Document-level alignment: :func:`align` and :func:`refine_to_sentences`."""

from __future__ import annotations

import logging

from workbench.align.anchors import anchor_chain, match_keys
from workbench.align.core import align_units_detailed, align_window, build_cost_model
from workbench.align.cost_model import CostModel
from workbench.align.moved import link_out_of_order
from workbench.errors import AlignmentError
from workbench.model import KIND_MOVED, Alignment, AlignSettings, Bead, Document, Level, Mode

log = logging.getLogger(__name__)


def _texts(doc: Document, level: str) -> list[str]:
    return [u.text for u in doc.units(level)]


def align(
    original: Document,
    translation: Document,
    *,
    level: Level | str = Level.PARAGRAPH,
    mode: Mode | str = Mode.AUTO,
    pivot: Document | None = None,
    detect_moves: bool = True,
) -> Alignment:
    """Align two documents at ``level``; the result records the settings that made it."""
    if level not in tuple(Level):
        raise AlignmentError(f"Unknown level “{level}”; expected “paragraph” or “sentence”.")
    level = Level(level)
    pivot_texts = None
    if pivot is not None:
        pivot_texts = _texts(pivot, level)
        n_orig = len(original.units(level))
        if len(pivot_texts) != n_orig:
            raise AlignmentError(
                f"The pivot “{pivot.name}” has {len(pivot_texts)} {level}s but the original "
                f"“{original.name}” has {n_orig}; the pivot must translate the original "
                f"{level} by {level}."
            )
    languages = None
    if original.script == translation.script:
        languages = (original.language, translation.language)
    result = align_units_detailed(
        _texts(original, level),
        _texts(translation, level),
        pivot_texts=pivot_texts,
        mode=mode,
        level=level,
        languages=languages,
        detect_moves=detect_moves,
    )
    settings = AlignSettings(
        level=level,
        mode=Mode(mode),
        mode_used=result.mode_used,
        # a pivot only counts if it was used (mode "monolingual" ignores it)
        pivot_name=pivot.name if pivot is not None and result.mode_used == Mode.PIVOT else "",
        pivot_sha256=pivot.sha256 if pivot is not None and result.mode_used == Mode.PIVOT else "",
        extra=tuple(sorted({**dict(result.settings), "detect_moves": str(detect_moves)}.items())),
    )
    return Alignment(original, translation, result.beads, settings)


def _sentence_model(
    alignment: Alignment, pivot: Document | None
) -> tuple[CostModel | None, Mode, bool]:
    """The cost model calibrated on all sentences, the mode used, whether a pivot was used."""
    orig, trans = alignment.original, alignment.translation
    o_texts, t_texts = _texts(orig, Level.SENTENCE), _texts(trans, Level.SENTENCE)
    mode_used = Mode(alignment.settings.mode_used or Mode.MONOLINGUAL)
    pivot_texts = None
    if mode_used == Mode.PIVOT:
        if pivot is not None and len(pivot.sentences) == len(o_texts):
            pivot_texts = _texts(pivot, Level.SENTENCE)
        else:
            mode_used = Mode.CROSSLINGUAL  # no sentence-parallel pivot: fall back honestly
    if not o_texts or not t_texts:
        return None, mode_used, pivot_texts is not None
    left = pivot_texts if pivot_texts is not None else o_texts
    keys = (match_keys(left), match_keys(t_texts))
    model = build_cost_model(
        o_texts,
        t_texts,
        mode_used=mode_used,
        pivot_texts=pivot_texts,
        level=Level.SENTENCE,
        anchors=anchor_chain(left, t_texts, keys=keys),
        keys=keys,
    )
    return model, mode_used, pivot_texts is not None


def _inner_beads(
    bead: Bead, o_ids: list[int], t_ids: list[int], model: CostModel | None, *, moves: bool
) -> list[Bead]:
    """The sentence beads inside one paragraph bead (with ``moves``, sentences given in
    another order inside it are linked as moved: see :mod:`workbench.align.moved`)."""
    if not t_ids or model is None:
        return [Bead((k,), ()) for k in o_ids] + (
            [Bead((), (k,)) for k in t_ids] if not o_ids else []
        )
    if not o_ids:
        return [Bead((), (k,)) for k in t_ids]
    if _contiguous(o_ids) and _contiguous(t_ids):
        inner = align_window(model, o_ids[0], o_ids[-1] + 1, t_ids[0], t_ids[-1] + 1)
    else:  # a group the user edited into a non-contiguous bead: keep it whole
        inner = [Bead(tuple(o_ids), tuple(t_ids), score=bead.score, confidence=bead.confidence)]
    if bead.kind != KIND_MOVED:
        return link_out_of_order(inner, model) if moves else inner
    return [
        Bead(
            b.original,
            b.translation,
            score=b.score,
            confidence=b.confidence,
            kind=KIND_MOVED if b.original and b.translation else "",
        )
        for b in inner
    ]


def refine_to_sentences(alignment: Alignment, *, pivot: Document | None = None) -> Alignment:
    """Sentence alignment inside each aligned paragraph group (level "sentence").

    Costs are calibrated once on all sentences of both documents, then the DP runs
    inside each paragraph bead. Sentences of 1:0 / 0:1 paragraphs become 1:0 / 0:1
    beads; the sentences of a moved paragraph are aligned together and marked "moved";
    unless the paragraphs were aligned without move detection, sentences given in
    another order inside a paragraph bead are linked as moved.
    """
    if alignment.level != Level.PARAGRAPH:
        raise AlignmentError(
            f"refine_to_sentences needs a paragraph alignment; this one is at level "
            f"“{alignment.level}”."
        )
    orig, trans = alignment.original, alignment.translation
    o_start, t_start = _sentence_starts(orig), _sentence_starts(trans)
    model, mode_used, pivot_used = _sentence_model(alignment, pivot)
    moves = dict(alignment.settings.extra).get("detect_moves") != "False"
    beads: list[Bead] = []
    for bead in alignment.beads:
        o_ids = [k for p in bead.original for k in range(o_start[p], o_start[p + 1])]
        t_ids = [k for p in bead.translation for k in range(t_start[p], t_start[p + 1])]
        beads.extend(_inner_beads(bead, o_ids, t_ids, model, moves=moves))
    settings = AlignSettings(
        level=Level.SENTENCE,
        mode=alignment.settings.mode,
        mode_used=mode_used,
        pivot_name=alignment.settings.pivot_name if pivot_used else "",
        pivot_sha256=alignment.settings.pivot_sha256 if pivot_used else "",
        extra=tuple(
            sorted(
                {
                    **dict(model.weights() if model else {}),
                    "refined_from": str(Level.PARAGRAPH),
                }.items()
            )
        ),
    )
    return Alignment(orig, trans, tuple(beads), settings)


def _sentence_starts(doc: Document) -> list[int]:
    """Index of each paragraph's first sentence, plus the total at the end."""
    starts, total = [], 0
    for seg in doc.segments:
        starts.append(total)
        total += len(seg.sentences)
    starts.append(total)
    return starts


def _contiguous(ids: list[int]) -> bool:
    return ids == list(range(ids[0], ids[0] + len(ids)))
