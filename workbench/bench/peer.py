"""The peer, timed in the same run: Bleualign and ``workbench align`` as whole processes.

Both run on Text+Berg dev with the ``mt-europarlfull.fr`` pivot, alternately, ``runs``
times each after one untimed run each (their bytecode cached: see ``processes.py``);
the median wall time of each and their ratio are reported, and both outputs are
scored by the shared referee ``score.py``. Bleualign is run through
``../shared/bench/bleualign_beads.py`` with the interpreter running this benchmark.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from workbench.bench.processes import bytecode_cache, run_seconds, warm_up

PIVOT = "mt-europarlfull.fr"


def referee(bench_dir: Path, beads: Path) -> dict[str, float]:
    """The shared referee's scores (``score.py --json``) of a bead file against the dev gold."""
    out = subprocess.run(
        [
            sys.executable,
            str(bench_dir / "score.py"),
            str(bench_dir / "textberg-dev" / "gold.txt"),
            str(beads),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def commands(bench_dir: Path, work: Path) -> dict[str, list[str]]:
    """The two command lines (ours writes its beads to ``work/ours.txt``)."""
    data = bench_dir / "textberg-dev"
    return {
        "bleualign": [
            sys.executable,
            str(bench_dir / "bleualign_beads.py"),
            str(work / "bleualign.txt"),
            "-v",
            "0",
            "-s",
            str(data / "source.de"),
            "-t",
            str(data / "target.fr"),
            "--srctotarget",
            str(data / PIVOT),
            "-o",
            str(work / "bleualign-out"),
        ],
        "workbench": [
            sys.executable,
            "-m",
            "workbench.cli",
            "align",
            "--presegmented",
            "--level",
            "sentence",
            "--pivot",
            str(data / PIVOT),
            str(data / "source.de"),
            str(data / "target.fr"),
            "-o",
            str(work / "ours.txt"),
        ],
    }


def peer_timing(bench_dir: Path, *, runs: int = 5) -> dict | None:
    """Median whole-process times and referee scores; None without the shared peer."""
    if not (bench_dir / "bleualign_beads.py").exists():
        return None
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cmds = commands(bench_dir, work)
        times: dict[str, list[float]] = {name: [] for name in cmds}
        with bytecode_cache() as env:
            for cmd in cmds.values():
                warm_up(cmd, env=env, cwd=work)
            for _ in range(runs):
                for name, cmd in cmds.items():
                    times[name].append(run_seconds(cmd, env=env, cwd=work))
        scores = {
            "bleualign": referee(bench_dir, work / "bleualign.txt"),
            "workbench": referee(bench_dir, work / "ours.txt"),
        }
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "runs": runs,
        "seconds": medians,
        "speedup": medians["bleualign"] / medians["workbench"],
        "scores": scores,
    }


def print_peer(report: dict | None) -> None:
    """One line per aligner: time, strict and lax F1; then the ratio."""
    if report is None:
        print("\nBleualign not found beside the benchmark data; peer timing skipped")
        return
    print(
        f"\nWhole process, Text+Berg dev with the {PIVOT} pivot (median of {report['runs']}, "
        "after one untimed run each that caches the bytecode)"
    )
    for name in ("workbench", "bleualign"):
        s = report["scores"][name]
        print(
            f"{name:10} {report['seconds'][name]:6.3f} s  strict F1 {s['f1_strict']:.4f}  "
            f"lax F1 {s['f1_lax']:.4f}"
        )
    print(f"workbench is {report['speedup']:.2f}x as fast as Bleualign (target: 3x)")
