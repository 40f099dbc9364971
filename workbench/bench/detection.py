"""Detection benchmark: ``python -m workbench.bench --detection [--seeds N] [--json]``.

Labelled edits in two families are applied to random paragraphs of the texts in
``texts/bench/`` and of ``texts/demo/original.en.txt``: *loud* edits a reviewer must see
(numbers, negation, names, dropped/added/moved/replaced passages) and *quiet* ones that
must stay identical or minor (typography, spelling, contractions …). Each original and
edited copy goes through the app's pipeline — read and segment both texts
(:func:`workbench.text.load_document`), align paragraphs and analyse
(:data:`workbench.session.DIRECT`) — and is judged on the pairs touching the edit:

* a loud edit is **found** when one of those pairs is ``major`` or ``unaligned``, or
  carries the expected check (a move is a ``moved`` finding, which leaves the band
  minor by design); it is **labelled** when the expected check is among their checks;
* a quiet edit is a **false alarm** when any pair of the document is ``major`` or
  ``unaligned``.

Prints recall, label accuracy and false alarms per category and which checks each
category was reported with.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from workbench.bench.edits import Edit, Generator, TextNames
from workbench.bench.edits_loud import NUMBER_GENERATORS, PASSAGE_GENERATORS
from workbench.bench.edits_quiet import QUIET_GENERATORS
from workbench.bench.edits_words import WORD_GENERATORS
from workbench.bench.paths import REPO_ROOT, TEXTS
from workbench.diff import analyse
from workbench.model import Document, Level, Mode, PairDivergence
from workbench.session import DIRECT
from workbench.text import load_document, segment_text

NAMES_FILE = TEXTS / "bench" / "names.json"
#: The check that should name each loud category's edits.
EXPECTED_CHECK = {
    **dict.fromkeys(NUMBER_GENERATORS, "numbers"),
    **dict.fromkeys(("negation-added", "negation-removed", "negation-affixal"), "negation"),
    **dict.fromkeys(("name-other", "name-letter", "name-surname"), "names"),
    "dropped-sentence": "omission",
    "dropped-clause": "omission",
    "dropped-paragraph": "unaligned",
    "added-sentence": "addition",
    "added-clause": "addition",
    "added-paragraph": "unaligned",
    "moved-paragraph": "moved",
    "replaced-sentence": "replaced",
}
LOUD: dict[str, Generator] = {**NUMBER_GENERATORS, **WORD_GENERATORS, **PASSAGE_GENERATORS}
QUIET: dict[str, Generator] = dict(QUIET_GENERATORS)
FLAGGED_BANDS = ("major", "unaligned")


@dataclass(frozen=True)
class SourceText:
    """A benchmark text: its name, paragraphs and known names."""

    name: str
    paragraphs: tuple[str, ...]
    names: TextNames


@dataclass(frozen=True)
class Outcome:
    """One edit and what the analysis made of it."""

    category: str
    family: str
    text: str
    seed: int
    description: str
    flagged: bool
    checks: tuple[str, ...]
    bands: tuple[str, ...]


def load_sources(names_file: Path = NAMES_FILE) -> list[SourceText]:
    """The benchmark texts listed in ``texts/bench/names.json``, cut into paragraphs."""
    listing = json.loads(names_file.read_text(encoding="utf-8"))
    sources = []
    for relative, known in listing.items():
        doc = segment_text((REPO_ROOT / relative).read_text(encoding="utf-8"), name=relative)
        names = TextNames(tuple(known["people"]), tuple(known["names"]))
        sources.append(SourceText(relative, tuple(s.text for s in doc.segments), names))
    return sources


@lru_cache(maxsize=16)
def _document(text: str, name: str) -> Document:
    return load_document(text.encode("utf-8"), name=name)


def pipeline(original: str, edited: str) -> list[PairDivergence]:
    """The app's steps: read and segment both texts, align paragraphs, analyse."""
    o = _document(original, "original.txt")
    t = load_document(edited.encode("utf-8"), name="edited.txt")
    alignment = DIRECT.align(o, t, level=Level.PARAGRAPH, mode=Mode.AUTO, pivot=None)
    return analyse(alignment)


def _touching(divs: Sequence[PairDivergence], edit: Edit) -> list[PairDivergence]:
    o_index, t_index = set(edit.original_index), set(edit.edited_index)
    return [d for d in divs if o_index & set(d.bead.original) or t_index & set(d.bead.translation)]


def judge(category: str, source: SourceText, seed: int, edit: Edit) -> Outcome:
    """Run one edit through the pipeline and judge the pairs it touches."""
    divs = pipeline("\n\n".join(source.paragraphs), "\n\n".join(edit.paragraphs))
    loud = category in LOUD
    seen = _touching(divs, edit) if loud else divs
    checks = tuple(dict.fromkeys(c for d in seen for c in d.checks))
    if loud:
        expected = EXPECTED_CHECK[category]
        flagged = any(d.band in FLAGGED_BANDS or expected in d.checks for d in seen)
    else:
        flagged = any(d.band in FLAGGED_BANDS for d in divs)
        checks = tuple(dict.fromkeys(c for d in divs if d.band in FLAGGED_BANDS for c in d.checks))
    bands = tuple(sorted({d.band for d in seen}))
    family = "loud" if loud else "quiet"
    return Outcome(category, family, source.name, seed, edit.description, flagged, checks, bands)


