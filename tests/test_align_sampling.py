"""The calibration samples: fast, and exactly the pairs Python's ``random`` would draw."""

from __future__ import annotations

import random

import pytest

from workbench.align.sampling import _FastRandrange, unrelated_pairs


@pytest.mark.parametrize("seed", [0, 1, 7])
def test_fast_randrange_replays_python_random(seed):
    reference, fast = random.Random(seed), _FastRandrange(seed)
    bounds = [1, 2, 3, 5, 37, 100, 468, 554, 4097, 20_000, 2**31 - 1, 2**32 - 1]
    for _ in range(2000):
        for n in bounds:
            assert fast.randrange(n) == reference.randrange(n)


@pytest.mark.parametrize(
    ("n", "m"), [(1, 1), (1, 37), (37, 36), (468, 554), (4097, 3), (2**31 - 1, 5)]
)
def test_pairs_are_alternate_randrange_calls_and_leave_the_stream_where_they_stopped(n, m):
    reference, fast = random.Random(3), _FastRandrange(3)
    for count in (1, 7, 3000):  # within one chunk of words, and across several
        rows, cols = fast.pairs(n, m, count)
        expected = [(reference.randrange(n), reference.randrange(m)) for _ in range(count)]
        assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == expected
        assert fast.randrange(1000) == reference.randrange(1000)


def test_unrelated_pairs_are_the_pairs_of_the_plain_loop():
    def plain(n: int, m: int, count: int, seed: int) -> list[tuple[int, int]]:
        rng, width, pairs = random.Random(seed), max(2.0, 0.1 * max(n, m)), []
        for _ in range(count * 20):
            i, j = rng.randrange(n), rng.randrange(m)
            if abs(i * m / n - j) > width:
                pairs.append((i, j))
                if len(pairs) == count:
                    break
        return pairs

    for n, m in [(37, 36), (468, 554), (1000, 1001), (5, 400)]:
        rows, cols = unrelated_pairs(n, m, count=1000, seed=1)
        assert list(zip(rows.tolist(), cols.tolist(), strict=True)) == plain(n, m, 1000, 1)


def test_bounds_past_32_bits_are_refused():
    with pytest.raises(ValueError, match="below 2\\*\\*32"):
        _FastRandrange(0).randrange(2**32)
