"""The cross-language checks benchmark's pieces (workbench.bench.checks) on a small alignment."""

from __future__ import annotations

import random

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