def cases(category: str, sources: Sequence[SourceText], *, seeds: int) -> list[Outcome]:
    """Up to ``seeds`` distinct edits of ``category`` per text, each judged."""
    generate = LOUD.get(category) or QUIET[category]
    out = []
    for source in sources:
        seen: set[tuple[str, ...]] = set()
        for seed in range(seeds * 10):
            if len(seen) >= seeds:
                break
            edit = generate(source.paragraphs, random.Random(f"{category}/{seed}"), source.names)
            if edit is None or edit.paragraphs in seen:
                continue
            seen.add(edit.paragraphs)
            out.append(judge(category, source, seed, edit))
    return out


def summary(outcomes: Sequence[Outcome]) -> dict[str, dict]:
    """Per category: cases, found/false alarms, labelled, and the checks reported."""
    rows: dict[str, dict] = {}
    for o in outcomes:
        row = rows.setdefault(
            o.category,
            {"family": o.family, "cases": 0, "flagged": 0, "labelled": 0, "checks": Counter()},
        )
        row["cases"] += 1
        row["flagged"] += o.flagged
        if o.family == "loud":
            row["labelled"] += o.flagged and EXPECTED_CHECK[o.category] in o.checks
            row["checks"].update(o.checks if o.flagged else ["(missed)"])
            if o.flagged and not o.checks:
                row["checks"]["(no check)"] += 1
        else:
            row["checks"].update(o.checks)
    return rows


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:6.1f}%" if whole else "     -"


def print_tables(rows: dict[str, dict], outcomes: Sequence[Outcome], *, misses: int) -> None:
    """The loud and quiet tables, overall lines and a few missed or false-alarm examples."""
    for family, title, rate in (
        ("loud", "Loud edits: must be reported, with the right check", "recall"),
        ("quiet", "Quiet edits: must stay identical or minor", "false alarms"),
    ):
        print(f"\n{title}")
        head = f"{'category':20} {'cases':>5} {rate:>12}"
        print(
            head
            + (
                f" {'labelled':>9}  {'expected':10} checks reported"
                if family == "loud"
                else "  checks on false alarms"
            )
        )
        total = flagged = labelled = 0
        for name, row in rows.items():
            if row["family"] != family:
                continue
            total, flagged, labelled = (
                total + row["cases"],
                flagged + row["flagged"],
                labelled + row["labelled"],
            )
            seen = ", ".join(f"{c} {n}" for c, n in row["checks"].most_common())
            line = f"{name:20} {row['cases']:5} {_pct(row['flagged'], row['cases']):>12}"
            if family == "loud":
                line += (
                    f" {_pct(row['labelled'], row['flagged']):>9}  {EXPECTED_CHECK[name]:10} {seen}"
                )
            else:
                line += f"  {seen}"
            print(line)
        line = f"{'overall':20} {total:5} {_pct(flagged, total):>12}"
        print(line + (f" {_pct(labelled, flagged):>9}" if family == "loud" else ""))
    shown = [o for o in outcomes if (o.family == "loud") != o.flagged][:misses]
    if shown:
        print("\nMissed loud edits and quiet false alarms (first ones)")
        for o in shown:
            where = o.text.split("/")[-1]
            print(f"  {o.category:18} {where:26} {o.description[:90]} {o.bands} {o.checks}")


def main(argv: list[str] | None = None) -> int:
    """Generate, run and judge every category; print the tables (or JSON)."""
    ap = argparse.ArgumentParser(prog="python -m workbench.bench --detection", description=__doc__)
    ap.add_argument("--detection", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--seeds", type=int, default=8, help="distinct edits per text and category")
    ap.add_argument("--categories", default="", help="comma-separated categories (default: all)")
    ap.add_argument("--misses", type=int, default=20, help="how many misses to list")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = ap.parse_args(argv)
    sources = load_sources()
    wanted = [c for c in args.categories.split(",") if c] or [*LOUD, *QUIET]
    unknown = [c for c in wanted if c not in LOUD and c not in QUIET]
    if unknown:
        print(f"unknown categories: {', '.join(unknown)}", file=sys.stderr)
        return 2
    outcomes = [o for category in wanted for o in cases(category, sources, seeds=args.seeds)]
    rows = summary(outcomes)
    if args.json:
        for row in rows.values():
            row["checks"] = dict(row["checks"])
        print(json.dumps({"categories": rows, "cases": [asdict(o) for o in outcomes]}, indent=1))
    else:
        print_tables(rows, outcomes, misses=args.misses)
    return 0
