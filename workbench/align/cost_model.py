"""The weighted cost model the dynamic programme calls, with its calibrated penalties."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from workbench.align.costs import Cost, SimilarityCost
from workbench.align.sampling import unrelated_pairs


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

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Weighted cost of a row of candidate beads of shape ``a:b``."""
        size = (a + b) / 2.0
        total = np.full(hi - lo, self.merge * (a + b - 2))
        for weight, comp in self.components:
            if weight:
                scale = 1.0 if comp.name == "length" else size
                total += weight * scale * comp.block(a, b, i, lo, hi)
        return total

    def pair_cost(self, i: int, j: int) -> float:
        """Cost of the 1:1 bead linking original unit ``i`` with translation unit ``j``."""
        return float(self.pair_costs(np.array([i]), np.array([j]))[0])

    def pair_costs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs of the 1:1 beads ``orig[rows[k]] ~ trans[cols[k]]`` (0-based), vectorised."""
        total = np.zeros(len(rows))
        for weight, comp in self.components:
            if weight:
                total += weight * comp.pairs(rows, cols)
        return total

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

    def calibrate_skip(self, n: int, m: int, *, threshold: float = 0.5) -> None:
        """Set the skip penalty between typical matched and random-pair 1:1 costs.

        Two skips then cost as much as a 1:1 bead ``threshold`` of the way from a typical
        good pair (best pair near the diagonal, median over rows) to a random pair.
        """
        if n == 0 or m == 0:
            return
        sample_pairs = unrelated_pairs(n, m, count=min(1000, n * m), seed=1)
        if sample_pairs is not None:
            rows, cols = zip(*sample_pairs, strict=True)
            rand = self.pair_costs(np.array(rows), np.array(cols))
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
        costs = self.pair_costs(np.concatenate(rows_l), np.concatenate(cols_l))
        best = np.full(len(sample), np.inf)
        np.minimum.at(best, np.concatenate(owner), costs)
        good = best[np.isfinite(best)]
        c_good = float(np.median(good)) if len(good) else 0.0
        if rand is not None:
            c_rand = float(np.median(rand))
        else:
            c_rand = c_good + sum(w for w, c in self.components if c.name == "similarity")
        self.skip = max(1e-3, (c_good + threshold * max(c_rand - c_good, 0.0)) / 2.0)
        self.notes["cost_good_1to1"] = f"{c_good:.4f}"
        self.notes["cost_random_1to1"] = f"{c_rand:.4f}"
