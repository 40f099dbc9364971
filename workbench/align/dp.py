"""Banded dynamic programme over bead shapes: where the band lies, and its adaptive widening.

Row ``i`` of the table holds the best cost of aligning ``orig[:i]`` with ``trans[:j]``
for ``j`` inside the band ``[lo[i], hi[i])``. Only cells in the band are filled and only
their candidate costs are computed, so time and memory grow with ``n * width`` rather
than ``n * m``. The band starts around the diagonal and is re-centred on the best path
and widened whenever that path runs along its edge (a sign the true path lies outside).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from workbench.align.table import BeadCosts, PathStep, fill

__all__ = ["BeadCosts", "PathStep", "align_path", "band_around_path", "diagonal_band", "fill"]

log = logging.getLogger(__name__)

#: Most cells a band may hold (about 9 bytes each plus transient cost rows); widening
#: stops here and the best path found so far is kept, so memory stays bounded.
MAX_BAND_CELLS = 30_000_000
#: Half-width of the first coarse band around a chain of anchors. It widens (locally)
#: where the path runs along its edge, so it need not grow with the document.
COARSE_WIDTH = 8
#: Tables of at most this many cells are filled whole: exact (a band can miss an optimum
#: that leaves it without touching its edge), and a few milliseconds at this size.
FULL_TABLE_CELLS = 10_000


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
    path: Sequence[PathStep], n: int, m: int, width: int, *, neighbours: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Band of half-width ``width`` around a path (every cell the path passes through)."""
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    lo[0], hi[0] = 0, 1
    i0, i1, j0, j1 = _corners(path)
    # every row i0..i1 of each step (a step of r rows covers r + 1), in one go
    rows_per_step = i1 - i0 + 1
    first = np.repeat(np.cumsum(rows_per_step) - rows_per_step, rows_per_step)
    rows = np.repeat(i0, rows_per_step) + np.arange(len(first)) - first
    np.minimum.at(lo, rows, np.repeat(j0, rows_per_step))
    np.maximum.at(hi, rows, np.repeat(j1 + 1, rows_per_step))
    # widen: each row's range grows by the ranges of its neighbours within `width` rows
    lo_w = lo.copy()
    hi_w = hi.copy()
    for k in range(1, width + 1 if neighbours else 1):
        lo_w[k:] = np.minimum(lo_w[k:], lo[:-k])
        lo_w[:-k] = np.minimum(lo_w[:-k], lo[k:])
        hi_w[k:] = np.maximum(hi_w[k:], hi[:-k])
        hi_w[:-k] = np.maximum(hi_w[:-k], hi[k:])
    lo_w = np.clip(lo_w - width, 0, m)
    hi_w = np.clip(hi_w + width, 1, m + 1)
    return _make_monotone(lo_w, hi_w, m)


class _OneToOne:
    """A view of a cost model restricted to 1:1 beads (and skips), for the coarse pass."""

    shapes = ((1, 1),)

    def __init__(self, costs: BeadCosts) -> None:
        self._costs = costs
        cells = getattr(costs, "cells", None)
        if cells is not None:
            self.cells = cells  # scored in bulk when the model can
        lower = getattr(costs, "lower_bounds", None)
        if lower is not None:
            self.lower_bounds = lower  # a bead dearer than two skips is not scored
        known = getattr(costs, "known", None)
        if known is not None:
            self.known = known  # beads scored before (the calibration's) are not bounded
        after = getattr(costs, "cells_after_bounds", None)
        if after is not None:
            self.cells_after_bounds = after  # the bounds' exact parts are not computed again

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
    return _within_limit(*band_around_path(path, n, m, width * 2))


def _within_limit(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray] | None:
    """The band, or None (with a warning) when it holds more than MAX_BAND_CELLS cells."""
    if int((hi - lo).sum()) > MAX_BAND_CELLS:
        log.warning(
            "alignment band limit reached (%d cells); keeping the best path so far",
            MAX_BAND_CELLS,
        )
        return None
    return lo, hi


