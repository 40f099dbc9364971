"""The alignment store: one canonical CSV per project, written atomically under a file lock.

Several browser tabs (threads) and processes may save the same project at once. Every
write takes ``<file>.lock``, re-reads the file, merges, and replaces the file atomically
(temp file in the same folder, fsync, ``os.replace``, fsync of the folder), so a reader
sees either the old or the new file, never a mix, and a crash or a failed save leaves
the previous file intact.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import filelock

from workbench import config
from workbench.atomic import write_atomically
from workbench.errors import AlignmentFileError, ReviewConflictError, SaveError
from workbench.model import Annotation
from workbench.review.record import Review, ReviewMeta, check_annotation, newer, utc_now
from workbench.store.csv_read import from_csv
from workbench.store.csv_write import encode_pair_row, encode_rows, header_line
from workbench.store.names import (
    SUFFIX,
    glob_escape,
    history_path,
    is_history,
    project_path,
    target_path,
)

logger = logging.getLogger(__name__)

#: Seconds a save waits for another writer before giving up.
LOCK_TIMEOUT = 30.0


@dataclass(frozen=True)
class ProjectInfo:
    """What the project list shows about one saved alignment."""

    name: str
    path: Path
    pairs: int
    reviewed: int
    modified: datetime
    original_name: str
    translation_name: str
    #: What the review is of (its texts' hashes and level): reviews of the same texts match.
    texts: Texts | None = None


# --- low-level file operations ---------------------------------------------------------


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold ``<file>.lock`` while writing; every file-system failure becomes a SaveError."""
    # A short poll interval: autosaves are a few ms, the default 50 ms wait would dominate.
    lock = filelock.FileLock(f"{path}.lock", timeout=LOCK_TIMEOUT, poll_interval=0.002)
    try:
        lock.acquire()
    except filelock.Timeout:
        raise AlignmentFileError(
            f"Cannot save {path.name}: another save has held its lock for more than "
            f"{LOCK_TIMEOUT:.0f} s. Try again; if it persists, close other sessions."
        ) from None
    except OSError as exc:  # e.g. the lock path is a folder, or the folder is read-only
        raise SaveError(
            f"Cannot save {path.name}: its lock file {path.name}.lock cannot be created "
            f"({exc.strerror or exc}). Remove what is in the way, or choose another project."
        ) from None
    try:
        yield
    except OSError as exc:  # the file is left as it was: the write is atomic
        raise SaveError(
            f"Cannot save {path.name} in {path.parent}: {exc.strerror or exc}. "
            "The file on disk is unchanged."
        ) from None
    finally:
        lock.release()


def _remove_stale_temps(path: Path) -> None:
    # Called under the lock: no other writer of this file is mid-write, so any temp file
    # left is from a save that crashed.
    for stale in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
        try:
            stale.unlink()
        except OSError:
            logger.warning("cannot remove stale temporary file %s", stale)


# Parsed reviews by file, keyed by a digest of the bytes: re-reading under the lock is
# cheap, re-parsing is not, and a digest (unlike mtime/size/inode) cannot be fooled by
# two writes within one timestamp tick. With the review we keep its encoded rows (when
# we wrote it), so an autosave re-encodes one row instead of the whole file.
_CACHE: OrderedDict[str, tuple[bytes, Review, tuple[str, ...] | None]] = OrderedDict()
_CACHE_SIZE = 8
_CACHE_LOCK = threading.Lock()


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=20).digest()


def _remember(
    path: Path, digest: bytes, review: Review, rows: tuple[str, ...] | None = None
) -> None:
    with _CACHE_LOCK:
        _CACHE[str(path)] = (digest, review, rows)
        _CACHE.move_to_end(str(path))
        while len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)


def _parse_with_rows(path: Path, data: bytes) -> tuple[Review, tuple[str, ...] | None]:
    digest = _digest(data)
    with _CACHE_LOCK:
        hit = _CACHE.get(str(path))
    if hit is not None and hit[0] == digest:
        return hit[1], hit[2]
    review = from_csv(data, source=path.name)
    _remember(path, digest, review)
    return review, None


def _parse(path: Path, data: bytes) -> Review:
    return _parse_with_rows(path, data)[0]


def _write_review(path: Path, review: Review, rows: tuple[str, ...] | None = None) -> None:
    """Write ``review`` (``rows``: its encoded rows, if already known) and cache it."""
    if rows is None:
        rows = tuple(encode_rows(review))
    data = (header_line() + "".join(rows)).encode("utf-8")
    write_atomically(path, data)
    _remember(path.resolve(), _digest(data), review, rows)


# --- the same-texts rule ----------------------------------------------------------------


@dataclass(frozen=True)
class Texts:
    """What a review is of: the hashes of its two texts and its level."""

    original_sha256: str
    translation_sha256: str
    level: str

    @classmethod
    def of(cls, meta: ReviewMeta) -> Texts:
        """The texts a review's provenance names."""
        return cls(meta.original_sha256, meta.translation_sha256, meta.level)


