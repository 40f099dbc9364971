"""The banded table of the dynamic programme: score the band, fill it row by row, trace back.

The band holds, for each row ``i`` (original units ``[0, i)`` aligned), the columns
``j`` in ``[lo[i], hi[i])``. Its cells are stored flat, row after row. Every bead shape
is scored over the whole band in one call to the cost model before filling starts;
then each row takes, for every cell, the cheapest of "skip an original unit" and every
bead shape in one vectorised step (ties go to the first in that order), and the
"skip a translation unit" moves along the row in one cumulative pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

INF = float("inf")
#: Margin for float32 similarities when a lower bound is compared with a cost.
BOUND_SLACK = 1e-6
#: The move into a cell, as stored: 0 = skip an original unit, k = the k-th shape
#: (1-based), or this for skipping a translation unit.
_PICK_SKIP_TRANS = -1


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


class CellCosts(BeadCosts, Protocol):
    """A cost model that also scores any set of cells at once (much faster)."""

    def cells(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs of beads ``orig[rows[k]-a:rows[k]] ~ trans[cols[k]-b:cols[k]]``."""
        ...


@dataclass(frozen=True)
class PathStep:
    """One bead of the optimal path: the block ``orig[i0:i1] ~ trans[j0:j1]`` and its cost."""

    i0: int
    i1: int
    j0: int
    j1: int
    cost: float


@dataclass(frozen=True)
class Band:
    """The band's cells, flat: row ``i`` holds columns ``lo[i] ..`` from ``starts[i]`` on."""

    lo: np.ndarray
    hi: np.ndarray
    starts: np.ndarray
    rows: np.ndarray
    cols: np.ndarray

    @classmethod
    def of(cls, lo: np.ndarray, hi: np.ndarray) -> Band:
        """The band between ``lo`` and ``hi`` (inclusive, exclusive) in every row."""
        widths = hi - lo
        starts = np.concatenate([[0], np.cumsum(widths)])
        rows = np.repeat(np.arange(len(lo)), widths)
        cols = np.arange(int(starts[-1])) - np.repeat(starts[:-1] - lo, widths)
        return cls(lo, hi, starts, rows, cols)

    @property
    def size(self) -> int:
        return int(self.starts[-1])

    def predecessors(self, a: int, b: int) -> np.ndarray:
        """Flat index of cell ``(i - a, j - b)`` for every cell, or ``size`` if outside."""
        pi, pj = self.rows - a, self.cols - b
        inside = (pi >= 0) & (pj >= 0)
        safe = np.where(inside, pi, 0)
        inside &= (pj >= self.lo[safe]) & (pj < self.hi[safe])
        return np.where(inside, self.starts[safe] + pj - self.lo[safe], self.size)


def _detour(
    band: Band,
    shape: tuple[int, int],
    rows: np.ndarray,
    cols: np.ndarray,
    skips: tuple[np.ndarray, np.ndarray],
    scored: dict[tuple[int, int], np.ndarray],
) -> np.ndarray:
    """Cheapest way from ``(i-a, j-b)`` to ``(i, j)`` inside the band by smaller beads and skips.

    A small dynamic programme over the ``a x b`` rectangle behind each cell, for all
    cells at once; ``scored`` holds, for each shape already scored, the cost of its bead
    into every band cell (infinite where it was left unscored, and at index ``band.size``,
    outside the band). The detour is the cost of a real path, so a bead dearer than it
    can never be on the optimal path.
    """
    a, b = shape
    cum_o, cum_t = skips
    top, left = rows - a, cols - b
    columns = [left + q for q in range(b + 1)]
    skip_t = [None, *(cum_t[c] - cum_t[c - 1] for c in columns[1:])]  # into column q
    smaller = [(s, c) for s, c in scored.items() if s[0] <= a and s[1] <= b]
    grid: list[list[np.ndarray]] = []  # grid[p][q]: cheapest way to (top + p, left + q)
    for p in range(a + 1):
        r = top + p
        lo, hi, offset = band.lo[r], band.hi[r], band.starts[r] - band.lo[r]
        skip_o = cum_o[r] - cum_o[r - 1] if p else None  # into row p
        cur: list[np.ndarray] = []
        for q, c in enumerate(columns):
            inside = (c >= lo) & (c < hi)
            if p == 0 and q == 0:
                cur.append(np.where(inside, 0.0, INF))
                continue
            best = np.full(len(rows), INF)
            if p:
                best = np.minimum(best, grid[p - 1][q] + skip_o)
            if q:
                best = np.minimum(best, cur[q - 1] + skip_t[q])
            if p and q:
                flat = np.where(inside, offset + c, band.size)
                for (sa, sb), cost in smaller:
                    if sa <= p and sb <= q:
                        best = np.minimum(best, grid[p - sa][q - sb] + cost[flat])
            cur.append(np.where(inside, best, INF))
        grid.append(cur)
    return grid[a][b]


