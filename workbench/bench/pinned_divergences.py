"""Fingerprints of the divergence analysis on fixed inputs, so speed work cannot change it.

``python -m workbench.bench.pinned_divergences --write`` records them in
``tests/data/pinned_divergences.json``; ``tests/test_diff_pinned.py`` recomputes and
compares them. Every pair counts: its id, band, similarity as stored, every span (kind,
operation, ranges, message) and every finding (check, message, severity, ranges).

The inputs: the essay against itself and against perturbed copies (their gold beads, so
the aligner plays no part); the demo set (the original against the back-translation, at
both levels and with minor spans suppressed, the alternative and, across languages, the
French translation); the detection benchmark's edits of every category for a couple of seeds;
a Zipf-like document of 2,000 paragraphs against a perturbed copy; and, when the shared
benchmark is beside the repository, the Text+Berg dev gold pairs across languages, with
and without the pivot. Where the app's aligner makes the alignment (demo, detection),
the beads are fingerprinted too, so a change of the aligner is told apart from a change
of the analysis.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from workbench.bench.alignment import default_bench_dir
from workbench.bench.checks import gold_alignment
from workbench.bench.detection import LOUD, QUIET, load_sources, pipeline
from workbench.bench.paths import ESSAY, REPO_ROOT, TEXTS
from workbench.bench.perturb import Perturbed, perturb
from workbench.bench.pinned import record_or_print
from workbench.bench.speed import zipf_paragraphs
from workbench.diff import analyse
from workbench.model import Alignment, AlignSettings, Bead, Level, Mode, PairDivergence
from workbench.session import DIRECT
from workbench.text import document_from_units, load_document, segment_text

PINNED = REPO_ROOT / "tests" / "data" / "pinned_divergences.json"
DEMO = TEXTS / "demo"
#: Perturbed copies of the essay (seeds) and the edits in each.
ESSAY_SEEDS = (1, 2, 3, 4, 5, 6)
ESSAY_OPERATIONS = 4
#: Seeds of the detection benchmark's edits, per category and text.
DETECTION_SEEDS = (0, 1)
#: The Zipf-like document: paragraphs and edits.
ZIPF_PARAGRAPHS = 2000
ZIPF_OPERATIONS = 40


def divergence_lines(divs: Iterable[PairDivergence]) -> Iterator[str]:
    """One line per pair, span and finding: everything of the analysis that is shown."""
    for d in divs:
        yield f"pair|{d.pair_id}|{d.band}|{d.similarity!r}"
        for s in d.spans:
            ranges = (s.original_start, s.original_end, s.translation_start, s.translation_end)
            yield f" span|{s.kind}|{s.op}|{','.join(map(str, ranges))}|{s.message}"
        for f in d.findings:
            where = f"{f.original_spans}|{f.translation_spans}"
            yield f" finding|{f.check}|{f.severity}|{where}|{f.message}"


def fingerprint(divs: Iterable[PairDivergence]) -> str:
    """A short digest of the analysis of a whole alignment."""
    text = "\n".join(divergence_lines(divs))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def alignment_fingerprint(alignment: Alignment) -> str:
    """A short digest of what the analysis is given: the beads (units, kind) and mode."""
    text = "\n".join(f"{b}|{b.kind}" for b in alignment.beads) + f"\n{alignment.settings.mode_used}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def gold(case: Perturbed, *, names: tuple[str, str] = ("o", "t")) -> Alignment:
    """A perturbed case as an alignment of its gold beads (paragraph units)."""
    original = document_from_units(case.original, name=names[0])
    translation = document_from_units(case.translation, name=names[1])
    beads = tuple(Bead(o, t, kind=kind) for o, t, kind in case.gold)
    return Alignment(original, translation, beads)


def essay_fingerprints() -> dict[str, str]:
    """The essay against itself (both levels) and against perturbed copies."""
    text = ESSAY.read_text(encoding="utf-8")
    essay = segment_text(text, name=ESSAY.name)
    paras = tuple(s.text for s in essay.segments)
    out = {}
    for level in (Level.PARAGRAPH, Level.SENTENCE):
        units = range(len(essay.units(level)))
        beads = tuple(Bead((i,), (i,)) for i in units)
        itself = Alignment(essay, essay, beads, AlignSettings(level=level))
        out[f"itself-{level}"] = fingerprint(analyse(itself))
    for seed in ESSAY_SEEDS:
        alignment = gold(perturb(paras, seed=seed, operations=ESSAY_OPERATIONS))
        out[f"perturbed-{seed}"] = fingerprint(analyse(alignment))
    return out


def demo_fingerprints() -> tuple[dict[str, str], dict[str, str]]:
    """The demo set as the app aligns it: (analyses, alignments) by case."""
    original = load_document(DEMO / "original.en.txt")
    analyses, alignments = {}, {}
    cases = (
        ("backtranslation", "backtranslation.en.txt", Level.PARAGRAPH),
        ("backtranslation-sentence", "backtranslation.en.txt", Level.SENTENCE),
        ("alternative", "alternative.en.txt", Level.PARAGRAPH),
        ("translation-fr", "translation.fr.txt", Level.PARAGRAPH),
    )
    for name, file, level in cases:
        other = load_document(DEMO / file)
        alignment = DIRECT.align(original, other, level=level, mode=Mode.AUTO, pivot=None)
        alignments[name] = alignment_fingerprint(alignment)
        analyses[name] = fingerprint(analyse(alignment))
        if name == "backtranslation":
            quiet = analyse(alignment, suppress_minor=True)
            analyses[f"{name}-suppress-minor"] = fingerprint(quiet)
    return analyses, alignments


def detection_fingerprints() -> tuple[dict[str, str], dict[str, str]]:
    """Every category's edits of every benchmark text, per seed: (analyses, alignments)."""
    sources = load_sources()
    analyses, alignments = {}, {}
    for category, generate in {**LOUD, **QUIET}.items():
        for seed in DETECTION_SEEDS:
            divs: list[str] = []
            beads: list[str] = []
            for source in sources:
                rng = random.Random(f"{category}/{seed}")
                edit = generate(source.paragraphs, rng, source.names)
                if edit is None:
                    continue
                result = pipeline("\n\n".join(source.paragraphs), "\n\n".join(edit.paragraphs))
                divs += divergence_lines(result)
                beads += (f"{d.pair_id}|{d.bead}|{d.bead.kind}" for d in result)
            key = f"{category}/{seed}"
            analyses[key] = hashlib.sha256("\n".join(divs).encode()).hexdigest()[:16]
            alignments[key] = hashlib.sha256("\n".join(beads).encode()).hexdigest()[:16]
    return analyses, alignments


