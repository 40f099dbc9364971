"""Sequence algorithms shared by the aligner and the word diff."""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def longest_chain(points: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence of ``points`` strictly increasing in both coordinates.

    Patience sorting in O(n log n); among points with equal first coordinates at most
    one is taken. Used for anchor chains (hapax words, unique n-grams) that pin two
    sequences together in order.
    """
    # sort by i ascending, j descending so equal i never chain with each other
    pts = sorted(points, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []  # smallest j ending a chain of each length
    tail_idx: list[int] = []
    prev = [-1] * len(pts)
    for k, (_, j) in enumerate(pts):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos else -1
    chain = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(pts[k])
        k = prev[k]
    return chain[::-1]
