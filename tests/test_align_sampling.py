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
        assert unrelated_pairs(n, m, count=1000, seed=1) == plain(n, m, 1000, 1)


def test_bounds_past_32_bits_are_refused():
    with pytest.raises(ValueError, match="below 2\\*\\*32"):
        _FastRandrange(0).randrange(2**32)
