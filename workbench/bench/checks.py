"""Cross-language checks benchmark: ``python -m workbench.bench --checks [--bench-dir DIR]``.

On the Text+Berg development set (``textberg-dev``: German ``source.de``, French
``target.fr``, the gold sentence alignment; first document, no pivot), each gold bead
with both sides becomes one pair, its texts the bead's sentences joined. These pairs
are meant as true translations, but the published translation sometimes really differs
(:mod:`workbench.bench.textberg_labels`: years, pages, heights left out or changed, scan
noise); the benchmark prints how often each check fires (share of pairs, most messages
on one pair) and how often it fires on a pair not labelled as really different for it
(a false alarm).

Then a planted-edit suite: in the translation of every gold pair with material, change
a number (never into a number the original writes), replace a name (a capitalised word
the original writes the same) by a name foreign to the text, or drop a sentence of at
least ``PASSAGE_MIN_WORDS`` words (the least an omission finding reports; pairs with two
French sentences or more), re-analyse the pair and count how often the analysis reports
something it did not report before (a finding of the expected check; for a dropped
sentence, any finding).
Only the development set is read; the held-out test set is never used.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.align.evaluate import read_alignment
from workbench.bench.alignment import default_bench_dir
from workbench.bench.textberg_labels import REAL_DIFFERENCES
from workbench.diff import analyse, analyse_subset
from workbench.diff.checks.passages import PASSAGE_MIN_WORDS
from workbench.diff.modes import pivot_guides, pivot_similarity
from workbench.diff.spans import word_count
from workbench.diff.tokens import tokenize
from workbench.model import Alignment, Bead, PairDivergence
from workbench.text import document_from_units
from workbench.text.normalise import fold_accents

#: Names put in place of a name of the translation (none occurs in the data).
OTHER_NAMES = ("Kowalczyk", "Lindqvist", "Achterberg", "Moreau", "Haddad", "Thornbury")
_DIGITS = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?(?![\w]|[.,]\d)")
_ANY_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_MID_CAPITAL = re.compile(r"(?<=[a-zà-ÿ,] )[A-ZÀ-Ý][a-zà-ÿ]{2,}\b")


@dataclass(frozen=True)
class Planted:
    """One planted edit and whether the analysis reported it."""

    kind: str
    pair_id: str
    description: str
    found: bool


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def gold_alignment(bench_dir: Path) -> Alignment:
    """The dev set's gold beads with both sides as an alignment of sentence units."""
    data = bench_dir / "textberg-dev"
    source = document_from_units(_lines(data / "source.de"), name="source.de", language="de")
    target = document_from_units(_lines(data / "target.fr"), name="target.fr", language="fr")
    first_document = read_alignment(data / "gold.txt")[0]
    beads = tuple(Bead(tuple(o), tuple(t)) for o, t in first_document if o and t)
    return Alignment(source, target, beads)


def firing_rates(
    divs: Sequence[PairDivergence], *, real: Collection[tuple[str, str]] = ()
) -> dict[str, dict[str, float]]:
    """Per check (and "any"): the pairs it fires on and their share, the most findings on
    one pair, and the false alarms: pairs it fires on that ``real`` ((pair id, check)
    pairs whose translation really differs) does not list for it (for "any": pairs with
    at least one such check)."""
    rows: dict[str, dict[str, float]] = {}
    counts: Counter[str] = Counter()
    worst: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for d in divs:
        per = Counter(f.check for f in d.findings)
        for check, n in per.items():
            counts[check] += 1
            worst[check] = max(worst[check], n)
            false[check] += (d.pair_id, check) not in real
        if d.findings:
            counts["any"] += 1
            worst["any"] = max(worst["any"], len(d.findings))
            false["any"] += any((d.pair_id, check) not in real for check in per)
    for check in sorted(counts, key=lambda c: (c == "any", c)):
        rows[check] = {
            "pairs": counts[check],
            "share": counts[check] / len(divs),
            "most_per_pair": worst[check],
            "false_alarms": false[check],
            "false_share": false[check] / len(divs),
        }
    return rows


def _with_unit(alignment: Alignment, index: int, text: str) -> Alignment:
    """``alignment`` with translation unit ``index`` replaced by ``text``."""
    units = [u.text for u in alignment.translation.units(alignment.level)]
    units[index] = text
    doc = document_from_units(units, name=alignment.translation.name, language="fr")
    return replace(alignment, translation=doc)


def plant_edit(
    alignment: Alignment, bead: Bead, kind: str, rng: random.Random
) -> tuple[Alignment, str] | None:
    """The alignment with one planted edit in ``bead``'s translation, or None without material."""
    units = alignment.translation.units(alignment.level)
    order = list(bead.translation)
    rng.shuffle(order)
    if kind == "dropped-sentence" and len(bead.translation) < 2:
        return None
    for index in order:
        text = units[index].text
        if kind == "dropped-sentence":
            if word_count(tokenize(text), 0, len(text)) < PASSAGE_MIN_WORDS:
                continue  # "C ) .": a fragment no review reports as an omission
            return _with_unit(alignment, index, ""), f"dropped “{text[:60]}”"
        pattern = _DIGITS if kind == "number" else _MID_CAPITAL
        matches = list(pattern.finditer(text))
        if not matches:
            continue
        if kind == "name":  # a name: written the same in the original
            source = set(re.findall(r"\w+", fold_accents(alignment.pair_texts(bead)[0])))
            matches = [m for m in matches if fold_accents(m.group()) in source]
            if not matches:
                continue
        m = rng.choice(matches)
        if kind == "number":
            new = _other_number(m.group(), alignment.pair_texts(bead)[0])
        else:
            new = rng.choice(OTHER_NAMES)
        edited = text[: m.start()] + new + text[m.end() :]
        return _with_unit(alignment, index, edited), f"{m.group()} → {new}"
    return None


