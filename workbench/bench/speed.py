"""Engine speed: ``python -m workbench.bench --speed``, each case beside its floor or peer.

Every figure is measured in this run, next to a reference measured in the same run on
the same machine (a floor: the least work any aligner or analyser must do, done by the
same C libraries; or the peer, Bleualign), so the ratios can be compared across
machines. Times are medians of ``--repeat`` runs (at least 5 for the short cases); the
large cases run once each in a child process, which also gives their peak memory.
"""

from __future__ import annotations

import argparse
import difflib
import json
import math
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cydifflib
import numpy as np
from rapidfuzz import fuzz, process

from workbench.align import align
from workbench.align.core import align_units_detailed
from workbench.bench.alignment import default_bench_dir, synthetic
from workbench.bench.paths import ESSAY, REPO_ROOT
from workbench.bench.peer import PIVOT, peer_timing
from workbench.bench.perturb import perturb
from workbench.bench.processes import bytecode_cache, median_seconds
from workbench.diff.analyse import analyse
from workbench.model import Level, Mode
from workbench.render import render_pair
from workbench.review import build_review
from workbench.text import segment_text


def _median_time(fn: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _essay_pair() -> tuple[str, str]:
    text = ESSAY.read_text(encoding="utf-8")
    paras = [s.text for s in segment_text(text).segments]
    return text, "\n\n".join(perturb(paras, seed=1, operations=3).translation)


# --- the essay in process ------------------------------------------------------------


def essay_in_process(repeat: int) -> dict[str, Any]:
    """Segment, align, analyse and render the essay against a perturbed copy."""
    original_text, translation_text = _essay_pair()
    stages: dict[str, float] = {}

    def segment() -> tuple:
        return segment_text(original_text, name="o"), segment_text(translation_text, name="t")

    stages["segment"] = _median_time(segment, repeat)
    original, translation = segment()
    stages["align"] = _median_time(lambda: align(original, translation), repeat)
    alignment = align(original, translation)
    stages["analyse"] = _median_time(lambda: analyse(alignment), repeat)
    divergences = analyse(alignment)
    stages["render"] = _median_time(lambda: [render_pair(d) for d in divergences], repeat)
    left = [s.text for s in original.segments]
    right = [s.text for s in translation.segments]
    pairs = [alignment.pair_texts(b) for b in alignment.beads]

    def floor() -> None:
        process.cdist(left, right, scorer=fuzz.ratio, workers=1)
        for a, b in pairs:
            difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).get_opcodes()

    return {
        "case": f"essay {len(left)} x {len(right)}, in process",
        "seconds": sum(stages.values()),
        "stages": stages,
        "target": 0.020,
        "reference": _median_time(floor, repeat),
        "reference_name": f"floor: cdist {len(left)}x{len(right)} + word opcodes per pair",
    }


# --- whole processes -------------------------------------------------------------------


def cli_align_essay(repeat: int) -> dict[str, Any]:
    """``workbench align`` of the essay against a perturbed copy, as a whole process."""
    original_text, translation_text = _essay_pair()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "o.txt").write_text(original_text, encoding="utf-8")
        (work / "t.txt").write_text(translation_text, encoding="utf-8")
        cmd = [sys.executable, "-m", "workbench.cli", "align", "o.txt", "t.txt", "-o", "b.txt"]
        with bytecode_cache() as env:
            seconds = median_seconds(cmd, repeat, env=env, cwd=work)
            reference = median_seconds([sys.executable, "-c", "pass"], repeat, env=env)
    return {
        "case": "workbench align essay, whole process",
        "seconds": seconds,
        "target": 1.0,
        "reference": reference,
        "reference_name": "python -c pass",
    }


def textberg_process(bench_dir: Path, repeat: int) -> dict[str, Any] | None:
    """Text+Berg dev with the pivot: ours and Bleualign as whole processes."""
    peer = peer_timing(bench_dir, runs=repeat)
    if peer is None:
        return None
    # what any process of ours pays besides aligning: the interpreter, the two compiled
    # libraries the aligner computes with, the three files read, and the end without
    # the interpreter's teardown (as ``cli.run`` ends)
    data = bench_dir / "textberg-dev"
    files = [str(data / name) for name in ("source.de", "target.fr", PIVOT)]
    code = (
        "import os, sys, numpy, rapidfuzz.process\n"
        "for f in sys.argv[1:]: open(f, 'rb').read()\nos._exit(0)"
    )
    with bytecode_cache() as env:
        start_up = median_seconds([sys.executable, "-c", code, *files], repeat, env=env)
    return {
        "case": "Text+Berg dev with pivot, whole process",
        "seconds": peer["seconds"]["workbench"],
        "target": peer["seconds"]["bleualign"] / 3,
        "reference": peer["seconds"]["bleualign"],
        "reference_name": "peer: Bleualign (target: 3x faster)",
        "also": (start_up, "python importing numpy and rapidfuzz, reading the 3 files"),
    }


