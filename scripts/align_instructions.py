"""Instructions per alignment, counted by valgrind: a speed measure that does not drift.

Wall times on a shared two-core machine move by half from one minute to the next; the
number of instructions an alignment executes does not. This counts them with
``valgrind --tool=callgrind`` for two cases: the essay against a perturbed copy (the
benchmark's in-process case) and Text+Berg dev with the ``mt-europarlfull.fr`` pivot,
sentence level. The workload runs once and three times in two processes under
valgrind (hash seed fixed); half the difference is one alignment, without start-up
and imports. About three minutes a case.

    python scripts/align_instructions.py                 # this checkout
    python scripts/align_instructions.py --pythonpath ../old-checkout   # another one

``--child CASE TIMES`` runs the workload itself (what valgrind runs).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

CASES = ("essay", "textberg")
_COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _workload(case: str) -> Callable[[], object]:
    """A function aligning the case once (inputs prepared outside it)."""
    from workbench.align import align
    from workbench.align.core import align_units_detailed
    from workbench.bench.alignment import default_bench_dir
    from workbench.bench.peer import PIVOT
    from workbench.bench.speed import _essay_pair
    from workbench.model import Level
    from workbench.text import segment_text

    if case == "essay":
        original_text, translation_text = _essay_pair()
        original = segment_text(original_text, name="o")
        translation = segment_text(translation_text, name="t")
        return lambda: align(original, translation)
    data = default_bench_dir() / "textberg-dev"
    src, tgt, pivot = (
        (data / name).read_text(encoding="utf-8").splitlines()
        for name in ("source.de", "target.fr", PIVOT)
    )
    return lambda: align_units_detailed(src, tgt, pivot_texts=pivot, level=Level.SENTENCE)


def _collected(case: str, times: int, pythonpath: str | None) -> int:
    from workbench.bench.alignment import default_bench_dir

    # the data beside this checkout, whichever checkout is measured
    env = dict(os.environ, PYTHONHASHSEED="0", WORKBENCH_BENCH_DIR=str(default_bench_dir()))
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        case,
        str(times),
    ]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise RuntimeError(f"valgrind printed no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pythonpath", help="measure the checkout at this path instead")
    ap.add_argument("--case", choices=CASES, action="append", help="one case (default: both)")
    ap.add_argument("--child", nargs=2, metavar=("CASE", "TIMES"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        case, times = args.child[0], int(args.child[1])
        run = _workload(case)
        for _ in range(times):
            run()
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    where = Path(args.pythonpath).resolve() if args.pythonpath else "this checkout"
    for case in args.case or CASES:
        once = _collected(case, 1, args.pythonpath)
        thrice = _collected(case, 3, args.pythonpath)
        print(f"{case:9} {(thrice - once) / 2 / 1e6:8,.0f} M instructions per alignment ({where})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
