"""Merging a reviewer's spreadsheet into its review: pure, nothing is read or written here.

Every cell the reviewer may edit is validated (closed vocabularies, lengths), every row
is matched to its pair by pair id and text hash, and each pair falls in one case:

- the row names a pair the review no longer has, or whose texts changed since the
  export → reported, not merged (``changed``);
- the sheet row is as exported → nothing to do; if the review changed meanwhile, its
  annotation stays (``kept``);
- the sheet row was edited and the review's annotation is as exported → merged;
- both were edited and now differ → a conflict, reported with both values, not merged
  (both edited alike counts as unchanged).

"As exported" is the row's ``base`` key (:func:`workbench.export.sheet_keys.base_key`).
A merged annotation keeps the errors marked in the review file (the sheet cannot edit
them), takes the reviewer's name given on import — else the row's reviewer cell, if the
reviewer typed a name there — and the import time as ``updated_at``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from workbench.errors import SheetImportError
from workbench.export.sheet_keys import (
    EDITABLE,
    LOG_FIELDS,
    VOCABULARIES,
    annotation_values,
    errors_hash,
    identity,
    is_base_key,
    is_text_key,
    split_base,
    text_key,
    values_hash,
)
from workbench.export.sheet_read import Sheet, SheetRow
from workbench.model import Annotation, DiscrepancyEntry
from workbench.review.record import PairRecord, Review, annotation_problems

#: Identity values that must match: a sheet of other texts or another level is refused.
_SAME = ("original_sha256", "translation_sha256", "level", "kind")


@dataclass(frozen=True)
class Problem:
    """One cell (or row) that cannot be imported, and why."""

    ref: str  # "Review!N12", or "N12" in a CSV
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.ref} ({self.column}): {self.message}"


@dataclass(frozen=True)
class Conflict:
    """A pair edited in the sheet and in the review since the export, differently."""

    pair_id: str
    ref: str  # the row's pair_id cell
    #: (field, the sheet's value, the review's value) for every field that differs.
    fields: tuple[tuple[str, str, str], ...]

    def __str__(self) -> str:
        shown = "; ".join(f"{name}: sheet {s!r}, review {r!r}" for name, s, r in self.fields)
        return (
            f"{self.ref} (pair {self.pair_id}): edited in the sheet and in the review since "
            f"the export, not merged — {shown}"
        )


def _count(n: int, one: str, many: str | None = None) -> str:
    """``n`` with the noun in the singular or the plural (``1 conflict``, ``2 conflicts``)."""
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"


@dataclass(frozen=True)
class SheetMerge:
    """What importing a sheet would do: the annotations to save, and what was reported."""

    annotations: Mapping[str, Annotation] = field(default_factory=dict)
    unchanged: int = 0
    kept: int = 0  # rows as exported whose pair the review changed since: the review's kept
    invalid: tuple[Problem, ...] = ()  # cells that are not valid
    invalid_rows: int = 0
    conflicts: tuple[Conflict, ...] = ()
    changed: tuple[Problem, ...] = ()  # rows whose pair is gone or whose texts changed

    @property
    def merged(self) -> int:
        """How many pairs the sheet changes."""
        return len(self.annotations)

    def counts(self) -> str:
        """One line of counts, e.g. ``3 merged, 5 unchanged, 1 conflict, …``."""
        parts = [
            f"{self.merged} merged",
            f"{self.unchanged} unchanged",
            f"{self.kept} edited since the export in the review file only (kept)",
            _count(len(self.conflicts), "conflict"),
            _count(len(self.changed), "row whose texts changed", "rows whose texts changed"),
            _count(len(self.invalid), "invalid cell") + f" (in {_count(self.invalid_rows, 'row')})",
        ]
        return ", ".join(parts)

    def lines(self) -> list[str]:
        """One line per problem: invalid cells, changed texts, then conflicts."""
        return [str(p) for p in (*self.invalid, *self.changed, *self.conflicts)]


def check_identity(sheet: Sheet, review: Review, *, target: str) -> None:
    """SheetImportError unless ``sheet`` was exported from a review of the same texts."""
    ours = identity(review.meta)
    differ = [key for key in _SAME if sheet.identity.get(key, "") != ours[key]]
    if differ:
        raise SheetImportError(
            f"{sheet.name} is a sheet of another review (project "
            f"{sheet.identity.get('project', '')!r}): its {', '.join(differ)} differ from "
            f"those of {target} (project {ours['project']!r}). Nothing was imported; "
            "import it into the review it was exported from (--into)."
        )
    needed = [c for c in (*EDITABLE, "reviewer") if c not in sheet.columns]
    if needed:
        raise SheetImportError(
            f"{sheet.name} lacks the columns {', '.join(needed)}; nothing was imported."
        )


def _vocabulary_value(row: SheetRow, column: str) -> str:
    """The cell's value in its vocabulary's spelling (case and outer spaces forgiven)."""
    raw = row.value(column)
    allowed = VOCABULARIES[column]
    matches = [v for v in allowed if v.casefold() == raw.strip().casefold()]
    if matches:
        return matches[0]
    return raw  # annotation_problems names what is allowed


def _row_values(row: SheetRow, *, log: bool, problems: list[Problem]) -> dict[str, str]:
    """The editable values of a row; a log cell filled in a plain review is a problem."""
    values = {}
    for column in EDITABLE:
        if column in VOCABULARIES:
            values[column] = _vocabulary_value(row, column)
        else:
            values[column] = row.value(column)
        if column in LOG_FIELDS and not log and values[column]:
            problems.append(
                Problem(
                    row.cells[column].ref,
                    column,
                    "only a back-translation review keeps a discrepancy log; leave it empty",
                )
            )
    return values


def _annotation(base: Annotation, values: Mapping[str, str], *, log: bool) -> Annotation:
    entry = DiscrepancyEntry(**{name: values[name] for name in LOG_FIELDS}) if log else None
    return replace(
        base,
        status=values["status"],
        category=values["category"],
        severity=values["severity"],
        comment=values["comment"],
        log=entry,
    )


def _key_problems(row: SheetRow, seen: set[str]) -> list[Problem]:
    """The row's keys: a pair id, once; the hidden hashes as the export wrote them."""
    problems = []
    pair_id = row.value("pair_id")
    if not pair_id:
        problems.append(Problem(row.cells["pair_id"].ref, "pair_id", "is empty"))
    elif pair_id in seen:
        problems.append(
            Problem(row.cells["pair_id"].ref, "pair_id", f"{pair_id!r} is on an earlier row too")
        )
    checks = (("text_hash", is_text_key), ("base", is_base_key))
    for column, valid in checks:
        if not valid(row.value(column)):
            problems.append(
                Problem(
                    row.cells[column].ref,
                    column,
                    f"{row.value(column)[:40]!r} is not the key the export wrote in this "
                    "hidden column; export the review again and redo this row",
                )
            )
    seen.add(pair_id)
    return problems


