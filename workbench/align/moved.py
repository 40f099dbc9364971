"""Moved units: unaligned originals whose counterpart sits elsewhere in the translation."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from workbench.align.cost_model import CostModel
from workbench.model import KIND_MOVED, Bead

log = logging.getLogger(__name__)

#: Candidates per unaligned original unit scored with the full cost (after a cheap filter).
_CANDIDATES = 3


def link_moved(beads: Sequence[Bead], model: CostModel, *, strength: float = 1.0) -> list[Bead]:
    """Replace strongly matching 1:0 / 0:1 pairs by "moved" beads.

    A pair counts as a move when its 1:1 cost is below ``strength`` times the skip
    penalty, i.e. well under what the DP would have paid to leave both units
    unaligned (two skips). Pairs are linked greedily, cheapest first; each moved bead
    takes the place of the original unit's 1:0 bead, the translation unit's 0:1 bead is
    dropped, and the other beads keep their order.
    """
    lonely_o = [b.original[0] for b in beads if b.kind == "1:0" and len(b.original) == 1]
    lonely_t = [b.translation[0] for b in beads if b.kind == "0:1" and len(b.translation) == 1]
    if not lonely_o or not lonely_t:
        return list(beads)
    sim = model.similarity_component()
    if sim is not None:
        # cheap prefilter in C: keep the few most similar translation units per original
        mat = sim.unit_matrix(lonely_o, lonely_t)
        k = min(_CANDIDATES, len(lonely_t))
        top = np.argsort(-mat, axis=1)[:, :k]
        pairs = {(lonely_o[r], lonely_t[c]) for r in range(len(lonely_o)) for c in top[r]}
    else:
        pairs = {(i, j) for i in lonely_o for j in lonely_t}
    limit = strength * model.skip
    scored = sorted((model.pair_cost(i, j), i, j) for i, j in pairs)
    used_o: set[int] = set()
    used_t: dict[int, tuple[int, float]] = {}
    links: dict[int, tuple[int, float]] = {}
    for cost, i, j in scored:
        if cost >= limit:
            break
        if i in used_o or j in used_t:
            continue
        used_o.add(i)
        used_t[j] = (i, cost)
        links[i] = (j, cost)
    if not links:
        return list(beads)
    log.debug("linked %d moved unit(s)", len(links))
    out: list[Bead] = []
    for bead in beads:
        if bead.kind == "1:0" and len(bead.original) == 1 and bead.original[0] in links:
            j, cost = links[bead.original[0]]
            score = max(0.0, 1.0 - cost / 2.0 / max(model.skip, 1e-6))
            confidence = 1.0 - cost / max(limit, 1e-6)
            out.append(
                Bead(
                    bead.original,
                    (j,),
                    score=round(score, 4),
                    confidence=round(confidence, 4),
                    kind=KIND_MOVED,
                )
            )
        elif bead.kind == "0:1" and len(bead.translation) == 1 and bead.translation[0] in used_t:
            continue
        else:
            out.append(bead)
    return out
