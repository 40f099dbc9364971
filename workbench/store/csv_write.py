"""The canonical alignment CSV, writing side: a :class:`Review` as rows of text.

The layout is specified in ``docs/alignment-format.md``; :mod:`workbench.store.csv_read`
reads it back. Flat columns carry the nested parts of the record (the forward passage,
the discrepancy-log entry), empty where a review has none.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from workbench.errors import AlignmentFileError
from workbench.model import DiscrepancyEntry
from workbench.review.cat import cat_to_json
from workbench.review.marks import errors_to_json, text_problems
from workbench.review.record import FORMAT_VERSION, META_TEXT_FIELDS, PairRecord, Review

#: The annotation's columns (the reviewer's), in file order.
ANNOTATION_COLUMNS: tuple[str, ...] = (
    "status",
    "category",
    "severity",
    "comment",
    "errors",
    "reviewer",
    "updated_at",
    "discrepancy",
    "decision",
    "revised_text",
    "rationale",
)
#: Columns of the current format, in file order.
COLUMNS: tuple[str, ...] = (
    "pair_id",
    "order",
    "kind",
    "original_ids",
    "translation_ids",
    "original_text",
    "translation_text",
    "similarity",
    "band",
    "score",
    "confidence",
    "checks",
    "check_messages",
    *ANNOTATION_COLUMNS,
    "original_unit_lengths",
    "translation_unit_lengths",
    "forward_ids",
    "forward_text",
    "forward_unit_lengths",
    "cat",
    "format_version",
    "meta",
)
#: Format version that introduced each column; a file must have the columns of its version.
COLUMN_SINCE: dict[str, int] = {
    **dict.fromkeys(COLUMNS, 1),
    # Version 2: the forward translation of a back-translation review.
    "forward_ids": 2,
    "forward_text": 2,
    "forward_unit_lengths": 2,
    # Version 4: the errors marked on spans.
    "errors": 4,
    # Version 5: the units of the bilingual file a review was made from.
    "cat": 5,
}

#: Keys of the ``meta`` cell.
META_KEYS = (
    *META_TEXT_FIELDS,
    "settings",
    "original_units",
    "translation_units",
    "forward_name",
    "forward_sha256",
    "forward_language",
    "kind",
)
#: Format version that introduced each key of the ``meta`` cell (keys not listed: 1).
META_KEY_SINCE: dict[str, int] = {
    "forward_name": 2,
    "forward_sha256": 2,
    "forward_language": 2,
    "kind": 3,
}
BOM = "\ufeff"
# RFC 4180 line ends. With "\n" alone, Python 3.11's csv writer would not quote a field
# holding a bare "\r", and readers would then cut the row there.
_LINE_END = "\r\n"
ID_SEP = ";"
MESSAGE_SEP = "\n"
#: Text columns a spreadsheet could take for formulas (the csv-excel export neutralises them).
TEXT_COLUMNS = frozenset(
    {
        "original_text",
        "translation_text",
        "checks",
        "check_messages",
        "comment",
        "errors",
        "reviewer",
        "category",
        "revised_text",
        "rationale",
        "pair_id",
        "forward_text",
        "cat",
    }
)


def _meta_json(review: Review) -> str:
    meta = review.meta
    o_units = {u for p in review.pairs for u in p.original_ids}
    t_units = {u for p in review.pairs for u in p.translation_ids}
    payload = {
        "project": meta.project,
        "original_name": meta.original_name,
        "translation_name": meta.translation_name,
        "original_sha256": meta.original_sha256,
        "translation_sha256": meta.translation_sha256,
        "original_language": meta.original_language,
        "translation_language": meta.translation_language,
        "level": meta.level,
        "settings": dict(meta.settings),
        "created_at": meta.created_at,
        "tool_version": meta.tool_version,
        # Unit counts let a reader notice lost rows (a file cut at a row boundary).
        "original_units": len(o_units),
        "translation_units": len(t_units),
        "forward_name": meta.forward.name if meta.forward else "",
        "forward_sha256": meta.forward.sha256 if meta.forward else "",
        "forward_language": meta.forward.language if meta.forward else "",
        "kind": str(meta.kind),
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def record_row(pair: PairRecord) -> dict[str, str]:
    """One pair as the text of each column (without the provenance columns).

    AlignmentFileError if an error marked on the pair does not quote the pair's text.
    """
    ann = pair.annotation
    problems = text_problems(ann.errors, pair.original_text, pair.translation_text)
    if problems:
        raise AlignmentFileError(
            f"Cannot store the annotation of {pair.pair_id}: {problems[0]}. Nothing was saved."
        )
    log = ann.log or DiscrepancyEntry()
    forward = pair.forward
    return {
        "pair_id": pair.pair_id,
        "order": str(pair.order),
        "kind": pair.kind,
        "original_ids": ID_SEP.join(pair.original_ids),
        "translation_ids": ID_SEP.join(pair.translation_ids),
        "original_text": pair.original_text,
        "translation_text": pair.translation_text,
        "similarity": repr(float(pair.similarity)),
        "band": pair.band,
        "score": repr(float(pair.score)),
        "confidence": repr(float(pair.confidence)),
        "checks": ID_SEP.join(pair.checks),
        "check_messages": MESSAGE_SEP.join(pair.check_messages),
        "status": ann.status,
        "category": ann.category,
        "severity": ann.severity,
        "comment": ann.comment,
        "errors": errors_to_json(ann.errors),
        "reviewer": ann.reviewer,
        "updated_at": ann.updated_at,
        "discrepancy": log.discrepancy,
        "decision": log.decision,
        "revised_text": log.revised_text,
        "rationale": log.rationale,
        "original_unit_lengths": ID_SEP.join(map(str, pair.original_unit_lengths)),
        "translation_unit_lengths": ID_SEP.join(map(str, pair.translation_unit_lengths)),
        "forward_ids": ID_SEP.join(forward.ids) if forward else "",
        "forward_text": forward.text if forward else "",
        "forward_unit_lengths": ID_SEP.join(map(str, forward.unit_lengths)) if forward else "",
        "cat": cat_to_json(pair.cat),
    }


def _writer(buf: io.StringIO) -> Any:  # the csv module exposes no writer type
    return csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator=_LINE_END)


def header_line() -> str:
    """The header row as CSV text, line end included."""
    buf = io.StringIO(newline="")
    _writer(buf).writerow(COLUMNS)
    return buf.getvalue()


def rows(review: Review) -> Iterator[list[str]]:
    """Every pair's row as a list of cells in ``COLUMNS`` order (provenance included)."""
    meta = _meta_json(review)
    # Always the current version: the writer emits the current columns, whatever
    # version the review was read from (reading an older file upgrades it).
    version = str(FORMAT_VERSION)
    for pair in review.pairs:
        row = record_row(pair)
        row["format_version"] = version
        row["meta"] = meta
        yield [row[c] for c in COLUMNS]


