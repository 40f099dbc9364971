"""The PostgreSQL store: one database shared by the app servers of a review team.

Chosen with ``WORKBENCH_STORE=postgresql://…`` (:mod:`workbench.store.select`); only then
is psycopg imported. The schema (:mod:`workbench.store.migrations`) holds the alignment
file's records: one row of ``pairs`` per pair with the file's columns, the errors marked
on spans in ``errors`` (one row each), the provenance cell in ``reviews.meta`` and the
audit trail in ``history``. A review read back is re-encoded as its alignment file and
read by the CSV reader, so both stores validate alike and a review copied between them
stays byte-for-byte the same.

Concurrency: an annotation save locks its pairs' rows (``FOR UPDATE``, in pair order),
checks the base versions, updates ``WHERE version = <stored>`` and appends the history
in the same transaction; saves of different pairs take different row locks and never
wait for each other. A structure save locks the review's row exclusively, annotation
saves share it.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC
from pathlib import Path
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool

from workbench.errors import AlignmentFileError, ReviewConflictError, SaveError
from workbench.model import Annotation, DiscrepancyEntry, ErrorMark
from workbench.review.marks import errors_to_json, text_problems
from workbench.review.record import FORMAT_VERSION, Review, utc_now
from workbench.store.csv_read import from_csv
from workbench.store.csv_write import COLUMNS, rows, write_csv
from workbench.store.files import Texts, conflict, merge_annotations
from workbench.store.history import (
    ANNOTATION_FIELDS,
    HistoryEntry,
    annotation_cells,
    annotation_changes,
    check_structure,
    conflict_error,
    names_pair,
    review_changes,
    stamped,
    version_of,
)
from workbench.store.migrations import migrate
from workbench.store.protocol import ReviewSummary

logger = logging.getLogger(__name__)

#: Alignment-file columns kept elsewhere than in a text column of ``pairs``.
_NOT_TEXT = ("order", "similarity", "score", "confidence", "errors", "format_version", "meta")
_TEXT = tuple(c for c in COLUMNS if c not in _NOT_TEXT)
_PAIR_COLUMNS = ("position", "similarity", "score", "confidence", *_TEXT)
_ANNOTATION_TEXT = tuple(f for f in ANNOTATION_FIELDS if f != "errors")
_ERROR_COLUMNS = ("category", "severity", "side", "start_offset", "end_offset", "quote", "comment")
#: Most connections one store (one app server) opens.
POOL_SIZE = 10


class PostgresStore:
    """Reviews in a PostgreSQL database (schema migrated when the store is opened)."""

    def __init__(self, url: str, *, pool_size: int = POOL_SIZE, timeout: float = 10.0) -> None:
        self.url = url
        try:  # a direct connection first: it fails fast, with the server's reason
            with psycopg.connect(url, connect_timeout=max(1, int(timeout))) as conn:
                migrate(conn)
        except psycopg.Error as exc:
            raise SaveError(
                f"The review database {_safe(url)} cannot be reached: {_reason(exc)}"
            ) from None
        #: The last review read, by review id: (modified_at, revisions, review).
        self._cache: dict[int, tuple[Any, dict[str, int], Review]] = {}
        self._cache_lock = threading.Lock()
        self._pool = ConnectionPool(url, min_size=1, max_size=pool_size, open=False)
        try:
            self._pool.open(wait=True, timeout=timeout)
        except (psycopg.Error, TimeoutError) as exc:  # PoolTimeout is a TimeoutError
            self._pool.close()
            raise SaveError(
                f"The review database {_safe(url)} cannot be reached: {_reason(exc)}"
            ) from None

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        """A pooled connection in a transaction (committed when the block ends normally)."""
        try:
            with self._pool.connection() as conn:
                yield conn
        except psycopg.Error as exc:
            raise SaveError(f"The review database refused the operation: {_reason(exc)}") from None

    def close(self) -> None:
        """Close the pool's connections."""
        self._pool.close()

    # --- reading ---------------------------------------------------------------------

    def list_reviews(self) -> list[ReviewSummary]:
        """Every stored review, newest first."""
        with self._transaction() as conn:
            found = conn.execute(
                """SELECT r.name, r.meta, greatest(r.modified_at,
                       (SELECT max(h.saved_at) FROM history h WHERE h.review_id = r.id)),
                       (SELECT count(*) FROM pairs p WHERE p.review_id = r.id),
                       (SELECT count(*) FROM pairs p WHERE p.review_id = r.id
                           AND p.status <> 'unreviewed')
                   FROM reviews r"""
            ).fetchall()
        summaries = []
        for name, meta, modified, pairs, reviewed in found:
            names = _names(meta)
            summaries.append(
                ReviewSummary(
                    name, pairs, reviewed, modified.astimezone(UTC), *names, location=name
                )
            )
        summaries.sort(key=lambda s: (-s.modified.timestamp(), s.name))
        return summaries

    def exists(self, name: str) -> bool:
        """True when a review ``name`` is stored."""
        with self._transaction() as conn:
            return (
                conn.execute("SELECT 1 FROM reviews WHERE name = %s", (name,)).fetchone()
                is not None
            )

    def open_review(self, name: str) -> Review:
        """The stored review ``name``."""
        with self._transaction() as conn:
            return self._fresh(conn, _review_id(conn, name), name)

    def history(self, name: str, *, pair_id: str | None = None) -> list[HistoryEntry]:
        """The review's changes, oldest first (only ``pair_id``'s when given)."""
        with self._transaction() as conn:
            rid = _review_id(conn, name)
            found = conn.execute(
                "SELECT at, who, pair_id, field, old, new FROM history WHERE review_id = %s "
                "ORDER BY id",
                (rid,),
            ).fetchall()
        entries = [HistoryEntry(*row) for row in found]
        return entries if pair_id is None else [e for e in entries if names_pair(e, pair_id)]

    # --- writing ---------------------------------------------------------------------

    def create_review(
        self,
        review: Review,
        *,
        who: str,
        name: str | None = None,
        history: Sequence[HistoryEntry] = (),
    ) -> str:
        """Store a whole review (merged over a stored review of the same texts); its name."""
        name = name if name is not None else review.meta.project
        with self._transaction() as conn:
            _put(conn, name, review, who=who, history=history, must_exist=False)
        return name

    def save_structure(
        self, name: str, review: Review, *, who: str, base: str | None = None
    ) -> Review:
        """Store a corrected alignment of the same texts (annotations merged); the review.
        ``base``: the alignment's version the correction started from."""
        with self._transaction() as conn:
            return _put(conn, name, review, who=who, history=(), must_exist=True, base=base)

    def save_annotations(
        self,
        name: str,
        annotations: Mapping[str, Annotation],
        *,
        bases: Mapping[str, str] | None = None,
        who: str = "",
    ) -> Review:
        """Store the annotations if every base version still holds; the stored review."""
        new = stamped(annotations)
        with self._transaction() as conn:
            rid = _review_id(conn, name, lock="FOR SHARE")
            current = _locked_pairs(conn, rid, sorted(new))
            missing = [pid for pid in new if pid not in current]
            if missing:
                raise AlignmentFileError(
                    f"The review {name!r} has no pair {missing[0]!r}: the alignment was "
                    "probably edited in another session. Reload it and annotate again."
                )
            for pid, base in (bases or {}).items():
                if pid in new and current[pid][1] != base:
                    raise conflict_error(pid, new[pid], current[pid][0])
            entries: list[HistoryEntry] = []
            for pid, annotation in new.items():
                old, version, original_text, translation_text = current[pid]
                problems = text_problems(annotation.errors, original_text, translation_text)
                if problems:
                    raise AlignmentFileError(
                        f"Cannot store the annotation of {pid}: {problems[0]}. Nothing was saved."
                    )
                _update_annotation(conn, rid, pid, annotation, expected=version)
                entries += annotation_changes(
                    pid, old, annotation, at=annotation.updated_at, who=who
                )
            _append_history(conn, rid, entries)
            return self._fresh(conn, rid, name)

    def _fresh(self, conn: Any, rid: int, name: str) -> Review:
        """The stored review: the last one read, with the pairs changed since re-read.

        A save returns the whole review; reading only the pairs whose ``revision`` moved
        keeps that cheap on long reviews. A structure save (new ``modified_at``) or
        another set of pairs means a full read.
        """
        (stamp,) = conn.execute("SELECT modified_at FROM reviews WHERE id = %s", (rid,)).fetchone()
        revisions = dict(
            conn.execute("SELECT pair_id, revision FROM pairs WHERE review_id = %s", (rid,))
        )
        with self._cache_lock:
            cached = self._cache.get(rid)
        if cached is None or cached[0] != stamp or cached[1].keys() != revisions.keys():
            review = _load(conn, rid, name)
        else:
            changed = [pid for pid, r in revisions.items() if cached[1][pid] != r]
            review = cached[2]
            if changed:
                found = _locked_pairs(conn, rid, changed, lock="")
                review = review.with_annotations({pid: v[0] for pid, v in found.items()})
        with self._cache_lock:
            self._cache[rid] = (stamp, revisions, review)
        return review


