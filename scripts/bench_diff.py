"""Benchmark the divergence analysis (not a test): prints timings in milliseconds.

1. All 37 pairs of the essay (texts/reflections-en-backtranslation.txt) against a
   perturbed copy (one number changed, one sentence dropped, one clause added, one
   name swapped), 1:1 beads — target < 50 ms in total.
2. One pair of about 5,000 words each (the essay repeated, with scattered edits) —
   target < 100 ms.

Run: .venv/bin/python scripts/bench_diff.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from workbench.diff import analyse, analyse_pair
from workbench.model import Alignment, Bead
from workbench.text import segment_text

ROOT = Path(__file__).resolve().parent.parent
ESSAY = ROOT / "texts" / "reflections-en-backtranslation.txt"
EDITS = (
    (
        "officially launched it on November 30, 2022.",
        "officially launched it on November 30, 2023.",
    ),
    (" What surprised us was that this release became that turning point.", ""),
    ("has never been easy.", "has never been easy, especially when the whole world is watching."),
    ("Ron Conway and Brian Chesky", "Ron Conway and Brian Armstrong"),
)


def _perturb(text: str) -> str:
    for old, new in EDITS:
        text = text.replace(old, new, 1)
    return text


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), min(runs)


def main() -> int:
    """Run both benchmarks and print median/min timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    text = ESSAY.read_text(encoding="utf-8")
    original = segment_text(text, name="essay")
    perturbed = segment_text(_perturb(text), name="perturbed")
    beads = tuple(Bead((i,), (i,)) for i in range(len(original)))
    alignment = Alignment(original, perturbed, beads)
    analyse(alignment)  # warm-up: regex compilation, imports
    med, best = _time(lambda: analyse(alignment), args.repeat)
    words = len(text.split())
    print(f"essay: {len(beads)} pairs, {words} words/side: median {med:.1f} ms, min {best:.1f} ms")

    body = "\n\n".join(s.text for s in original.segments[2:])
    big_o = " ".join([body] * 3)
    words_big = big_o.split()
    big_o = " ".join(words_big[:5000])
    # scatter edits: change every 250th word, drop every 400th, insert every 600th
    edited = []
    for k, w in enumerate(big_o.split(" ")):
        if k % 400 == 399:
            continue
        edited.append("changed" if k % 250 == 249 else w)
        if k % 600 == 599:
            edited.append("inserted words here")
    big_t = " ".join(edited)
    analyse_pair(big_o, big_t)
    med, best = _time(lambda: analyse_pair(big_o, big_t), args.repeat)
    print(
        f"long pair: {len(big_o.split())} / {len(big_t.split())} words: "
        f"median {med:.1f} ms, min {best:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