def conflict(existing: ReviewMeta, new: Texts, *, path: Path) -> str | None:
    """Why a review of the ``new`` texts may not replace the review in ``path``, or None.

    The one rule of the store, applied by every writer (app and command line): a file
    is only ever rewritten with a review of the same original, the same translation and
    the same level, whose annotations it then keeps.
    """
    if (existing.original_sha256, existing.translation_sha256) != (
        new.original_sha256,
        new.translation_sha256,
    ):
        held = f"{existing.original_name} ↔ {existing.translation_name}"
        return (
            f"The project “{existing.project}” ({path.name}) already holds a review of other "
            f"texts ({held}); it is never overwritten without asking. Open that review to "
            "continue it, or choose another project name or output file (on the command line, "
            "--replace keeps the old file as a backup and writes the new review)."
        )
    if existing.level != new.level:
        return (
            f"The project “{existing.project}” ({path.name}) holds a {existing.level}-level "
            f"review of these texts; a {new.level}-level review would replace it. Open that "
            "review to continue it, or choose another project name or output file (on the "
            "command line, --replace keeps the old file as a backup)."
        )
    return None


def kept_annotations(path: Path, texts: Texts) -> dict[str, Annotation]:
    """The annotations of the review in ``path`` that a new review of ``texts`` keeps.

    Empty when there is no file yet; ReviewConflictError when the file holds a review
    that may not be replaced (:func:`conflict`).
    """
    if not path.exists():
        return {}
    existing = load_review(path)
    reason = conflict(existing.meta, texts, path=path)
    if reason:
        raise ReviewConflictError(reason)
    return {pid: a for pid, a in existing.annotations().items() if a != Annotation()}


# --- public API ------------------------------------------------------------------------


def load_review(path: str | os.PathLike[str]) -> Review:
    """Read and validate an alignment CSV; AlignmentFileError says what is wrong and where."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise AlignmentFileError(f"There is no alignment file {path}.") from None
    except IsADirectoryError:
        raise AlignmentFileError(f"{path} is a folder, not an alignment CSV file.") from None
    except OSError as exc:
        raise AlignmentFileError(f"Cannot read {path}: {exc.strerror}.") from None
    return _parse(path.resolve(), data)


def merge_annotations(ours: Review, theirs: Review) -> Review:
    """``ours`` with each annotation replaced by the one in ``theirs`` if that is newer."""
    newer_theirs = {
        p.pair_id: theirs.by_id(p.pair_id).annotation
        for p in ours.pairs
        if p.pair_id in theirs and newer(theirs.by_id(p.pair_id).annotation, p.annotation)
    }
    return ours.with_annotations(newer_theirs) if newer_theirs else ours


def _aside(target: Path, reason: str) -> Path:
    """Rename ``target`` to ``<name>.<reason>-<time>`` next to it; the new path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = target.with_name(f"{target.name}.{reason}-{stamp}")
    os.replace(target, aside)
    return aside


def _set_aside(target: Path, exc: AlignmentFileError) -> None:
    aside = _aside(target, "unreadable")
    logger.warning("%s is unreadable (%s); kept as %s", target, exc, aside)


def keep_as_backup(path: Path) -> Path:
    """Move the review in ``path`` aside as ``<name>.replaced-<time>`` (under its lock).

    For replacing a review of other texts on purpose (``--replace``): nothing is deleted,
    the new review is written to ``path`` afterwards. Its history sidecar goes aside with
    it (``NAME.history.csv.replaced-<time>``). Returns the backup's path.
    """
    with _locked(path):
        aside = _aside(path, "replaced")
        if history_path(path).exists():
            _aside(history_path(path), "replaced")
    logger.info("kept %s as %s", path, aside)
    return aside


#: Called under the lock with what is stored (None: nothing yet) and what is about to be
#: written; it may refuse the save by raising (the CSV store checks versions and appends
#: the history there, so both happen under the same lock as the write).
BeforeWrite = Callable[[Review | None, Review], None]