def _touching_rows(path: Sequence[PathStep], lo: np.ndarray, hi: np.ndarray, m: int) -> list[int]:
    """Rows where the path comes within 2 cells of a band edge that is not the table's."""
    margin = 2
    i0, i1, j0, j1 = _corners(path)
    i = np.column_stack([i0, i1]).ravel()  # each step's start, then its end
    j = np.column_stack([j0, j1]).ravel()
    low, high = lo[i], hi[i]
    touching = ((low > 0) & (j - low < margin)) | ((high <= m) & (high - 1 - j < margin))
    return i[touching].tolist()


def _corners(path: Sequence[PathStep]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The steps' ``i0``, ``i1``, ``j0`` and ``j1``, each as an array."""
    corners = np.array([(st.i0, st.i1, st.j0, st.j1) for st in path], dtype=np.int64)
    return tuple(corners.reshape(-1, 4).T)  # type: ignore[return-value]


def _locally_widened(
    path: Sequence[PathStep],
    band: tuple[np.ndarray, np.ndarray],
    touching: Sequence[int],
    m: int,
    width: int,
    *,
    neighbours: bool = True,
) -> tuple[np.ndarray, np.ndarray] | None:
    """``band`` widened to twice ``width`` around ``path`` only near the ``touching`` rows.

    Where the path runs well inside the band, the band stays as it is: one difficult
    stretch of a long document does not make every row wider. None past MAX_BAND_CELLS.
    """
    lo, hi = band
    n = len(lo) - 1
    wide_lo, wide_hi = band_around_path(path, n, m, width * 2, neighbours=neighbours)
    near = np.zeros(n + 1, dtype=bool)
    for i in touching:
        near[max(0, i - 2 * width) : i + 2 * width + 1] = True
    return _within_limit(
        *_make_monotone(
            np.where(near, np.minimum(lo, wide_lo), lo),
            np.where(near, np.maximum(hi, wide_hi), hi),
            m,
        )
    )


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
        touching = _touching_rows(path, lo, hi, m)
        log.debug("coarse: cost %.1f, %d units skipped, width %d", total, skipped, width)
        if 3 * skipped > n + m:
            band = _widened(path, n, m, width)
        elif touching:
            band = _locally_widened(path, (lo, hi), touching, m, width)
        else:
            break
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
    fine_width: int = 4,
    max_rounds: int = 6,
    anchors: Sequence[tuple[int, int]] = (),
) -> list[PathStep]:
    """Optimal path within an adaptively widened band (exact once the band holds it);
    small tables (FULL_TABLE_CELLS) are filled whole, so their path is the optimum.

    Two passes: a coarse pass with 1:1 beads and skips only, in a band around the
    diagonal (or the line through ``anchors``), finds where the path runs; the full
    pass with every bead shape then works in a narrow band around that path, widening
    it while the path runs along its edge.
    """
    if n == 0 or m == 0:
        return [PathStep(i, i + 1, 0, 0, costs.skip_orig(i)) for i in range(n)] + [
            PathStep(0, 0, j, j + 1, float(c)) for j, c in enumerate(costs.skip_trans())
        ]
    if (n + 1) * (m + 1) <= FULL_TABLE_CELLS:
        return fill(costs, n, m, *diagonal_band(n, m, max(n, m) + 1))[1]
    if anchors:
        width = initial_width or COARSE_WIDTH
    else:
        width = initial_width or max(COARSE_WIDTH, abs(n - m) // 2 + 8)
    path = _coarse_path(costs, n, m, width, max_rounds=max_rounds, anchors=anchors)
    if list(costs.shapes) == [(1, 1)]:
        return path
    width = fine_width
    lo, hi = band_around_path(path, n, m, width, neighbours=False)
    for round_no in range(max_rounds):
        _, path = fill(costs, n, m, lo, hi)
        log.debug("round %d: band width %d, cells %d", round_no + 1, width, int((hi - lo).sum()))
        touching = _touching_rows(path, lo, hi, m)
        if _is_full(lo, hi, m) or not touching:
            return path
        band = _locally_widened(path, (lo, hi), touching, m, width, neighbours=False)
        if band is None:
            return path
        width *= 2
        lo, hi = band
    log.info("band still touching its edge after %d rounds; keeping the last path", max_rounds)
    return path


def _is_full(lo: np.ndarray, hi: np.ndarray, m: int) -> bool:
    return bool((lo == 0).all() and (hi == m + 1).all())
