"""Bead costs: interchangeable components combined into one weighted cost model.

Every component scores a *block* bead (original units ``i-a..i-1`` against translation
units ``j-b..j-1``) for a whole row of candidate ``j`` at once, so the dynamic programme
only pays for the cells inside its band. Costs are dimensionless, roughly in [0, 1] for
one unit, and the skip penalty is calibrated on the documents themselves (see
:func:`build_cost_model`).
"""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel

#: Bead shapes (original units, translation units) the aligner considers.
PARAGRAPH_SHAPES: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1))
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
)

_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"\d+(?:[.,'’ ]\d+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”«»„‘’]\s*([^\"“”«»„]{2,80}?)\s*[\"“”«»‘’]")
_CAPITALISED = re.compile(r"(?<![\w.!?]\s)(?<!^)\b[A-Z][\w'’-]{2,}")
_PUNCT_PROFILE = {"?": "<q>", "!": "<x>", ":": "<c>", ";": "<s>", "(": "<p>", "%": "<%>"}


def normalise(text: str) -> str:
    """Lower-case, accent-free, punctuation-free text with single spaces (for similarity)."""
    folded = text.casefold()
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(folded))


class _Codebook:
    """Maps tokens to single private characters, so token sequences become short strings.

    Indel similarity on such strings is a word-level measure computed in C: on sorted
    sequences it is exactly the Dice coefficient of the two token multisets.
    """

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def encode(self, tokens: Sequence[str], *, sort: bool) -> str:
        """The tokens as a string of one character each."""
        codes = self._codes
        out = []
        for tok in tokens:
            ch = codes.get(tok)
            if ch is None:
                ch = chr(0xF0000 + len(codes)) if len(codes) < 0xFFFD else chr(0x10FFFD)
                codes[tok] = ch
            out.append(ch)
        if sort:
            out.sort()
        return "".join(out)


def anchor_tokens(text: str) -> list[str]:
    """Tokens likely to survive translation: numbers, URLs, quoted titles, names, punctuation."""
    tokens: list[str] = []
    for m in _URL.finditer(text):
        tokens.append("url:" + m.group(0).lower().rstrip(".,;)"))
    no_urls = _URL.sub(" ", text)
    for m in _NUMBER.finditer(no_urls):
        digits = re.sub(r"\D", "", m.group(0))
        # a lone "1" or "2" is often a list marker or a word ("one"), not an anchor
        if len(digits) >= 2 or m.group(0) in no_urls.split():
            tokens.append("#" + digits.lstrip("0")[:8] or "#0")
    for m in _QUOTED.finditer(no_urls):
        tokens.append("q:" + normalise(m.group(1))[:20])
    for m in _CAPITALISED.finditer(no_urls):
        word = normalise(m.group(0))
        if word:
            tokens.append("n:" + word[:6])  # a prefix tolerates inflection and transliteration
    for ch, tok in _PUNCT_PROFILE.items():
        tokens.extend([tok] * min(no_urls.count(ch), 3))
    return tokens


class BlockTexts:
    """Per-unit strings and their concatenations for blocks of up to ``max_size`` units."""

    def __init__(
        self, units: Sequence[str], *, max_size: int, joiner: str = " ", sort: bool = False
    ) -> None:
        self.units = list(units)
        self._sort = sort  # keep concatenations sorted (bag-of-tokens strings)
        self.n = len(self.units)
        self._joiner = joiner
        self._by_size: dict[int, list[str]] = {}
        self._masks: dict[int, np.ndarray] = {}
        self.max_size = max_size

    def nonempty(self, size: int) -> np.ndarray:
        """1.0 where the block ``[j-size, j)`` has text, else 0.0, indexed by ``j``."""
        key = -size
        cached = self._masks.get(key)
        if cached is None:
            cached = np.array([1.0 if c else 0.0 for c in self.ending_at(size)])
            self._masks[key] = cached
        return cached

    def ending_at(self, size: int) -> list[str]:
        """Strings of the blocks ``[j-size, j)`` indexed by ``j`` (``""`` where ``j < size``)."""
        cached = self._by_size.get(size)
        if cached is None:
            u, jn = self.units, self._joiner
            cached = [""] * size + [
                jn.join(x for x in u[j - size : j] if x) for j in range(size, self.n + 1)
            ]
            if self._sort and size > 1:
                cached = ["".join(sorted(c)) for c in cached]
            self._by_size[size] = cached
        return cached