# --- SQL helpers (each takes an open connection inside a transaction) -------------------------


def _review_id(conn: Any, name: str, *, lock: str = "") -> int:
    row = conn.execute(f"SELECT id FROM reviews WHERE name = %s {lock}", (name,)).fetchone()
    if row is None:
        raise AlignmentFileError(f"There is no review {name!r} in the review database.")
    return row[0]


def _load(conn: Any, rid: int, name: str) -> Review:
    """The review as its alignment file would hold it, read by the CSV reader."""
    (meta,) = conn.execute("SELECT meta FROM reviews WHERE id = %s", (rid,)).fetchone()
    marks: dict[str, list[ErrorMark]] = {}
    for pid, *cells in conn.execute(
        f"SELECT pair_id, {', '.join(_ERROR_COLUMNS)} FROM errors WHERE review_id = %s "
        "ORDER BY pair_id, position",
        (rid,),
    ):
        marks.setdefault(pid, []).append(ErrorMark(*cells))
    cell_rows = []
    for found in conn.execute(
        f"SELECT {', '.join(_PAIR_COLUMNS)} FROM pairs WHERE review_id = %s ORDER BY position",
        (rid,),
    ):
        cells = dict(zip(_PAIR_COLUMNS, found, strict=True))
        cells["order"] = str(cells.pop("position"))
        for number in ("similarity", "score", "confidence"):
            cells[number] = repr(float(cells[number]))
        cells["errors"] = errors_to_json(marks.get(cells["pair_id"], ()))
        cells["format_version"] = str(FORMAT_VERSION)
        cells["meta"] = meta
        cell_rows.append([cells[c] for c in COLUMNS])
    return from_csv(write_csv(iter(cell_rows)), source=f"the review {name!r} in the database")


