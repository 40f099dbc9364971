"""Banded dynamic programme over bead shapes: fill, traceback, adaptive band widening.

Row ``i`` of the table holds the best cost of aligning ``orig[:i]`` with ``trans[:j]``
for ``j`` inside the band ``[lo[i], hi[i])``. Only cells in the band are filled and only
their candidate costs are computed, so time and memory grow with ``n * width`` rather
than ``n * m``. The band starts around the diagonal and is re-centred on the best path
and widened whenever that path runs along its edge (a sign the true path lies outside).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)

INF = float("inf")
#: Most cells a band may hold (about 9 bytes each plus transient cost rows); widening
#: stops here and the best path found so far is kept, so memory stays bounded.
MAX_BAND_CELLS = 30_000_000


class BeadCosts(Protocol):
    """What the DP needs from a cost model."""

    shapes: Sequence[tuple[int, int]]

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Costs of beads ``orig[i-a:i] ~ trans[j-b:j]`` for ``j`` in ``[lo, hi)``."""
        ...

    def skip_orig(self, i: int) -> float:
        """Cost of leaving original unit ``i`` unaligned."""
        ...

    def skip_trans(self) -> np.ndarray:
        """Costs of leaving each translation unit unaligned (length m)."""
        ...


@dataclass(frozen=True)
class PathStep:
    """One bead of the optimal path: the block ``orig[i0:i1] ~ trans[j0:j1]`` and its cost."""

    i0: int
    i1: int
    j0: int
    j1: int
    cost: float


def diagonal_band(
    n: int, m: int, width: int, *, anchors: Sequence[tuple[int, int]] = ()
) -> tuple[np.ndarray, np.ndarray]:
    """Band of half-width ``width`` around the line from (0, 0) to (n, m) through anchors.

    ``anchors`` are (i, j) unit pairs increasing in both coordinates (see
    :func:`workbench.align.anchors.anchor_chain`); without them the line is the diagonal.
    """
    rows = np.arange(n + 1)
    xs = [0] + [i + 0.5 for i, _ in anchors] + [n]
    ys = [0] + [j + 0.5 for _, j in anchors] + [m]
    centre = np.rint(np.interp(rows, xs, ys)).astype(np.int64)
    lo = np.clip(centre - width, 0, m)
    hi = np.clip(centre + width + 1, 1, m + 1)
    return _make_monotone(lo, hi, m)