def save_review(
    review: Review,
    *,
    root: Path | None = None,
    path: str | os.PathLike[str] | None = None,
    before_write: BeforeWrite | None = None,
) -> Path:
    """Write a whole review (e.g. after a structural edit), merged with the file on disk.

    For pairs in both, the annotation with the newer ``updated_at`` wins, so a save from
    one tab does not wipe what another tab wrote meanwhile. A file holding a review of
    other texts (or another level) is never replaced: ReviewConflictError. An unreadable
    file is kept aside as ``*.unreadable-<time>``. ``root`` defaults to the configured
    alignments folder (``WORKBENCH_ALIGNMENTS_DIR``); ``before_write`` see :data:`BeforeWrite`.
    """
    for pair in review.pairs:
        check_annotation(pair.annotation)
    if path is not None:
        target = Path(path)
    else:
        target = project_path(review.meta.project, root=root or config.alignments_dir())
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(
            f"Cannot save {target.name}: the folder {target.parent} cannot be created "
            f"({exc.strerror or exc})."
        ) from None
    with _locked(target):
        _remove_stale_temps(target)
        merged, current = review, None
        if target.exists():
            try:
                current = _parse(target.resolve(), target.read_bytes())
            except AlignmentFileError as exc:
                _set_aside(target, exc)
            else:
                reason = conflict(current.meta, Texts.of(review.meta), path=target)
                if reason:
                    raise ReviewConflictError(reason)
                merged = merge_annotations(review, current)
        if before_write is not None:
            before_write(current, merged)
        _write_review(target, merged)
    return target


def save_annotation(
    project_or_path: str | os.PathLike[str],
    pair_id: str,
    annotation: Annotation,
    *,
    root: Path | None = None,
) -> Review:
    """Store one pair's annotation (autosave): lock, re-read, replace, write; the new review.

    ``project_or_path`` is a project name (``str``, in ``root``: by default the configured
    alignments folder) or a file path (``os.PathLike``). An annotation without
    ``updated_at`` is stamped with the current time.
    """
    return save_annotations(project_or_path, {pair_id: annotation}, root=root)


def save_annotations(
    project_or_path: str | os.PathLike[str],
    annotations: Mapping[str, Annotation],
    *,
    root: Path | None = None,
    before_write: BeforeWrite | None = None,
) -> Review:
    """Store several pairs' annotations in one write (a bulk verdict, its undo): lock,
    re-read, replace, write; the new review. Nothing is written when a pair is missing
    or ``before_write`` (:data:`BeforeWrite`) raises.
    """
    stamped = {}
    for pair_id, annotation in annotations.items():
        check_annotation(annotation)
        if not annotation.updated_at:
            annotation = replace(annotation, updated_at=utc_now())
        stamped[pair_id] = annotation
    target = target_path(project_or_path, root=root or config.alignments_dir())
    with _locked(target):
        _remove_stale_temps(target)
        try:
            data = target.read_bytes()
        except FileNotFoundError:
            raise AlignmentFileError(f"There is no alignment file {target}.") from None
        current, rows = _parse_with_rows(target.resolve(), data)
        missing = [pid for pid in stamped if pid not in current]
        if missing:
            raise AlignmentFileError(
                f"{target.name} has no pair {missing[0]!r}: the alignment was probably edited "
                "in another session. Reload the project and annotate again."
            )
        updated = current.with_annotations(stamped)
        if before_write is not None:
            before_write(current, updated)
        if rows is not None:
            # Only these pairs' rows change (the provenance cell does not depend on
            # annotations), so the other rows are reused as they were written.
            changed = list(rows)
            for pair_id in stamped:
                index = current.position(pair_id)
                changed[index] = encode_pair_row(updated, updated.pairs[index])
            rows = tuple(changed)
        _write_review(target, updated, rows)
    return updated


def _project_info(path: Path) -> ProjectInfo:
    review = load_review(path)
    return ProjectInfo(
        name=path.stem,
        path=path,
        pairs=len(review.pairs),
        reviewed=sum(p.annotation.status != "unreviewed" for p in review.pairs),
        modified=datetime.fromtimestamp(path.stat().st_mtime, tz=UTC),
        original_name=review.meta.original_name,
        translation_name=review.meta.translation_name,
        texts=Texts.of(review.meta),
    )


def list_projects(
    *,
    root: Path | None = None,
    on_error: Callable[[Path, AlignmentFileError], None] | None = None,
) -> list[ProjectInfo]:
    """Saved projects in ``root`` (default: the alignments folder), newest first.

    Unreadable files are skipped: each is logged and, if given, passed to
    ``on_error(path, error)``.
    """
    folder = Path(root) if root is not None else config.alignments_dir()
    if not folder.is_dir():
        return []
    infos = []
    inside = folder.resolve()
    for path in folder.glob(f"*{SUFFIX}"):
        if path.name.startswith(".") or is_history(path) or not path.is_file():
            continue
        try:
            if path.resolve().parent != inside:  # a link planted in the folder
                raise AlignmentFileError(
                    f"{path.name} is a link to a file outside the alignments folder; "
                    "it is not opened."
                )
            infos.append(_project_info(path))
        except AlignmentFileError as exc:
            logger.warning("skipping unreadable project file %s: %s", path, exc)
            if on_error is not None:
                on_error(path, exc)
        except OSError as exc:  # vanished between listing and reading
            logger.warning("skipping project file %s: %s", path, exc)
    infos.sort(key=lambda info: (-info.modified.timestamp(), info.name))
    return infos
