"""Settings are declared once and documented; overrides come from the environment."""

from __future__ import annotations

import re

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


def test_a_file_one_byte_over_the_upload_setting_is_refused_and_one_at_it_is_read(
    tmp_path,
) -> None:
    """The reader's default limit is the setting in MB (a MB being 1024 × 1024 bytes)."""
    from workbench.errors import TooLargeError
    from workbench.text import read_bytes, read_path

    limit = int(config.get("max_upload_mb")) * 1024 * 1024
    at_limit = b"word " * (limit // 5) + b"x" * (limit % 5)
    # at the limit the bytes pass; it is the characters limit that stops this text
    with pytest.raises(TooLargeError, match="characters of text"):
        read_bytes(at_limit, name="big.txt")
    megabytes = f"{config.get('max_upload_mb'):.1f} MB"
    refused = re.escape(f"is {megabytes}; the largest file accepted is {megabytes}")
    with pytest.raises(TooLargeError, match=refused):
        read_bytes(at_limit + b"x", name="big.txt")
    path = tmp_path / "big.txt"
    path.write_bytes(at_limit + b"x")
    with pytest.raises(TooLargeError, match="the largest file accepted is"):
        read_path(path)


def test_every_documented_threshold_has_the_value_of_the_code(repo_root) -> None:
    import importlib

    doc = (repo_root / "docs" / "settings.md").read_text(encoding="utf-8")
    section = doc.split("## Thresholds", 1)[1]
    rows = re.findall(r"^\| `(\w+)` \| ([\d.]+) \| `([\w.]+)` \|", section, re.MULTILINE)
    assert len(rows) >= 15
    for name, value, module in rows:
        assert getattr(importlib.import_module(module), name) == float(value), name
