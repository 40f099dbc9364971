"""Which store the app and the commands use: the one place ``WORKBENCH_STORE`` is read.

Empty (the default): the CSV store in the alignments folder. ``postgresql://…`` (or
``postgres://…``): the PostgreSQL store, whose driver is imported only then.
"""

from __future__ import annotations

from pathlib import Path

from workbench import config
from workbench.errors import StoreSettingError
from workbench.store.csv_store import CsvStore
from workbench.store.protocol import ReviewStore

#: URL schemes naming a PostgreSQL database (libpq's two spellings).
POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(spec: str) -> bool:
    """True when ``spec`` is a PostgreSQL connection URL."""
    return spec.strip().lower().startswith(POSTGRES_SCHEMES)


def open_store(spec: str | None = None, *, root: Path | None = None) -> ReviewStore:
    """The store ``spec`` names (default: the ``WORKBENCH_STORE`` setting).

    ``""``: the CSV store in ``root`` (default: the alignments folder); a PostgreSQL URL:
    the PostgreSQL store (its schema migrated on first use).
    """
    spec = config.value("store") if spec is None else spec.strip()
    if not spec:
        return CsvStore(root=root)
    if is_postgres(spec):
        from workbench.store.postgres import PostgresStore  # psycopg only when chosen

        return PostgresStore(spec)
    raise StoreSettingError(
        "WORKBENCH_STORE must be empty (CSV files in the alignments folder) or a "
        f"postgresql:// URL, not {spec.split('://')[0]!r}."
    )