# --- large documents (in a child process each: time and peak memory) ---------------------


def zipf_paragraphs(n: int, *, seed: int = 0) -> list[str]:
    """``n`` paragraphs of sentences drawn from a Zipf-like vocabulary (like real text)."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(1, 10))) for _ in range(20000)]
    weights = [1.0 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
    paras = []
    for _ in range(n):
        sentences = []
        for _ in range(rng.randint(2, 5)):
            words = rng.choices(vocab, weights, k=rng.randint(6, 22))
            sentences.append(" ".join(words).capitalize() + rng.choice(".!?."))
        paras.append(" ".join(sentences))
    return paras


def _child_align_10k() -> dict[str, Any]:
    orig, trans, gold = synthetic(10_000)
    start = time.perf_counter()
    result = align_units_detailed(orig, trans, mode=Mode.MONOLINGUAL, detect_moves=True)
    seconds = time.perf_counter() - start
    found = {(b.original, b.translation, b.kind) for b in result.beads}
    left = np.array(orig, dtype=object)
    right = np.array(trans, dtype=object)
    rows = np.repeat(np.arange(len(orig)), 33)
    cols = np.clip(rows + np.tile(np.arange(-16, 17), len(orig)), 0, len(trans) - 1)
    start = time.perf_counter()
    process.cpdist(left[rows], right[cols], scorer=fuzz.ratio, workers=1)
    floor = time.perf_counter() - start
    return {"seconds": seconds, "floor": floor, "recovered": len(gold & found) / len(gold)}


def _child_analyse_10k() -> dict[str, Any]:
    paras = zipf_paragraphs(10_000, seed=3)
    case = perturb(paras, seed=4, operations=100)
    original = segment_text("\n\n".join(case.original), name="o")
    translation = segment_text("\n\n".join(case.translation), name="t")
    alignment = align(original, translation)
    start = time.perf_counter()
    analyse(alignment)
    seconds = time.perf_counter() - start
    pairs = [alignment.pair_texts(b) for b in alignment.beads]
    floors = {}
    for name, matcher in (
        ("floor", difflib.SequenceMatcher),
        ("compiled", cydifflib.SequenceMatcher),
    ):
        start = time.perf_counter()
        for a, b in pairs:
            matcher(None, a.split(), b.split(), autojunk=False).get_opcodes()
        floors[name] = time.perf_counter() - start
    return {"seconds": seconds, **floors, "pairs": len(pairs)}


def _child_sentences(sentences: int) -> dict[str, Any]:
    paras = zipf_paragraphs(max(1, sentences // 4), seed=5)
    case = perturb(paras, seed=6, operations=max(3, len(paras) // 100))
    original = segment_text("\n\n".join(case.original), name="o")
    translation = segment_text("\n\n".join(case.translation), name="t")
    start = time.perf_counter()
    alignment = align(original, translation, level=Level.SENTENCE)
    review = build_review(alignment, analyse(alignment), project="speed")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "sentences": len(original.sentences), "pairs": len(review.pairs)}


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "align-10k": _child_align_10k,
    "analyse-10k": _child_analyse_10k,
    "sentences": _child_sentences,
}


def _in_child(name: str, *args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "workbench.bench.speed", "--child", name, *args],
        capture_output=True,
        text=True,
    )
    if out.returncode:
        raise RuntimeError(f"the {name} case failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def zipf_cli(repeat: int) -> dict[str, Any]:
    """``workbench align`` of 10,000 x 10,000 paragraphs of Zipf-like text, whole process."""
    paras = zipf_paragraphs(10_000, seed=1)
    case = perturb(paras, seed=2, operations=100)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "o.txt").write_text("\n\n".join(case.original), encoding="utf-8")
        (work / "t.txt").write_text("\n\n".join(case.translation), encoding="utf-8")
        cmd = [sys.executable, "-m", "workbench.cli", "align", "o.txt", "t.txt", "-o", "b.txt"]
        read = [sys.executable, "-c", "import sys; [open(f).read() for f in sys.argv[1:]]"]
        with bytecode_cache() as env:
            # a few seconds a run: the median of three at least (one run is too noisy here)
            seconds = median_seconds(cmd, max(3, repeat // 3), env=env, cwd=work)
            floor = median_seconds([*read, "o.txt", "t.txt"], repeat, env=env, cwd=work)
    return {
        "case": "workbench align 10k x 10k Zipf-like paragraphs, whole process",
        "seconds": seconds,
        "target": 3.0,
        "reference": floor,
        "reference_name": "python reading both files",
    }


def large_cases() -> list[dict[str, Any]]:
    """The 10k alignment and analysis, each in its own process."""
    aligned = _in_child("align-10k")
    analysed = _in_child("analyse-10k")
    return [
        {
            "case": "align 10k x 10k paragraphs (synthetic), in process",
            "seconds": aligned["seconds"],
            "peak_mb": aligned["peak_mb"],
            "target": 3.0,
            "reference": aligned["floor"],
            "reference_name": "floor: cpdist over a 33-wide band of 1:1 cells",
        },
        {
            "case": f"analyse {analysed['pairs']:,} pairs (Zipf-like), in process",
            "seconds": analysed["seconds"],
            "peak_mb": analysed["peak_mb"],
            "target": 3.0,
            "reference": analysed["floor"],
            "reference_name": "floor: difflib word opcodes per pair",
            # the analysis runs difflib's algorithm compiled (CyDifflib): that floor too
            "also": (analysed["compiled"], "the same floor with CyDifflib's compiled difflib"),
        },
    ]


def sentence_scaling(
    sizes: tuple[int, ...] = (1500, 3000, 6000, 12000), *, runs: int = 2
) -> dict[str, Any]:
    """Sentence-level alignment + analysis + review at growing sizes, and the log-log slope.

    Each size runs ``runs`` times in fresh processes and keeps the fastest: on a shared
    machine one slow run of the largest size would otherwise tilt the slope."""
    rows = [
        min((_in_child("sentences", str(size)) for _ in range(runs)), key=lambda r: r["seconds"])
        for size in sizes
    ]
    xs = [math.log(r["sentences"]) for r in rows]
    ys = [math.log(r["seconds"]) for r in rows]
    slope = float(np.polyfit(xs, ys, 1)[0])
    return {"rows": rows, "slope": slope, "runs": runs}


# --- report ------------------------------------------------------------------------------


def print_speed(report: dict[str, Any]) -> None:
    """One line per case: time, target, reference, ratio."""
    print(f"{'case':62} {'time':>9} {'target':>8} {'peak MB':>8}  reference (same run)")
    for row in report["cases"]:
        ratio = row["seconds"] / row["reference"] if row["reference"] else float("nan")
        peak = f"{row['peak_mb']:8.0f}" if "peak_mb" in row else f"{'':8}"
        print(
            f"{row['case']:62} {row['seconds']:8.3f}s {row['target']:7.3f}s {peak}  "
            f"{row['reference']:.3f}s {row['reference_name']} (x{ratio:.1f})"
        )
        if "also" in row:
            seconds, name = row["also"]
            print(f"{'':64}{seconds:.3f}s {name} (x{row['seconds'] / seconds:.1f})")
        if "stages" in row:
            stages = ", ".join(f"{k} {1000 * v:.1f} ms" for k, v in row["stages"].items())
            print(f"{'':64}{stages}")
    print(
        f"{'':64}whole processes: median after one untimed run that caches the bytecode "
        "(workbench/bench/processes.py)"
    )
    scaling = report.get("sentences")
    if scaling:
        sizes = ", ".join(f"{r['sentences']:,}: {r['seconds']:.2f}s" for r in scaling["rows"])
        print(
            f"sentence-level review (align + analyse + review, fastest of {scaling['runs']} "
            f"runs): {sizes}; "
            f"log-log slope {scaling['slope']:.2f} (linear = 1)"
        )


def main(argv: list[str] | None = None) -> int:
    """Run the speed cases (or, with ``--child``, one large case in this process)."""
    ap = argparse.ArgumentParser(prog="python -m workbench.bench --speed", description=__doc__)
    ap.add_argument("--speed", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("size", nargs="?", help=argparse.SUPPRESS)
    ap.add_argument("--repeat", type=int, default=5, help="runs per short case (median)")
    ap.add_argument("--bench-dir", type=Path, default=None, help="shared benchmark folder")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    if args.child:
        result = CHILDREN[args.child](*([int(args.size)] if args.size else []))
        result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return 0
    cases = [essay_in_process(args.repeat), cli_align_essay(args.repeat)]
    textberg = textberg_process(args.bench_dir or default_bench_dir(), args.repeat)
    if textberg is None:
        print(
            "../shared/bench not found: the Text+Berg case against Bleualign is skipped",
            file=sys.stderr,
        )
    else:
        cases.append(textberg)
    cases += large_cases()
    cases.append(zipf_cli(args.repeat))
    report = {"cases": cases, "sentences": sentence_scaling(), "repository": str(REPO_ROOT)}
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_speed(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
