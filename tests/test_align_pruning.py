"""Beads and pairs left unscored by bounds: the same optimum, the same calibration.

The DP leaves a bead unscored when a lower bound of its cost already exceeds a detour
through smaller beads and skips inside the band; the skip calibration scores a row's pairs
only while their bound does not exceed the best cost found. Both must give exactly the
results of scoring everything.
"""

from __future__ import annotations

import random

import numpy as np
import pytest
from test_align_dp import TableCosts, _random_path, brute_force, path_cost

from workbench.align.core import build_cost_model
from workbench.align.costs import PARAGRAPH_SHAPES, SENTENCE_SHAPES
from workbench.align.dp import (
    FULL_TABLE_CELLS,
    align_path,
    band_around_path,
    diagonal_band,
    fill,
)
from workbench.align.table import INF, Band, _candidates, _detour
from workbench.bench.perturb import perturb
from workbench.bench.speed import zipf_paragraphs


class _AllScored:
    """A cost model seen without its lower bounds: every bead in the band is scored."""

    def __init__(self, model) -> None:
        self._model = model
        self.shapes = model.shapes

    def cells(self, a, b, rows, cols):
        return self._model.cells(a, b, rows, cols)

    def block(self, a, b, i, lo, hi):
        return self._model.block(a, b, i, lo, hi)

    def skip_orig(self, i):
        return self._model.skip_orig(i)

    def skip_trans(self):
        return self._model.skip_trans()


class _TightTable(TableCosts):
    """Random bead costs whose lower bound is the cost itself: as much pruning as can be."""

    def cells(self, a, b, rows, cols):
        return np.array([self.table[(a, b, i, j)] for i, j in zip(rows, cols, strict=True)])

    def lower_bounds(self, a, b, rows, cols, *, ceiling=None):
        return self.cells(a, b, rows, cols)


def _reference_detour(band_cells, scored, skip_o, skip_t, shape, i, j):
    """The same detour by a per-cell dynamic programme over the rectangle behind (i, j).

    ``scored`` maps each smaller shape to its bead costs by end cell (missing: unscored).
    """
    a, b = shape
    best = {(i - a, j - b): 0.0 if (i - a, j - b) in band_cells else INF}
    for r in range(i - a, i + 1):
        for c in range(j - b, j + 1):
            if (r, c) == (i - a, j - b):
                continue
            if (r, c) not in band_cells:
                best[(r, c)] = INF
                continue
            options = []
            if r > i - a:
                options.append(best[(r - 1, c)] + skip_o[r - 1])
            if c > j - b:
                options.append(best[(r, c - 1)] + skip_t[c - 1])
            for (sa, sb), costs in scored.items():
                if r - sa >= i - a and c - sb >= j - b:
                    options.append(best[(r - sa, c - sb)] + costs.get((r, c), INF))
            best[(r, c)] = min(options)
    return best[(i, j)]


def test_detour_is_the_cheapest_path_of_smaller_beads_and_skips_in_the_band():
    rng = random.Random(5)
    for _ in range(25):
        n, m = rng.randint(4, 30), rng.randint(4, 30)
        lo, hi = band_around_path(_random_path(rng, n, m), n, m, rng.randint(0, 3))
        band = Band.of(lo, hi)
        cells = list(zip(band.rows.tolist(), band.cols.tolist(), strict=True))
        skip_o = [rng.uniform(0.2, 1.5) for _ in range(n)]
        skip_t = [rng.uniform(0.2, 1.5) for _ in range(m)]
        skips = (
            np.concatenate([[0.0], np.cumsum(skip_o)]),
            np.concatenate([[0.0], np.cumsum(skip_t)]),
        )
        flat: dict[tuple[int, int], np.ndarray] = {}  # as the table holds them
        by_cell: dict[tuple[int, int], dict] = {}  # as the reference reads them
        for shape in SENTENCE_SHAPES:
            if flat:
                ends = np.flatnonzero(band.predecessors(*shape) < band.size)
                rows, cols = band.rows[ends], band.cols[ends]
                smaller = {
                    s: c for s, c in by_cell.items() if s[0] <= shape[0] and s[1] <= shape[1]
                }
                got = _detour(band, shape, rows, cols, skips, flat)
                for k in range(len(ends)):
                    want = _reference_detour(
                        set(cells), smaller, skip_o, skip_t, shape, int(rows[k]), int(cols[k])
                    )
                    assert got[k] == pytest.approx(want, abs=1e-12)
            # this shape's beads: random costs, a quarter left unscored (infinite)
            costs = [rng.uniform(0.0, 3.0) if rng.random() < 0.75 else INF for _ in cells]
            flat[shape] = np.array([*costs, INF])
            by_cell[shape] = {cell: cost for cell, cost in zip(cells, costs, strict=True)}


