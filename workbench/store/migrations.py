"""The PostgreSQL store's schema, as numbered migrations the program applies itself.

Each migration is a version, a name and its statements. :func:`migrate` applies the
ones a database lacks, in order, in one transaction, under an advisory lock (two app
servers starting at once migrate once), and records each in ``schema_version``. A
migration is never edited once released: a change of the schema is a new migration.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from workbench.errors import AlignmentFileError


@dataclass(frozen=True)
class Migration:
    """One step of the schema."""

    version: int
    name: str
    statements: tuple[str, ...]


#: Key of the advisory lock held while migrating ("workbench" in ASCII, as a number).
LOCK_KEY = 0x776F726B62656E63

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "reviews, pairs (one row per pair, the alignment file's columns), errors, history",
        (
            """CREATE TABLE reviews (
                id bigserial PRIMARY KEY,
                name text NOT NULL UNIQUE,
                meta text NOT NULL,
                created_at timestamptz NOT NULL DEFAULT now(),
                modified_at timestamptz NOT NULL DEFAULT now()
            )""",
            """CREATE TABLE pairs (
                review_id bigint NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
                pair_id text NOT NULL,
                position integer NOT NULL,
                kind text NOT NULL,
                original_ids text NOT NULL,
                translation_ids text NOT NULL,
                original_text text NOT NULL,
                translation_text text NOT NULL,
                similarity double precision NOT NULL,
                band text NOT NULL,
                score double precision NOT NULL,
                confidence double precision NOT NULL,
                checks text NOT NULL,
                check_messages text NOT NULL,
                status text NOT NULL,
                category text NOT NULL,
                severity text NOT NULL,
                comment text NOT NULL,
                reviewer text NOT NULL,
                updated_at text NOT NULL,
                discrepancy text NOT NULL,
                decision text NOT NULL,
                revised_text text NOT NULL,
                rationale text NOT NULL,
                original_unit_lengths text NOT NULL,
                translation_unit_lengths text NOT NULL,
                forward_ids text NOT NULL,
                forward_text text NOT NULL,
                forward_unit_lengths text NOT NULL,
                version text NOT NULL,
                revision bigint NOT NULL DEFAULT 1,
                PRIMARY KEY (review_id, pair_id),
                UNIQUE (review_id, position)
            )""",
            """CREATE TABLE errors (
                review_id bigint NOT NULL,
                pair_id text NOT NULL,
                position integer NOT NULL,
                category text NOT NULL,
                severity text NOT NULL,
                side text NOT NULL,
                start_offset integer NOT NULL,
                end_offset integer NOT NULL,
                quote text NOT NULL,
                comment text NOT NULL,
                PRIMARY KEY (review_id, pair_id, position),
                FOREIGN KEY (review_id, pair_id) REFERENCES pairs (review_id, pair_id)
                    ON DELETE CASCADE
            )""",
            """CREATE TABLE history (
                id bigserial PRIMARY KEY,
                review_id bigint NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
                at text NOT NULL,
                who text NOT NULL,
                pair_id text NOT NULL,
                field text NOT NULL,
                old text NOT NULL,
                new text NOT NULL,
                saved_at timestamptz NOT NULL DEFAULT now()
            )""",
            "CREATE INDEX history_by_pair ON history (review_id, pair_id, id)",
        ),
    ),
    Migration(
        2,
        "pairs.cat: the CAT units of a review of a bilingual file (alignment format 5)",
        ("ALTER TABLE pairs ADD COLUMN cat text NOT NULL DEFAULT ''",),
    ),
)
LATEST = MIGRATIONS[-1].version


def migrate(conn: Any) -> list[int]:
    """Apply the migrations ``conn``'s database lacks (one transaction); their versions.

    AlignmentFileError when the database was migrated by a newer program.
    """
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, "
            "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        applied = {row[0] for row in conn.execute("SELECT version FROM schema_version")}
        if applied and max(applied) > LATEST:
            raise AlignmentFileError(
                f"The review database has schema version {max(applied)}; this program knows "
                f"versions up to {LATEST}. Upgrade the workbench before using it."
            )
        done = []
        for migration in MIGRATIONS:
            if migration.version in applied:
                continue
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                (migration.version, migration.name),
            )
            done.append(migration.version)
    return done
