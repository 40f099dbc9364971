"""The alignment store: review files in the alignments folder, and their CSV format.

``csv_write``/``csv_read`` are the canonical record format (``docs/alignment-format.md``);
``names`` turns project names into safe file names; ``files`` writes atomically under a
lock, merges concurrent annotations and enforces the same-texts rule (a file is never
replaced by a review of other texts).
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
from workbench.store.names import project_path, sanitise_project_name

__all__ = [
    "COLUMNS",
    "ProjectInfo",
    "Texts",
    "conflict",
    "keep_as_backup",
    "from_csv",
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
]
