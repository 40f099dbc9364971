"""The storage interface: what the app and the commands ask of a review store.

Two stores implement it: :class:`workbench.store.csv_store.CsvStore` (one CSV file per
review in the alignments folder, the default and the format users exchange) and
:class:`workbench.store.postgres.PostgresStore` (one database shared by several app
servers). Both keep a version per pair (:func:`workbench.store.history.version_of`),
refuse a save whose base version is no longer the stored one (EditConflictError, with
both values), and append every change to the review's history.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable

from workbench.model import Annotation
from workbench.review.record import Review
from workbench.store.history import HistoryEntry


@dataclass(frozen=True)
class ReviewSummary:
    """What a list of reviews shows about one stored review."""

    name: str
    pairs: int
    reviewed: int
    modified: datetime
    original_name: str
    translation_name: str
    #: Where it is: the file's path, or the database and review name.
    location: str


@runtime_checkable
class ReviewStore(Protocol):
    """A place reviews are kept: list, open, create, save annotations and structure, history.

    ``name`` is a project name (a CSV store also takes a file path). ``bases`` maps pair
    ids to the version each save started from; a pair whose stored version differs is
    refused with EditConflictError and nothing of the save is stored. Pairs without a
    base are saved whatever is stored (the last write wins).
    """

    def list_reviews(self) -> list[ReviewSummary]:
        """Every stored review, newest first."""
        ...

    def exists(self, name: str) -> bool:
        """True when a review ``name`` is stored."""
        ...

    def open_review(self, name: str) -> Review:
        """The stored review ``name`` (AlignmentFileError when there is none)."""
        ...

    def create_review(
        self,
        review: Review,
        *,
        who: str,
        name: str | None = None,
        history: Sequence[HistoryEntry] = (),
    ) -> str:
        """Store a whole review under ``name`` (default: its project); where it went.

        Over a stored review of the same texts, annotations are merged (the newer wins);
        over one of other texts: ReviewConflictError. ``history`` (a copy from another
        store) is stored as given instead of a "created" entry.
        """
        ...

    def save_annotations(
        self,
        name: str,
        annotations: Mapping[str, Annotation],
        *,
        bases: Mapping[str, str] | None = None,
        who: str = "",
    ) -> Review:
        """Store several pairs' annotations at once (all or nothing); the stored review."""
        ...

    def save_structure(
        self, name: str, review: Review, *, who: str, base: str | None = None
    ) -> Review:
        """Store a corrected alignment of the same texts (annotations merged); the review.

        ``base`` is the alignment's version the correction started from
        (:func:`workbench.store.history.structure_version`); if another correction was
        stored since, EditConflictError and nothing is stored.
        """
        ...

    def history(self, name: str, *, pair_id: str | None = None) -> list[HistoryEntry]:
        """The review's changes, oldest first (only ``pair_id``'s when given)."""
        ...

    def close(self) -> None:
        """Release connections (nothing for files)."""
        ...