def _scored(
    costs: BeadCosts,
    band: Band,
    shape: tuple[int, int],
    cells: np.ndarray,
    skips: tuple[np.ndarray, np.ndarray],
    scored: dict[tuple[int, int], np.ndarray] | None = None,
) -> np.ndarray:
    """Costs of the beads of ``shape`` ending at the band's ``cells`` (flat indices).

    A model with a vectorised ``cells`` method scores them in one call, others row by
    row with ``block``. With ``lower_bounds``, a bead whose bound already exceeds a
    detour inside the band (leaving all its units unaligned; then the cheapest path of
    the smaller beads already ``scored`` and skips, see :func:`_detour`) is not scored:
    it can never be on the optimal path, so it gets an infinite cost and the result is
    unchanged. A model with ``known`` (the costs it has computed already, NaN for the
    others, None for none) gives those beads their cost without a bound: a real cost is
    never wrong. A model with ``cells_after_bounds`` scores the beads left with the
    parts of their cost that their bounds computed already.
    """
    a, b = shape
    rows, cols = band.rows[cells], band.cols[cells]
    score = getattr(costs, "cells", None)
    if score is None:
        out = np.empty(len(cells))
        for i in np.unique(rows).tolist():
            at = np.flatnonzero(rows == i)  # one contiguous run of columns per row
            j0 = int(cols[at[0]])
            out[at] = costs.block(a, b, i, j0, j0 + len(at))
        return out
    lower = getattr(costs, "lower_bounds", None)
    if lower is None or not len(cells):
        return np.asarray(score(a, b, rows, cols), dtype=np.float64)
    out = np.full(len(cells), INF)
    todo = np.arange(len(cells))
    known = getattr(costs, "known", None)
    have = None if known is None else known(a, b, rows, cols)
    if have is not None:
        # a bead scored in an earlier pass (a narrower band) keeps its cost, unbounded
        done = ~np.isnan(have)
        out[done] = have[done]
        todo = np.flatnonzero(~done)
        rows, cols = rows[todo], cols[todo]
    cum_o, cum_t = skips
    all_skipped = (cum_o[rows] - cum_o[rows - a]) + (cum_t[cols] - cum_t[cols - b])
    # the all-skip detour (down the column j-b, then along row i) must lie in the band
    all_skipped[band.lo[rows] > cols - b] = INF
    bound = lower(a, b, rows, cols, ceiling=all_skipped + BOUND_SLACK)
    dominated = bound - BOUND_SLACK > all_skipped
    if scored:  # the cheaper detours, for the beads the first one left
        open_ = np.flatnonzero(~dominated)
        detour = _detour(band, shape, rows[open_], cols[open_], skips, scored)
        dominated[open_] = bound[open_] - BOUND_SLACK > detour
    keep = ~dominated
    after = getattr(costs, "cells_after_bounds", None)  # reuses what the bounds computed
    out[todo[keep]] = (
        score(a, b, rows[keep], cols[keep]) if after is None else after(a, b, rows, cols, keep)
    )
    return out


