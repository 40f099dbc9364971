"""The audit trail shared by every store: who changed what, when, on which pair, old → new.

An annotation's change is one :class:`HistoryEntry` per field that changed; a change of
the alignment (a correction, an undo) is one entry with ``field="alignment"`` listing the
pairs removed (``old``) and made (``new``). The pair's *version* is a digest of its stored
annotation (:func:`version_of`), the same in the CSV and the PostgreSQL store, so a save
can state the version it started from and be refused when the pair changed meanwhile.
The CSV sidecar ``NAME.history.csv`` is specified in ``docs/history.md``.
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace

from workbench.errors import AlignmentFileError, EditConflictError
from workbench.model import Annotation, DiscrepancyEntry
from workbench.review.marks import errors_to_json
from workbench.review.record import Review, check_annotation, utc_now
from workbench.store.csv_write import ANNOTATION_COLUMNS

#: The annotation's fields as CSV cells, in the alignment file's column order.
ANNOTATION_FIELDS: tuple[str, ...] = ANNOTATION_COLUMNS
#: Fields whose change is not an entry by itself: they are the entry's who and when.
_WHO_WHEN = frozenset({"reviewer", "updated_at"})
#: Columns of the sidecar ``NAME.history.csv``, in file order.
HISTORY_COLUMNS: tuple[str, ...] = ("at", "who", "pair_id", "field", "old", "new")
#: The ``field`` of an entry recording a change of the alignment, and of a new review.
ALIGNMENT_FIELD = "alignment"
CREATED_FIELD = "review"
_LINE_END = "\r\n"


@dataclass(frozen=True)
class HistoryEntry:
    """One change: when (ISO 8601 UTC), who, which pair, which field, old → new."""

    at: str
    who: str
    pair_id: str
    field: str
    old: str
    new: str


def annotation_cells(annotation: Annotation) -> dict[str, str]:
    """The annotation as the text of its alignment-file columns."""
    log = annotation.log or DiscrepancyEntry()
    return {
        "status": annotation.status,
        "category": annotation.category,
        "severity": annotation.severity,
        "comment": annotation.comment,
        "errors": errors_to_json(annotation.errors),
        "reviewer": annotation.reviewer,
        "updated_at": annotation.updated_at,
        "discrepancy": log.discrepancy,
        "decision": log.decision,
        "revised_text": log.revised_text,
        "rationale": log.rationale,
    }


def version_of(annotation: Annotation) -> str:
    """The pair's version: a digest of its stored annotation (16 hex digits)."""
    cells = annotation_cells(annotation)
    text = "\x1f".join(cells[f] for f in ANNOTATION_FIELDS)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def structure_version(review: Review) -> str:
    """The alignment's version: a digest of its pairs' ids in order (16 hex digits)."""
    ids = "\x1f".join(p.pair_id for p in review.pairs)
    return hashlib.blake2b(ids.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def check_structure(current: Review | None, base: str | None, mine: Review) -> None:
    """EditConflictError when the stored alignment is not the one a correction started from."""
    if current is None or base is None or structure_version(current) == base:
        return
    raise EditConflictError(
        "The alignment was corrected by someone else after you opened it (it now has "
        f"{len(current.pairs)} pairs). Nothing was saved; reopen the project to see their "
        "correction, then correct again if it is still needed.",
        pair_id="",
        mine=mine,
        theirs=current,
    )


def check_bases(
    current: Review, annotations: Mapping[str, Annotation], bases: Mapping[str, str] | None
) -> None:
    """EditConflictError when a pair's stored version is not the one its save started from.

    ``bases`` maps pair ids to the version each save started from; pairs not in it (or
    ``bases`` None) are saved whatever is stored (the last write wins, as before).
    """
    for pair_id, base in (bases or {}).items():
        if pair_id not in current or pair_id not in annotations:
            continue
        theirs = current.by_id(pair_id).annotation
        if version_of(theirs) != base:
            raise conflict_error(pair_id, annotations[pair_id], theirs)


def conflict_error(pair_id: str, mine: Annotation, theirs: Annotation) -> EditConflictError:
    """The error telling a reviewer that ``pair_id`` was saved by someone else meanwhile."""
    by = theirs.reviewer or "another reviewer"
    when = f" at {theirs.updated_at}" if theirs.updated_at else ""
    return EditConflictError(
        f"Pair {pair_id} was changed by {by}{when} after you opened it: now "
        f"“{describe(theirs)}”, yours “{describe(mine)}”. Nothing was saved: the pair "
        "shows the stored value again; apply your change again if it still holds.",
        pair_id=pair_id,
        mine=mine,
        theirs=theirs,
    )


def describe(annotation: Annotation) -> str:
    """A short summary of an annotation for messages (status, category, comment)."""
    parts = [annotation.status, annotation.category, annotation.severity]
    text = " · ".join(p for p in parts if p)
    if annotation.comment:
        comment = annotation.comment if len(annotation.comment) <= 60 else annotation.comment[:57]
        text += f" · {comment!r}"
    return text


def annotation_changes(
    pair_id: str, old: Annotation, new: Annotation, *, at: str, who: str = ""
) -> list[HistoryEntry]:
    """One entry per field that differs between ``old`` and ``new`` (who defaults to
    ``new``'s reviewer)."""
    before, after = annotation_cells(old), annotation_cells(new)
    who = who or new.reviewer
    return [
        HistoryEntry(at, who, pair_id, name, before[name], after[name])
        for name in ANNOTATION_FIELDS
        if name not in _WHO_WHEN and before[name] != after[name]
    ]


def review_changes(old: Review | None, new: Review, *, at: str, who: str) -> list[HistoryEntry]:
    """What saving ``new`` over ``old`` changes: the alignment (one entry), then annotations."""
    if old is None:
        return [HistoryEntry(at, who, "", CREATED_FIELD, "", f"{len(new.pairs)} pairs")]
    old_ids = [p.pair_id for p in old.pairs]
    new_ids = [p.pair_id for p in new.pairs]
    entries = []
    if old_ids != new_ids:
        kept = set(old_ids) & set(new_ids)
        removed = ";".join(pid for pid in old_ids if pid not in kept)
        added = ";".join(pid for pid in new_ids if pid not in kept)
        entries.append(HistoryEntry(at, who, "", ALIGNMENT_FIELD, removed, added))
    for pair in new.pairs:
        if pair.pair_id in old:
            before = old.by_id(pair.pair_id).annotation
            entries += annotation_changes(pair.pair_id, before, pair.annotation, at=at, who=who)
    return entries


def names_pair(entry: HistoryEntry, pair_id: str) -> bool:
    """True when ``entry`` is about ``pair_id``: its own, or a correction that removed or
    made it."""
    if entry.pair_id:
        return entry.pair_id == pair_id
    return entry.field == ALIGNMENT_FIELD and pair_id in (
        *entry.old.split(";"),
        *entry.new.split(";"),
    )


def stamped(annotations: Mapping[str, Annotation]) -> dict[str, Annotation]:
    """The annotations checked (``check_annotation``), each without ``updated_at`` given
    the current time."""
    out = {}
    for pair_id, annotation in annotations.items():
        check_annotation(annotation)
        if not annotation.updated_at:
            annotation = replace(annotation, updated_at=utc_now())
        out[pair_id] = annotation
    return out


# --- the CSV sidecar ----------------------------------------------------------------------


def _writer(buf: io.StringIO):  # noqa: ANN202 - the csv module exposes no writer type
    return csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator=_LINE_END)


