"""Aligning two sequences of unit texts: choose costs by mode, run the DP, build beads."""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from workbench.align.anchors import anchor_chain, match_keys
from workbench.align.cost_model import CostModel
from workbench.align.costs import (
    PARAGRAPH_SHAPES,
    SENTENCE_SHAPES,
    AnchorCost,
    LengthCost,
    SimilarityCost,
)
from workbench.align.dp import align_path
from workbench.align.moved import link_out_of_order
from workbench.align.table import PathStep
from workbench.errors import AlignmentError
from workbench.gc_pause import paused_gc
from workbench.model import REQUESTED_MODES, Bead, Level, Mode
from workbench.text.language import guess_language, same_language, script_of

log = logging.getLogger(__name__)

#: Similarity measure by level, chosen by measurement (``python -m workbench.bench
#: --compare-measures``): character Indel is the most accurate on sentences and the only
#: one that sees cognates across languages; on paragraphs of one language (or through a
#: pivot) word-level Indel recovers as many beads at half the cost.
DEFAULT_MEASURE = "indel"
PARAGRAPH_MEASURE = "word_indel"


def default_measure(level: str, mode_used: str) -> str:
    """The similarity measure used when none is asked for."""
    if level == Level.PARAGRAPH and mode_used in (Mode.MONOLINGUAL, Mode.PIVOT):
        return PARAGRAPH_MEASURE
    return DEFAULT_MEASURE


#: Component weights and the merge prior (one set for every mode; see docs/aligner.md).
#: The merge prior is the one constant the results are sensitive to: below about 0.2
#: two true 1:1 beads merge into a 2:2 (a concatenation matches a little better than
#: its parts), above 0.35 true 1:2 beads split. 0.25 is the best value on every
#: condition measured, each MT pivot of Text+Berg, no pivot, and the essay
#: perturbation suite, and the one leave-one-out selection picks
#: (``python -m workbench.bench``).
DEFAULT_WEIGHTS: dict[str, float] = {
    "similarity": 1.0,
    "length": 0.5,
    "anchors": 0.3,
    "merge": 0.25,
}
#: Per-mode changes to the weights. Within one language, similarity already sees what a
#: length difference means (a dropped sentence), so the length cost only breaks ties: at
#: full weight it made a paragraph that lost a sentence look unrelated (1:0 + 0:1).
#: Measured on the essay perturbation suite (0.9930 -> 0.9985 beads exact) and the demo
#: set; other modes keep the weights measured on Text+Berg.
MODE_WEIGHTS: dict[str, dict[str, float]] = {Mode.MONOLINGUAL: {"length": 0.1}}
#: Where the skip penalty sits between a typical good and a random 1:1 bead's cost, per
#: mode. Same-language similarity is reliable, so the midpoint; similarity through MT or
#: across languages is noisy, so only pairs poorer than a typical random one are left
#: out: a short fragment (a page header, "C ) .") scores like a random pair against its
#: counterpart, and leaving it out splits the bead it belongs to. 1.1 to 1.3 form a
#: plateau (Text+Berg dev, strict F1 averaged over its five conditions and the 3 × 3
#: merge × length grid around the defaults: 0.853 at 0.9, 0.860 at 1.1 to 1.3).
SKIP_THRESHOLDS: dict[str, float] = {Mode.MONOLINGUAL: 0.5, Mode.PIVOT: 1.2, Mode.CROSSLINGUAL: 1.2}


@dataclass(frozen=True)
class UnitAlignment:
    """Beads plus how they were made (mode resolved, weights and calibrated values)."""

    beads: tuple[Bead, ...]
    mode_used: Mode
    settings: tuple[tuple[str, str], ...]
    model: CostModel | None = None


def resolve_mode(
    mode: str,
    original_texts: Sequence[str],
    translation_texts: Sequence[str],
    *,
    has_pivot: bool,
    languages: tuple[str, str] | None = None,
) -> Mode:
    """The cost regime to use: monolingual, pivot or crosslingual.

    ``languages`` are the documents' languages when their scripts are known to agree;
    without them a sample of each side is guessed.
    """
    if mode not in REQUESTED_MODES:
        raise AlignmentError(
            f"Unknown alignment mode “{mode}”; expected one of {', '.join(REQUESTED_MODES)}."
        )
    if mode == Mode.MONOLINGUAL:
        return Mode.MONOLINGUAL
    if has_pivot:
        return Mode.PIVOT
    if mode == Mode.CROSSLINGUAL:
        return Mode.CROSSLINGUAL
    if languages is not None:
        scripts = ("", "")
    else:
        # a sample is enough to tell languages and scripts apart
        left = "\n".join(original_texts[:50])[:5000]
        right = "\n".join(translation_texts[:50])[:5000]
        languages = (guess_language(left), guess_language(right))
        scripts = (script_of(left), script_of(right))
    return Mode.MONOLINGUAL if same_language(languages, scripts) else Mode.CROSSLINGUAL


