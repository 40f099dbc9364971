"""What a reviewer's spreadsheet carries besides the cells people read: the keys of a row.

The XLSX and CSV-for-Excel exports write, on every row, the pair id, a hash of the
pair's texts (:func:`text_hash`) and the annotation as exported (:func:`base_key`);
their header or "About" sheet names the review (:func:`identity`). Importing the sheet
back (``sheet_merge``) uses them to tell which rows the reviewer changed, which pairs
changed in the review file since the export, and whether the sheet belongs to the
review at all. Both exports and the import take these definitions from here only.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping

from workbench.model import (
    DECISIONS,
    DISCREPANCY_TYPES,
    MQM_CATEGORIES,
    SEVERITIES,
    STATUSES,
    Annotation,
    DiscrepancyEntry,
)
from workbench.review.marks import errors_to_json
from workbench.review.record import PairRecord, ReviewMeta

#: The annotation fields a reviewer edits in the sheet, in column order.
EDITABLE: tuple[str, ...] = (
    "status",
    "category",
    "severity",
    "comment",
    "discrepancy",
    "decision",
    "revised_text",
    "rationale",
)
#: The back-translation review's discrepancy log (editable only in such a review).
LOG_FIELDS: tuple[str, ...] = ("discrepancy", "decision", "revised_text", "rationale")
#: Columns offered as drop-down lists, with their values (the record's vocabularies).
VOCABULARIES: Mapping[str, tuple[str, ...]] = {
    "status": STATUSES,
    "category": MQM_CATEGORIES,
    "severity": SEVERITIES,
    "discrepancy": DISCREPANCY_TYPES,
    "decision": DECISIONS,
}
#: The hidden key columns the exports add to every row.
KEY_COLUMNS: tuple[str, ...] = ("text_hash", "base")
#: The review's identity, written on the XLSX "About" sheet (and in the CSV's ``meta``).
IDENTITY_KEYS: tuple[str, ...] = (
    "project",
    "original_sha256",
    "translation_sha256",
    "level",
    "kind",
)

_UNIT_SEPARATOR = "\u001f"
# Keys start with a letter: a spreadsheet opening the CSV turns "1234567890123456" or
# "12e45..." into a number (and loses digits), never "t1234..." or "a12e4...-e...".
_TEXT_KEY = re.compile(r"^t[0-9a-f]{16}$")
_BASE = re.compile(r"^a[0-9a-f]{16}-e[0-9a-f]{16}$")


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def text_hash(pair: PairRecord) -> str:
    """The first 16 hex digits of sha256(original text + U+001F + translation text)."""
    return _short_hash(pair.original_text + _UNIT_SEPARATOR + pair.translation_text)


def text_key(pair: PairRecord) -> str:
    """The ``text_hash`` cell of a pair's row: ``t`` and its :func:`text_hash`."""
    return "t" + text_hash(pair)


def annotation_values(annotation: Annotation) -> dict[str, str]:
    """The editable fields of ``annotation`` by name (empty log fields when none)."""
    log = annotation.log or DiscrepancyEntry()
    values = {
        "status": annotation.status,
        "category": annotation.category,
        "severity": annotation.severity,
        "comment": annotation.comment,
    }
    values.update({name: getattr(log, name) for name in LOG_FIELDS})
    return values


def values_hash(values: Mapping[str, str]) -> str:
    """A hash of the editable values (16 hex digits), as :func:`base_key` writes it."""
    return _short_hash(json.dumps([values.get(name, "") for name in EDITABLE]))


def errors_hash(annotation: Annotation) -> str:
    """A hash of the errors marked in the pair (16 hex digits)."""
    return _short_hash(errors_to_json(annotation.errors))


def base_key(annotation: Annotation) -> str:
    """The annotation as exported: ``a<hash of the editable values>-e<hash of the errors>``.

    The import compares the sheet's values with the first half (did the reviewer edit
    the row?) and the review file's annotation with both (did it change since?). The
    reviewer's name and the time are not part of it: they say who and when, not what.
    """
    return "a" + values_hash(annotation_values(annotation)) + "-e" + errors_hash(annotation)


def split_base(base: str) -> tuple[str, str]:
    """(values hash, errors hash) of a :func:`base_key`."""
    values, errors = base.split("-", 1)
    return values[1:], errors[1:]


def is_text_key(value: str) -> bool:
    """True if ``value`` looks like a :func:`text_key`."""
    return bool(_TEXT_KEY.match(value))


def is_base_key(value: str) -> bool:
    """True if ``value`` looks like a :func:`base_key`."""
    return bool(_BASE.match(value))


def identity(meta: ReviewMeta) -> dict[str, str]:
    """The values that name a review: project, the texts' sha256, level and kind."""
    return {
        "project": meta.project,
        "original_sha256": meta.original_sha256,
        "translation_sha256": meta.translation_sha256,
        "level": str(meta.level),
        "kind": str(meta.kind),
    }
