"""Settings are declared once and documented; overrides come from the environment."""

from __future__ import annotations

import pytest

from workbench import config


def test_every_setting_is_documented(repo_root) -> None:
    doc = (repo_root / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [s.name for s in config.SETTINGS if f"`{s.name}`" not in doc]
    assert missing == []
    missing_env = [s.env for s in config.SETTINGS if s.env and s.env not in doc]
    assert missing_env == []


def test_every_setting_has_help_text() -> None:
    assert all(s.help.strip() for s in config.SETTINGS)
    assert len({s.name for s in config.SETTINGS}) == len(config.SETTINGS)


def test_environment_overrides_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WORKBENCH_ALIGNMENTS_DIR", raising=False)
    assert config.value("alignments_dir") == "alignments"
    monkeypatch.setenv("WORKBENCH_ALIGNMENTS_DIR", "/tmp/reviews")
    assert config.value("alignments_dir") == "/tmp/reviews"
    monkeypatch.setenv("WORKBENCH_ALIGNMENTS_DIR", "   ")
    assert config.value("alignments_dir") == "alignments"


def test_upload_limit_in_bytes_follows_the_setting() -> None:
    assert config.MAX_UPLOAD_BYTES == int(config.get("max_upload_mb")) * 1024 * 1024
