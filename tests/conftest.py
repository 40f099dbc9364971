"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from repo_paths import ESSAY_PATH, REPO_ROOT, TEXTS_DIR


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


@pytest.fixture(scope="session")
def demo_back_translation_review():
    """The demo set reconciled (original, back-translation, French forward), unannotated."""
    from workbench.features.reconcile import build_reconciliation_review, reconcile
    from workbench.text import load_document

    demo = TEXTS_DIR / "demo"
    result = reconcile(
        load_document(demo / "original.en.txt"),
        load_document(demo / "backtranslation.en.txt"),
        forward=load_document(demo / "translation.fr.txt"),
    )
    return build_reconciliation_review(result, project="demo", created_at="2026-11-26T06:00:00Z")