def _locked_pairs(
    conn: Any, rid: int, pair_ids: list[str], *, lock: str = "FOR UPDATE"
) -> dict[str, tuple]:
    """(annotation, version, original text, translation text) of each pair, row-locked
    (``lock``)."""
    found = conn.execute(
        f"SELECT pair_id, version, original_text, translation_text, {', '.join(_ANNOTATION_TEXT)} "
        f"FROM pairs WHERE review_id = %s AND pair_id = ANY(%s) ORDER BY pair_id {lock}",
        (rid, pair_ids),
    ).fetchall()
    marks: dict[str, list[ErrorMark]] = {}
    for pid, *cells in conn.execute(
        f"SELECT pair_id, {', '.join(_ERROR_COLUMNS)} FROM errors WHERE review_id = %s "
        "AND pair_id = ANY(%s) ORDER BY pair_id, position",
        (rid, pair_ids),
    ):
        marks.setdefault(pid, []).append(ErrorMark(*cells))
    out = {}
    for pid, version, original_text, translation_text, *cells in found:
        values = dict(zip(_ANNOTATION_TEXT, cells, strict=True))
        annotation = _annotation(values, tuple(marks.get(pid, ())))
        out[pid] = (annotation, version, original_text, translation_text)
    return out


def _annotation(values: Mapping[str, str], errors: tuple[ErrorMark, ...]) -> Annotation:
    log = DiscrepancyEntry(
        discrepancy=values["discrepancy"],
        decision=values["decision"],
        revised_text=values["revised_text"],
        rationale=values["rationale"],
    )
    return Annotation(
        status=values["status"],
        category=values["category"],
        severity=values["severity"],
        comment=values["comment"],
        reviewer=values["reviewer"],
        updated_at=values["updated_at"],
        log=log,
        errors=errors,
    )


