"""Scaling benchmark of the whole pipeline up to the configured limits (not a test).

For synthetic documents of increasing size it prints the seconds each stage takes:
load (bytes -> Document), align, analyse, render (every pair to HTML), review (build
the review record), csv (write the canonical CSV and read it back). Doubling the
input should roughly double a linear stage; a quadratic one grows four-fold.

Sizes: 1k, 5k, 10k, 20k paragraphs (20k is ``config.MAX_SEGMENTS``), then a single
paragraph of 50k and of 200k words. Every size runs in its own process with a time
budget, so a stage that blows up is reported as a timeout instead of hanging.

Run: .venv/bin/python scripts/bench_limits.py [--budget SECONDS] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

STAGES = ("load", "align", "analyse", "render", "review", "csv")
CASES = {
    "1k paragraphs": ("paragraphs", 1_000),
    "5k paragraphs": ("paragraphs", 5_000),
    "10k paragraphs": ("paragraphs", 10_000),
    "20k paragraphs": ("paragraphs", 20_000),
    "1 paragraph 50k words": ("words", 50_000),
    "1 paragraph 200k words": ("words", 200_000),
}

_VOCABULARY = (
    "the harbour village storm pier boat fleet keeper notebook weather spring dawn sea "
    "merchant stone quarry museum hall north south wind rain light house night morning "
    "people built destroyed rebuilt brought shown wrote came left lost after before under"
)
_WORDS = _VOCABULARY.split()
_NAMES = ("Lindholm", "Jonas Berg", "Kvarnby", "Astrid", "Malmö", "Oslo")


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(_WORDS) for _ in range(rng.randint(8, 16))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(1800, 2020)))
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), rng.choice(_NAMES))
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _edit(text: str, rng: random.Random, rate: float = 0.03) -> str:
    """A back-translation-like copy: a few words replaced, dropped or added."""
    out = []
    for word in text.split(" "):
        r = rng.random()
        if r < rate:
            out.append(rng.choice(_WORDS))
        elif r < 2 * rate:
            continue
        else:
            out.append(word)
        if rng.random() < rate / 2:
            out.append(rng.choice(_WORDS))
    return " ".join(out)


def make_texts(kind: str, size: int, *, seed: int = 7) -> tuple[str, str]:
    """An original and an edited translation: ``size`` paragraphs, or one of ``size`` words."""
    rng = random.Random(seed)
    if kind == "paragraphs":
        paras = [_paragraph(rng, rng.randint(2, 4)) for _ in range(size)]
        translated = []
        for para in paras:
            r = rng.random()
            if r < 0.01:
                continue  # omitted paragraph
            translated.append(_edit(para, rng))
            if r > 0.99:
                translated.append(_paragraph(rng, 2))  # added paragraph
        return "\n\n".join(paras), "\n\n".join(translated)
    words: list[str] = []
    while len(words) < size:
        words.extend(_sentence(rng).split())
    text = " ".join(words[:size])
    return text, _edit(text, rng)


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def run_case(kind: str, size: int) -> dict[str, Any]:
    """Run every stage once on one size; seconds per stage and a few counts."""
    from workbench.align import align
    from workbench.diff import analyse
    from workbench.render import render_pair
    from workbench.review import build_review
    from workbench.store import from_csv, to_csv
    from workbench.text import load_document

    original, translation = make_texts(kind, size)
    times: dict[str, float] = {}
    (o_doc, t_doc), times["load"] = _timed(
        lambda: (
            load_document(original.encode("utf-8"), name="original.txt"),
            load_document(translation.encode("utf-8"), name="translation.txt"),
        )
    )
    alignment, times["align"] = _timed(lambda: align(o_doc, t_doc))
    divergences, times["analyse"] = _timed(lambda: analyse(alignment))
    _, times["render"] = _timed(lambda: [render_pair(d) for d in divergences])
    review, times["review"] = _timed(lambda: build_review(alignment, divergences, project="bench"))
    data, write_s = _timed(lambda: to_csv(review))
    _, read_s = _timed(lambda: from_csv(data, source="bench.csv"))
    times["csv"] = write_s + read_s
    forced: dict[str, float] = {}
    if kind == "words":
        # The aligner decides whether the two long paragraphs pair up; the analysis of a
        # long 1:1 pair is timed on its own so its scaling shows whatever the aligner did.
        from workbench.model import Alignment, Bead

        pair = Alignment(o_doc, t_doc, (Bead((0,), (0,)),), alignment.settings)
        found, forced["analyse"] = _timed(lambda: analyse(pair))
        _, forced["render"] = _timed(lambda: [render_pair(d) for d in found])
        forced_review, forced["review"] = _timed(lambda: build_review(pair, found, project="bench"))
        forced_csv, write_s = _timed(lambda: to_csv(forced_review))
        _, read_s = _timed(lambda: from_csv(forced_csv, source="bench.csv"))
        forced["csv"] = write_s + read_s
    return {
        "kinds": sorted({b.kind for b in alignment.beads}),
        "forced": forced,
        "times": times,
        "chars": len(original) + len(translation),
        "segments": (len(o_doc), len(t_doc)),
        "pairs": len(alignment),
        "csv_mb": len(data) / 1e6,
    }


def _child(name: str) -> None:
    kind, size = CASES[name]
    print(json.dumps(run_case(kind, size)))


def main(argv: list[str] | None = None) -> int:
    """Run the cases, each in a child process with a time budget, and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--budget", type=float, default=900.0, help="seconds per case")
    parser.add_argument("--only", nargs="*", choices=list(CASES), help="run only these cases")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    header = f"{'case':<24}{'pairs':>7}" + "".join(f"{s:>9}" for s in STAGES) + f"{'total':>9}"
    print(header)
    print("-" * len(header))
    for name in args.only or CASES:
        try:
            proc = subprocess.run(
                [sys.executable, __file__, "--child", name],
                capture_output=True,
                text=True,
                timeout=args.budget,
                check=False,
            )
        except subprocess.TimeoutExpired:
            print(f"{name:<24} timed out after {args.budget:.0f} s")
            continue
        if proc.returncode != 0:
            print(f"{name:<24} failed: {proc.stderr.strip().splitlines()[-1:]}")
            continue
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        times = result["times"]
        cells = "".join(f"{times[s]:>9.2f}" for s in STAGES)
        print(f"{name:<24}{result['pairs']:>7}{cells}{sum(times.values()):>9.2f}", flush=True)
        if result["forced"]:
            forced = result["forced"]
            cells = "".join(f"{forced[s]:>9.2f}" if s in forced else f"{'':>9}" for s in STAGES)
            print(f"{'  as a forced 1:1 pair':<24}{1:>7}{cells}", flush=True)
            print(f"{'  (aligner gave kinds':<24} {', '.join(result['kinds'])})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
