"""The alignment store: review files in the alignments folder, and their CSV format.

``csv_write``/``csv_read`` are the canonical record format (``docs/alignment-format.md``);
``names`` turns project names into safe file names; ``files`` writes atomically under a
lock, merges concurrent annotations and enforces the same-texts rule (a file is never
replaced by a review of other texts). ``protocol`` is the storage interface
(``ReviewStore``) both stores implement: ``csv_store`` (these files, plus the history
sidecar ``NAME.history.csv``) and ``postgres`` (imported only when selected, see
``select``); ``history`` is the audit trail and the pairs' versions both share.
"""

from workbench.store.csv_read import from_csv
from workbench.store.csv_write import COLUMNS, to_csv
from workbench.store.files import (
    ProjectInfo,
    Texts,
    conflict,
    keep_as_backup,
    kept_annotations,
    list_projects,
    load_review,
    merge_annotations,
    save_annotation,
    save_annotations,
    save_review,
)
from workbench.store.history import HistoryEntry, version_of
from workbench.store.names import history_path, project_path, sanitise_project_name
from workbench.store.protocol import ReviewStore, ReviewSummary

__all__ = [
    "COLUMNS",
    "HistoryEntry",
    "ReviewStore",
    "ReviewSummary",
    "ProjectInfo",
    "Texts",
    "conflict",
    "keep_as_backup",
    "from_csv",
    "history_path",
    "kept_annotations",
    "list_projects",
    "load_review",
    "merge_annotations",
    "project_path",
    "sanitise_project_name",
    "save_annotation",
    "save_annotations",
    "save_review",
    "to_csv",
    "version_of",
]