def _validated(
    row: SheetRow, current: PairRecord | None, *, log: bool
) -> tuple[dict[str, str], list[Problem]]:
    """The row's values and every problem of its editable cells."""
    problems: list[Problem] = []
    values = _row_values(row, log=log, problems=problems)
    base = current.annotation if current is not None else Annotation()
    candidate = _annotation(replace(base, errors=()), values, log=log)
    candidate = replace(candidate, reviewer=row.value("reviewer").strip())
    for name, message in annotation_problems(candidate):
        cell = row.cells.get(name) or row.cells["pair_id"]
        problems.append(Problem(cell.ref, name, message))
    return values, problems


def _reviewer(
    row: SheetRow, current: PairRecord, reviewer: str | None, problems: list[Problem]
) -> str:
    """Who made the row's edit: ``reviewer`` if given, else a name typed in the row."""
    if reviewer:
        return reviewer
    typed = row.value("reviewer").strip()
    if typed and typed != current.annotation.reviewer:
        return typed
    cell = row.cells["reviewer"]
    why = f"still holds the name exported ({typed!r})" if typed else "is empty"
    problems.append(
        Problem(
            cell.ref,
            "reviewer",
            f"this row was edited but its reviewer cell {why}: type your name there, or "
            "import with --reviewer NAME (the app: the Reviewer field)",
        )
    )
    return ""