def zipf_fingerprint() -> str:
    """A Zipf-like document against a perturbed copy, on its gold beads."""
    case = perturb(zipf_paragraphs(ZIPF_PARAGRAPHS, seed=7), seed=8, operations=ZIPF_OPERATIONS)
    return fingerprint(analyse(gold(case)))


def textberg_fingerprints(bench_dir: Path) -> dict[str, str]:
    """Text+Berg dev gold pairs across languages, and through the pivot ({} if absent)."""
    data = bench_dir / "textberg-dev"
    if not data.is_dir():
        return {}
    alignment = gold_alignment(bench_dir)
    lines = (data / "mt-europarlfull.fr").read_text(encoding="utf-8").splitlines()
    pivot = document_from_units([line.strip() for line in lines], name="pivot", language="fr")
    return {
        "gold": fingerprint(analyse(alignment)),
        "gold-pivot": fingerprint(analyse(alignment, pivot=pivot)),
    }


def compute(bench_dir: Path | None = None) -> dict:
    """Every fingerprint, by input name."""
    demo, demo_beads = demo_fingerprints()
    detection, detection_beads = detection_fingerprints()
    return {
        "essay": essay_fingerprints(),
        "demo": demo,
        "detection": detection,
        "zipf": {str(ZIPF_PARAGRAPHS): zipf_fingerprint()},
        "textberg": textberg_fingerprints(bench_dir or default_bench_dir()),
        "alignments": {"demo": demo_beads, "detection": detection_beads},
    }


def main(argv: list[str] | None = None) -> int:
    """Print the fingerprints, or write them with ``--write``."""
    return record_or_print(
        compute,
        PINNED,
        prog="python -m workbench.bench.pinned_divergences",
        description=__doc__,
        argv=argv,
    )


if __name__ == "__main__":
    raise SystemExit(main())
