"""Samples of unit pairs that are (almost surely) not counterparts: what "unrelated" looks like.

Costs are calibrated on the documents themselves: the similarity of unrelated pairs
sets the similarity baseline, and the cost of random 1:1 beads sets the skip penalty.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

#: Fewest off-diagonal pairs that make a sample of "unrelated" pairs worth taking.
MIN_UNRELATED_PAIRS = 12


class _FastRandrange:
    """``random.Random(seed).randrange(n)``, drawn in the same order with the same results.

    The Mersenne Twister words are drawn from ``random.Random(seed)`` itself, 4,096 at a
    time (``getrandbits(32 * k)`` packs the next ``k`` words, the first lowest), and
    ``randrange``'s rejection sampling is replayed on them (``getrandbits(k)`` is the
    top ``k`` bits of one word). Calibrating the aligner draws thousands of pairs; this
    is ten times cheaper than calling ``randrange`` for each.
    """

    _CHUNK = 4096

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)
        self._words: list[int] = []
        self._pos = 0
        #: words drawn but not used by :meth:`pairs` (next in line before ``_words``)
        self._unused = np.empty(0, dtype=np.uint32)

    def _raw(self, count: int) -> np.ndarray:
        """The next ``count`` 32-bit words of the generator, in order."""
        packed = self._rng.getrandbits(32 * count).to_bytes(4 * count, "little")
        return np.frombuffer(packed, dtype="<u4")

    @staticmethod
    def _shift(n: int) -> int:
        shift = 32 - n.bit_length()
        if shift < 0:
            raise ValueError(f"randrange({n}): only bounds below 2**32 are replayed")
        return shift

    def randrange(self, n: int) -> int:
        """A uniform integer in ``[0, n)``, exactly as ``random.Random.randrange(n)``."""
        shift = self._shift(n)
        while True:
            if self._pos == len(self._words):
                fresh = self._unused if len(self._unused) else self._raw(self._CHUNK)
                self._words, self._unused = fresh.tolist(), self._unused[:0]
                self._pos = 0
            r = self._words[self._pos] >> shift
            self._pos += 1
            if r < n:
                return r

    def pairs(self, n: int, m: int, count: int) -> tuple[np.ndarray, np.ndarray]:
        """The next ``count`` pairs ``(randrange(n), randrange(m))``, drawn as those calls
        would draw them one after the other: their rows and their columns.

        Which words each bound accepts is found by numpy. A pair starting at word ``p``
        takes the first word at or after ``p`` that ``n`` accepts, then the first after it
        that ``m`` accepts, and the next pair starts after that: a step ``p -> f(p)``. The
        chain of steps from 0 is followed by pointer doubling (``f``, ``f∘f``, ...), so
        numpy does it in a few calls instead of a Python loop turn per pair.
        """
        shifts = self._shift(n), self._shift(m)
        # ``randrange(n)`` takes a word ``w`` when ``w >> shift < n``: when ``w < n << shift``
        limits = np.uint32(n << shifts[0]), np.uint32(m << shifts[1])
        rows: list[np.ndarray] = []
        cols: list[np.ndarray] = []
        drawn = 0
        words = np.concatenate([np.array(self._words[self._pos :], np.uint32), self._unused])
        while drawn < count:
            # a pair takes four words at most on average (each bound accepts half of them
            # at least): another pass is seldom needed
            fresh = self._raw(4 * (count - drawn) + 64)
            words = np.concatenate([words, fresh])
            size = len(words)
            # for each position, the first word at or after it that the bound accepts
            # (``size``: none drawn yet), and past the end: none
            next_n, next_m = (
                _next_accepted(words < limit, size + extra)
                for limit, extra in zip(limits, (2, 3), strict=True)
            )
            first = next_n  # the pair's first word, from each start 0 .. size + 1
            second = next_m[first + 1]
            # a pair needing words not drawn yet ends the chain: it steps to size + 1
            step = np.where(second < size, second + 1, size + 1)
            starts = _orbit(step, count - drawn + 1)
            done = int(np.count_nonzero(starts[1:] <= size))  # pairs drawn in full
            at = starts[:done]
            rows.append((words[first[at]] >> shifts[0]).astype(np.int64))
            cols.append((words[second[at]] >> shifts[1]).astype(np.int64))
            drawn += done
            words = words[starts[done] :]
        self._words, self._pos, self._unused = [], 0, words
        return np.concatenate(rows), np.concatenate(cols)


def _next_accepted(accepted: np.ndarray, length: int) -> np.ndarray:
    """For each position ``0 .. length - 1``, the first position at or after it where
    ``accepted`` holds, or ``len(accepted)`` where none does: each accepted position
    repeated over the gap before it (two numpy calls where a reversed running minimum
    over every position took four times as long)."""
    at = np.flatnonzero(accepted)
    out = np.full(length, len(accepted), dtype=np.int64)
    if len(at):
        out[: at[-1] + 1] = np.repeat(at, np.diff(at, prepend=-1))
    return out


def _orbit(step: np.ndarray, length: int) -> np.ndarray:
    """``0, step[0], step[step[0]], ...``: the first ``length`` points of 0's chain.

    Knowing the first ``k`` points and ``step`` applied ``k`` times gives the next ``k``.
    """
    points = np.zeros(1, dtype=np.int64)
    power = step  # step applied len(points) times
    while len(points) < length:
        points = np.concatenate([points, power[points]])
        if len(points) < length:
            power = power[power]
    return points[:length]


def unrelated_pairs(
    n: int, m: int, *, count: int, seed: int
) -> tuple[np.ndarray, np.ndarray] | None:
    """Random (i, j) pairs away from the diagonal, where true counterparts are unlikely:
    their rows and their columns.

    None when the documents are too short to have enough such pairs.
    """
    width = max(2.0, 0.1 * max(n, m))
    far = n * max(0.0, m - (2 * width + 1))  # about how many pairs lie off the band
    if far < MIN_UNRELATED_PAIRS:
        return None
    rng = _FastRandrange(seed)
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    found = 0
    attempts = count * 20
    while attempts and found < count:
        batch = min(attempts, 2 * (count - found) + 16)
        attempts -= batch
        i, j = rng.pairs(n, m, batch)
        off = np.flatnonzero(np.abs(i * m / n - j) > width)[: count - found]
        rows.append(i[off])
        cols.append(j[off])
        found += len(off)
    if found < MIN_UNRELATED_PAIRS:
        return None
    return np.concatenate(rows), np.concatenate(cols)


def same_side_pairs(
    left: Sequence[str], right: Sequence[str], *, count: int = 400, seed: int = 0
) -> tuple[list[tuple[int, int]], list[str], list[str]]:
    """Pairs of different non-empty units within each document (documents too short to sample).

    All of them when few; a sample of ``count`` when many, since one long document
    against a one-unit one also lands here and all pairs would be quadratic.
    """
    units = [*left, *right]
    sides = [
        [i for i in range(len(left)) if units[i]],
        [i for i in range(len(left), len(units)) if units[i]],
    ]
    sides = [side for side in sides if len(side) > 1]
    if not sides:
        return [], units, units
    if sum(len(side) * (len(side) - 1) // 2 for side in sides) <= count:
        pairs = [(i, k) for side in sides for a, i in enumerate(side) for k in side[a + 1 :]]
        return pairs, units, units
    rng = random.Random(seed)
    pairs = []
    for _ in range(count):
        side = sides[rng.randrange(len(sides))]
        i, k = sorted(rng.sample(side, 2))
        pairs.append((i, k))
    return pairs, units, units