def _conflict(row: SheetRow, pair: PairRecord, values: Mapping[str, str], base: str) -> Conflict:
    ours = annotation_values(pair.annotation)
    fields = tuple(
        (name, values[name], ours[name]) for name in EDITABLE if values[name] != ours[name]
    )
    if errors_hash(pair.annotation) != split_base(base)[1]:
        fields += (("errors", "(as exported)", "(changed in the review)"),)
    return Conflict(pair.pair_id, row.cells["pair_id"].ref, fields)


@dataclass
class _Tally:
    annotations: dict[str, Annotation] = field(default_factory=dict)
    unchanged: int = 0
    kept: int = 0
    invalid: list[Problem] = field(default_factory=list)
    invalid_rows: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    changed: list[Problem] = field(default_factory=list)

    def frozen(self) -> SheetMerge:
        return SheetMerge(
            annotations=dict(self.annotations),
            unchanged=self.unchanged,
            kept=self.kept,
            invalid=tuple(self.invalid),
            invalid_rows=self.invalid_rows,
            conflicts=tuple(self.conflicts),
            changed=tuple(self.changed),
        )


def merge_sheet(
    review: Review, sheet: Sheet, *, reviewer: str | None, now: str, target: str = "the review"
) -> SheetMerge:
    """What importing ``sheet`` into ``review`` does (see the module); nothing is written.

    ``reviewer``: the name recorded on every merged annotation (None: the rows' reviewer
    cells); ``now``: the import time, the merged annotations' ``updated_at``.
    SheetImportError if the sheet belongs to another review.
    """
    check_identity(sheet, review, target=target)
    log = review.meta.is_back_translation
    tally = _Tally()
    seen: set[str] = set()
    for row in sheet.rows:
        pair_id = row.value("pair_id")
        current = review.by_id(pair_id) if pair_id in review else None
        values, problems = _validated(row, current, log=log)
        problems = _key_problems(row, seen) + problems
        if not problems:
            _place(
                tally, row, current, values, log=log, reviewer=reviewer, now=now, problems=problems
            )
        if problems:
            tally.invalid.extend(problems)
            tally.invalid_rows += 1
    return tally.frozen()


def _place(
    tally: _Tally,
    row: SheetRow,
    current: PairRecord | None,
    values: dict[str, str],
    *,
    log: bool,
    reviewer: str | None,
    now: str,
    problems: list[Problem],
) -> None:
    """Sort one valid row into changed, unchanged, kept, conflict or merged."""
    ref = row.cells["pair_id"].ref
    pair_id = row.value("pair_id")
    if current is None:
        message = "no longer in the review (its alignment was corrected since the export)"
        tally.changed.append(Problem(ref, "pair_id", f"pair {pair_id!r} is {message}; not merged"))
        return
    if row.value("text_hash") != text_key(current):
        message = f"the texts of pair {pair_id!r} changed since the export; not merged"
        tally.changed.append(Problem(ref, "text_hash", message))
        return
    base = row.value("base")
    base_values, base_errors = split_base(base)
    ours = current.annotation
    sheet_edited = values_hash(values) != base_values
    review_edited = (
        values_hash(annotation_values(ours)) != base_values or errors_hash(ours) != base_errors
    )
    if not sheet_edited:
        tally.kept += review_edited
        tally.unchanged += not review_edited
    elif values == annotation_values(ours):
        tally.unchanged += 1  # edited alike in both places
    elif review_edited:
        tally.conflicts.append(_conflict(row, current, values, base))
    else:
        name = _reviewer(row, current, reviewer, problems)
        if name:
            merged = _annotation(ours, values, log=log)
            tally.annotations[pair_id] = replace(merged, reviewer=name, updated_at=now)
