"""The banded DP against exhaustive search over every monotone bead path."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.align.core import build_cost_model
from workbench.align.costs import PARAGRAPH_SHAPES, SENTENCE_SHAPES
from workbench.align.dp import align_path, band_around_path, diagonal_band, fill
from workbench.align.table import PathStep


class TableCosts:
    """Random but fixed bead costs, looked up per (a, b, i, j)."""

    def __init__(self, n: int, m: int, shapes, seed: int) -> None:
        self.shapes = shapes
        rng = random.Random(seed)
        self.table = {
            (a, b, i, j): rng.uniform(0.0, 3.0)
            for a, b in shapes
            for i in range(a, n + 1)
            for j in range(b, m + 1)
        }
        self.skip_o = [rng.uniform(0.2, 1.5) for _ in range(n)]
        self.skip_t = np.array([rng.uniform(0.2, 1.5) for _ in range(m)])

    def block(self, a, b, i, lo, hi):
        return np.array([self.table[(a, b, i, j)] for j in range(lo, hi)])

    def skip_orig(self, i):
        return self.skip_o[i]

    def skip_trans(self):
        return self.skip_t


def brute_force(costs, n: int, m: int) -> float:
    """Minimum over all monotone bead paths, enumerated one by one (no shared subproblems)."""
    steps = [(1, 0), (0, 1), *costs.shapes]

    def step_cost(a, b, i, j):  # bead ending at (i, j)
        if (a, b) == (1, 0):
            return costs.skip_orig(i - 1)
        if (a, b) == (0, 1):
            return float(costs.skip_trans()[j - 1])
        return float(costs.block(a, b, i, j, j + 1)[0])

    best = float("inf")
    stack = [(0, 0, 0.0)]
    while stack:  # depth-first enumeration of every path from (0, 0)
        i, j, acc = stack.pop()
        if (i, j) == (n, m):
            best = min(best, acc)
            continue
        for a, b in steps:
            if i + a <= n and j + b <= m:
                stack.append((i + a, j + b, acc + step_cost(a, b, i + a, j + b)))
    return best


def path_cost(path) -> float:
    return sum(s.cost for s in path)


def _check_path_is_complete(path, n, m):
    i = j = 0
    for s in path:
        assert (s.i0, s.j0) == (i, j)
        i, j = s.i1, s.j1
    assert (i, j) == (n, m)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(0, 6),
    m=st.integers(0, 6),
    seed=st.integers(0, 10_000),
    sentence=st.booleans(),
)
def test_full_table_dp_matches_exhaustive_search(n, m, seed, sentence):
    shapes = SENTENCE_SHAPES if sentence else PARAGRAPH_SHAPES
    costs = TableCosts(n, m, shapes, seed)
    if n == 0 and m == 0:
        return
    lo, hi = diagonal_band(n, m, max(n, m) + 1)
    total, path = fill(costs, n, m, lo, hi)
    assert abs(total - brute_force(costs, n, m)) < 1e-9
    assert abs(path_cost(path) - total) < 1e-9
    _check_path_is_complete(path, n, m)


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 6), m=st.integers(1, 6), seed=st.integers(0, 10_000))
def test_adaptive_band_finds_the_optimum_on_small_inputs(n, m, seed):
    costs = TableCosts(n, m, PARAGRAPH_SHAPES, seed)
    path = align_path(costs, n, m)
    _check_path_is_complete(path, n, m)
    assert abs(path_cost(path) - brute_force(costs, n, m)) < 1e-9


_WORDS = [
    "alpha",
    "beta",
    "gamma",
    "delta",
    "river",
    "stone",
    "light",
    "night",
    "harbour",
    "window",
    "paper",
    "1956",
    "Berlin",
]


@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(1, 6),
    m=st.integers(1, 6),
    seed=st.integers(0, 10_000),
)
def test_dp_on_real_text_costs_matches_exhaustive_search(n, m, seed):
    rng = random.Random(seed)

    def sentence() -> str:
        return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(2, 9))) + "."

    orig = [sentence() for _ in range(n)]
    trans = [sentence() for _ in range(m)]
    model = build_cost_model(orig, trans, mode_used="monolingual", level="sentence")
    path = align_path(model, n, m)
    _check_path_is_complete(path, n, m)
    assert abs(path_cost(path) - brute_force(model, n, m)) < 1e-9


def test_brute_force_covers_a_6x6_case():
    costs = TableCosts(6, 6, PARAGRAPH_SHAPES, seed=7)
    path = align_path(costs, 6, 6)
    assert abs(path_cost(path) - brute_force(costs, 6, 6)) < 1e-9


def test_band_around_path_contains_the_path_and_is_monotone():
    costs = TableCosts(30, 25, PARAGRAPH_SHAPES, seed=3)
    lo, hi = diagonal_band(30, 25, 30)
    _, path = fill(costs, 30, 25, lo, hi)
    lo2, hi2 = band_around_path(path, 30, 25, 2)
    assert (np.diff(lo2) >= 0).all() and (np.diff(hi2) >= 0).all()
    for s in path:
        for i, j in ((s.i0, s.j0), (s.i1, s.j1)):
            assert lo2[i] <= j < hi2[i]


def _random_path(rng: random.Random, n: int, m: int) -> list[PathStep]:
    i = j = 0
    path = []
    while i < n or j < m:
        a = min(rng.choice([0, 1, 1, 2, 3]), n - i)
        b = min(rng.choice([0, 1, 1, 2]), m - j)
        if a or b:
            path.append(PathStep(i, i + a, j, j + b, 0.0))
            i, j = i + a, j + b
    return path


def test_band_around_path_holds_each_steps_rows_and_columns_and_nothing_more():
    # width 0, no neighbours: row i spans exactly the columns of the steps through it
    rng = random.Random(4)
    for _ in range(200):
        n, m = rng.randint(1, 40), rng.randint(1, 40)
        path = _random_path(rng, n, m)
        lo, hi = band_around_path(path, n, m, 0, neighbours=False)
        want_lo, want_hi = [m] * (n + 1), [0] * (n + 1)
        want_lo[0], want_hi[0] = 0, 1
        for step in path:
            for i in range(step.i0, step.i1 + 1):
                want_lo[i] = min(want_lo[i], step.j0)
                want_hi[i] = max(want_hi[i], step.j1 + 1)
        # the band is then made monotone and overlapping: it holds the wanted ranges
        assert (lo <= np.array(want_lo)).all() and (hi >= np.array(want_hi)).all()
        if (np.diff(want_lo) >= 0).all() and (np.diff(want_hi) >= 0).all():
            overlap = all(want_lo[i] <= want_hi[i - 1] - 1 for i in range(1, n + 1))
            if overlap and want_hi[-1] == m + 1:
                assert lo.tolist() == want_lo and hi.tolist() == want_hi


def test_touching_rows_are_the_path_corners_near_an_inner_band_edge():
    from workbench.align.dp import _touching_rows

    path = [PathStep(0, 1, 0, 1, 0.0), PathStep(1, 2, 1, 3, 0.0), PathStep(2, 3, 3, 4, 0.0)]
    lo, hi = np.array([0, 0, 2, 3]), np.array([3, 5, 8, 9])
    # (2, 3): one column right of lo[2] = 2, an inner edge; (3, 4): hi[3] = 9 is the
    # table's edge (m + 1), lo[3] = 3 is one column left of it
    assert _touching_rows(path, lo, hi, 8) == [2, 2, 3]
    assert _touching_rows(path, np.zeros(4, dtype=int), np.full(4, 9), 8) == []


@pytest.mark.parametrize(("where", "count"), [(100, 200), (500, 100), (900, 100)])
def test_a_long_insertion_or_deletion_is_found_though_the_band_starts_narrow(where, count):
    # the first band is a few units wide around the anchor chain; a block of 100-200
    # paragraphs added or dropped moves the path far outside it, locally
    from workbench.align.core import align_units_detailed
    from workbench.bench.speed import zipf_paragraphs

    paras = zipf_paragraphs(1000 + count, seed=9)
    original, extra = paras[:1000], paras[1000:]
    added = align_units_detailed(original, original[:where] + extra + original[where:])
    shifted = {(i,): ((i + count if i >= where else i),) for i in range(1000)}
    assert {b.original: b.translation for b in added.beads if b.original} == shifted
    assert sum(1 for b in added.beads if not b.original) == count
    dropped = align_units_detailed(original, original[:where] + original[where + count :])
    kept = [b for b in dropped.beads if b.translation]
    assert all(
        b.original[0] - (count if b.original[0] >= where else 0) == b.translation[0] for b in kept
    )
    assert sum(1 for b in dropped.beads if not b.translation) == min(count, 1000 - where)
