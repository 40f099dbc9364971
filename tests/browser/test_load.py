"""Opt-in load test: reviewers on two app servers sharing one store, per backend.

Skipped unless ``WORKBENCH_LOAD_TEST=1``; run it with

    WORKBENCH_LOAD_TEST=1 .venv/bin/pytest -m slow tests/browser/test_load.py

The measuring script with a printed table is ``scripts/load_test.py``: it starts the
servers (and, for PostgreSQL, a throwaway database) itself, drives one headless
Chromium context per reviewer, and returns 0 only if every acknowledged save is stored
(and logged in the history) and nothing else is.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("WORKBENCH_LOAD_TEST") != "1",
        reason="load test is opt-in: set WORKBENCH_LOAD_TEST=1 and run with -m slow",
    ),
]

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "load_test.py"


def _load_script(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.syspath_prepend(str(REPO / "scripts"))  # its helper, load_servers
    spec = importlib.util.spec_from_file_location("workbench_load_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("store", ["csv", "postgresql"])
def test_reviewers_on_two_servers_all_reach_the_store(store, monkeypatch, capsys):
    script = _load_script(monkeypatch)
    argv = ["--servers", "2", "--store", store, "--levels", "4", "--per-reviewer", "2"]
    argv += ["--shared", "1", "--timeout", "240"]
    # asyncio in a thread of its own: a session's sync Playwright may own this thread's loop
    with ThreadPoolExecutor(max_workers=1) as pool:
        status = pool.submit(script.main, argv).result()
    table = capsys.readouterr().out
    print(table)
    assert status == 0, table
    row = next(line for line in table.splitlines() if line.startswith(store))
    assert "MISMATCH" not in row and "TIMED OUT" not in row
