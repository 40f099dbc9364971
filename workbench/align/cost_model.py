"""The weighted cost model the dynamic programme calls, with its calibrated penalties."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from workbench.align.costs import Cost, SimilarityCost
from workbench.align.sampling import unrelated_pairs
from workbench.align.table import BOUND_SLACK

#: the cache of a shape no bead of which was scored yet: no keys, no costs
_NOTHING_KNOWN = (np.zeros(0, np.int64), np.zeros(0))


def _median(values: np.ndarray) -> float:
    """``np.median`` of a non-empty 1-d array, without importing ``numpy.ma`` (20 ms)."""
    k = len(values)
    low, high = (k - 1) // 2, k // 2
    part = np.partition(values, [low, high])
    return float((part[low] + part[high]) / 2)


@dataclass
class CostModel:
    """Weighted sum of cost components plus skip and merge penalties (what the DP calls).

    ``skip`` is the cost of leaving one unit unaligned; ``merge`` the extra cost of every
    unit beyond the first on either side of a bead (a prior favouring 1:1 beads).
    Similarity and anchor costs grow with the bead's size, as two separate 1:1 beads
    would pay them twice.
    """

    components: list[tuple[float, Cost]]
    shapes: tuple[tuple[int, int], ...]
    skip: float = 0.5
    merge: float = 0.05
    notes: dict[str, str] = field(default_factory=dict)
    _m: int = field(default=0, repr=False)
    _cache: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = field(
        default_factory=dict, repr=False
    )
    #: the last :meth:`lower_bounds` call: shape, beads, and the values it computed of
    #: the components whose bound is their cost (NaN for the beads it did not bound)
    _bounded: tuple[tuple[int, int], np.ndarray, np.ndarray, dict[int, np.ndarray]] | None = field(
        default=None, repr=False
    )

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Weighted cost of a row of candidate beads of shape ``a:b``."""
        size = (a + b) / 2.0
        total = np.full(hi - lo, self.merge * (a + b - 2))
        for weight, comp in self.components:
            if weight:
                scale = 1.0 if comp.name == "length" else size
                total += weight * scale * comp.block(a, b, i, lo, hi)
        return total

    def cells(
        self,
        a: int,
        b: int,
        rows: np.ndarray,
        cols: np.ndarray,
        *,
        keep: bool = True,
        exact: dict[int, np.ndarray] | None = None,
    ) -> np.ndarray:
        """Weighted costs of the beads of shape ``a:b`` ending at ``(rows, cols)``.

        The same sums as :meth:`block`, for any set of cells in one call per component;
        cells asked for before (the coarse pass's 1:1 beads, a band being widened) are
        taken from a cache instead of being scored again. ``keep=False`` leaves the new
        ones out of the cache (a few beads asked after the table: merging them into a
        cache of a long document's beads would cost more than scoring them). ``exact``:
        values of components (by index) computed already, NaN where not.
        """
        out = self.known(a, b, rows, cols)
        if out is None:
            out = np.full(len(rows), np.nan)
        todo = np.isnan(out)
        if todo.any():
            r, c = rows[todo], cols[todo]
            size = (a + b) / 2.0
            total = np.full(len(r), self.merge * (a + b - 2))
            for k, (weight, comp) in enumerate(self.components):
                if weight:
                    scale = 1.0 if comp.name == "length" else size
                    part = None if exact is None else exact.get(k)
                    if part is None:
                        values = comp.cells(a, b, r, c)
                    else:
                        values = part[todo]
                        missing = np.isnan(values)
                        if missing.any():
                            values[missing] = comp.cells(a, b, r[missing], c[missing])
                    total += weight * scale * values
            out[todo] = total
            if not keep:
                return out
            known_keys, known_values = self._cache.get((a, b), _NOTHING_KNOWN)
            keys = (r.astype(np.int64) << 32) | c.astype(np.int64)
            merged = np.concatenate([known_keys, keys])
            order = np.argsort(merged, kind="stable")
            self._cache[(a, b)] = (merged[order], np.concatenate([known_values, total])[order])
        return out

    def known(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray | None:
        """The costs :meth:`cells` has already computed for the beads of shape ``a:b``
        ending at ``(rows, cols)``, NaN for the others; None when it has none of them."""
        known_keys, known_values = self._cache.get((a, b), _NOTHING_KNOWN)
        if not len(known_keys) or not len(rows):
            return None
        keys = (rows.astype(np.int64) << 32) | cols.astype(np.int64)
        at = np.minimum(np.searchsorted(known_keys, keys), len(known_keys) - 1)
        hit = known_keys[at] == keys
        if not hit.any():
            return None
        out = np.full(len(rows), np.nan)
        out[hit] = known_values[at[hit]]
        return out

    def lower_bounds(
        self,
        a: int,
        b: int,
        rows: np.ndarray,
        cols: np.ndarray,
        *,
        ceiling: np.ndarray | None = None,
    ) -> np.ndarray:
        """Cheap lower bounds of :meth:`cells` (components without a bound count 0).

        With ``ceiling``, a cell whose bound already exceeds it is not bounded further by
        the later components (its bound stays a lower bound, only a looser one).
        """
        size = (a + b) / 2.0
        total = np.full(len(rows), self.merge * (a + b - 2))
        exact: dict[int, np.ndarray] = {}
        for k, (weight, comp) in enumerate(self.components):
            lower = getattr(comp, "lower", None)
            if not weight or lower is None:
                continue
            scale = 1.0 if comp.name == "length" else size
            own_bound = type(comp).lower is type(comp).cells  # the bound is the cost itself
            if ceiling is None:
                values = lower(a, b, rows, cols)
                total += weight * scale * values
            else:
                open_ = np.flatnonzero(total <= ceiling)
                part = lower(a, b, rows[open_], cols[open_])
                total[open_] += weight * scale * part
                if own_bound:
                    values = np.full(len(rows), np.nan)
                    values[open_] = part
            if own_bound:
                exact[k] = values
        self._bounded = ((a, b), rows, cols, exact)
        return total

    def cells_after_bounds(
        self, a: int, b: int, rows: np.ndarray, cols: np.ndarray, keep: np.ndarray
    ) -> np.ndarray:
        """:meth:`cells` of the beads ``keep`` (a mask or indices) of ``(rows, cols)``,
        which the last :meth:`lower_bounds` call bounded: the components whose bound is
        their cost (length, anchors) are not computed again for them."""
        shape, bounded_rows, bounded_cols, exact = self._bounded or ((0, 0), None, None, {})
        self._bounded = None  # used once: not kept with the model
        if shape != (a, b) or bounded_rows is not rows or bounded_cols is not cols:
            return self.cells(a, b, rows[keep], cols[keep])
        kept = {k: values[keep] for k, values in exact.items()}
        return self.cells(a, b, rows[keep], cols[keep], exact=kept)

    def pair_cost(self, i: int, j: int) -> float:
        """Cost of the 1:1 bead linking original unit ``i`` with translation unit ``j``."""
        return float(self.pair_costs(np.array([i]), np.array([j]))[0])

    def pair_costs(self, rows: np.ndarray, cols: np.ndarray, *, keep: bool = False) -> np.ndarray:
        """Costs of the 1:1 beads ``orig[rows[k]] ~ trans[cols[k]]`` (0-based), vectorised.

        They are :meth:`cells` of the 1:1 beads ending after the units; ``keep`` adds
        them to its cache (the calibration's, near the diagonal, which the table would
        score again)."""
        return self.cells(1, 1, np.asarray(rows) + 1, np.asarray(cols) + 1, keep=keep)

    def similarity_component(self) -> SimilarityCost | None:
        """The similarity component, if the model has one with a non-zero weight."""
        for weight, comp in self.components:
            if weight and isinstance(comp, SimilarityCost):
                return comp
        return None

    def skip_orig(self, i: int) -> float:
        """Cost of an unaligned original unit."""
        return self.skip

    def skip_trans(self) -> np.ndarray:
        """Costs of unaligned translation units."""
        return np.full(self._m, self.skip)

    def set_size(self, m: int) -> None:
        """Record the translation's unit count (for :meth:`skip_trans`)."""
        self._m = m

    def weights(self) -> dict[str, str]:
        """Weights and calibrated parameters as text (recorded in ``AlignSettings.extra``)."""
        out = {f"weight_{c.name}": f"{w:g}" for w, c in self.components}
        out["skip_penalty"] = f"{self.skip:.4f}"
        out["merge_penalty"] = f"{self.merge:g}"
        out.update(self.notes)
        return out

    def _cheapest_pairs(
        self, rows: np.ndarray, cols: np.ndarray, owner: np.ndarray, groups: int
    ) -> np.ndarray:
        """The least 1:1 cost ``orig[rows[k]] ~ trans[cols[k]]`` in each ``owner`` group.

        Exact, without scoring every pair: each group's pair with the least lower bound
        is scored first, and then only the pairs whose bound does not exceed that cost
        (a third of them on Text+Berg, a sixth on the essay).
        """
        bound = self.lower_bounds(1, 1, rows + 1, cols + 1)  # 1:1 beads ending after them
        order = np.lexsort((bound, owner))
        firsts = order[np.r_[0, np.flatnonzero(np.diff(owner[order])) + 1]]
        best = np.full(groups, np.inf)
        best[owner[firsts]] = self.pair_costs(rows[firsts], cols[firsts], keep=True)
        # the float32 similarities may sit a hair under their bound: hence the slack
        open_ = bound - BOUND_SLACK <= best[owner]
        open_[firsts] = False  # scored already
        todo = np.flatnonzero(open_)
        np.minimum.at(best, owner[todo], self.pair_costs(rows[todo], cols[todo], keep=True))
        return best

    def calibrate_skip(self, n: int, m: int, *, threshold: float = 0.5) -> None:
        """Set the skip penalty between typical matched and random-pair 1:1 costs.

        Two skips then cost as much as a 1:1 bead ``threshold`` of the way from a typical
        good pair (best pair near the diagonal, median over rows) to a random pair.
        """
        if n == 0 or m == 0:
            return
        sample = unrelated_pairs(n, m, count=min(1000, n * m), seed=1)
        if sample is not None:
            # drawn with replacement: a short document's sample repeats pairs, scored once
            distinct, where = np.unique(sample[0] * m + sample[1], return_inverse=True)
            rand = self.pair_costs(distinct // m, distinct % m, keep=True)[where]
        else:
            rand = None  # too short to sample: an unrelated pair costs full similarity
        # best 1:1 pair per sampled row, near the diagonal
        width = max(3, int(2 * math.sqrt(max(n, m))))
        sample = np.arange(0, n, max(1, n // 200))
        rows_l, cols_l, owner = [], [], []
        for k, i in enumerate(sample):
            c = round(i * m / n)
            js = np.arange(max(0, c - width), min(m, c + width + 1))
            rows_l.append(np.full(len(js), i))
            cols_l.append(js)
            owner.append(np.full(len(js), k))
        best = self._cheapest_pairs(
            np.concatenate(rows_l), np.concatenate(cols_l), np.concatenate(owner), len(sample)
        )
        good = best[np.isfinite(best)]
        c_good = _median(good) if len(good) else 0.0
        if rand is not None:
            c_rand = _median(rand)
        else:
            c_rand = c_good + sum(w for w, c in self.components if c.name == "similarity")
        self.skip = max(1e-3, (c_good + threshold * max(c_rand - c_good, 0.0)) / 2.0)
        self.notes["cost_good_1to1"] = f"{c_good:.4f}"
        self.notes["cost_random_1to1"] = f"{c_rand:.4f}"
