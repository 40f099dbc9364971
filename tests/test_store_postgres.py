"""What only the PostgreSQL store has: migrations, its selection, its lazy import."""

from __future__ import annotations

import subprocess
import sys
import threading

import psycopg
import pytest

from workbench import config
from workbench.errors import AlignmentFileError, SaveError, StoreSettingError
from workbench.store.csv_store import CsvStore
from workbench.store.migrations import LATEST, MIGRATIONS, migrate
from workbench.store.select import open_store


def _versions(url: str) -> list[int]:
    with psycopg.connect(url) as conn:
        return [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY 1")]


def test_opening_a_store_migrates_an_empty_database_once(postgres_database):
    open_store(postgres_database).close()
    assert _versions(postgres_database) == [m.version for m in MIGRATIONS]
    with psycopg.connect(postgres_database) as conn:
        assert migrate(conn) == []  # nothing left to apply
    open_store(postgres_database).close()
    assert _versions(postgres_database) == [m.version for m in MIGRATIONS]


def test_a_database_of_the_first_schema_is_migrated_and_keeps_its_reviews(postgres_database):
    from store_helpers import make_review

    with psycopg.connect(postgres_database) as conn:  # the schema as the first release left it
        conn.execute(
            "CREATE TABLE schema_version (version integer PRIMARY KEY, name text NOT NULL, "
            "applied_at timestamptz NOT NULL DEFAULT now())"
        )
        for statement in MIGRATIONS[0].statements:
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version, name) VALUES (1, 'first')")
    assert _versions(postgres_database) == [1]
    with psycopg.connect(postgres_database) as conn:
        assert migrate(conn) == [m.version for m in MIGRATIONS[1:]]
    # a review written after the upgrade reads back whole through the store
    review = make_review()
    team = open_store(postgres_database)
    try:
        team.create_review(review, who="test", name="demo")
        assert team.open_review("demo").pairs == review.pairs
    finally:
        team.close()


def test_two_servers_starting_at_once_migrate_once(postgres_database):
    errors: list[BaseException] = []

    def start() -> None:
        try:
            open_store(postgres_database).close()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert _versions(postgres_database) == [m.version for m in MIGRATIONS]


def test_a_database_migrated_by_a_newer_program_is_refused(postgres_database):
    open_store(postgres_database).close()
    with psycopg.connect(postgres_database) as conn:
        conn.execute("INSERT INTO schema_version VALUES (%s, 'from the future')", (LATEST + 1,))
    with pytest.raises(AlignmentFileError, match="newer|Upgrade"):
        open_store(postgres_database)


def test_an_unreachable_database_is_a_save_error_naming_no_password(postgres_server):
    url = f"postgresql://workbench:secret@127.0.0.1:{postgres_server.port}/no_such_db"
    with pytest.raises(SaveError, match="cannot be reached") as caught:
        open_store(url)
    assert "secret" not in caught.value.message


def test_the_setting_selects_the_store(monkeypatch, postgres_database, tmp_path):
    monkeypatch.delenv("WORKBENCH_STORE", raising=False)
    assert isinstance(open_store(root=tmp_path), CsvStore)
    monkeypatch.setenv("WORKBENCH_STORE", postgres_database)
    store = open_store()
    try:
        assert type(store).__name__ == "PostgresStore"
    finally:
        store.close()
    monkeypatch.setenv("WORKBENCH_STORE", "mysql://x")
    with pytest.raises(StoreSettingError):
        open_store()
    assert config.value("store") == "mysql://x"


def test_the_csv_store_does_not_import_the_database_driver():
    code = (
        "import sys\nfrom workbench.store.select import open_store\nopen_store('')\n"
        "import workbench.session, workbench.cli\nprint('psycopg' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("required", "outcome"), [("0", "1 skipped"), ("1", "1 error")])
def test_without_a_server_the_postgres_tests_skip_unless_required(required, outcome):
    """CI sets WORKBENCH_REQUIRE_POSTGRES=1: a server that cannot start fails the run."""
    import os
    from pathlib import Path

    env = {
        **os.environ,
        "WORKBENCH_PG_BINDIR": "/nonexistent",
        "WORKBENCH_REQUIRE_POSTGRES": required,
    }
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            __file__,
            "-k",
            "migrates_an_empty",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parent.parent,
    )
    assert outcome in done.stdout.splitlines()[-1], done.stdout[-2000:]
