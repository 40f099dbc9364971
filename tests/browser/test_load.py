"""Opt-in load test: concurrent reviewers annotating one project on one server.

Skipped unless ``WORKBENCH_LOAD_TEST=1``; run it with

    WORKBENCH_LOAD_TEST=1 .venv/bin/pytest -m slow tests/browser/test_load.py

The measuring script with a printed table is ``scripts/load_test.py``.
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

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "load_test.py"


def _load_script():
    spec = importlib.util.spec_from_file_location("workbench_load_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("reviewers", [2, 4, 6])
def test_concurrent_reviewers_all_reach_the_file(reviewers, app_url, alignments_dir, chromium_path):
    script = _load_script()
    # asyncio in a thread of its own: the session's sync Playwright may own this thread's loop
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(
            script.run_level, app_url, alignments_dir, reviewers, per_reviewer=3, timeout=300
        ).result()
    print("\n" + script.HEADER + "\n" + result.line())
    assert result.errors == []
    assert result.expected == 3 * reviewers
    assert result.saved == result.in_file == result.expected
    assert len(result.latencies) == result.expected