def _sentences(rng: random.Random, count: int) -> list[str]:
    words = ["river", "stone", "light", "night", "harbour", "paper", "Berlin", "1956", "alpha"]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(3, 14))) for _ in range(count)]


def _models():
    """Real cost models: Zipf paragraphs edited by the perturbation suite, and sentences."""
    for seed in range(3):
        case = perturb(zipf_paragraphs(120, seed=seed), seed=seed, operations=12)
        yield case.original, case.translation, "paragraph"
    rng = random.Random(11)
    yield _sentences(rng, 110), _sentences(rng, 120), "sentence"


@pytest.mark.parametrize("case", range(4))
def test_the_dp_finds_the_same_path_as_when_every_bead_is_scored(case):
    original, translation, level = list(_models())[case]
    n, m = len(original), len(translation)
    model = build_cost_model(original, translation, mode_used="monolingual", level=level)
    lo, hi = diagonal_band(n, m, 12)
    total, path = fill(model, n, m, lo, hi)
    total_all, path_all = fill(_AllScored(model), n, m, lo, hi)
    assert path == path_all
    assert total == total_all
    # and the bounds did leave beads unscored, 1:1 ones too (else this proves nothing);
    # a fresh model, as this one has now scored every bead and keeps their costs
    fresh = build_cost_model(original, translation, mode_used="monolingual", level=level)
    pred, cost = _candidates(fresh, Band.of(lo, hi), n)
    assert ((pred[2:] < Band.of(lo, hi).size) & (cost[2:] == INF)).sum() > 100
    assert ((pred[1] < Band.of(lo, hi).size) & (cost[1] == INF)).sum() > 10


@pytest.mark.parametrize("case", range(4))
def test_both_passes_find_the_path_found_when_every_bead_is_scored(case):
    # the coarse pass (1:1 beads and skips) prunes too: its path sets the fine band
    original, translation, level = list(_models())[case]
    n, m = len(original), len(translation)
    assert (n + 1) * (m + 1) > FULL_TABLE_CELLS  # banded, both passes
    model = build_cost_model(original, translation, mode_used="crosslingual", level=level)
    assert align_path(model, n, m) == align_path(_AllScored(model), n, m)


@pytest.mark.parametrize("seed", range(20))
def test_tight_bounds_keep_the_optimum_of_a_random_table(seed):
    rng = random.Random(seed)
    n, m = rng.randint(1, 6), rng.randint(1, 6)
    shapes = SENTENCE_SHAPES if seed % 2 else PARAGRAPH_SHAPES
    costs = _TightTable(n, m, shapes, seed)
    path = align_path(costs, n, m)
    assert path_cost(path) == pytest.approx(brute_force(costs, n, m), abs=1e-9)
    big_n, big_m = rng.randint(20, 40), rng.randint(20, 40)
    tight, plain = _TightTable(big_n, big_m, shapes, seed), TableCosts(big_n, big_m, shapes, seed)
    lo, hi = diagonal_band(big_n, big_m, 6)
    assert fill(tight, big_n, big_m, lo, hi) == fill(plain, big_n, big_m, lo, hi)


