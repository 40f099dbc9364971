"""Bead cost components: similarity, length and anchors, each scoring a row of beads at once.

Every component scores a *block* bead (original units ``i-a..i-1`` against translation
units ``j-b..j-1``) for a whole row of candidate ``j`` at once, so the dynamic programme
only pays for the cells inside its band. Costs are dimensionless, roughly in [0, 1] for
one unit; :class:`~workbench.align.cost_model.CostModel` weighs and combines them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import InitVar, dataclass, field
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

from workbench.align.anchors import (
    anchor_tokens,
    key_words,
    match_keys,
    token_kind,
    unreliable_kinds,
)
from workbench.align.blocks import BlockTexts, Codebook, RowScorer, Scorer
from workbench.align.sampling import same_side_pairs, unrelated_pairs

#: Bead shapes (original units, translation units) the aligner considers.
PARAGRAPH_SHAPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1))
#: One sentence against up to five, and up to three against up to three: a translator
#: who rewrites a passage often regroups three sentences into three others, and a long
#: German sentence often becomes five French ones. Text+Berg dev, strict F1: see
#: docs/aligner.md (the shapes up to 1:4 and 2:3 before; larger ones are rarer still).
SENTENCE_SHAPES: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
    (2, 3),
    (3, 2),
    (1, 4),
    (4, 1),
    (3, 3),
    (1, 5),
    (5, 1),
)


class Cost(Protocol):
    """A bead cost component: costs in about [0, 1] for a row of candidate beads."""

    name: str

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Costs of beads ``orig[i-a:i] ~ trans[j-b:j]`` for ``j`` in ``[lo, hi)`` (lo >= b)."""
        ...

    def cells(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs of beads ``orig[rows[k]-a:rows[k]] ~ trans[cols[k]-b:cols[k]]``, all at once."""
        ...


def _pairwise(
    left: np.ndarray, right: np.ndarray, scorer: Scorer, *, cutoff: float = 0.0
) -> np.ndarray:
    """``scorer(left[k], right[k])`` for every k, in C, as float64 (from float32)."""
    if not len(left):
        return np.zeros(0)
    out = process.cpdist(
        left, right, scorer=scorer, workers=1, dtype=np.float32, score_cutoff=cutoff
    )
    return out.astype(np.float64)


#: Same-language similarity measures, by name (measured in the report; see bench).
SIMILARITIES: dict[str, tuple[Scorer, str]] = {
    "indel": (fuzz.ratio, "chars"),  # normalised Indel similarity on characters
    "word_indel": (Indel.normalized_similarity, "words"),  # ordered word-level Indel
    "word_dice": (Indel.normalized_similarity, "bag"),  # Dice of word multisets
    # Dice of the multisets of character n-grams of the words (see _char_ngrams)
    "char_dice": (Indel.normalized_similarity, "ngrams"),
    "token_set": (fuzz.token_set_ratio, "chars"),
    "partial": (fuzz.partial_ratio, "chars"),
}


#: Length of the character n-grams of the ``char_dice`` measure (each word padded with a
#: space either side; a shorter word is one gram). Text+Berg dev, strict F1 through the
#: europarlfull pivot: 3 .886, 4 .891, 5 .895, 6 .880, 7 .880 (docs/aligner.md).
NGRAM_LENGTH = 5


def _char_ngrams(words: Sequence[Sequence[str]]) -> list[list[str]]:
    """The character n-grams (``NGRAM_LENGTH``) of each unit's words, each word padded
    with a space either side: grams span no word boundary, so word order does not count,
    and a shared stem counts though the endings differ ("himalaya"/"himalayenne")."""
    n = NGRAM_LENGTH
    out = []
    for unit in words:
        grams: list[str] = []
        for word in unit:
            padded = f" {word} "
            if len(padded) <= n:
                grams.append(padded)
            else:
                grams += [padded[k : k + n] for k in range(len(padded) - n + 1)]
        out.append(grams)
    return out


#: Measures whose similarity is at most ``2·min(l1, l2) / (l1 + l2)`` (Indel based).
_LENGTH_BOUNDED = (fuzz.ratio, Indel.normalized_similarity)

#: Longest unit text (characters, or word codes) the similarity compares in full.
SIMILARITY_CAP = 20_000


def _cap(text: str) -> str:
    """``text``, or its first and last ``SIMILARITY_CAP / 2`` characters when longer."""
    if len(text) <= SIMILARITY_CAP:
        return text
    half = SIMILARITY_CAP // 2
    return text[:half] + text[-half:]


@dataclass
class SimilarityCost:
    """``1 - s'`` where ``s'`` rescales a rapidfuzz similarity so random pairs score 0."""

    left: Sequence[str]
    right: Sequence[str]
    measure: str = "indel"
    name: str = "similarity"
    baseline: float = 0.0
    #: the texts' match keys when already computed (see ``anchors.match_keys``); read
    #: while the cost is made, not kept (with their words they are tens of megabytes on
    #: long documents)
    keys: InitVar[tuple[Sequence[str], Sequence[str]] | None] = None
    _left: BlockTexts = field(init=False, repr=False)
    _right: BlockTexts = field(init=False, repr=False)

    def __post_init__(self, keys: tuple[Sequence[str], Sequence[str]] | None) -> None:
        scorer, unit = SIMILARITIES[self.measure]
        self._sorted = unit in ("bag", "ngrams")  # multisets: kept as sorted codes
        self._scorer = scorer
        self._scale = (
            100.0 if scorer in (fuzz.ratio, fuzz.token_set_ratio, fuzz.partial_ratio) else 1.0
        )
        if keys is not None:
            norm_l, norm_r = keys
        else:
            norm_l, norm_r = match_keys(self.left), match_keys(self.right)
        if unit != "chars":
            sort = self._sorted
            words_l, words_r = key_words(norm_l), key_words(norm_r)
            if unit == "ngrams":
                words_l, words_r = _char_ngrams(words_l), _char_ngrams(words_r)
            book = Codebook(words_l + words_r)
            norm_l = [book.encode(words, sort=sort) for words in words_l]
            norm_r = [book.encode(words, sort=sort) for words in words_r]
            joiner = ""
        else:
            joiner = " "
        # Indel is quadratic in the length of what it compares: a giant paragraph is
        # represented by its head and tail (plenty to tell a counterpart from a stranger).
        norm_l = [_cap(t) for t in norm_l]
        norm_r = [_cap(t) for t in norm_r]
        self._left = BlockTexts(norm_l, joiner=joiner, sort=self._sorted)
        self._right = BlockTexts(norm_r, joiner=joiner, sort=self._sorted)
        self.baseline = self._estimate_baseline()
        # similarities below the baseline cost 1 whatever their value (see block)
        self._rows = RowScorer(
            self._left, self._right, self._scorer, cutoff=self.baseline * self._scale
        )

    def _estimate_baseline(self) -> float:
        """Median similarity of unrelated unit pairs: what 'unrelated' looks like here.

        Pairs near the diagonal are left out: in a short document they are mostly the
        true counterparts, and counting them would make a real match look random. When
        too few pairs lie off the diagonal, units of the same document stand in.
        """
        n, m = self._left.n, self._right.n
        if not n or not m:
            return 0.0
        sample = unrelated_pairs(n, m, count=200, seed=0)
        if sample is not None:
            rows, cols = sample[0].tolist(), sample[1].tolist()
            left, right = self._left.units, self._right.units
        else:
            pairs, left, right = same_side_pairs(self._left.units, self._right.units)
            if not pairs:
                return 0.0
            rows, cols = map(list, zip(*pairs, strict=True))
        # in one call, as float64: exactly the values of scoring each pair alone
        raw = process.cpdist(
            [left[i] for i in rows],
            [right[j] for j in cols],
            scorer=self._scorer,
            workers=1,
            dtype=np.float64,
        )
        sims = sorted((raw / self._scale).tolist())
        return min(sims[len(sims) // 2], 0.9)

    def similarity(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Raw similarities in [0, 1] for the row of blocks.

        A block without words (blank lines, punctuation) is like nothing but another
        such block: two of them are identical (1), one against text unrelated (0).
        """
        if not self._left.ending_at(a)[i]:
            return 1.0 - self._right.nonempty(b)[lo:hi]
        return self._rows.row(a, b, i, lo, hi) / self._scale

    def _from_similarity(self, sim: np.ndarray) -> np.ndarray:
        """``1 - s'``: similarities rescaled so the baseline scores 0, clipped to [0, 1]."""
        return 1.0 - np.clip((sim - self.baseline) / (1.0 - self.baseline), 0.0, 1.0)

    def cells(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs ``1 - s'`` of the blocks ending at ``(rows, cols)``, in one call; scores
        under the baseline cost 1 whatever their value, so rapidfuzz may skip them (they
        come back as 0)."""
        sim = _pairwise(
            self._left.array(a)[rows],
            self._right.array(b)[cols],
            self._scorer,
            cutoff=self.baseline * self._scale,
        )
        sim = sim / self._scale
        empty = self._left.nonempty(a)[rows] == 0.0
        sim[empty] = 1.0 - self._right.nonempty(b)[cols[empty]]
        return self._from_similarity(sim)

    def lower(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """A lower bound of :meth:`cells` from the blocks' lengths alone (no comparison).

        An Indel similarity cannot exceed ``2·min(l1, l2) / (l1 + l2)``: the shorter
        string can at best be found whole in the longer one. Other measures get 0.
        """
        if self._scorer not in _LENGTH_BOUNDED:
            return np.zeros(len(rows))
        ll, lr = self._left.lengths(a)[rows], self._right.lengths(b)[cols]
        total = ll + lr
        bound = np.where(total > 0, 2.0 * np.minimum(ll, lr) / np.maximum(total, 1.0), 1.0)
        return self._from_similarity(bound)

    def unit_matrix(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """Raw similarities in [0, 1] between single units ``left[rows]`` x ``right[cols]``."""
        left = [self._left.units[i] for i in rows]
        right = [self._right.units[j] for j in cols]
        mat = process.cdist(left, right, scorer=self._scorer, workers=1, dtype=np.float32)
        return mat.astype(np.float64) / self._scale

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Costs ``1 - s'`` clipped to [0, 1]."""
        return self._from_similarity(self.similarity(a, b, i, lo, hi))


@dataclass
class LengthCost:
    """Gale–Church length cost; ratio and variance estimated from the two documents."""

    left_lengths: Sequence[int]
    right_lengths: Sequence[int]
    name: str = "length"
    ratio: float = 1.0
    variance: float = 6.8

    def __post_init__(self) -> None:
        self._cl = np.concatenate([[0.0], np.cumsum(np.asarray(self.left_lengths, float))])
        self._cr = np.concatenate([[0.0], np.cumsum(np.asarray(self.right_lengths, float))])
        total_l, total_r = self._cl[-1], self._cr[-1]
        self.ratio = float(total_r / total_l) if total_l and total_r else 1.0
        # Gale & Church's variance (6.8) is per character for sentence pairs; scale with
        # the ratio so it stays meaningful for languages of different lengths.
        self.variance = 6.8 * max(self.ratio, 1e-3)

    def estimate_variance(self, pairs: Sequence[tuple[int, int]]) -> None:
        """Re-estimate the variance from confidently aligned 1:1 units (i, j)."""
        if len(pairs) < 10:
            return
        li = np.array([self.left_lengths[i] for i, _ in pairs], float)
        lj = np.array([self.right_lengths[j] for _, j in pairs], float)
        mean = (li + lj / self.ratio) / 2.0
        keep = mean > 0
        if keep.sum() < 10:
            return
        # the same standardisation as _cost, so delta is about unit normal on true pairs
        z = (lj[keep] - self.ratio * li[keep]) ** 2 / (4.0 * mean[keep])
        # a trimmed mean keeps anchors inside 1:2 or 2:1 beads from inflating the variance
        z.sort()
        est = float(z[: max(1, int(len(z) * 0.8))].mean())
        self.variance = min(max(est, 0.5), 200.0)

    def cells(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs of the blocks ending at ``(rows, cols)``, vectorised."""
        ll = self._cl[rows] - self._cl[rows - a]
        lr = self._cr[cols] - self._cr[cols - b]
        return self._cost(ll, lr)

    lower = cells  # exact and cheap: its own lower bound

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """``-log P(|delta|)`` scaled so that |delta| = 2 costs 1."""
        ll = self._cl[i] - self._cl[i - a]
        lr = self._cr[lo:hi] - self._cr[lo - b : hi - b]
        return self._cost(ll, lr)

    def _cost(self, ll: np.ndarray | float, lr: np.ndarray) -> np.ndarray:
        mean = (ll + lr / self.ratio) / 2.0
        delta = (lr - self.ratio * mean) / np.sqrt(np.maximum(mean, 1.0) * self.variance)
        return np.minimum(_neg_log_two_tail(np.abs(delta)) / COST_AT_TWO, 3.0)


def _erfc(x: np.ndarray) -> np.ndarray:
    """Complementary error function for x >= 0 (Abramowitz & Stegun 7.1.26, error < 2e-7)."""
    t = 1.0 / (1.0 + 0.3275911 * x)
    poly = t * (
        0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
    )
    return poly * np.exp(-x * x)


def _neg_log_two_tail(z: np.ndarray) -> np.ndarray:
    """``-log P(|Z| >= z)`` for a standard normal Z."""
    return -np.log(np.maximum(_erfc(z / math.sqrt(2.0)), 1e-12))


#: ``-log P(|delta| >= 2)``: the length cost is divided by it, so that |delta| = 2 costs 1.
COST_AT_TWO = -math.log(math.erfc(2.0 / math.sqrt(2.0)))


@dataclass
class AnchorCost:
    """Mismatch of translation-surviving anchors (numbers, names, URLs, quotes, punctuation).

    With ``confident`` pairs (i, j), kinds of token that rarely agree on them are not
    counted (see :func:`~workbench.align.anchors.unreliable_kinds`): a token that is noise
    for this language pair only makes true pairs look mismatched.
    """

    left: Sequence[str]
    right: Sequence[str]
    name: str = "anchors"
    confident: Sequence[tuple[int, int]] = ()
    #: kinds of token left out, as measured on ``confident``
    dropped: frozenset[str] = field(init=False, default=frozenset())

    def __post_init__(self) -> None:
        tokens_l, tokens_r = (
            list(map(anchor_tokens, self.left)),
            list(map(anchor_tokens, self.right)),
        )
        self.dropped = frozenset(unreliable_kinds(tokens_l, tokens_r, self.confident))
        if self.dropped:
            tokens_l = [[t for t in ts if token_kind(t) not in self.dropped] for ts in tokens_l]
            tokens_r = [[t for t in ts if token_kind(t) not in self.dropped] for ts in tokens_r]
        book = Codebook(tokens_l + tokens_r)
        left = [book.encode(tokens, sort=True) for tokens in tokens_l]
        right = [book.encode(tokens, sort=True) for tokens in tokens_r]
        self._left = BlockTexts(left, joiner="", sort=True)
        self._right = BlockTexts(right, joiner="", sort=True)
        self._rows = RowScorer(self._left, self._right, Indel.normalized_similarity)

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """``1 - Dice`` of the anchor multisets; 0 (no evidence either way) when both are empty."""
        if not self._left.ending_at(a)[i]:
            return self._right.nonempty(b)[lo:hi]
        return 1.0 - self._rows.row(a, b, i, lo, hi)

    def cells(self, a: int, b: int, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``1 - Dice`` for the blocks ending at ``(rows, cols)``, in one call.

        Only blocks with anchors on both sides are compared: most units have none (across
        languages often only numbers are counted), and against nothing the Dice is 0.
        """
        has_right = self._right.nonempty(b)[cols]
        has_left = self._left.nonempty(a)[rows] > 0.0
        out = np.where(has_left, 1.0, has_right)
        both = np.flatnonzero(has_left & (has_right > 0.0))
        out[both] = 1.0 - _pairwise(
            self._left.array(a)[rows[both]],
            self._right.array(b)[cols[both]],
            Indel.normalized_similarity,
        )
        return out

    lower = cells  # exact and cheap: its own lower bound