def _make_monotone(lo: np.ndarray, hi: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Non-decreasing band edges that include (0, 0) and (n, m)."""
    lo = np.minimum.accumulate(lo[::-1])[::-1].copy()
    hi = np.maximum.accumulate(hi).copy()
    lo[0] = 0
    hi[-1] = m + 1
    # rows must overlap, or a jump of the centre line would cut the band in two
    lo[1:] = np.minimum(lo[1:], hi[:-1] - 1)
    return lo, hi


def band_around_path(
    path: Sequence[PathStep], n: int, m: int, width: int
) -> tuple[np.ndarray, np.ndarray]:
    """Band of half-width ``width`` around a path (every cell the path passes through)."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    lo[0], hi[0] = 0, 1
    for st in path:
        for i in range(st.i0, st.i1 + 1):
            lo[i] = min(lo[i], st.j0)
            hi[i] = max(hi[i], st.j1 + 1)
    # widen: each row's range grows by the ranges of its neighbours within `width` rows
    lo_w = lo.copy()
    hi_w = hi.copy()
    for k in range(1, width + 1):
        lo_w[k:] = np.minimum(lo_w[k:], lo[:-k])
        lo_w[:-k] = np.minimum(lo_w[:-k], lo[k:])
        hi_w[k:] = np.maximum(hi_w[k:], hi[:-k])
        hi_w[:-k] = np.maximum(hi_w[:-k], hi[k:])
    lo_w = np.clip(lo_w - width, 0, m)
    hi_w = np.clip(hi_w + width, 1, m + 1)
    return _make_monotone(lo_w, hi_w, m)


def _shifted(prev: np.ndarray, prev_lo: int, lo: int, width: int) -> np.ndarray:
    """``prev`` (starting at column ``prev_lo``) re-indexed to start at column ``lo``."""
    out = np.full(width, INF)
    start = max(lo, prev_lo)
    stop = min(lo + width, prev_lo + len(prev))
    if stop > start:
        out[start - lo : stop - lo] = prev[start - prev_lo : stop - prev_lo]
    return out


def fill(
    costs: BeadCosts, n: int, m: int, lo: np.ndarray, hi: np.ndarray
) -> tuple[float, list[PathStep]]:
    """Fill the banded table and trace back the optimal path (steps in document order)."""
    shapes = list(costs.shapes)
    skip_t = np.asarray(costs.skip_trans(), dtype=np.float64)
    cum_skip_t = np.concatenate([[0.0], np.cumsum(skip_t)])
    rows: list[np.ndarray] = []
    back: list[np.ndarray] = []  # shape index per cell; -1 = skip trans, -2 = skip orig
    for i in range(n + 1):
        l0, h0 = int(lo[i]), int(hi[i])
        width = h0 - l0
        best = np.full(width, INF)
        arg = np.full(width, -3, dtype=np.int8)
        if i == 0 and l0 == 0:
            best[0] = 0.0
            arg[0] = -3
        if i >= 1:
            prev = _shifted(rows[i - 1], int(lo[i - 1]), l0, width)
            cand = prev + costs.skip_orig(i - 1)
            better = cand < best
            best[better] = cand[better]
            arg[better] = -2
        for k, (a, b) in enumerate(shapes):
            if i < a:
                continue
            j_start = max(l0, b)
            if j_start >= h0:
                continue
            pa = i - a
            prev = _shifted(rows[pa], int(lo[pa]) + b, j_start, h0 - j_start)
            if not np.isfinite(prev).any():
                continue
            cand = prev + costs.block(a, b, i, j_start, h0)
            seg_best = best[j_start - l0 :]
            better = cand < seg_best
            seg_best[better] = cand[better]
            arg[j_start - l0 :][better] = k
        # the 0:1 skip depends on the same row: D[j] = min(X[j], D[j-1] + s[j-1]),
        # solved in one pass as D = S + cummin(X - S) with S the cumulative skip costs
        s = cum_skip_t[l0:h0]
        with np.errstate(invalid="ignore"):
            done = s + np.minimum.accumulate(best - s)
        from_skip = done < best - 1e-9
        arg[from_skip] = -1
        rows.append(done)
        back.append(arg)
    total = float(rows[n][m - int(lo[n])])
    if not np.isfinite(total):
        raise RuntimeError("no path through the band")  # the band always holds (n, m)
    return total, _traceback(rows, back, lo, shapes, n, m)


def _traceback(
    rows: Sequence[np.ndarray],
    back: Sequence[np.ndarray],
    lo: np.ndarray,
    shapes: Sequence[tuple[int, int]],
    n: int,
    m: int,
) -> list[PathStep]:
    """The optimal path from (n, m) back to (0, 0), in document order."""
    steps: list[PathStep] = []
    i, j = n, m
    while i > 0 or j > 0:
        k = int(back[i][j - int(lo[i])])
        here = float(rows[i][j - int(lo[i])])
        if k == -1:
            a, b = 0, 1
        elif k == -2:
            a, b = 1, 0
        else:
            a, b = shapes[k]
        pi, pj = i - a, j - b
        there = float(rows[pi][pj - int(lo[pi])])
        steps.append(PathStep(pi, i, pj, j, here - there))
        i, j = pi, pj
    steps.reverse()
    return steps


def _touches_edge(path: Sequence[PathStep], lo: np.ndarray, hi: np.ndarray, m: int) -> bool:
    """True if the path comes within 2 cells of a band edge that is not the table's edge."""
    margin = 2
    for st in path:
        for i, j in ((st.i0, st.j0), (st.i1, st.j1)):
            if lo[i] > 0 and j - lo[i] < margin:
                return True
            if hi[i] <= m and hi[i] - 1 - j < margin:
                return True
    return False


class _OneToOne:
    """A view of a cost model restricted to 1:1 beads (and skips), for the coarse pass."""

    shapes = ((1, 1),)

    def __init__(self, costs: BeadCosts) -> None:
        self._costs = costs

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Costs of 1:1 beads."""
        return self._costs.block(a, b, i, lo, hi)

    def skip_orig(self, i: int) -> float:
        """Cost of an unaligned original unit."""
        return self._costs.skip_orig(i)

    def skip_trans(self) -> np.ndarray:
        """Costs of unaligned translation units."""
        return self._costs.skip_trans()


def _widened(
    path: Sequence[PathStep], n: int, m: int, width: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """The band of twice ``width`` around ``path``, or None past MAX_BAND_CELLS."""
    lo, hi = band_around_path(path, n, m, width * 2)
    if int((hi - lo).sum()) > MAX_BAND_CELLS:
        log.warning(
            "alignment band limit reached (%d cells); keeping the best path so far",
            MAX_BAND_CELLS,
        )
        return None
    return lo, hi


def _coarse_path(
    costs: BeadCosts,
    n: int,
    m: int,
    width: int,
    *,
    max_rounds: int,
    anchors: Sequence[tuple[int, int]],
) -> list[PathStep]:
    """Where the path runs: 1:1 beads and skips only, in a band widened until it holds it."""
    lo, hi = diagonal_band(n, m, width, anchors=anchors)
    coarse = _OneToOne(costs) if list(costs.shapes) != [(1, 1)] else costs
    path: list[PathStep] = []
    for round_no in range(max_rounds):
        total, path = fill(coarse, n, m, lo, hi)
        if _is_full(lo, hi, m):
            break
        # a path leaving a third of the units unaligned suggests the band missed the
        # true path (it may then run through the band without touching its edge)
        skipped = sum((s.i1 - s.i0) + (s.j1 - s.j0) for s in path if s.i0 == s.i1 or s.j0 == s.j1)
        log.debug("coarse: cost %.1f, %d units skipped, width %d", total, skipped, width)
        if not _touches_edge(path, lo, hi, m) and 3 * skipped <= n + m:
            break
        band = _widened(path, n, m, width)
        if band is None:
            break
        width *= 2
        lo, hi = band
        log.debug("coarse round %d: widening to %d", round_no + 1, width)
    return path


def align_path(
    costs: BeadCosts,
    n: int,
    m: int,
    *,
    initial_width: int | None = None,
    fine_width: int = 6,
    max_rounds: int = 6,
    anchors: Sequence[tuple[int, int]] = (),
) -> list[PathStep]:
    """Optimal path within an adaptively widened band (exact once the band holds it).

    Two passes: a coarse pass with 1:1 beads and skips only, in a band around the
    diagonal (or the line through ``anchors``), finds where the path runs; the full
    pass with every bead shape then works in a narrow band around that path, widening
    it while the path runs along its edge.
    """
    if n == 0 or m == 0:
        return [PathStep(i, i + 1, 0, 0, costs.skip_orig(i)) for i in range(n)] + [
            PathStep(0, 0, j, j + 1, float(c)) for j, c in enumerate(costs.skip_trans())
        ]
    if anchors:
        width = initial_width or max(16, int(np.sqrt(max(n, m))))
    else:
        width = initial_width or max(16, int(np.sqrt(max(n, m))), abs(n - m) // 2 + 8)
    path = _coarse_path(costs, n, m, width, max_rounds=max_rounds, anchors=anchors)
    if list(costs.shapes) == [(1, 1)]:
        return path
    width = fine_width
    lo, hi = band_around_path(path, n, m, width)
    for round_no in range(max_rounds):
        _, path = fill(costs, n, m, lo, hi)
        log.debug("round %d: band width %d, cells %d", round_no + 1, width, int((hi - lo).sum()))
        if _is_full(lo, hi, m) or not _touches_edge(path, lo, hi, m):
            return path
        band = _widened(path, n, m, width)
        if band is None:
            return path
        width *= 2
        lo, hi = band
    log.info("band still touching its edge after %d rounds; keeping the last path", max_rounds)
    return path


def _is_full(lo: np.ndarray, hi: np.ndarray, m: int) -> bool:
    return bool((lo == 0).all() and (hi == m + 1).all())
