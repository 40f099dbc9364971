"""Alignment benchmark: ``python -m workbench.bench [--bench-dir DIR] [--sizes 1000,5000,10000]``.

Prints, in one run: strict/lax P/R/F1 on the Text+Berg dev set (with the
``mt-europarlfull.fr`` pivot and without a pivot) with wall time and peak memory,
cross-checked against the referee ``score.py``; the essay against perturbed copies;
and a scaling table on synthetic documents. Output goes to stdout (this is a script).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench.align.core import align_units_detailed
from workbench.align.costs import SIMILARITIES
from workbench.align.evaluate import beads_as_pairs, format_alignment, read_alignment, score
from workbench.bench.generalisation import generalisation, print_generalisation
from workbench.bench.paths import ESSAY, REPO_ROOT
from workbench.bench.peer import peer_timing, print_peer, referee
from workbench.bench.perturb import perturb
from workbench.model import Level, Mode
from workbench.text import segment_text


def default_bench_dir() -> Path:
    """``$WORKBENCH_BENCH_DIR``, else ``../shared/bench`` next to the repository."""
    env = os.environ.get("WORKBENCH_BENCH_DIR")
    return Path(env) if env else (REPO_ROOT.parent / "shared" / "bench").resolve()


def _measure(fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """(result, wall seconds of an untraced run, peak MB of a traced second run)."""
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, elapsed, peak / 1e6


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def textberg(bench_dir: Path) -> list[dict[str, Any]]:
    """Scores on the Text+Berg dev set with and without the europarlfull pivot."""
    data = bench_dir / "textberg-dev"
    gold = read_alignment(data / "gold.txt")
    rows = []
    for pivot_name in ("mt-europarlfull.fr", None):

        def run(pivot_name: str | None = pivot_name) -> list:
            src, tgt = _lines(data / "source.de"), _lines(data / "target.fr")
            pivot = _lines(data / pivot_name) if pivot_name else None
            result = align_units_detailed(
                src, tgt, pivot_texts=pivot, level=Level.SENTENCE, detect_moves=True
            )
            return [result]

        (result,), elapsed, peak = _measure(run)
        hyp = [beads_as_pairs(result.beads)]
        ours = score(gold, hyp).as_dict()
        judged = _referee(bench_dir, hyp)
        agree = judged is None or all(abs(ours[k] - judged[k]) < 1e-12 for k in ours)
        rows.append(
            {
                "pivot": pivot_name or "-",
                "mode_used": result.mode_used,
                **ours,
                "seconds": elapsed,
                "peak_mb": peak,
                "agrees_with_score_py": agree,
            }
        )
    return rows


def _referee(bench_dir: Path, hyp: list) -> dict[str, float] | None:
    """The shared referee's scores of ``hyp``, or None if ``score.py`` is missing."""
    if not (bench_dir / "score.py").exists():
        return None
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
        fh.write(format_alignment(hyp))
        name = fh.name
    try:
        return referee(bench_dir, Path(name))
    finally:
        os.unlink(name)


