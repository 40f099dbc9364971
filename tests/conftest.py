"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
TEXTS_DIR = REPO_ROOT / "texts"
ESSAY_PATH = TEXTS_DIR / "reflections-en-backtranslation.txt"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's top folder."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def essay_path() -> Path:
    """The built-in example: the essay back-translation in texts/."""
    return ESSAY_PATH


@pytest.fixture()
def alignments(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private alignments folder for the app (``WORKBENCH_ALIGNMENTS_DIR``), not created."""
    folder = tmp_path / "alignments"
    monkeypatch.setenv("WORKBENCH_ALIGNMENTS_DIR", str(folder))
    return folder
