"""The cross-language checks benchmark's pieces (workbench.bench.checks) on a small alignment."""

from __future__ import annotations

import random

import pytest

from workbench.bench.checks import firing_rates, plant_edit, planted_suite
from workbench.diff import analyse
from workbench.model import Alignment, Bead
from workbench.text import document_from_units

GERMAN = [
    "Der Makalu ( 8481 m ) wurde 1955 von Jean Franco bestiegen .",
    "Die Expedition kam im Juni zurück .",
]
FRENCH = [
    "Le Makalu , 8481 m , fut gravi en 1955 par Jean Franco .",
    "L' expédition revint en juin .",
    "Elle était fatiguée .",
]


def _alignment() -> Alignment:
    de = document_from_units(GERMAN, language="de")
    fr = document_from_units(FRENCH, language="fr")
    return Alignment(de, fr, (Bead((0,), (0,)), Bead((1,), (1, 2))))


def test_plants_change_the_translation_as_their_kind_says() -> None:
    alignment = _alignment()
    first, second = alignment.beads
    number, description = plant_edit(alignment, first, "number", random.Random(0))  # type: ignore[misc]
    assert number.translation.text != alignment.translation.text
    assert description.split(" → ")[0] in ("8481", "1955")
    name, description = plant_edit(alignment, first, "name", random.Random(0))  # type: ignore[misc]
    assert description.split(" → ")[0] in ("Makalu", "Jean", "Franco")
    assert plant_edit(alignment, first, "dropped-sentence", random.Random(0)) is None
    dropped, _ = plant_edit(alignment, second, "dropped-sentence", random.Random(0))  # type: ignore[misc]
    assert len(dropped.pair_texts(second)[1]) < len(alignment.pair_texts(second)[1])


def test_firing_rates_and_planted_suite_count_what_the_analysis_reports() -> None:
    alignment = _alignment()
    divs = analyse(alignment)
    rates = firing_rates(divs)
    fired = sum(1 for d in divs if d.findings)
    assert rates.get("any", {"pairs": 0})["pairs"] == fired
    planted = planted_suite(alignment, divs)
    kinds = [p.kind for p in planted]
    assert kinds.count("number") == 1 and kinds.count("dropped-sentence") == 1
    assert all(p.found for p in planted if p.kind == "number")


def test_a_firing_on_a_pair_labelled_as_really_different_is_no_false_alarm() -> None:
    alignment = _alignment()
    first = alignment.pair_id(alignment.beads[0])
    planted, _ = plant_edit(alignment, alignment.beads[0], "number", random.Random(0))  # type: ignore[misc]
    divs = analyse(planted)
    fired = [d.pair_id for d in divs if any(f.check == "numbers" for f in d.findings)]
    assert fired == [first]
    unlabelled = firing_rates(divs)
    assert unlabelled["numbers"]["false_alarms"] == 1
    assert unlabelled["any"]["false_alarms"] == unlabelled["any"]["pairs"]
    labelled = firing_rates(divs, real={(first, "numbers")})
    assert labelled["numbers"]["pairs"] == 1 and labelled["numbers"]["false_alarms"] == 0
    # a label for another check does not excuse this one
    assert firing_rates(divs, real={(first, "names")})["numbers"]["false_alarms"] == 1


def test_every_label_names_a_gold_pair_of_the_dev_set() -> None:
    from workbench.bench.alignment import default_bench_dir
    from workbench.bench.checks import gold_alignment
    from workbench.bench.textberg_labels import REAL_DIFFERENCES

    bench_dir = default_bench_dir()
    if not (bench_dir / "textberg-dev").is_dir():
        pytest.skip("the shared Text+Berg benchmark is not beside the repository")
    gold = gold_alignment(bench_dir)
    pair_ids = {gold.pair_id(b) for b in gold.beads}
    assert {pair for pair, _, _ in REAL_DIFFERENCES} <= pair_ids
    assert {check for _, check, _ in REAL_DIFFERENCES} <= {"numbers", "names", "length"}
    assert len({(p, c) for p, c, _ in REAL_DIFFERENCES}) == len(REAL_DIFFERENCES)