def _update_annotation(
    conn: Any, rid: int, pid: str, annotation: Annotation, *, expected: str
) -> None:
    cells = annotation_cells(annotation)
    assignments = ", ".join(f"{c} = %s" for c in _ANNOTATION_TEXT)
    updated = conn.execute(
        f"UPDATE pairs SET {assignments}, version = %s, revision = revision + 1 "
        "WHERE review_id = %s AND pair_id = %s AND version = %s",
        (*(cells[c] for c in _ANNOTATION_TEXT), version_of(annotation), rid, pid, expected),
    )
    if updated.rowcount != 1:  # the row is locked: only a bug elsewhere gets here
        raise SaveError(f"Pair {pid} changed while it was locked; nothing was saved.")
    conn.execute("DELETE FROM errors WHERE review_id = %s AND pair_id = %s", (rid, pid))
    _insert_errors(conn, rid, pid, annotation.errors)


def _insert_errors(conn: Any, rid: int, pid: str, errors: Sequence[ErrorMark]) -> None:
    if not errors:
        return
    with conn.cursor() as cur:
        cur.executemany(
            f"INSERT INTO errors (review_id, pair_id, position, {', '.join(_ERROR_COLUMNS)}) "
            f"VALUES (%s, %s, %s, {', '.join(['%s'] * len(_ERROR_COLUMNS))})",
            [
                (rid, pid, n, e.category, e.severity, e.side, e.start, e.end, e.quote, e.comment)
                for n, e in enumerate(errors)
            ],
        )


def _append_history(conn: Any, rid: int, entries: Sequence[HistoryEntry]) -> None:
    if not entries:
        return
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO history (review_id, at, who, pair_id, field, old, new) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)",
            [(rid, e.at, e.who, e.pair_id, e.field, e.old, e.new) for e in entries],
        )


def _put(
    conn: Any,
    name: str,
    review: Review,
    *,
    who: str,
    history: Sequence[HistoryEntry],
    must_exist: bool,
    base: str | None = None,
) -> Review:
    """Replace (or create) review ``name`` by ``review``, merged, with its history."""
    found = conn.execute("SELECT id FROM reviews WHERE name = %s FOR UPDATE", (name,)).fetchone()
    if found is None and must_exist:
        raise AlignmentFileError(f"There is no review {name!r} in the review database.")
    current = _load(conn, found[0], name) if found else None
    merged = review
    check_structure(current, base, review)
    if current is not None:
        reason = conflict(current.meta, Texts.of(review.meta), path=Path(name))
        if reason:
            raise ReviewConflictError(reason)
        merged = merge_annotations(review, current)
    entries = list(history) or review_changes(current, merged, at=utc_now(), who=who)
    cell_rows = [dict(zip(COLUMNS, cells, strict=True)) for cells in rows(merged)]
    meta = cell_rows[0]["meta"] if cell_rows else ""
    if found is None:
        (rid,) = conn.execute(
            "INSERT INTO reviews (name, meta) VALUES (%s, %s) RETURNING id", (name, meta)
        ).fetchone()
    else:
        rid = found[0]
        conn.execute("UPDATE reviews SET meta = %s, modified_at = now() WHERE id = %s", (meta, rid))
        conn.execute("DELETE FROM pairs WHERE review_id = %s", (rid,))
    _insert_pairs(conn, rid, merged, cell_rows)
    _append_history(conn, rid, entries)
    return merged


def _insert_pairs(conn: Any, rid: int, review: Review, cell_rows: list[dict[str, str]]) -> None:
    values = []
    for pair, cells in zip(review.pairs, cell_rows, strict=True):
        numbers = (pair.order, float(pair.similarity), float(pair.score), float(pair.confidence))
        values.append((rid, *numbers, *(cells[c] for c in _TEXT), version_of(pair.annotation)))
    with conn.cursor() as cur:
        cur.executemany(
            f"INSERT INTO pairs (review_id, {', '.join(_PAIR_COLUMNS)}, version) "
            f"VALUES ({', '.join(['%s'] * (len(_PAIR_COLUMNS) + 2))})",
            values,
        )
    for pair in review.pairs:
        _insert_errors(conn, rid, pair.pair_id, pair.annotation.errors)


def _names(meta: str) -> tuple[str, str]:
    """The original's and the translation's names in a provenance cell."""
    try:
        data = json.loads(meta)
    except ValueError:
        return "", ""
    return str(data.get("original_name", "")), str(data.get("translation_name", ""))


def _safe(url: str) -> str:
    """``url`` without its password, for messages."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    return f"{info.get('host', '')}:{info.get('port', '')}/{info.get('dbname', '')}"


def _reason(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