class Cost(Protocol):
    """A bead cost component: costs in about [0, 1] for a row of candidate beads."""

    name: str

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Costs of beads ``orig[i-a:i] ~ trans[j-b:j]`` for ``j`` in ``[lo, hi)`` (lo >= b)."""
        ...

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs of the 1:1 beads ``orig[rows[k]] ~ trans[cols[k]]`` (0-based units)."""
        ...


Scorer = Callable[..., float]

#: Up to this many cells, a shape's costs are computed as one full matrix (one C call)
#: instead of row by row: cheaper for short documents and paragraph windows.
FULL_MATRIX_CELLS = 400


class _RowScorer:
    """Similarity rows ``scorer(left block ending at i, right blocks ending at lo..hi)``."""

    def __init__(
        self, left: BlockTexts, right: BlockTexts, scorer: Scorer, *, cutoff: float = 0.0
    ) -> None:
        self.left, self.right, self.scorer = left, right, scorer
        # scores under the cutoff come back as 0: exact for costs that clip there anyway,
        # and it lets rapidfuzz skip hopeless pairs early
        self.cutoff = cutoff
        self.full = (left.n + 1) * (right.n + 1) <= FULL_MATRIX_CELLS
        self._matrices: dict[tuple[int, int], np.ndarray] = {}

    def row(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Raw scores (the scorer's scale) as float64."""
        if self.full:
            mat = self._matrices.get((a, b))
            if mat is None:
                mat = process.cdist(
                    self.left.ending_at(a),
                    self.right.ending_at(b),
                    scorer=self.scorer,
                    workers=1,
                    dtype=np.float32,
                    score_cutoff=self.cutoff,
                )
                mat = mat.astype(np.float64)
                self._matrices[(a, b)] = mat
            return mat[i, lo:hi]
        query = self.left.ending_at(a)[i]
        choices = self.right.ending_at(b)[lo:hi]
        row = process.cdist(
            [query],
            choices,
            scorer=self.scorer,
            workers=1,
            dtype=np.float32,
            score_cutoff=self.cutoff,
        )
        return row[0].astype(np.float64)


#: Same-language similarity measures, by name (measured in the report; see bench).
SIMILARITIES: dict[str, tuple[Scorer, str]] = {
    "indel": (fuzz.ratio, "chars"),  # normalised Indel similarity on characters
    "word_indel": (Indel.normalized_similarity, "words"),  # ordered word-level Indel
    "word_dice": (Indel.normalized_similarity, "bag"),  # Dice of word multisets
    "token_set": (fuzz.token_set_ratio, "chars"),
    "partial": (fuzz.partial_ratio, "chars"),
}


#: Longest unit text (characters, or word codes) the similarity compares in full.
SIMILARITY_CAP = 20_000


def _cap(text: str) -> str:
    """``text``, or its first and last ``SIMILARITY_CAP / 2`` characters when longer."""
    if len(text) <= SIMILARITY_CAP:
        return text
    half = SIMILARITY_CAP // 2
    return text[:half] + text[-half:]


#: Fewest off-diagonal pairs that make a sample of "unrelated" pairs worth taking.
MIN_UNRELATED_PAIRS = 12


def unrelated_pairs(n: int, m: int, *, count: int, seed: int) -> list[tuple[int, int]] | None:
    """Random (i, j) pairs away from the diagonal, where true counterparts are unlikely.

    None when the documents are too short to have enough such pairs.
    """
    width = max(2.0, 0.1 * max(n, m))
    far = n * max(0.0, m - (2 * width + 1))  # about how many pairs lie off the band
    if far < MIN_UNRELATED_PAIRS:
        return None
    rng = random.Random(seed)
    pairs: list[tuple[int, int]] = []
    for _ in range(count * 20):
        i, j = rng.randrange(n), rng.randrange(m)
        if abs(i * m / n - j) > width:
            pairs.append((i, j))
            if len(pairs) == count:
                break
    return pairs if len(pairs) >= MIN_UNRELATED_PAIRS else None


def _same_side_pairs(
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


@dataclass
class SimilarityCost:
    """``1 - s'`` where ``s'`` rescales a rapidfuzz similarity so random pairs score 0."""

    left: Sequence[str]
    right: Sequence[str]
    measure: str = "indel"
    name: str = "similarity"
    baseline: float = 0.0
    _left: BlockTexts = field(init=False, repr=False)
    _right: BlockTexts = field(init=False, repr=False)

    def __post_init__(self) -> None:
        scorer, unit = SIMILARITIES[self.measure]
        self._sorted = unit == "bag"
        self._scorer = scorer
        self._scale = (
            100.0 if scorer in (fuzz.ratio, fuzz.token_set_ratio, fuzz.partial_ratio) else 1.0
        )
        norm_l = [normalise(t) for t in self.left]
        norm_r = [normalise(t) for t in self.right]
        if unit != "chars":
            book = _Codebook()
            sort = unit == "bag"
            norm_l = [book.encode(t.split(), sort=sort) for t in norm_l]
            norm_r = [book.encode(t.split(), sort=sort) for t in norm_r]
            joiner = ""
        else:
            joiner = " "
        # Indel is quadratic in the length of what it compares: a giant paragraph is
        # represented by its head and tail (plenty to tell a counterpart from a stranger).
        norm_l = [_cap(t) for t in norm_l]
        norm_r = [_cap(t) for t in norm_r]
        self._left = BlockTexts(norm_l, max_size=4, joiner=joiner, sort=self._sorted)
        self._right = BlockTexts(norm_r, max_size=4, joiner=joiner, sort=self._sorted)
        self.baseline = self._estimate_baseline()
        # similarities below the baseline cost 1 whatever their value (see block)
        self._rows = _RowScorer(
            self._left, self._right, self._scorer, cutoff=self.baseline * self._scale
        )

    def _pair(self, x: str, y: str) -> float:
        return self._scorer(x, y) / self._scale

    def _estimate_baseline(self) -> float:
        """Median similarity of unrelated unit pairs: what 'unrelated' looks like here.

        Pairs near the diagonal are left out: in a short document they are mostly the
        true counterparts, and counting them would make a real match look random. When
        too few pairs lie off the diagonal, units of the same document stand in.
        """
        n, m = self._left.n, self._right.n
        if not n or not m:
            return 0.0
        pairs = unrelated_pairs(n, m, count=200, seed=0)
        if pairs is not None:
            left, right = self._left.units, self._right.units
        else:
            pairs, left, right = _same_side_pairs(self._left.units, self._right.units)
        if not pairs:
            return 0.0
        sims = sorted(self._pair(left[i], right[j]) for i, j in pairs)
        return min(sims[len(sims) // 2], 0.9)

    def similarity(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Raw similarities in [0, 1] for the row of blocks."""
        if not self._left.ending_at(a)[i]:
            return np.zeros(hi - lo)
        return self._rows.row(a, b, i, lo, hi) / self._scale

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs of the 1:1 beads ``left[rows[k]] ~ right[cols[k]]`` (0-based units)."""
        left = [self._left.units[i] for i in rows]
        right = [self._right.units[j] for j in cols]
        sim = process.cpdist(left, right, scorer=self._scorer, workers=1, dtype=np.float32)
        sim = sim.astype(np.float64) / self._scale
        sim[[not x for x in left]] = 0.0
        return 1.0 - np.clip((sim - self.baseline) / (1.0 - self.baseline), 0.0, 1.0)

    def unit_matrix(self, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
        """Raw similarities in [0, 1] between single units ``left[rows]`` x ``right[cols]``."""
        left = [self._left.units[i] for i in rows]
        right = [self._right.units[j] for j in cols]
        mat = process.cdist(left, right, scorer=self._scorer, workers=1, dtype=np.float32)
        return mat.astype(np.float64) / self._scale

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """Costs ``1 - s'`` clipped to [0, 1]."""
        sim = self.similarity(a, b, i, lo, hi)
        rescaled = (sim - self.baseline) / (1.0 - self.baseline)
        return 1.0 - np.clip(rescaled, 0.0, 1.0)


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

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs of the 1:1 beads ``rows[k] ~ cols[k]`` (0-based units)."""
        ll = np.diff(self._cl)[rows]
        lr = np.diff(self._cr)[cols]
        return self._cost(ll, lr)

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """``-log P(|delta|)`` scaled so that |delta| = 2 costs 1."""
        ll = self._cl[i] - self._cl[i - a]
        lr = self._cr[lo:hi] - self._cr[lo - b : hi - b]
        return self._cost(ll, lr)

    def _cost(self, ll: np.ndarray | float, lr: np.ndarray) -> np.ndarray:
        mean = (ll + lr / self.ratio) / 2.0
        delta = (lr - self.ratio * mean) / np.sqrt(np.maximum(mean, 1.0) * self.variance)
        return np.minimum(_neg_log_two_tail(np.abs(delta)) / _COST_AT_TWO, 3.0)


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


_COST_AT_TWO = -math.log(math.erfc(2.0 / math.sqrt(2.0)))


@dataclass
class AnchorCost:
    """Mismatch of translation-surviving anchors (numbers, names, URLs, quotes, punctuation)."""

    left: Sequence[str]
    right: Sequence[str]
    name: str = "anchors"

    def __post_init__(self) -> None:
        book = _Codebook()
        left = [book.encode(anchor_tokens(t), sort=True) for t in self.left]
        right = [book.encode(anchor_tokens(t), sort=True) for t in self.right]
        self._left = BlockTexts(left, max_size=4, joiner="", sort=True)
        self._right = BlockTexts(right, max_size=4, joiner="", sort=True)
        self._rows = _RowScorer(self._left, self._right, Indel.normalized_similarity)
        self.coverage = sum(1 for u in self._left.units if u) / max(1, self._left.n)

    def block(self, a: int, b: int, i: int, lo: int, hi: int) -> np.ndarray:
        """``1 - Dice`` of the anchor multisets; 0 (no evidence either way) when both are empty."""
        if not self._left.ending_at(a)[i]:
            return self._right.nonempty(b)[lo:hi]
        return 1.0 - self._rows.row(a, b, i, lo, hi)

    def pairs(self, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """Costs of the 1:1 beads ``left[rows[k]] ~ right[cols[k]]`` (0-based units)."""
        left = [self._left.units[i] for i in rows]
        right = [self._right.units[j] for j in cols]
        dice = process.cpdist(
            left, right, scorer=Indel.normalized_similarity, workers=1, dtype=np.float32
        ).astype(np.float64)
        both_empty = np.array([not x and not y for x, y in zip(left, right, strict=True)])
        return np.where(both_empty, 0.0, 1.0 - dice)


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


def anchor_chain(left: Sequence[str], right: Sequence[str]) -> list[tuple[int, int]]:
    """Confident 1:1 anchors: units sharing a word that occurs once in each document.

    Such hapax words (names, numbers, rare terms) pin a unit to its counterpart; the
    longest chain of them in document order on both sides drops the coincidences.
    Returns (i, j) pairs, increasing in both.
    """

    def hapax(texts: Sequence[str]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for k, text in enumerate(texts):
            for w in set(normalise(text).split()):
                if len(w) >= 4 or (w.isdigit() and len(w) >= 2):
                    seen[w] = -1 if w in seen else k
        return {w: k for w, k in seen.items() if k >= 0}

    hl, hr = hapax(left), hapax(right)
    points = sorted({(i, hr[w]) for w, i in hl.items() if w in hr})
    return _longest_chain(points)


def _longest_chain(points: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest subsequence strictly increasing in both coordinates (patience sorting)."""
    import bisect

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
