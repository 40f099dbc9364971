"""Does the aligner's one fitted constant set generalise?  Leave-one-out on Text+Berg dev.

The development set is one document, so "leave one document out" is done two ways:

* **leave one part out**: the gold is cut into ``PARTS`` contiguous parts (at bead
  boundaries, equal numbers of beads). For each part, the constants are chosen on the
  other parts (the grid below, best strict F1 there) and the part is scored with the
  beads aligned under them; the parts' counts are pooled (micro average, as score.py).
* **leave one pivot out**: the constants are chosen on the other conditions (the other
  machine translations given as pivot, and no pivot) and scored on the one left out.

The whole document is aligned for every grid point; a bead belongs to the part of its
first source sentence (its first target sentence if it has none).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.align.core import DEFAULT_WEIGHTS, align_units_detailed
from workbench.align.costs import SENTENCE_SHAPES
from workbench.align.evaluate import Pair, beads_as_pairs, read_alignment, score
from workbench.model import Level

#: Pivots of the dev set (machine translations of source.de into French), and no pivot.
CONDITIONS: tuple[str | None, ...] = (
    "mt-europarlfull.fr",
    "mt-google.fr",
    "mt-SACunidir.fr",
    "mt-europarllight.fr",
    None,
)
#: The bead shapes the selection may choose from: the shipped ones, and those of
#: stop 32 and before (up to 1:4/4:1 and 2:3/3:2), which lack 3:3 and 1:5/5:1.
SHIPPED_SHAPES = "1:5+3:3"
SHAPE_SETS: dict[str, tuple[tuple[int, int], ...]] = {
    SHIPPED_SHAPES: SENTENCE_SHAPES,
    "1:4+2:3": ((1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1)),
}
#: The constants the selection may choose: the merge prior, the length weight and the
#: bead shapes.
GRID: dict[str, tuple[float | str, ...]] = {
    "merge": (0.15, 0.2, 0.25, 0.3, 0.35),
    "length": (0.3, 0.5, 0.7),
    "shapes": tuple(SHAPE_SETS),
}
PARTS = 5

Weights = tuple[tuple[str, float | str], ...]


@dataclass(frozen=True)
class Runs:
    """Every condition aligned under every grid point: hypothesis beads by (condition, weights)."""

    gold: list[Pair]
    hyps: dict[tuple[str | None, Weights], list[Pair]]


def grid_points() -> list[Weights]:
    """Every combination of the grid's values, as sorted (name, value) tuples."""
    names = sorted(GRID)
    return [
        tuple(zip(names, values, strict=True))
        for values in itertools.product(*(GRID[n] for n in names))
    ]


def default_point() -> Weights:
    """The shipped constants, as a grid point."""
    shipped: dict[str, float | str] = {**DEFAULT_WEIGHTS, "shapes": SHIPPED_SHAPES}
    return tuple((name, shipped[name]) for name in sorted(GRID))


def _options(point: Weights) -> dict:
    """The aligner's keyword arguments for a grid point."""
    chosen = dict(point)
    shapes = SHAPE_SETS[str(chosen.pop("shapes"))]
    return {"weights": chosen, "shapes": shapes}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def run_grid(data: Path, *, conditions: Sequence[str | None] = CONDITIONS) -> Runs:
    """Align the dev set for every condition and grid point (the slow part, ~2 min)."""
    src, tgt = _lines(data / "source.de"), _lines(data / "target.fr")
    gold = read_alignment(data / "gold.txt")[0]
    points = grid_points()
    if default_point() not in points:
        points.append(default_point())
    hyps = {}
    for condition in conditions:
        pivot = _lines(data / condition) if condition else None
        for point in points:
            result = align_units_detailed(
                src,
                tgt,
                pivot_texts=pivot,
                level=Level.SENTENCE,
                detect_moves=True,
                **_options(point),
            )
            hyps[(condition, point)] = beads_as_pairs(result.beads)
    return Runs(list(gold), hyps)


def _part_starts(gold: Sequence[Pair], parts: int) -> tuple[list[int], list[int]]:
    """First source and target index of each part (parts of equal gold bead counts)."""
    starts_s, starts_t = [], []
    for k in range(parts):
        rest = gold[round(k * len(gold) / parts) :]
        starts_s.append(0 if k == 0 else min(i for src, _ in rest for i in src))
        starts_t.append(0 if k == 0 else min(j for _, tgt in rest for j in tgt))
    return starts_s, starts_t


