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


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL server for the session (``pg_server.py``), stopped at the end.

    Skipped when it cannot start, unless ``WORKBENCH_REQUIRE_POSTGRES=1`` (CI): then the
    test fails, so the PostgreSQL store is never silently left untested.
    """
    import os

    import pg_server

    try:
        server = pg_server.start()
    except pg_server.ServerError as exc:
        if os.environ.get("WORKBENCH_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"WORKBENCH_REQUIRE_POSTGRES=1 but PostgreSQL cannot start: {exc}")
        pytest.skip(f"PostgreSQL cannot start: {exc}")
    try:
        yield server
    finally:
        pg_server.stop(server)


@pytest.fixture()
def postgres_database(postgres_server):
    """The URL of a new, empty database on the session's server (dropped afterwards)."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_server.url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield postgres_server.url_of(name)
    with psycopg.connect(postgres_server.url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