def build_cost_model(
    original_texts: Sequence[str],
    translation_texts: Sequence[str],
    *,
    mode_used: str,
    pivot_texts: Sequence[str] | None = None,
    level: str = Level.PARAGRAPH,
    measure: str | None = None,
    weights: dict[str, float] | None = None,
    skip_threshold: float | None = None,
    anchors: Sequence[tuple[int, int]] = (),
    keys: tuple[Sequence[str], Sequence[str]] | None = None,
    shapes: Sequence[tuple[int, int]] | None = None,
) -> CostModel:
    """The cost model for a mode: similarity + length + anchors, weighted.

    ``anchors`` (confident 1:1 pairs, see :func:`anchor_chain`) give the length
    variance; without enough of them Gale & Church's value is used. ``keys`` are the
    match keys of the compared texts (pivot or original, and translation) when the
    caller already has them. ``shapes`` replaces the level's bead shapes (1:1 first).
    """
    if shapes is None:
        shapes = SENTENCE_SHAPES if level == Level.SENTENCE else PARAGRAPH_SHAPES
    w = dict(DEFAULT_WEIGHTS) | MODE_WEIGHTS.get(mode_used, {})
    if weights:
        w.update(weights)
    left = pivot_texts if mode_used == Mode.PIVOT and pivot_texts is not None else original_texts
    measure = measure or default_measure(level, mode_used)
    sim = SimilarityCost(left, translation_texts, measure=measure, keys=keys)
    length = LengthCost([len(t) for t in original_texts], [len(t) for t in translation_texts])
    length.estimate_variance(anchors)
    # within one language every kind of anchor survives: nothing to measure
    confident = anchors if mode_used != Mode.MONOLINGUAL else ()
    anchor_cost = AnchorCost(original_texts, translation_texts, confident=confident)
    model = CostModel(
        components=[(w["similarity"], sim), (w["length"], length), (w["anchors"], anchor_cost)],
        shapes=tuple(shapes),
        merge=w["merge"],
        notes={
            "similarity_measure": measure,
            "similarity_baseline": f"{sim.baseline:.4f}",
            "length_ratio": f"{length.ratio:.4f}",
            "length_variance": f"{length.variance:.3f}",
        },
    )
    if anchor_cost.dropped:
        model.notes["anchor_kinds_dropped"] = " ".join(sorted(anchor_cost.dropped))
    model.set_size(len(translation_texts))
    if skip_threshold is None:
        skip_threshold = SKIP_THRESHOLDS[mode_used]
    model.calibrate_skip(len(original_texts), len(translation_texts), threshold=skip_threshold)
    model.notes["skip_threshold"] = f"{skip_threshold:g}"
    return model


def bead_from_step(step: PathStep, *, skip: float, offsets: tuple[int, int] = (0, 0)) -> Bead:
    """A bead for a path step, with a score and a confidence derived from its cost.

    A matched bead costing nothing per unit scores 1 and one costing as much as
    skipping its units scores 0. Confidence grows with the distance between the bead's
    per-unit cost and the skip penalty (the decision boundary of the DP).
    """
    oi, oj = offsets
    orig = tuple(range(step.i0 + oi, step.i1 + oi))
    trans = tuple(range(step.j0 + oj, step.j1 + oj))
    per_unit = step.cost / max(1, len(orig) + len(trans))
    skip = max(skip, 1e-6)
    score = max(0.0, 1.0 - per_unit / skip) if orig and trans else 0.0
    margin = abs(skip - per_unit) / skip
    confidence = 1.0 - math.exp(-3.0 * margin)
    return Bead(orig, trans, score=round(score, 4), confidence=round(confidence, 4))


def align_units_detailed(
    original_texts: Sequence[str],
    translation_texts: Sequence[str],
    *,
    pivot_texts: Sequence[str] | None = None,
    mode: str = Mode.AUTO,
    level: str = Level.PARAGRAPH,
    measure: str | None = None,
    weights: dict[str, float] | None = None,
    skip_threshold: float | None = None,
    languages: tuple[str, str] | None = None,
    detect_moves: bool = False,
    shapes: Sequence[tuple[int, int]] | None = None,
) -> UnitAlignment:
    """Align two lists of unit texts in order; beads plus the settings used."""
    if pivot_texts is not None and len(pivot_texts) != len(original_texts):
        raise AlignmentError(
            f"The pivot has {len(pivot_texts)} units but the original has "
            f"{len(original_texts)}; a pivot must translate the original unit by unit."
        )
    mode_used = resolve_mode(
        mode,
        original_texts,
        translation_texts,
        has_pivot=pivot_texts is not None,
        languages=languages,
    )
    n, m = len(original_texts), len(translation_texts)
    if n == 0 and m == 0:
        return UnitAlignment((), mode_used, ())

    left = pivot_texts if mode_used == Mode.PIVOT and pivot_texts is not None else original_texts
    with paused_gc():
        keys = (match_keys(left), match_keys(translation_texts))
        anchors = anchor_chain(left, translation_texts, keys=keys)
        model = build_cost_model(
            original_texts,
            translation_texts,
            anchors=anchors,
            keys=keys,
            mode_used=mode_used,
            pivot_texts=pivot_texts,
            level=level,
            measure=measure,
            weights=weights,
            skip_threshold=skip_threshold,
            shapes=shapes,
        )
        del keys  # with their words, tens of megabytes for long documents: freed before the DP
        model.notes["anchor_chain"] = str(len(anchors))
        path = align_path(model, n, m, anchors=anchors)
        beads = [bead_from_step(st, skip=model.skip) for st in path]
        beads = _null_confidence(beads, path, model, n, m)
        if detect_moves:
            beads = link_out_of_order(beads, model)
    return UnitAlignment(tuple(beads), mode_used, tuple(sorted(model.weights().items())), model)