def _candidates(costs: BeadCosts, band: Band, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Predecessor index and cost of every move into every cell: skip orig, then each shape."""
    skip_o = np.array([costs.skip_orig(i) for i in range(n)], dtype=np.float64)
    skip_t = np.asarray(costs.skip_trans(), dtype=np.float64)
    skips = (np.concatenate([[0.0], np.cumsum(skip_o)]), np.concatenate([[0.0], np.cumsum(skip_t)]))
    shapes = list(costs.shapes)
    pred = np.empty((len(shapes) + 1, band.size), dtype=np.int64)
    cost = np.full((len(shapes) + 1, band.size), INF)
    pred[0] = band.predecessors(1, 0)
    cost[0] = np.concatenate([[INF], skip_o])[band.rows]
    scored: dict[tuple[int, int], np.ndarray] = {}
    for k, shape in enumerate(shapes, start=1):
        pred[k] = band.predecessors(*shape)
        # only cells reachable from inside the band are worth scoring
        cells = np.flatnonzero(pred[k] < band.size)
        cost[k, cells] = _scored(costs, band, shape, cells, skips, scored)
        # the detours of the larger shapes go through these (index band.size: outside)
        scored[shape] = np.append(cost[k], INF)
    return pred, cost


def fill(
    costs: BeadCosts, n: int, m: int, lo: np.ndarray, hi: np.ndarray
) -> tuple[float, list[PathStep]]:
    """Fill the banded table and trace back the optimal path (steps in document order)."""
    band = Band.of(np.asarray(lo, dtype=np.int64), np.asarray(hi, dtype=np.int64))
    pred, cost = _candidates(costs, band, n)
    # cell-major: a row's candidates are one contiguous block (cheaper to gather)
    pred, cost = np.ascontiguousarray(pred.T), np.ascontiguousarray(cost.T)
    cum_skip_t = np.concatenate([[0.0], np.cumsum(np.asarray(costs.skip_trans(), np.float64))])
    table = np.empty(band.size + 1)
    table[band.size] = INF  # what a move from outside the band starts from
    back = np.empty(band.size, dtype=np.int8)
    starts, los, his = band.starts.tolist(), band.lo.tolist(), band.hi.tolist()
    with np.errstate(invalid="ignore"):  # inf - inf in unreachable cells
        for i in range(n + 1):
            s0, s1 = starts[i], starts[i + 1]
            if i == 0:
                best = np.full(s1 - s0, INF)
                best[0] = 0.0  # every band holds (0, 0)
                pick = np.zeros(s1 - s0, dtype=np.int8)
            else:
                cand = table[pred[s0:s1]] + cost[s0:s1]
                pick = cand.argmin(axis=1)
                best = cand.min(axis=1)
            # the 0:1 skip depends on the same row: D[j] = min(X[j], D[j-1] + s[j-1]),
            # solved in one pass as D = S + cummin(X - S) with S the cumulative skip costs
            s = cum_skip_t[los[i] : his[i]]
            done = s + np.minimum.accumulate(best - s)
            pick[done < best - 1e-9] = _PICK_SKIP_TRANS
            table[s0:s1] = done
            back[s0:s1] = pick
    total = float(table[starts[n] + m - los[n]])
    if not np.isfinite(total):
        raise RuntimeError("no path through the band")  # the band always holds (n, m)
    return total, _traceback(table, back, band, list(costs.shapes), n, m)


def _traceback(
    table: np.ndarray,
    back: np.ndarray,
    band: Band,
    shapes: Sequence[tuple[int, int]],
    n: int,
    m: int,
) -> list[PathStep]:
    """The optimal path from (n, m) back to (0, 0), in document order."""
    # each row's offset into the flat table; Python lists, as the walk reads them one
    # value at a time (numpy scalars cost several times more each)
    offsets = (band.starts[:-1] - band.lo).tolist()
    moves = [(1, 0), *shapes, (0, 1)]  # by stored pick: _PICK_SKIP_TRANS (-1) is the last
    steps: list[PathStep] = []
    i, j = n, m
    here = table[offsets[i] + j]
    while i > 0 or j > 0:
        a, b = moves[back[offsets[i] + j]]
        pi, pj = i - a, j - b
        there = table[offsets[pi] + pj]
        steps.append(PathStep(pi, i, pj, j, float(here - there)))
        i, j, here = pi, pj, there
    steps.reverse()
    return steps
