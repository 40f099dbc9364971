"""The speed benchmark's report prints each case beside its floor, and a second floor
where the engine's own library has a faster one (CyDifflib for difflib)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from workbench.bench.processes import bytecode_cache, median_seconds
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


def test_timed_processes_cache_their_bytecode_though_this_machine_says_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a user's machine compiles a module once; here PYTHONDONTWRITEBYTECODE would make
    # every timed run compile every module again, ours and the peer's
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    (tmp_path / "helper_module.py").write_text("VALUE = 1\n", encoding="utf-8")
    cmd = [sys.executable, "-c", "import helper_module"]
    with bytecode_cache() as env:
        assert "PYTHONDONTWRITEBYTECODE" not in env
        seconds = median_seconds(cmd, 1, env=env, cwd=tmp_path)
        cached = list(Path(env["PYTHONPYCACHEPREFIX"]).rglob("helper_module.*.pyc"))
    assert seconds > 0
    assert len(cached) == 1
    assert not (tmp_path / "__pycache__").exists()  # the code's own folder is left alone


def test_the_instruction_counting_script_runs_its_workloads() -> None:
    # valgrind runs these children; here they run bare, once each, and must succeed
    script = Path(__file__).resolve().parent.parent / "scripts" / "align_instructions.py"
    for case in ("essay", "textberg"):
        done = subprocess.run(
            [sys.executable, str(script), "--child", case, "1"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
