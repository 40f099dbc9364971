"""The speed benchmark's report prints each case beside its floor, and a second floor
where the engine's own library has a faster one (CyDifflib for difflib)."""

from __future__ import annotations

import pytest

from workbench.bench.speed import print_speed


def test_each_floor_is_printed_with_the_ratio_of_the_case_to_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    row = {
        "case": "analyse 10,001 pairs (Zipf-like), in process",
        "seconds": 3.0,
        "target": 3.0,
        "reference": 0.6,
        "reference_name": "floor: difflib word opcodes per pair",
        "also": (0.2, "the same floor with CyDifflib's compiled difflib"),
    }
    print_speed({"cases": [row]})
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].endswith("floor: difflib word opcodes per pair (x5.0)")
    assert lines[2].strip() == "0.200s the same floor with CyDifflib's compiled difflib (x15.0)"