def essay(cases: int = 20) -> dict[str, Any]:
    """The essay's paragraphs against perturbed copies: time per alignment and recovery."""
    doc = segment_text(ESSAY.read_text(encoding="utf-8"), name=ESSAY.name)
    paras = [s.text for s in doc.segments]
    times, hits, total = [], 0, 0
    for seed in range(cases):
        p = perturb(paras, seed=seed)
        start = time.perf_counter()
        result = align_units_detailed(p.original, p.translation, detect_moves=True)
        times.append(time.perf_counter() - start)
        got = {(b.original, b.translation, b.kind) for b in result.beads}
        hits += len(set(p.gold) & got)
        total += len(p.gold)
    times.sort()
    return {
        "paragraphs": len(paras),
        "cases": cases,
        "median_ms": 1000 * times[len(times) // 2],
        "max_ms": 1000 * times[-1],
        "beads_recovered": hits / total,
    }


def compare_measures(bench_dir: Path, *, cases: int = 220) -> list[dict[str, Any]]:
    """Each same-language similarity measure on Text+Berg and on the perturbation suite."""
    data = bench_dir / "textberg-dev"
    gold = read_alignment(data / "gold.txt")
    src, tgt = _lines(data / "source.de"), _lines(data / "target.fr")
    pivot = _lines(data / "mt-europarlfull.fr")
    paras = [s.text for s in segment_text(ESSAY.read_text(encoding="utf-8")).segments]
    rows = []
    for measure in SIMILARITIES:
        row: dict[str, Any] = {"measure": measure}
        for label, piv in (("pivot", pivot), ("no_pivot", None)):
            start = time.perf_counter()
            result = align_units_detailed(
                src, tgt, pivot_texts=piv, level=Level.SENTENCE, measure=measure, detect_moves=True
            )
            row[f"{label}_seconds"] = time.perf_counter() - start
            scores = score(gold, [beads_as_pairs(result.beads)])
            row[f"{label}_f1_strict"] = scores.f1_strict
            row[f"{label}_f1_lax"] = scores.f1_lax
        # partial_ratio is two orders of magnitude slower: fewer cases for it
        n_cases = cases if measure != "partial" else max(1, cases // 10)
        hits = total = 0
        start = time.perf_counter()
        for seed in range(n_cases):
            case = perturb(paras, seed=seed, operations=3)
            result = align_units_detailed(
                case.original, case.translation, detect_moves=True, measure=measure
            )
            got = {(b.original, b.translation, b.kind) for b in result.beads}
            hits += len(set(case.gold) & got)
            total += len(case.gold)
        row["perturb_cases"] = n_cases
        row["perturb_recovered"] = hits / total
        row["perturb_ms_per_case"] = 1000 * (time.perf_counter() - start) / n_cases
        rows.append(row)
    return rows


def synthetic(n: int, *, seed: int = 0) -> tuple[list[str], list[str], set]:
    """``n`` random paragraphs, a perturbed copy (1 change per 100 units) and its gold."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocab = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(5000)]
    paras = [" ".join(rng.choice(vocab) for _ in range(rng.randint(8, 40))) + "." for _ in range(n)]
    p = perturb(paras, seed=seed + 1, operations=max(3, n // 100))
    return list(p.original), list(p.translation), set(p.gold)


def scaling(sizes: list[int]) -> list[dict[str, Any]]:
    """Time and peak memory of aligning synthetic documents of each size."""
    rows = []
    for n in sizes:
        orig, trans, gold = synthetic(n)
        result, elapsed, peak = _measure(
            lambda o=orig, t=trans: align_units_detailed(
                o, t, mode=Mode.MONOLINGUAL, detect_moves=True
            )
        )
        got = {(b.original, b.translation, b.kind) for b in result.beads}
        rows.append(
            {
                "units": f"{len(orig)} x {len(trans)}",
                "seconds": elapsed,
                "peak_mb": peak,
                "beads_recovered": len(gold & got) / len(gold),
            }
        )
    return rows


def _print_measures(rows: list[dict[str, Any]]) -> None:
    print("Similarity measures (Text+Berg strict/lax F1 with and without pivot; essay suite)")
    for r in rows:
        print(
            f"{r['measure']:11} pivot {r['pivot_f1_strict']:.4f}/{r['pivot_f1_lax']:.4f} "
            f"({r['pivot_seconds']:.2f} s)  no pivot {r['no_pivot_f1_strict']:.4f}/"
            f"{r['no_pivot_f1_lax']:.4f} ({r['no_pivot_seconds']:.2f} s)  perturbation "
            f"{r['perturb_recovered']:.4f} over {r['perturb_cases']} cases "
            f"({r['perturb_ms_per_case']:.0f} ms/case)"
        )


def _print_report(report: dict[str, Any]) -> None:
    if "textberg" in report:
        print("Text+Berg dev (source.de vs target.fr, sentence level)")
        print(
            f"{'pivot':20} {'mode':12} {'P strict':>8} {'R strict':>8} {'F1 strict':>9} "
            f"{'P lax':>6} {'R lax':>6} {'F1 lax':>6} {'time s':>7} {'peak MB':>8} score.py"
        )
        for r in report["textberg"]:
            print(
                f"{r['pivot']:20} {r['mode_used']:12} {r['precision_strict']:8.4f} "
                f"{r['recall_strict']:8.4f} {r['f1_strict']:9.4f} {r['precision_lax']:6.4f} "
                f"{r['recall_lax']:6.4f} {r['f1_lax']:6.4f} {r['seconds']:7.3f} "
                f"{r['peak_mb']:8.1f} {'agrees' if r['agrees_with_score_py'] else 'DIFFERS'}"
            )
    if "generalisation" in report:
        print_generalisation(report["generalisation"])
    if "peer" in report:
        print_peer(report["peer"])
    e = report["essay"]
    print(
        f"\nEssay ({e['paragraphs']} paragraphs) vs perturbed copies, {e['cases']} cases: "
        f"median {e['median_ms']:.1f} ms, max {e['max_ms']:.1f} ms, "
        f"beads recovered {e['beads_recovered']:.4f}"
    )
    print("\nScaling (synthetic, monolingual, paragraph shapes)")
    print(f"{'units':>14} {'time s':>7} {'peak MB':>8} {'recovered':>9}")
    for r in report["scaling"]:
        print(
            f"{r['units']:>14} {r['seconds']:7.2f} {r['peak_mb']:8.1f} {r['beads_recovered']:9.4f}"
        )
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"\nProcess peak RSS (everything above, incl. interpreter and libraries): {rss_mb:.0f} MB"
    )


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark and print the tables."""
    ap = argparse.ArgumentParser(prog="python -m workbench.bench", description=__doc__)
    ap.add_argument(
        "--bench-dir",
        type=Path,
        default=None,
        help="shared benchmark folder (default: $WORKBENCH_BENCH_DIR or ../shared/bench)",
    )
    ap.add_argument("--sizes", default="1000,5000,10000", help="synthetic sizes (units per side)")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    ap.add_argument(
        "--quick",
        action="store_true",
        help="skip the leave-one-out evaluation and the peer timing (about a minute)",
    )
    ap.add_argument(
        "--compare-measures",
        action="store_true",
        help="only compare the similarity measures (Text+Berg and perturbation suite)",
    )
    args = ap.parse_args(argv)
    bench_dir = args.bench_dir or default_bench_dir()
    if args.compare_measures:
        rows = compare_measures(bench_dir)
        if args.json:
            print(json.dumps(rows, indent=2))
        else:
            _print_measures(rows)
        return 0
    report: dict[str, Any] = {}
    if (bench_dir / "textberg-dev").is_dir():
        report["textberg"] = textberg(bench_dir)
        if not args.quick:
            report["generalisation"] = generalisation(bench_dir / "textberg-dev")
            report["peer"] = peer_timing(bench_dir)
    else:
        print(f"textberg-dev not found under {bench_dir}; skipping it", file=sys.stderr)
    report["essay"] = essay()
    report["scaling"] = scaling([int(s) for s in args.sizes.split(",") if s])
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print_report(report)
    return 0