def encode_history(entries: Iterable[HistoryEntry], *, header: bool) -> bytes:
    """Entries as UTF-8 CSV records (with the header row first if ``header``)."""
    buf = io.StringIO(newline="")
    writer = _writer(buf)
    if header:
        writer.writerow(HISTORY_COLUMNS)
    for e in entries:
        writer.writerow([e.at, e.who, e.pair_id, e.field, e.old, e.new])
    return buf.getvalue().encode("utf-8", "surrogatepass")


def complete_part(data: bytes) -> bytes:
    """The part of a sidecar's bytes up to its last complete record.

    A record is complete when its line end is not inside quotes; a save killed in the
    middle of appending leaves a torn last record, which readers skip.
    """
    end = data.rfind(b"\n")
    while end >= 0 and data.count(b'"', 0, end) % 2:  # that line end is inside quotes
        end = data.rfind(b"\n", 0, end)
    return data[: end + 1]


def decode_history(data: bytes, *, source: str = "the history") -> Iterator[HistoryEntry]:
    """The entries of a sidecar's bytes (a torn last record is skipped)."""
    try:
        text = complete_part(data).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AlignmentFileError(f"{source} is not UTF-8 (byte {exc.start}).") from None
    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None:
        return
    if tuple(header) != HISTORY_COLUMNS:
        raise AlignmentFileError(
            f"{source} is not a review history: its header is not {','.join(HISTORY_COLUMNS)}."
        )
    for line, row in enumerate(rows, start=2):
        if len(row) != len(HISTORY_COLUMNS):
            raise AlignmentFileError(
                f"{source}, record {line}: {len(row)} cells instead of {len(HISTORY_COLUMNS)}."
            )
        yield HistoryEntry(*row)
