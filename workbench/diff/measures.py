"""The one definition of each measure comparing two texts (or a document's pairs).

* :func:`similarity` — same-language similarity, 0–100: ``rapidfuzz.fuzz.ratio`` (the
  normalised Indel similarity ×100) of the two texts' token comparison forms joined by
  single spaces, so case, quote and dash style and spacing never lower it. The review's
  similarity and the comparison's same-language agreement are this measure.
* :func:`typical_ratio` — a document's typical translation/original length ratio: the
  median of :func:`visible_length` ratios over its pairs (both sides long enough).
* :func:`length_deviation` — a pair's length ratio over the typical one (1.0 = typical);
  :func:`length_agreement` is ``100·min(d, 1/d)`` of it.
* :func:`anchor_agreement` — share of a pair's numbers and addresses found on the other
  side (None when neither side has any).
* :func:`cross_language_score` — what stands for similarity across languages: the mean
  of length agreement and anchor agreement (length agreement alone without anchors).
* :func:`word_overlap` — 2·matching words / all words (difflib's ratio on word tokens):
  whether two same-language passages are the same passage, used to link orphans.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence

from cydifflib import SequenceMatcher
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from workbench.diff.anchors import extract_numbers, find_urls, unmatched_numbers, unmatched_urls
from workbench.diff.opcodes import token_opcodes
from workbench.diff.tokens import Token, token_norms, tokenize

#: Pairs shorter than this (non-space characters, either side) do not vote for the
#: typical ratio: a heading or a one-word line says nothing about translation length.
RATIO_MIN_CHARS = 20
#: Above this many character pairs (length x length of the two texts, about 100,000
#: characters each) the similarity is computed piece by piece between the diff's equal
#: runs: the exact character-level ratio is quadratic (minutes for a book-long pair).
EXACT_SIMILARITY_CELLS = 10**10


#: The ASCII characters ``str.isspace()`` accepts (tab to carriage return, the four
#: information separators 0x1c-0x1f, space), as bytes to delete.
_ASCII_SPACES = bytes(c for c in range(128) if chr(c).isspace())


def visible_length(text: str) -> int:
    """Number of non-whitespace characters (what length ratios are computed on)."""
    if text.isascii():
        # the same count without a string per word: 0.4 against 3 µs for a paragraph
        return len(text.encode("ascii").translate(None, _ASCII_SPACES))
    # str.split() cuts at exactly the characters str.isspace() accepts
    return sum(map(len, text.split()))


def typical_ratio(pairs: Iterable[tuple[str, str]]) -> float:
    """Median translation/original length ratio over ``pairs`` (1.0 when none qualifies)."""
    ratios = []
    for original, translation in pairs:
        lo, lt = visible_length(original), visible_length(translation)
        if lo >= RATIO_MIN_CHARS and lt >= RATIO_MIN_CHARS:
            ratios.append(lt / lo)
    return statistics.median(ratios) if ratios else 1.0


#: A document needs this many pairs (both sides ``RATIO_MIN_CHARS`` long) for its
#: length spread to be estimated.
SPREAD_MIN_PAIRS = 10
#: The median absolute deviation times this estimates a standard deviation.
_MAD_TO_SD = 1.4826


def length_residual(original: str, translation: str, *, ratio: float) -> float:
    """How far the translation's length is from ``ratio`` times the original's, in
    square roots of the expected length (Gale and Church's measure: a long pair may
    stray by more characters than a short one). 0.0 when the original is empty."""
    lo, lt = visible_length(original), visible_length(translation)
    expected = ratio * lo
    return (lt - expected) / math.sqrt(expected) if expected > 0 else 0.0


def length_spread(pairs: Iterable[tuple[str, str]], *, ratio: float) -> float | None:
    """The document's own spread of :func:`length_residual` (a robust standard
    deviation: the median absolute deviation, scaled) over ``pairs`` whose sides are
    both ``RATIO_MIN_CHARS`` long; None with fewer than ``SPREAD_MIN_PAIRS`` of them or
    no spread at all. Each translation strays by its own amount: measured, not assumed."""
    residuals = [
        length_residual(o, t, ratio=ratio)
        for o, t in pairs
        if visible_length(o) >= RATIO_MIN_CHARS and visible_length(t) >= RATIO_MIN_CHARS
    ]
    if len(residuals) < SPREAD_MIN_PAIRS:
        return None
    centre = statistics.median(residuals)
    spread = _MAD_TO_SD * statistics.median(abs(r - centre) for r in residuals)
    return spread or None


def length_deviation(original: str, translation: str, *, ratio: float = 1.0) -> float:
    """The pair's length ratio divided by the typical ``ratio``; 0.0 when a side is empty."""
    lo, lt = visible_length(original), visible_length(translation)
    if not lo or not lt:
        return 0.0
    return (lt / lo) / (ratio if ratio > 0 else 1.0)