def align_units(
    original_texts: Sequence[str],
    translation_texts: Sequence[str],
    *,
    pivot_texts: Sequence[str] | None = None,
    mode: str = Mode.AUTO,
    level: str = Level.PARAGRAPH,
    measure: str | None = None,
    weights: dict[str, float] | None = None,
    skip_threshold: float | None = None,
) -> list[Bead]:
    """Align two lists of unit texts in document order and return the beads."""
    return list(
        align_units_detailed(
            original_texts,
            translation_texts,
            pivot_texts=pivot_texts,
            mode=mode,
            level=level,
            measure=measure,
            weights=weights,
            skip_threshold=skip_threshold,
        ).beads
    )


def _null_confidence(
    beads: list[Bead], path: Sequence[PathStep], model: CostModel, n: int, m: int
) -> list[Bead]:
    """Confidence of 1:0 / 0:1 beads: how much dearer than a skip the best nearby pair is.

    A unit left out although a neighbour across would match about as cheaply as a skip
    gets confidence near 0; one whose nearest candidates all cost two skips or more, 1.
    """
    reach = 3
    rows, cols, owner = [], [], []
    for k, (bead, step) in enumerate(zip(beads, path, strict=True)):
        if bead.original and not bead.translation:
            cands = range(max(0, step.j0 - reach), min(m, step.j0 + reach))
            rows.extend([bead.original[0]] * len(cands))
            cols.extend(cands)
            owner.extend([k] * len(cands))
        elif bead.translation and not bead.original:
            cands = range(max(0, step.i0 - reach), min(n, step.i0 + reach))
            rows.extend(cands)
            cols.extend([bead.translation[0]] * len(cands))
            owner.extend([k] * len(cands))
    if not owner:
        return beads
    costs = model.pair_costs(np.array(rows), np.array(cols))
    best = np.full(len(beads), np.inf)
    np.minimum.at(best, np.array(owner), costs)
    skip = max(model.skip, 1e-6)
    out = list(beads)
    for k in set(owner):
        conf = float(np.clip((best[k] - skip) / skip, 0.0, 1.0))
        out[k] = Bead(beads[k].original, beads[k].translation, score=0.0, confidence=round(conf, 4))
    return out


class OffsetCosts:
    """A window ``orig[i0:i1] x trans[j0:j1]`` of a cost model, in local coordinates."""

    def __init__(self, model: CostModel, i0: int, j0: int, m: int) -> None:
        self.model, self.i0, self.j0, self.m = model, i0, j0, m
        self.shapes = model.shapes

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Costs of the window's beads (shifted to the model's coordinates)."""
        return self.model.block(a, b, i + self.i0, lo + self.j0, hi + self.j0)

    def cells(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs of the window's beads ending at ``(rows, cols)`` (local coordinates)."""
        return self.model.cells(a, b, rows + self.i0, cols + self.j0)

    def skip_orig(self, i: int) -> float:
        """Cost of an unaligned original unit."""
        return self.model.skip

    def skip_trans(self) -> np.ndarray:
        """Costs of unaligned translation units in the window."""
        return self.model.skip_trans()[: self.m]


def align_window(model: CostModel, i0: int, i1: int, j0: int, j1: int) -> list[Bead]:
    """Optimal beads for ``orig[i0:i1] ~ trans[j0:j1]`` under a document-wide cost model."""
    n, m = i1 - i0, j1 - j0
    if n == 1 and m == 1:
        step = PathStep(0, 1, 0, 1, model.pair_cost(i0, j0))
        return [bead_from_step(step, skip=model.skip, offsets=(i0, j0))]
    path = align_path(OffsetCosts(model, i0, j0, m), n, m)
    return [bead_from_step(st, skip=model.skip, offsets=(i0, j0)) for st in path]
