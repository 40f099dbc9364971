"""Moved units: unaligned originals whose counterpart sits elsewhere in the translation,
and neighbouring units that the translation gives in the opposite order."""

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
            out.append(_moved(bead.original[0], j, cost, model, limit=limit))
        elif bead.kind == "0:1" and len(bead.translation) == 1 and bead.translation[0] in used_t:
            continue
        else:
            out.append(bead)
    return out


def link_out_of_order(beads: Sequence[Bead], model: CostModel) -> list[Bead]:
    """Every unit matched out of document order: exchanged neighbours, then moved units."""
    return link_moved(link_swaps(beads, model), model)


def link_swaps(beads: Sequence[Bead], model: CostModel) -> list[Bead]:
    """Replace a 2:2 bead whose two units are exchanged by the two crossed moved beads.

    The DP keeps document order, so two neighbouring units that the translation gives
    in the opposite order can only come out as one 2:2 bead ``a1 a2 ~ b1 b2``. It is
    split into ``a1 ~ b2`` and ``a2 ~ b1``, both moved, when each crossed pair costs
    less than a skip (a match in its own right) and the two together cost less than
    the 2:2 bead and than the pairs in order (``a1 ~ b1``, ``a2 ~ b2``).
    """
    at = [
        k for k, b in enumerate(beads) if _two_in_a_row(b.original) and _two_in_a_row(b.translation)
    ]
    if not at:
        return list(beads)
    first_o = np.array([beads[k].original[0] for k in at])
    first_t = np.array([beads[k].translation[0] for k in at])
    whole = model.cells(2, 2, first_o + 2, first_t + 2)
    crossed = (model.pair_costs(first_o, first_t + 1), model.pair_costs(first_o + 1, first_t))
    in_order = model.pair_costs(first_o, first_t) + model.pair_costs(first_o + 1, first_t + 1)
    swapped = (
        (np.maximum(*crossed) < model.skip)
        & (crossed[0] + crossed[1] < whole)
        & (crossed[0] + crossed[1] < in_order)
    )
    out = list(beads)
    for k in np.flatnonzero(swapped)[::-1].tolist():  # from the end: indices stay valid
        i, j = int(first_o[k]), int(first_t[k])
        out[at[k] : at[k] + 1] = [
            _moved(i, j + 1, float(crossed[0][k]), model, limit=model.skip),
            _moved(i + 1, j, float(crossed[1][k]), model, limit=model.skip),
        ]
    if swapped.any():
        log.debug("found %d pair(s) of exchanged units", int(swapped.sum()))
    return out


def _two_in_a_row(units: tuple[int, ...]) -> bool:
    return len(units) == 2 and units[1] == units[0] + 1


def _moved(i: int, j: int, cost: float, model: CostModel, *, limit: float) -> Bead:
    """The moved bead ``i ~ j`` of 1:1 cost ``cost``: its score as a path step's (the cost
    per unit against the skip), its confidence how far the cost is under ``limit``."""
    return Bead(
        (i,),
        (j,),
        score=round(max(0.0, 1.0 - cost / 2.0 / max(model.skip, 1e-6)), 4),
        confidence=round(1.0 - cost / max(limit, 1e-6), 4),
        kind=KIND_MOVED,
    )
