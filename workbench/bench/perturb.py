"""Perturbed copies of a document with their known gold alignment (tests and benchmark).

Operations on a list of paragraphs: merge two neighbours, split one at a sentence
boundary, delete one, insert a foreign paragraph, swap two distant ones (a move), and
light word edits everywhere. Each perturbed copy comes with the beads an aligner
should recover, as (original indices, translation indices, kind).
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.model import KIND_MOVED, bead_kind

#: Unrelated paragraphs to insert (written for this purpose; not from any source).
FOREIGN_PARAGRAPHS = (
    "The allotment committee meets on the first Tuesday of every month to discuss the "
    "rota for watering, the state of the compost heaps and the broken gate by the shed.",
    "Preheat the oven to a moderate heat, butter a shallow dish, and layer the sliced "
    "potatoes with cream, garlic and a little nutmeg before baking for an hour.",
    "The ferry timetable changes in October: boats leave the harbour twice a day, weather "
    "permitting, and bicycles travel free on the lower deck.",
    "Our choir rehearses in the church hall; newcomers are welcome, no audition is needed, "
    "and tea is served during the interval.",
    "Moss grows on the north side of the old stone wall, where the sun rarely reaches and "
    "the rain runs down from the gutter in long green streaks.",
)

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
_EDIT_WORDS = ("really", "quite", "indeed", "perhaps", "still", "also")

GoldBead = tuple[tuple[int, ...], tuple[int, ...], str]


@dataclass(frozen=True)
class Perturbed:
    """A perturbed copy of ``original`` and the beads linking them."""

    original: tuple[str, ...]
    translation: tuple[str, ...]
    gold: tuple[GoldBead, ...]
    operations: tuple[str, ...]


def _light_edit(text: str, rng: random.Random, rate: float) -> str:
    """Drop, duplicate or insert a word here and there (about ``rate`` of the words)."""
    words = text.split(" ")
    out: list[str] = []
    for w in words:
        r = rng.random()
        if r < rate / 3 and len(words) > 4:
            continue
        out.append(w)
        if r > 1 - rate / 3:
            out.append(rng.choice(_EDIT_WORDS))
    return " ".join(out) if out else text


def _splittable(text: str) -> list[int]:
    return [m.start() for m in _SENTENCE_END.finditer(text)]


Plan = dict[int, tuple[str, int]]  # original index -> (operation, other index for a swap)
Piece = tuple[str, tuple[int, ...], str]  # (text, original indices, operation)


def _plan(paragraphs: Sequence[str], rng: random.Random, operations: int) -> tuple[Plan, list[str]]:
    """Which paragraphs undergo which change: one per paragraph at most, with untouched
    neighbours between them, so every change has a single right answer."""
    n = len(paragraphs)
    kinds = ["merge", "split", "delete", "insert", "swap"]
    taken: set[int] = set()
    plan: Plan = {}
    ops: list[str] = []
    for _ in range(operations * 6):
        if len(ops) >= operations:
            break
        op = rng.choice(kinds)
        i = rng.randrange(n)
        span = {"merge": [i, i + 1], "swap": []}.get(op, [i])
        if op == "swap":
            j = rng.randrange(n)
            if abs(i - j) < 4:
                continue
            span = [i, j]
        if any(k >= n or k in taken or k - 1 in taken or k + 1 in taken for k in span):
            continue
        if op == "split" and not _splittable(paragraphs[i]):
            continue
        if op == "swap":
            plan[i] = ("swap", span[1])
            plan[span[1]] = ("swap", i)
        else:
            plan[i] = (op, 0)
        taken.update(span)
        ops.append(f"{op}@{','.join(map(str, span))}")
    return plan, ops


def _pieces(
    paragraphs: Sequence[str], plan: Plan, rng: random.Random, edit_rate: float
) -> list[Piece]:
    """The translation in original order, recording where each original lands."""
    pieces: list[Piece] = []
    i = 0
    while i < len(paragraphs):
        op, other = plan.get(i, ("", 0))
        text = _light_edit(paragraphs[i], rng, edit_rate)
        if op == "merge":
            nxt = _light_edit(paragraphs[i + 1], rng, edit_rate)
            pieces.append((text + " " + nxt, (i, i + 1), "merge"))
            i += 2
            continue
        if op == "split":
            cut = rng.choice(_splittable(paragraphs[i]))
            first, second = paragraphs[i][:cut].strip(), paragraphs[i][cut:].strip()
            pieces.append((_light_edit(first, rng, edit_rate), (i,), "split-a"))
            pieces.append((_light_edit(second, rng, edit_rate), (i,), "split-b"))
        elif op == "insert":
            pieces.append((text, (i,), ""))
            pieces.append((rng.choice(FOREIGN_PARAGRAPHS), (), "insert"))
        elif op == "swap":
            swapped = _light_edit(paragraphs[other], rng, edit_rate)
            pieces.append((swapped, (other,), "swap"))
        elif op != "delete":
            pieces.append((text, (i,), ""))
        i += 1
    return pieces


def _gold(n: int, plan: Plan, pieces: Sequence[Piece]) -> list[GoldBead]:
    """The beads an aligner should recover for this plan."""
    where: dict[int, list[int]] = {}
    for k, (_, origs, _) in enumerate(pieces):
        for o in origs:
            where.setdefault(o, []).append(k)
    gold: list[GoldBead] = []
    seen: set[int] = set()
    for o in range(n):
        if o in seen:
            continue
        op, _ = plan.get(o, ("", 0))
        if op == "merge":
            gold.append(((o, o + 1), tuple(where[o]), bead_kind((o, o + 1), (0,))))
            seen.update((o, o + 1))
        elif op == "delete":
            gold.append(((o,), (), "1:0"))
        elif op == "swap":
            gold.append(((o,), tuple(where[o]), KIND_MOVED))
        else:
            t = tuple(where[o])
            gold.append(((o,), t, bead_kind((o,), t)))
    gold.extend(((), (k,), "0:1") for k, p in enumerate(pieces) if p[2] == "insert")
    return gold


def perturb(
    paragraphs: Sequence[str],
    *,
    seed: int,
    operations: int = 3,
    edit_rate: float = 0.05,
) -> Perturbed:
    """A perturbed copy with ``operations`` random structural changes and light edits."""
    rng = random.Random(seed)
    plan, ops = _plan(paragraphs, rng, operations)
    pieces = _pieces(paragraphs, plan, rng, edit_rate)
    gold = _gold(len(paragraphs), plan, pieces)
    translation = tuple(p[0] for p in pieces)
    return Perturbed(tuple(paragraphs), translation, tuple(gold), tuple(ops))