def length_agreement(original: str, translation: str, *, ratio: float = 1.0) -> float:
    """``100·min(d, 1/d)`` of the length deviation ``d`` (100 = typical length, 0 = empty)."""
    d = length_deviation(original, translation, ratio=ratio)
    return 100.0 * min(d, 1 / d) if d else 0.0


def anchor_agreement(original: str, translation: str) -> float | None:
    """Share (0–100) of the pair's numbers and addresses matched on the other side.

    Numbers are matched by value, addresses exactly, both as multisets. None when
    neither side has an anchor (no evidence either way).
    """
    numbers = extract_numbers(original), extract_numbers(translation)
    urls = find_urls(original), find_urls(translation)
    total = sum(map(len, numbers)) + sum(map(len, urls))
    if not total:
        return None
    missing = sum(map(len, unmatched_numbers(*numbers))) + sum(map(len, unmatched_urls(*urls)))
    return 100.0 * (total - missing) / total


def cross_language_score(original: str, translation: str, *, ratio: float = 1.0) -> float:
    """Agreement of a cross-language pair, 0–100: length agreement, averaged with anchors."""
    length = length_agreement(original, translation, ratio=ratio)
    anchors = anchor_agreement(original, translation)
    score = length if anchors is None else (length + anchors) / 2
    return round(score, 1)


def similarity(a: Sequence[Token], b: Sequence[Token]) -> float:
    """Same-language similarity (0–100, one decimal) of two token sequences."""
    joined_a, joined_b = " ".join(token_norms(a)), " ".join(token_norms(b))
    if len(joined_a) * len(joined_b) <= EXACT_SIMILARITY_CELLS:
        return round(fuzz.ratio(joined_a, joined_b), 1)
    # Indel distance summed over the stretches between equal token runs: an alignment
    # of the two texts, so at least the exact distance, and equal to it in practice
    # (the runs are where the exact alignment matches too). Each token carries its
    # separating space, as in the joined texts.
    distance = 0
    for tag, i1, i2, j1, j2 in token_opcodes(a, b):
        if tag != "equal":
            piece_a = "".join(t.norm + " " for t in a[i1:i2])
            piece_b = "".join(t.norm + " " for t in b[j1:j2])
            distance += Indel.distance(piece_a, piece_b)
    total = len(joined_a) + len(joined_b)
    return round(100.0 * max(0.0, 1.0 - distance / total), 1)


def text_similarity(a: str, b: str) -> float:
    """:func:`similarity` of two texts; two texts without tokens are identical (100)."""
    ta, tb = tokenize(a), tokenize(b)
    if not ta and not tb:
        return 100.0
    return similarity(ta, tb)


def word_overlap(a: str, b: str) -> float:
    """2·(matching words) / (all words) of two same-language texts, in [0, 1]."""
    ta = [t.norm for t in tokenize(a) if t.kind != "punct"]
    tb = [t.norm for t in tokenize(b) if t.kind != "punct"]
    if not ta or not tb:
        return 0.0
    return SequenceMatcher(None, ta, tb, autojunk=False).ratio()