def split_parts(beads: Sequence[Pair], starts: tuple[list[int], list[int]]) -> list[list[Pair]]:
    """``beads`` grouped by part (the part of the first source, else target, index)."""
    out: list[list[Pair]] = [[] for _ in starts[0]]
    for src, tgt in beads:
        if src:
            k = bisect.bisect_right(starts[0], src[0]) - 1
        else:
            k = bisect.bisect_right(starts[1], tgt[0]) - 1
        out[k].append((src, tgt))
    return out


def leave_one_part_out(runs: Runs, condition: str | None, *, parts: int = PARTS) -> dict:
    """Pooled strict/lax F1 with constants chosen on the other parts, and per-part figures."""
    starts = _part_starts(runs.gold, parts)
    gold_parts = split_parts(runs.gold, starts)
    points = [p for c, p in runs.hyps if c == condition]
    split = {p: split_parts(runs.hyps[(condition, p)], starts) for p in points}
    chosen_parts, rows = [], []
    for k in range(parts):
        others = [i for i in range(parts) if i != k]

        def train_f1(point: Weights, others: list[int] = others) -> float:
            return score(
                [gold_parts[i] for i in others], [split[point][i] for i in others]
            ).f1_strict

        best = max(points, key=lambda p: (train_f1(p), p == default_point()))
        chosen_parts.append(split[best][k])
        held_out = score([gold_parts[k]], [split[best][k]])
        rows.append({"part": k + 1, "chosen": dict(best), "f1_strict": held_out.f1_strict})
    pooled = score(gold_parts, chosen_parts)
    whole = score([runs.gold], [runs.hyps[(condition, default_point())]])
    return {
        "condition": condition or "-",
        "f1_strict": pooled.f1_strict,
        "f1_lax": pooled.f1_lax,
        "default_f1_strict": whole.f1_strict,
        "parts": rows,
    }


def leave_one_pivot_out(runs: Runs) -> list[dict]:
    """For each condition: strict F1 with the constants best on the other conditions."""
    conditions = sorted({c for c, _ in runs.hyps}, key=lambda c: CONDITIONS.index(c))
    points = sorted({p for _, p in runs.hyps})

    def f1(condition: str | None, point: Weights) -> float:
        return score([runs.gold], [runs.hyps[(condition, point)]]).f1_strict

    rows = []
    for held in conditions:
        others = [c for c in conditions if c != held]
        best = max(points, key=lambda p: (sum(f1(c, p) for c in others), p == default_point()))
        rows.append(
            {
                "condition": held or "-",
                "chosen": dict(best),
                "f1_strict": f1(held, best),
                "default_f1_strict": f1(held, default_point()),
                "best_f1_strict": max(f1(held, p) for p in points),
            }
        )
    return rows


def _label(chosen: dict) -> str:
    """A chosen grid point as merge/length/shapes."""
    return f"{chosen['merge']:g}/{chosen['length']:g}/{chosen['shapes']}"


def print_generalisation(report: dict) -> None:
    """The leave-one-out tables."""
    print("\nGeneralisation (Text+Berg dev is one document; see workbench/bench/generalisation.py)")
    for row in report["parts"]:
        chosen = " ".join(f"{p['part']}:{_label(p['chosen'])}" for p in row["parts"])
        print(
            f"leave one part out, pivot {row['condition']:20} strict F1 {row['f1_strict']:.4f} "
            f"(lax {row['f1_lax']:.4f}); shipped constants on the whole document "
            f"{row['default_f1_strict']:.4f}; chosen merge/length/shapes per part {chosen}"
        )
    print(
        f"{'leave one pivot out':20} {'chosen merge/length/shapes':>26} {'F1 strict':>9} "
        f"{'shipped':>8} {'best on it':>10}"
    )
    for row in report["pivots"]:
        chosen = _label(row["chosen"])
        print(
            f"{row['condition']:20} {chosen:>26} {row['f1_strict']:9.4f} "
            f"{row['default_f1_strict']:8.4f} {row['best_f1_strict']:10.4f}"
        )


def generalisation(data: Path) -> dict:
    """Both leave-one-out evaluations (aligns the dev set 5 conditions x 30 grid points)."""
    runs = run_grid(data)
    return {
        "parts": [leave_one_part_out(runs, c) for c in ("mt-europarlfull.fr", None)],
        "pivots": leave_one_pivot_out(runs),
    }