def encode_rows(review: Review) -> list[str]:
    """Each pair's row as CSV text (line end included), in the review's order."""
    buf = io.StringIO(newline="")
    writer = _writer(buf)
    out = []
    for cells in rows(review):
        writer.writerow(cells)
        out.append(buf.getvalue())
        buf.seek(0)
        buf.truncate()
    return out


def encode_pair_row(review: Review, pair: PairRecord) -> str:
    """One pair's row in ``review``'s canonical CSV (to re-encode a single change)."""
    buf = io.StringIO(newline="")
    row = record_row(pair)
    row["format_version"] = str(FORMAT_VERSION)
    row["meta"] = _meta_json(review)
    _writer(buf).writerow([row[c] for c in COLUMNS])
    return buf.getvalue()


def write_csv(cell_rows: Iterator[list[str]], *, bom: bool = False) -> bytes:
    """Header and ``cell_rows`` as UTF-8 CSV (RFC 4180 line ends), with a BOM if asked."""
    buf = io.StringIO(newline="")
    writer = _writer(buf)
    writer.writerow(COLUMNS)
    writer.writerows(cell_rows)
    try:
        return ((BOM if bom else "") + buf.getvalue()).encode("utf-8")
    except UnicodeEncodeError as exc:  # only text built in code can hold one: files cannot
        raise AlignmentFileError(
            f"The review cannot be written as UTF-8: it holds a lone surrogate "
            f"(U+{ord(exc.object[exc.start]):04X}), which is not a character."
        ) from None


def to_csv(review: Review) -> bytes:
    """The canonical CSV record (what the store writes and reads back)."""
    return write_csv(rows(review))
