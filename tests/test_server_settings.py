"""The server settings the review loop's latency depends on (``.streamlit/config.toml``);
``python -m workbench.bench --latency`` measured each of them (docs/architecture.md)."""

from __future__ import annotations

import tomllib
from pathlib import Path

SETTINGS = Path(__file__).resolve().parents[1] / ".streamlit" / "config.toml"


def _settings() -> dict:
    return tomllib.loads(SETTINGS.read_text(encoding="utf-8"))


def test_no_full_garbage_collection_after_every_run() -> None:
    # about 80 ms of every run with a 1,000-pair review open
    assert _settings()["runner"]["postScriptGC"] is False


def test_no_file_watcher_polls_the_source() -> None:
    assert _settings()["server"]["fileWatcherType"] == "none"
    assert _settings()["server"]["runOnSave"] is False


def test_users_get_no_developer_toolbar() -> None:
    assert _settings()["client"]["toolbarMode"] == "minimal"
