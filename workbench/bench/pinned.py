"""Fingerprints of the aligner's output on fixed inputs, so speed work cannot change it.

``python -m workbench.bench.pinned --write`` records them in
``tests/data/pinned_alignments.json``; ``tests/test_align_pinned.py`` recomputes and
compares them. Every bead counts: its units, kind, score and confidence. The inputs
are the essay perturbation suite (every case), the essay against itself and perturbed
copies at both levels, a synthetic 1,000-paragraph pair and, when the shared benchmark
is beside the repository, Text+Berg dev with and without the pivot.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from workbench.align import align
from workbench.align.core import align_units_detailed
from workbench.bench.alignment import default_bench_dir, synthetic
from workbench.bench.paths import ESSAY, REPO_ROOT
from workbench.bench.perturb import perturb
from workbench.model import Bead, Level
from workbench.text import segment_text

PINNED = REPO_ROOT / "tests" / "data" / "pinned_alignments.json"
PERTURBATION_CASES = 220


def fingerprint(beads: Iterable[Bead]) -> str:
    """A short digest of the beads (units, kind, score, confidence, in order)."""
    text = "\n".join(
        f"{b.original}|{b.translation}|{b.kind}|{b.score:.4f}|{b.confidence:.4f}" for b in beads
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def perturbation_fingerprints() -> list[str]:
    """One fingerprint per case of the essay perturbation suite."""
    paras = [s.text for s in segment_text(ESSAY.read_text(encoding="utf-8")).segments]
    out = []
    for seed in range(PERTURBATION_CASES):
        case = perturb(paras, seed=seed, operations=3)
        result = align_units_detailed(case.original, case.translation, detect_moves=True)
        out.append(fingerprint(result.beads))
    return out


def document_fingerprints() -> dict[str, str]:
    """Whole documents aligned as the app aligns them, at both levels.

    The essay against itself and against three perturbed copies (paragraphs merged,
    split, dropped, added, swapped), and a synthetic 1,000-paragraph pair. (The demo
    set is left out: it is edited as the product grows, and the pin is about the code.)
    """
    text = ESSAY.read_text(encoding="utf-8")
    essay = segment_text(text, name=ESSAY.name)
    paras = [s.text for s in essay.segments]
    pairs = {"essay-itself": essay}
    for seed in (1, 2, 3):
        case = perturb(paras, seed=seed, operations=4)
        pairs[f"essay-perturbed-{seed}"] = segment_text(
            "\n\n".join(case.translation), name=f"perturbed-{seed}.txt"
        )
    out = {}
    for name, right in pairs.items():
        for level in (Level.PARAGRAPH, Level.SENTENCE):
            out[f"{name}-{level}"] = fingerprint(align(essay, right, level=level).beads)
    orig, trans, _ = synthetic(1000)
    out["synthetic-1000"] = fingerprint(
        align_units_detailed(orig, trans, mode="monolingual", detect_moves=True).beads
    )
    return out


def textberg_fingerprints(bench_dir: Path) -> dict[str, str]:
    """Text+Berg dev with the europarlfull pivot and without one ({} if absent)."""
    data = bench_dir / "textberg-dev"
    if not data.is_dir():
        return {}
    src, tgt = _lines(data / "source.de"), _lines(data / "target.fr")
    out = {}
    for name, pivot in (("pivot", _lines(data / "mt-europarlfull.fr")), ("no-pivot", None)):
        result = align_units_detailed(
            src, tgt, pivot_texts=pivot, level=Level.SENTENCE, detect_moves=True
        )
        out[f"textberg-{name}"] = fingerprint(result.beads)
    return out


def compute(bench_dir: Path | None = None) -> dict:
    """Every fingerprint, by input name."""
    return {
        "perturbation": perturbation_fingerprints(),
        "documents": document_fingerprints(),
        "textberg": textberg_fingerprints(bench_dir or default_bench_dir()),
    }


def record_or_print(
    compute: Callable[[], dict],
    path: Path,
    *,
    prog: str,
    description: str | None,
    argv: list[str] | None,
) -> int:
    """Print what ``compute`` returns as JSON, or with ``--write`` record it in ``path``."""
    ap = argparse.ArgumentParser(prog=prog, description=description)
    ap.add_argument("--write", action="store_true", help=f"record them in {path}")
    args = ap.parse_args(argv)
    text = json.dumps(compute(), indent=1, sort_keys=True) + "\n"
    if args.write:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    else:
        print(text, end="")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Print the fingerprints, or write them with ``--write``."""
    return record_or_print(
        compute, PINNED, prog="python -m workbench.bench.pinned", description=__doc__, argv=argv
    )


if __name__ == "__main__":
    raise SystemExit(main())
