"""The CSV store: one alignment file per review, and its append-only history sidecar.

It wraps :mod:`workbench.store.files` (locks, atomic writes, merging, the same-texts
rule) and adds, under the same file lock as each write, the check of the pairs' base
versions and the history (``NAME.history.csv``, ``docs/history.md``). The alignment file
is written exactly as before: versions are digests of the stored annotations, so no
column is added.

The history is written ahead of the alignment file: a save killed between the two
leaves an entry for a change the file does not hold (the pair's next entry then shows
the old value the file kept), never a stored change without its entry.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench import config
from workbench.errors import AlignmentFileError, SaveError
from workbench.model import Annotation
from workbench.review.record import Review, utc_now
from workbench.store import files
from workbench.store.history import (
    HistoryEntry,
    annotation_changes,
    check_bases,
    check_structure,
    complete_part,
    decode_history,
    encode_history,
    names_pair,
    review_changes,
)
from workbench.store.names import history_path, target_path
from workbench.store.protocol import ReviewSummary

logger = logging.getLogger(__name__)


def append_history(path: Path, entries: Sequence[HistoryEntry]) -> None:
    """Append ``entries`` to the sidecar of ``path`` (call under the file's lock).

    One ``write`` on an append-only descriptor, fsync'd; a failed write is cut back to the
    previous end, and a torn last record left by a crash is cut before appending.
    """
    if not entries:
        return
    sidecar = history_path(path)
    fd = os.open(sidecar, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size and not _ends_a_record(sidecar, size):
            size = len(complete_part(sidecar.read_bytes()))
            logger.warning("cutting a torn last record from %s at byte %d", sidecar, size)
            os.ftruncate(fd, size)
        data = encode_history(entries, header=size == 0)
        try:
            _write_all(fd, data)
            os.fsync(fd)
        except OSError:
            os.ftruncate(fd, size)
            raise
    finally:
        os.close(fd)


def _ends_a_record(sidecar: Path, size: int) -> bool:
    with sidecar.open("rb") as handle:
        handle.seek(max(0, size - 2))
        return handle.read() == b"\r\n"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def read_history(path: Path) -> list[HistoryEntry]:
    """The entries in the sidecar of ``path`` (none when it has no history yet)."""
    sidecar = history_path(path)
    try:
        data = sidecar.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise AlignmentFileError(f"Cannot read {sidecar}: {exc.strerror or exc}.") from None
    return list(decode_history(data, source=sidecar.name))


@dataclass(frozen=True)
class CsvStore:
    """Reviews as alignment CSV files in ``root`` (default: the configured folder)."""

    root: Path | None = None

    def folder(self) -> Path:
        """The alignments folder."""
        return self.root if self.root is not None else config.alignments_dir()

    def locate(self, name: str | os.PathLike[str]) -> Path:
        """The file of project ``name`` in the folder, or ``name`` itself when it is a path."""
        return target_path(name, root=self.folder())

    def list_reviews(self) -> list[ReviewSummary]:
        """Every readable review file in the folder, newest first."""
        return [
            ReviewSummary(
                name=i.name,
                pairs=i.pairs,
                reviewed=i.reviewed,
                modified=i.modified,
                original_name=i.original_name,
                translation_name=i.translation_name,
                location=str(i.path),
            )
            for i in files.list_projects(root=self.folder())
        ]

    def exists(self, name: str | os.PathLike[str]) -> bool:
        """True when the review's file exists."""
        return self.locate(name).is_file()

    def open_review(self, name: str | os.PathLike[str]) -> Review:
        """The review in the file (validated)."""
        return files.load_review(self.locate(name))

    def create_review(
        self,
        review: Review,
        *,
        who: str,
        name: str | os.PathLike[str] | None = None,
        history: Sequence[HistoryEntry] = (),
    ) -> str:
        """Write a whole review (merged over a file of the same texts); the file's path."""
        target = self.locate(name if name is not None else review.meta.project)

        def before_write(current: Review | None, merged: Review) -> None:
            entries = history or review_changes(current, merged, at=utc_now(), who=who)
            _guarded_append(target, entries)

        return str(files.save_review(review, path=target, before_write=before_write))

    def save_annotations(
        self,
        name: str | os.PathLike[str],
        annotations: Mapping[str, Annotation],
        *,
        bases: Mapping[str, str] | None = None,
        who: str = "",
    ) -> Review:
        """Store the annotations if every base version still holds; the stored review."""
        target = self.locate(name)

        def before_write(current: Review | None, updated: Review) -> None:
            if current is None:  # files.save_annotations always has a current review
                raise AlignmentFileError(f"There is no alignment file {target}.")
            new = {pid: updated.by_id(pid).annotation for pid in annotations}
            check_bases(current, new, bases)
            entries: list[HistoryEntry] = []
            for pid, annotation in new.items():
                old = current.by_id(pid).annotation
                entries += annotation_changes(
                    pid, old, annotation, at=annotation.updated_at, who=who
                )
            _guarded_append(target, entries)

        return files.save_annotations(target, annotations, before_write=before_write)

    def save_annotation(
        self,
        name: str | os.PathLike[str],
        pair_id: str,
        annotation: Annotation,
        *,
        base: str | None = None,
        who: str = "",
    ) -> Review:
        """One pair's annotation (see :meth:`save_annotations`)."""
        bases = {pair_id: base} if base is not None else None
        return self.save_annotations(name, {pair_id: annotation}, bases=bases, who=who)

    def save_structure(
        self,
        name: str | os.PathLike[str],
        review: Review,
        *,
        who: str,
        base: str | None = None,
    ) -> Review:
        """Write a corrected alignment of the same texts; the review as stored. ``base``:
        the alignment's version (``structure_version``) the correction started from."""
        target = self.locate(name)
        stored: list[Review] = []

        def before_write(current: Review | None, merged: Review) -> None:
            check_structure(current, base, review)
            _guarded_append(target, review_changes(current, merged, at=utc_now(), who=who))
            stored.append(merged)

        files.save_review(review, path=target, before_write=before_write)
        return stored[0]

    def history(
        self, name: str | os.PathLike[str], *, pair_id: str | None = None
    ) -> list[HistoryEntry]:
        """The review's changes, oldest first (only ``pair_id``'s when given)."""
        entries = read_history(self.locate(name))
        if pair_id is None:
            return entries
        return [e for e in entries if names_pair(e, pair_id)]

    def close(self) -> None:
        """Nothing to release: files are opened per call."""


def _guarded_append(target: Path, entries: Iterable[HistoryEntry]) -> None:
    entries = list(entries)
    try:
        append_history(target, entries)
    except OSError as exc:
        raise SaveError(
            f"Cannot save {target.name}: its history {history_path(target).name} cannot be "
            f"written ({exc.strerror or exc}). Nothing was saved."
        ) from None
