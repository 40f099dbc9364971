"""Gold alignments: read/write the ``[0, 1]:[2]`` format and score strict/lax P/R/F1.

The metric reproduces ``shared/bench/score.py`` (Bleualign's evaluation, Sennrich &
Volk 2010/2011), which stays the referee: precision over hypothesis beads, recall
over gold beads with both sides non-empty, a lax hit sharing at least one source and
one target unit with some bead of the other side, counts summed over documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import AlignmentFileError
from workbench.model import Bead

EOA = ".EOA"
_BEAD_LINE = re.compile(r"^\[([0-9,\s]*)\]\s*:\s*\[([0-9,\s]*)\](?:\s*:\s*\S+)?$")

Pair = tuple[tuple[int, ...], tuple[int, ...]]


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1, with the raw counts."""

    precision_strict: float
    recall_strict: float
    f1_strict: float
    precision_lax: float
    recall_lax: float
    f1_lax: float
    counts: tuple[tuple[str, int], ...] = ()

    def as_dict(self) -> dict[str, float]:
        """The six figures by name (the keys ``score.py --json`` uses)."""
        return {
            "precision_strict": self.precision_strict,
            "recall_strict": self.recall_strict,
            "f1_strict": self.f1_strict,
            "precision_lax": self.precision_lax,
            "recall_lax": self.recall_lax,
            "f1_lax": self.f1_lax,
        }


def _indices(text: str) -> tuple[int, ...]:
    text = text.strip()
    return tuple(int(x) for x in text.split(",")) if text else ()


def parse_alignment(text: str, *, source: str = "alignment") -> list[list[Pair]]:
    """Documents of (source indices, target indices) pairs from gold-format text."""
    docs: list[list[Pair]] = [[]]
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line == EOA:
            docs.append([])
            continue
        m = _BEAD_LINE.match(line)
        if not m:
            raise AlignmentFileError(
                f"{source}, line {lineno}: cannot read bead {line!r}; expected e.g. “[0, 1]:[2]”."
            )
        try:
            docs[-1].append((_indices(m.group(1)), _indices(m.group(2))))
        except ValueError:
            raise AlignmentFileError(
                f"{source}, line {lineno}: bad index list in {line!r}."
            ) from None
    return docs


def read_alignment(path: str | Path) -> list[list[Pair]]:
    """Documents of bead pairs from a gold-format file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise AlignmentFileError(f"Cannot read alignment file “{p}”: {exc.strerror}.") from exc
    return parse_alignment(text, source=str(p))


def format_bead(original: Sequence[int], translation: Sequence[int]) -> str:
    """One bead in gold format with spaces, e.g. ``[0, 1]:[2]``."""
    return f"[{', '.join(map(str, original))}]:[{', '.join(map(str, translation))}]"


def format_alignment(docs: Iterable[Iterable[Bead | Pair]]) -> str:
    """Gold-format text: one bead per line, documents separated by ``.EOA`` lines."""
    out: list[str] = []
    for k, doc in enumerate(docs):
        if k:
            out.append(EOA)
        for bead in doc:
            src, tgt = (bead.original, bead.translation) if isinstance(bead, Bead) else bead
            out.append(format_bead(sorted(src), sorted(tgt)))
    return "\n".join(out) + ("\n" if out else "")


def _overlap_index(beads: Sequence[Pair]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    by_src: dict[int, set[int]] = {}
    by_tgt: dict[int, set[int]] = {}
    for n, (src, tgt) in enumerate(beads):
        for i in src:
            by_src.setdefault(i, set()).add(n)
        for j in tgt:
            by_tgt.setdefault(j, set()).add(n)
    return by_src, by_tgt


def _overlaps(bead: Pair, index: tuple[dict[int, set[int]], dict[int, set[int]]]) -> bool:
    by_src, by_tgt = index
    hits: set[int] = set()
    for i in bead[0]:
        hits |= by_src.get(i, set())
    return bool(hits) and any(hits & by_tgt.get(j, set()) for j in bead[1])


def _counts(gold: Sequence[Pair], hyp: Sequence[Pair]) -> tuple[list[int], list[int]]:
    gold_set, gold_index = set(gold), _overlap_index(gold)
    prec = [0, 0, 0, 0]  # tp strict, fp strict, tp lax, fp lax
    for bead in hyp:
        if bead == ((), ()):
            continue
        if bead in gold_set:
            prec[0] += 1
            prec[2] += 1
        elif _overlaps(bead, gold_index):
            prec[1] += 1
            prec[2] += 1
        else:
            prec[1] += 1
            prec[3] += 1
    hyp_set, hyp_index = set(hyp), _overlap_index(hyp)
    rec = [0, 0, 0, 0]  # tp strict, fn strict, tp lax, fn lax
    for bead in gold:
        if not bead[0] or not bead[1]:
            continue
        if bead in hyp_set:
            rec[0] += 1
            rec[2] += 1
        elif _overlaps(bead, hyp_index):
            rec[1] += 1
            rec[2] += 1
        else:
            rec[1] += 1
            rec[3] += 1
    return prec, rec


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score(gold_docs: Sequence[Sequence[Pair]], hyp_docs: Sequence[Sequence[Pair]]) -> Scores:
    """Strict/lax P/R/F1 of hypothesis documents against gold documents (micro average)."""
    if len(gold_docs) != len(hyp_docs):
        raise AlignmentFileError(
            f"The gold has {len(gold_docs)} document(s) but the hypothesis has "
            f"{len(hyp_docs)} (documents are separated by “{EOA}” lines)."
        )
    prec, rec = [0] * 4, [0] * 4
    for gold, hyp in zip(gold_docs, hyp_docs, strict=True):
        p, r = _counts(list(gold), list(hyp))
        prec = [x + y for x, y in zip(prec, p, strict=True)]
        rec = [x + y for x, y in zip(rec, r, strict=True)]
    ps, pl = _ratio(prec[0], prec[0] + prec[1]), _ratio(prec[2], prec[2] + prec[3])
    rs, rl = _ratio(rec[0], rec[0] + rec[1]), _ratio(rec[2], rec[2] + rec[3])
    names = (
        "tp_strict",
        "fp_strict",
        "tp_lax",
        "fp_lax",
        "rtp_strict",
        "fn_strict",
        "rtp_lax",
        "fn_lax",
    )
    return Scores(
        ps, rs, _f1(ps, rs), pl, rl, _f1(pl, rl), tuple(zip(names, prec + rec, strict=True))
    )


def beads_as_pairs(beads: Iterable[Bead]) -> list[Pair]:
    """Beads as sorted (source, target) index tuples, as the gold format writes them."""
    return [(tuple(sorted(b.original)), tuple(sorted(b.translation))) for b in beads]
