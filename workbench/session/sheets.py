"""Importing a reviewer's spreadsheet into its review: read, merge, save with versions.

The sheet is read and merged against the review as stored (``export.sheet_merge``
decides, cell by cell, what is merged, kept, in conflict or refused), then saved in one
write through the CSV store, stating the version of every pair it read: if someone
saves one of those pairs between the read and the write, the whole merge is done again
against what is stored then, so an edit made meanwhile is kept or reported as a
conflict, never overwritten. Each merged change is appended to the review's history
under the reviewer's name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from workbench import store
from workbench.errors import EditConflictError, SheetImportError
from workbench.export.sheet_merge import SheetMerge, merge_sheet
from workbench.export.sheet_read import read_sheet
from workbench.review.record import Review, utc_now
from workbench.store.csv_store import CsvStore
from workbench.store.history import version_of
from workbench.store.protocol import ReviewStore

#: How often a merge is redone when a pair it read was saved meanwhile by someone else.
MERGE_ATTEMPTS = 3


@dataclass(frozen=True)
class ImportOutcome:
    """What importing a reviewer's spreadsheet did (or, with ``dry_run``, would do)."""

    path: Path  # the review file merged into
    merge: SheetMerge  # counts, merged annotations, every problem reported
    review: Review  # the review after the import (as it was, if nothing was written)
    written: bool  # True when annotations were saved
    #: True when invalid cells stopped the import (nothing is imported without ``partial``).
    blocked: bool


def import_sheet(
    data: bytes,
    *,
    name: str,
    into: Path | None = None,
    reviewer: str | None = None,
    partial: bool = False,
    dry_run: bool = False,
    root: Path | None = None,
    stored_in: ReviewStore | None = None,
) -> ImportOutcome:
    """Merge a reviewer's XLSX or CSV-for-Excel (``data``, file ``name``) into its review.

    ``into``: the review file (default: the project the sheet names, in ``root`` or the
    alignments folder); with ``stored_in`` (the team store), the review's name there.
    Invalid cells stop the whole import (``blocked``) unless ``partial``, which imports
    the valid rows. The merged annotations are saved in one write; pairs not in the
    sheet, errors marked on spans and newer edits in the file are kept
    (``export.sheet_merge``), and a pair saved by someone else while the import ran is
    merged again, not overwritten. SheetImportError when the file is no such sheet or
    belongs to another review.
    """
    sheet = read_sheet(data, name=name)
    if into is None:
        project = sheet.identity.get("project", "")
        if not project:
            raise SheetImportError(f"{name} names no project; say which review to merge into.")
        into = Path(project) if stored_in is not None else store.project_path(project, root=root)
    who = (reviewer or "").strip() or None
    target: ReviewStore = stored_in if stored_in is not None else CsvStore()
    key = str(into) if stored_in is not None else into
    attempts = 0
    while True:
        attempts += 1
        review = target.open_review(key)
        merge = merge_sheet(review, sheet, reviewer=who, now=utc_now(), target=into.name)
        blocked = bool(merge.invalid) and not partial
        if blocked or dry_run or not merge.annotations:
            return ImportOutcome(into, merge, review, False, blocked)
        bases = {pid: version_of(review.by_id(pid).annotation) for pid in merge.annotations}
        try:
            saved = target.save_annotations(key, merge.annotations, bases=bases)
        except EditConflictError:
            if attempts >= MERGE_ATTEMPTS:
                raise
            continue  # someone saved one of these pairs meanwhile: merge again
        return ImportOutcome(into, merge, saved, True, blocked)
