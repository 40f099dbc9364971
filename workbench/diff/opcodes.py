"""difflib-style opcodes between two token sequences, fast enough for book-long pairs.

Small pairs go to ``SequenceMatcher(autojunk=False)`` whole; longer ones are cut at solid
anchors first (equal runs found by rapidfuzz's C++ Indel diff, or n-grams that occur
once in each text), so no single SequenceMatcher call is quadratic in the text. The
SequenceMatcher is CyDifflib's: difflib's algorithm compiled, with difflib's results
(``tests/test_difflib_equivalence.py``) at a quarter of its time.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

from cydifflib import SequenceMatcher
from rapidfuzz.distance import Indel

from workbench.diff.tokens import Token, token_norms
from workbench.sequences import longest_chain

#: Pairs up to this many cells (tokens x tokens) are diffed by difflib in one go.
DIFFLIB_MAX_CELLS = 250_000
#: Longer pairs are cut at equal runs of at least this many tokens (see token_opcodes).
ANCHOR_MIN_RUN = 4
#: Above this many cells even rapidfuzz's bit-parallel diff is slow (quadratic: seconds
#: for a book-long pair); such pairs are first cut at runs of ``UNIQUE_GRAM`` tokens
#: that occur once in each text, as patience diff does.
UNIQUE_ANCHOR_CELLS = 400_000_000
UNIQUE_GRAM = 5

Opcode = tuple[str, int, int, int, int]


def token_opcodes(a: Sequence[Token], b: Sequence[Token]) -> list[Opcode]:
    """difflib-style opcodes between two token sequences compared on ``norm``.

    Up to ``DIFFLIB_MAX_CELLS`` (tokens x tokens) this is plain ``SequenceMatcher``.
    Longer pairs are first cut at solid anchors — equal runs of at least
    ``ANCHOR_MIN_RUN`` tokens in rapidfuzz's (C++) ``Indel.opcodes`` — and
    ``SequenceMatcher`` runs between anchors only, which keeps its readable choices
    at a fraction of the cost. Beyond ``UNIQUE_ANCHOR_CELLS``, runs that occur once
    in each text cut the pair first, so no single diff is quadratic in the whole text.
    """
    norms_a, norms_b = token_norms(a), token_norms(b)
    if len(norms_a) * len(norms_b) <= DIFFLIB_MAX_CELLS:
        # SequenceMatcher only tests its items for equality (through a dict), so the norms
        # themselves give the opcodes their int codes give, without the table: 70
        # against 92 µs for a pair of 50-word paragraphs
        return SequenceMatcher(None, norms_a, norms_b, autojunk=False).get_opcodes()
    # map norms to small ints (numbered in order of first occurrence) for the anchors of
    # long pairs: rapidfuzz's diff hashes them faster than strings
    vocab = {norm: k for k, norm in enumerate(dict.fromkeys(chain(norms_a, norms_b)))}
    return _int_opcodes(
        list(map(vocab.__getitem__, norms_a)), list(map(vocab.__getitem__, norms_b))
    )


def _coalesce(ops: list[Opcode]) -> list[Opcode]:
    """Merge neighbouring opcodes of the same tag (an anchor next to a sub-diff's run)."""
    merged: list[Opcode] = []
    for op in ops:
        if merged and merged[-1][0] == op[0]:
            prev = merged[-1]
            merged[-1] = (op[0], prev[1], op[2], prev[3], op[4])
        else:
            merged.append(op)
    return merged


def _shifted(ops: list[Opcode], da: int, db: int) -> list[Opcode]:
    return [(tag, da + i1, da + i2, db + j1, db + j2) for tag, i1, i2, j1, j2 in ops]


def _unique_runs(ia: list[int], ib: list[int]) -> list[tuple[int, int, int]]:
    """(i, j, n) runs ``ia[i:i+n] == ib[j:j+n]`` built from n-grams found once in each
    sequence, in order on both sides (the longest such chain), not overlapping."""
    k = UNIQUE_GRAM

    def once(seq: list[int]) -> dict[tuple[int, ...], int]:
        first: dict[tuple[int, ...], int] = {}
        repeated: set[tuple[int, ...]] = set()
        for i in range(len(seq) - k + 1):
            gram = tuple(seq[i : i + k])
            if gram in first:
                repeated.add(gram)
            else:
                first[gram] = i
        return {g: i for g, i in first.items() if g not in repeated}

    in_a, in_b = once(ia), once(ib)
    chain = longest_chain([(i, in_b[g]) for g, i in in_a.items() if g in in_b])
    runs: list[tuple[int, int, int]] = []
    for i, j in chain:
        if runs:
            ri, rj, rn = runs[-1]
            if i - ri == j - rj and i <= ri + rn:  # same diagonal: extend the run
                runs[-1] = (ri, rj, max(rn, i + k - ri))
                continue
            if i < ri + rn or j < rj + rn:  # overlaps the run on another diagonal
                continue
        runs.append((i, j, k))
    return runs


def _int_opcodes(ia: list[int], ib: list[int]) -> list[Opcode]:
    if len(ia) * len(ib) <= DIFFLIB_MAX_CELLS:
        return SequenceMatcher(None, ia, ib, autojunk=False).get_opcodes()
    if len(ia) * len(ib) > UNIQUE_ANCHOR_CELLS:
        runs = _unique_runs(ia, ib)
        if runs:
            out: list[Opcode] = []
            pa = pb = 0
            for i, j, n in runs:
                out.extend(_shifted(_int_opcodes(ia[pa:i], ib[pb:j]), pa, pb))
                out.append(("equal", i, i + n, j, j + n))
                pa, pb = i + n, j + n
            out.extend(_shifted(_int_opcodes(ia[pa:], ib[pb:]), pa, pb))
            return _coalesce(out)
    out = []
    pa = pb = 0

    def between(end_a: int, end_b: int) -> None:
        if end_a > pa or end_b > pb:
            sub = SequenceMatcher(None, ia[pa:end_a], ib[pb:end_b], autojunk=False)
            out.extend(_shifted(sub.get_opcodes(), pa, pb))

    for op in Indel.opcodes(ia, ib):
        if op.tag == "equal" and op.src_end - op.src_start >= ANCHOR_MIN_RUN:
            between(op.src_start, op.dest_start)
            out.append(("equal", op.src_start, op.src_end, op.dest_start, op.dest_end))
            pa, pb = op.src_end, op.dest_end
    between(len(ia), len(ib))
    return _coalesce(out)