def _other_number(digits: str, original: str) -> str:
    """``digits`` with its last digit raised (by one, or more while the result is a
    number ``original`` writes: "82" in a pair whose original says 83 becomes 84, not
    the original's value)."""
    written = set(_ANY_NUMBER.findall(original))  # "S.83" too
    for step in range(1, 10):
        new = digits[:-1] + str((int(digits[-1]) + step) % 10)
        if new not in written:
            return new
    return new


EXPECTED = {"number": "numbers", "name": "names", "dropped-sentence": ""}


def _new_findings(before: PairDivergence, after: PairDivergence, check: str) -> bool:
    """Whether ``after`` reports something ``before`` did not (of ``check``, if given)."""
    old = Counter((f.check, f.message) for f in before.findings)
    new = Counter((f.check, f.message) for f in after.findings if not check or f.check == check)
    return bool(new - old)


def planted_suite(alignment: Alignment, divs: Sequence[PairDivergence]) -> list[Planted]:
    """Every gold pair with material gets one planted edit of each kind; an edit is found
    when the re-analysed pair reports something new (of the kind's check; any check for
    a dropped sentence)."""
    out = []
    by_id = {d.pair_id: d for d in divs}
    for bead in alignment.beads:
        pair_id = alignment.pair_id(bead)
        for kind, check in EXPECTED.items():
            planted = plant_edit(alignment, bead, kind, random.Random(f"{pair_id}/{kind}"))
            if planted is None:
                continue
            edited, description = planted
            (after,) = analyse_subset(edited, {pair_id})
            found = _new_findings(by_id[pair_id], after, check)
            out.append(Planted(kind, pair_id, description, found))
    return out


def _print(rates: dict, planted: Sequence[Planted], total: int, *, misses: int) -> None:
    print(f"Text+Berg dev, gold pairs (de → fr, no pivot): {total} pairs")
    print(
        f"{'check':14} {'pairs':>6} {'share':>7} {'most/pair':>9}   "
        f"{'false alarms':>12} {'share':>7}  (pairs not labelled as really different)"
    )
    for check, row in rates.items():
        print(
            f"{check:14} {row['pairs']:6} {100 * row['share']:6.1f}% {row['most_per_pair']:9}   "
            f"{row['false_alarms']:12} {100 * row['false_share']:6.1f}%"
        )
    print("\nPlanted edits in the translation (recall)")
    for kind in [*EXPECTED, "overall"]:
        chosen = [p for p in planted if kind in (p.kind, "overall")]
        found = sum(p.found for p in chosen)
        share = 100 * found / len(chosen) if chosen else 0.0
        print(f"{kind:18} {len(chosen):5} cases  {found:5} found  {share:6.1f}%")
    missed = [p for p in planted if not p.found][:misses]
    if missed:
        print("\nMissed (first ones)")
        for p in missed:
            print(f"  {p.kind:18} {p.pair_id:22} {p.description}")


def main(argv: list[str] | None = None) -> int:
    """Firing rates on the gold pairs and recall of planted edits; print them."""
    ap = argparse.ArgumentParser(prog="python -m workbench.bench --checks", description=__doc__)
    ap.add_argument("--checks", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--bench-dir", type=Path, default=None, help="shared benchmark folder")
    ap.add_argument("--misses", type=int, default=15, help="how many misses to list")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    args = ap.parse_args(argv)
    bench_dir = args.bench_dir or default_bench_dir()
    if not (bench_dir / "textberg-dev").is_dir():
        print(f"textberg-dev not found under {bench_dir}; skipping the checks benchmark")
        return 0
    alignment = gold_alignment(bench_dir)
    divs = analyse(alignment)
    rates = firing_rates(divs, real={(pair, check) for pair, check, _ in REAL_DIFFERENCES})
    planted = planted_suite(alignment, divs)
    pivots = _pivot_roles(bench_dir, alignment)
    if args.json:
        report = {
            "pairs": len(divs),
            "rates": rates,
            "planted": [p.__dict__ for p in planted],
            "pivots": pivots,
        }
        print(json.dumps(report, indent=1))
    else:
        _print(rates, planted, len(divs), misses=args.misses)
        print("\nThrough a pivot (the dev set's machine translations of the German)")
        for name, row in pivots.items():
            role = "only guides: the figures above" if row["guides"] else "is compared"
            print(f"  {name:22} typical similarity {row['similarity']:5.1f}  {role}")
    return 0


def _pivot_roles(bench_dir: Path, alignment: Alignment) -> dict[str, dict[str, object]]:
    """For each machine-translated pivot of the dev set: its typical similarity to the
    translation and whether it only guides (then the analysis is the one without it)."""
    out: dict[str, dict[str, object]] = {}
    for path in sorted((bench_dir / "textberg-dev").glob("mt-*.fr")):
        pivot = document_from_units(_lines(path), name=path.name, language="fr")
        out[path.name] = {
            "similarity": pivot_similarity(alignment, pivot),
            "guides": pivot_guides(alignment, pivot),
        }
    return out


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