@pytest.mark.parametrize("case", range(4))
def test_the_cheapest_pair_of_each_group_is_found_exactly(case):
    original, translation, level = list(_models())[case]
    model = build_cost_model(original, translation, mode_used="crosslingual", level=level)
    rng = np.random.default_rng(case)
    rows = rng.integers(0, len(original), 3000)
    cols = rng.integers(0, len(translation), 3000)
    owner = rng.integers(0, 60, 3000)
    want = np.full(60, np.inf)
    np.minimum.at(want, owner, model.pair_costs(rows, cols))
    assert np.array_equal(model._cheapest_pairs(rows, cols, owner, 60), want)


def test_a_ceiling_only_stops_bounds_that_already_exceed_it():
    original, translation, level = next(_models())
    model = build_cost_model(original, translation, mode_used="crosslingual", level=level)
    rng = np.random.default_rng(1)
    for a, b in PARAGRAPH_SHAPES:
        rows = rng.integers(a, len(original) + 1, 2000)
        cols = rng.integers(b, len(translation) + 1, 2000)
        full = model.lower_bounds(a, b, rows, cols)
        ceiling = rng.uniform(0.0, full.max(), 2000)
        capped = model.lower_bounds(a, b, rows, cols, ceiling=ceiling)
        assert np.array_equal(capped > ceiling, full > ceiling)
        assert np.array_equal(capped[capped <= ceiling], full[capped <= ceiling])
        assert (capped <= full).all()


@pytest.mark.parametrize("case", range(4))
def test_a_widened_band_reuses_the_costs_of_the_narrower_one_exactly(case):
    # the widened band's pass takes the beads scored by the narrower band's pass from
    # the model, without bounding them again; its path is that of a model filling the
    # wide band from scratch
    original, translation, level = list(_models())[case]
    n, m = len(original), len(translation)
    reused = build_cost_model(original, translation, mode_used="monolingual", level=level)
    fill(reused, n, m, *diagonal_band(n, m, 3))
    wide = diagonal_band(n, m, 12)
    band = Band.of(*wide)
    none = np.full(band.size, np.nan)
    before = {s: reused.known(*s, band.rows, band.cols) for s in reused.shapes}
    before = {s: none if known is None else known for s, known in before.items()}
    total, path = fill(reused, n, m, *wide)
    fresh = build_cost_model(original, translation, mode_used="monolingual", level=level)
    assert fill(fresh, n, m, *wide) == (total, path)
    # every bead the narrow pass scored has that cost in the wide band's table
    pred, cost = _candidates(reused, band, n)
    reused_beads = 0
    for k, shape in enumerate(reused.shapes, start=1):
        had = ~np.isnan(before[shape]) & (pred[k] < band.size)
        assert np.array_equal(cost[k][had], before[shape][had])
        reused_beads += int(had.sum())
    assert reused_beads > n


@pytest.mark.parametrize("case", range(4))
def test_beads_scored_after_their_bounds_cost_what_scoring_them_afresh_gives(case):
    # the length and anchor costs a bead's bound computed (they are their own bounds)
    # are taken when the bead is scored, not computed again, and give the same sums
    original, translation, level = list(_models())[case]
    n, m = len(original), len(translation)
    model = build_cost_model(original, translation, mode_used="crosslingual", level=level)
    again: dict[str, int] = {}
    for _, comp in model.components:
        if type(comp).lower is type(comp).cells:  # length, anchors

            def spy(a, b, rows, cols, comp=comp):
                again[comp.name] = again.get(comp.name, 0) + len(rows)
                return type(comp).cells(comp, a, b, rows, cols)

            comp.cells = spy  # what scoring calls; the bounds call the class's own
    band = Band.of(*diagonal_band(n, m, 12))
    pred, cost = _candidates(model, band, n)
    assert set(again) <= {"length", "anchors"} and sum(again.values()) == 0
    fresh = build_cost_model(original, translation, mode_used="crosslingual", level=level)
    scored = 0
    for k, shape in enumerate(model.shapes, start=1):
        beads = (pred[k] < band.size) & np.isfinite(cost[k])
        afresh = fresh.cells(*shape, band.rows[beads], band.cols[beads], keep=False)
        assert np.array_equal(cost[k][beads], afresh)
        scored += int(beads.sum())
    assert scored > n
