"""The two-server load script runs, bounded, and finds acknowledged == stored per backend."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "load_test_servers.py"


def test_the_load_script_reports_equal_acknowledged_and_stored_saves(postgres_server):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--seconds", "3", "--saves", "4"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["csv", "postgresql"]
    for line in lines:
        assert "MISMATCH" not in line
        acknowledged = line.split("acknowledged ")[1].split(",")[0]
        assert line.split("stored ")[1].split(",")[0] == acknowledged
        assert int(acknowledged) > 0
