"""The canonical alignment CSV: writing a :class:`Review` and reading one back, validated.

The layout is specified in ``docs/alignment-format.md``. Reading never trusts the file:
every field is checked and an error names the line and the column.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
from collections.abc import Sequence
from typing import Any

from workbench.config import MAX_CHARS
from workbench.errors import AlignmentFileError
from workbench.export.neutralise import neutralise
from workbench.model import BANDS, BEAD_KINDS, Annotation
from workbench.review import (
    FORMAT_VERSION,
    PairRecord,
    Review,
    ReviewMeta,
    annotation_problems,
    unit_sort_key,
)

logger = logging.getLogger(__name__)

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
    "status",
    "category",
    "severity",
    "comment",
    "reviewer",
    "updated_at",
    "discrepancy",
    "decision",
    "revised_text",
    "rationale",
    "original_unit_lengths",
    "translation_unit_lengths",
    "forward_ids",
    "forward_text",
    "forward_unit_lengths",
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
}

_META_KEYS = (
    "project",
    "original_name",
    "translation_name",
    "original_sha256",
    "translation_sha256",
    "original_language",
    "translation_language",
    "level",
    "settings",
    "created_at",
    "tool_version",
    "original_units",
    "translation_units",
    "forward_name",
    "forward_sha256",
    "forward_language",
)
#: Format version that introduced each key of the ``meta`` cell (keys not listed: 1).
META_KEY_SINCE: dict[str, int] = {"forward_name": 2, "forward_sha256": 2, "forward_language": 2}
_BOM = "\ufeff"
# RFC 4180 line ends. With "\n" alone, Python 3.11's csv writer would not quote a field
# holding a bare "\r", and readers would then cut the row there.
_LINE_END = "\r\n"
_ID_SEP = ";"
_MESSAGE_SEP = "\n"
# Text columns a spreadsheet could take for formulas (the csv-excel export neutralises them).
_TEXT_COLUMNS = frozenset(
    {
        "original_text",
        "translation_text",
        "checks",
        "check_messages",
        "comment",
        "reviewer",
        "category",
        "revised_text",
        "rationale",
        "pair_id",
        "forward_text",
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
        "forward_name": meta.forward_name,
        "forward_sha256": meta.forward_sha256,
        "forward_language": meta.forward_language,
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def record_row(pair: PairRecord) -> dict[str, str]:
    """One pair as the text of each column (without the provenance columns)."""
    ann = pair.annotation
    return {
        "pair_id": pair.pair_id,
        "order": str(pair.order),
        "kind": pair.kind,
        "original_ids": _ID_SEP.join(pair.original_ids),
        "translation_ids": _ID_SEP.join(pair.translation_ids),
        "original_text": pair.original_text,
        "translation_text": pair.translation_text,
        "similarity": repr(float(pair.similarity)),
        "band": pair.band,
        "score": repr(float(pair.score)),
        "confidence": repr(float(pair.confidence)),
        "checks": _ID_SEP.join(pair.checks),
        "check_messages": _MESSAGE_SEP.join(pair.check_messages),
        "status": ann.status,
        "category": ann.category,
        "severity": ann.severity,
        "comment": ann.comment,
        "reviewer": ann.reviewer,
        "updated_at": ann.updated_at,
        "discrepancy": ann.discrepancy,
        "decision": ann.decision,
        "revised_text": ann.revised_text,
        "rationale": ann.rationale,
        "original_unit_lengths": _ID_SEP.join(map(str, pair.original_unit_lengths)),
        "translation_unit_lengths": _ID_SEP.join(map(str, pair.translation_unit_lengths)),
        "forward_ids": _ID_SEP.join(pair.forward_ids),
        "forward_text": pair.forward_text,
        "forward_unit_lengths": _ID_SEP.join(map(str, pair.forward_unit_lengths)),
    }


def _writer(buf: io.StringIO) -> Any:  # the csv module exposes no writer type
    return csv.writer(buf, quoting=csv.QUOTE_MINIMAL, lineterminator=_LINE_END)


def header_line() -> str:
    """The header row as CSV text, line end included."""
    buf = io.StringIO(newline="")
    _writer(buf).writerow(COLUMNS)
    return buf.getvalue()


def encode_rows(review: Review, *, excel: bool = False) -> list[str]:
    """Each pair's row as CSV text (line end included), in the review's order."""
    buf = io.StringIO(newline="")
    writer = _writer(buf)
    meta = _meta_json(review)
    # Always the current version: the writer emits the current columns, whatever
    # version the review was read from (reading an older file upgrades it).
    version = str(FORMAT_VERSION)
    out = []
    for pair in review.pairs:
        row = record_row(pair)
        row["format_version"] = version
        row["meta"] = meta
        if excel:
            row = {k: neutralise(v) if k in _TEXT_COLUMNS else v for k, v in row.items()}
        writer.writerow([row[c] for c in COLUMNS])
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


def to_csv(review: Review, *, excel: bool = False) -> bytes:
    """The canonical CSV record; ``excel=True`` adds a BOM and neutralises formula-like cells.

    The canonical file (``excel=False``) is never altered: it is the record the store
    reads back. The Excel variant is for opening in a spreadsheet only.
    """
    text = header_line() + "".join(encode_rows(review, excel=excel))
    return ((_BOM + text) if excel else text).encode("utf-8")


# --- reading ---------------------------------------------------------------------------


class _Row:
    """One data row with its line number, so every error can say where it is."""

    def __init__(self, line: int, values: dict[str, str]) -> None:
        self.line = line
        self.values = values

    def fail(self, column: str, message: str) -> AlignmentFileError:
        return AlignmentFileError(f"line {self.line}, column {column!r}: {message}.")

    def get(self, column: str) -> str:
        return self.values.get(column, "")

    def integer(self, column: str) -> int:
        raw = self.get(column)
        try:
            return int(raw)
        except ValueError:
            raise self.fail(column, f"{raw!r} is not a whole number") from None

    def number(self, column: str) -> float:
        if column not in self.values:
            return 0.0  # a column newer than the file's version: its default
        raw = self.get(column)
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise self.fail(column, f"{raw!r} is not a number")
        return value


def _decode(data: bytes, *, source: str) -> str:
    if not data.strip():
        raise AlignmentFileError(
            f"{source} is empty: an alignment CSV starts with a header row "
            f"({', '.join(COLUMNS[:4])}, …)."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AlignmentFileError(
            f"{source} is not an alignment CSV: it is not UTF-8 text "
            f"(byte {data[exc.start]:#04x} at offset {exc.start} cannot be decoded)."
        ) from None
    # NUL in the header row means binary or UTF-16 data (our header never holds one;
    # a text field may, so only the first line is checked).
    if "\x00" in text[: text.find("\n") if "\n" in text else 4096]:
        raise AlignmentFileError(
            f"{source} is not an alignment CSV: it contains NUL bytes (a binary file?)."
        )
    # A spreadsheet that re-saved the file may have added a byte-order mark.
    return text.removeprefix(_BOM)


def _read_rows(text: str, *, source: str) -> tuple[list[str], list[_Row]]:
    # The csv module refuses fields over 128 KiB by default; one paragraph may be a whole
    # document (up to config.MAX_CHARS). The limit is process-wide; we only ever raise it.
    if csv.field_size_limit() < 4 * MAX_CHARS:
        csv.field_size_limit(4 * MAX_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[_Row] = []
    header: list[str] | None = None
    line = 1
    try:
        for fields in reader:
            if header is None:
                header = [h.strip() for h in fields]
                line = reader.line_num + 1
                _check_header(header, source=source)
                continue
            if not fields or fields == [""]:
                line = reader.line_num + 1
                continue  # a blank line (e.g. a trailing one added by an editor)
            if len(fields) != len(header):
                raise AlignmentFileError(
                    f"line {line}: expected {len(header)} fields, found {len(fields)} "
                    "(the file may be truncated or edited by hand)."
                )
            rows.append(_Row(line, dict(zip(header, fields, strict=True))))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise AlignmentFileError(
            f"line {line}: {source} is not valid CSV ({exc}); the file may be truncated."
        ) from None
    if header is None:
        raise AlignmentFileError(f"{source} is empty: expected a header row.")
    if not rows:
        raise AlignmentFileError(f"{source} has a header row but no pairs.")
    return header, rows


def _check_header(header: Sequence[str], *, source: str) -> None:
    if "pair_id" not in header and "format_version" not in header:
        shown = ", ".join(repr(h) for h in header[:5])
        raise AlignmentFileError(
            f"{source} is not an alignment CSV: its first row ({shown}) is not the header "
            f"row (expected columns {', '.join(COLUMNS)})."
        )
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise AlignmentFileError(
            f"line 1: columns appear more than once: {', '.join(map(repr, duplicates))}."
        )


def _version(row: _Row) -> int:
    version = row.integer("format_version")
    if version > FORMAT_VERSION:
        raise AlignmentFileError(
            f"line {row.line}: this file is in format version {version}, newer than this "
            f"workbench can read (up to version {FORMAT_VERSION}); update workbench to open it."
        )
    if version < 1:
        raise row.fail("format_version", f"{version} is not a format version (expected 1 or more)")
    return version


def _ids(row: _Row, column: str, *, level: str) -> tuple[str, ...]:
    raw = row.get(column)
    if not raw:
        return ()
    ids = tuple(raw.split(_ID_SEP))
    for uid in ids:
        try:
            _para, sent = unit_sort_key(uid)
        except ValueError as exc:
            raise row.fail(column, str(exc)) from None
        if (level == "sentence") != bool(sent):
            want = "'P3.S2'" if level == "sentence" else "'P3'"
            raise row.fail(column, f"{uid!r} is not a {level} id (expected e.g. {want})")
    if len(set(ids)) != len(ids):
        raise row.fail(column, f"{raw!r} names a unit twice")
    return ids


def _lengths(row: _Row, column: str, count: int) -> tuple[int, ...]:
    raw = row.get(column)
    if count < 2:
        if raw:
            raise row.fail(column, f"{raw!r} given for a side with {count} unit(s) (expected '')")
        return ()
    try:
        lengths = tuple(int(x) for x in raw.split(_ID_SEP))
    except ValueError:
        lengths = ()
    if len(lengths) != count or any(n < 0 for n in lengths):
        raise row.fail(
            column, f"{raw!r} is not {count} unit lengths separated by ';' (e.g. '12;40')"
        )
    return lengths


def _parse_meta(row: _Row, version: int) -> tuple[ReviewMeta, dict[str, object]]:
    try:
        data = json.loads(row.get("meta"))
    except json.JSONDecodeError as exc:
        raise row.fail("meta", f"is not valid JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(data, dict):
        raise row.fail("meta", "is not a JSON object")
    keys = [k for k in _META_KEYS if META_KEY_SINCE.get(k, 1) <= version]
    missing = [k for k in keys if k not in data]
    if missing:
        raise row.fail("meta", f"lacks the keys {', '.join(missing)}")
    for key in keys:
        value = data[key]
        if key == "settings":
            ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        elif key.endswith("_units"):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, str)
        if not ok:
            raise row.fail("meta", f"key {key!r} has an invalid value {value!r}")
    if data["level"] not in ("paragraph", "sentence"):
        raise row.fail("meta", f"level {data['level']!r} is not 'paragraph' or 'sentence'")
    meta = ReviewMeta(
        format_version=version,
        project=data["project"],
        original_name=data["original_name"],
        translation_name=data["translation_name"],
        original_sha256=data["original_sha256"],
        translation_sha256=data["translation_sha256"],
        original_language=data["original_language"],
        translation_language=data["translation_language"],
        level=data["level"],
        settings=tuple(data["settings"].items()),
        created_at=data["created_at"],
        tool_version=data["tool_version"],
        # Keys newer than the file's version take their default (empty).
        forward_name=data.get("forward_name", "") if version >= 2 else "",
        forward_sha256=data.get("forward_sha256", "") if version >= 2 else "",
        forward_language=data.get("forward_language", "") if version >= 2 else "",
    )
    return meta, data


def _pair(row: _Row, *, level: str) -> PairRecord:
    kind = row.get("kind")
    if kind not in BEAD_KINDS:
        raise row.fail("kind", f"{kind!r} is not a bead kind (expected one of {BEAD_KINDS})")
    o_ids = _ids(row, "original_ids", level=level)
    t_ids = _ids(row, "translation_ids", level=level)
    if not o_ids and not t_ids:
        raise row.fail("original_ids", "both sides are empty (a pair needs at least one unit)")
    pair_id = row.get("pair_id")
    derived = ("+".join(o_ids) or "-") + "=" + ("+".join(t_ids) or "-")
    if pair_id != derived:
        raise row.fail("pair_id", f"{pair_id!r} does not match the unit ids (expected {derived!r})")
    order = row.integer("order")
    similarity = row.number("similarity")
    if order < 0:
        raise row.fail("order", f"{order} is negative")
    if not 0.0 <= similarity <= 100.0:
        raise row.fail("similarity", f"{similarity} is not between 0 and 100")
    band = row.get("band")
    if band not in BANDS:
        raise row.fail("band", f"{band!r} is not a band (expected one of {BANDS})")
    annotation = Annotation(
        status=row.get("status"),
        category=row.get("category"),
        severity=row.get("severity"),
        comment=row.get("comment"),
        reviewer=row.get("reviewer"),
        updated_at=row.get("updated_at"),
        discrepancy=row.get("discrepancy"),
        decision=row.get("decision"),
        revised_text=row.get("revised_text"),
        rationale=row.get("rationale"),
    )
    problems = annotation_problems(annotation)
    if problems:
        raise row.fail(*problems[0])
    checks = row.get("checks")
    messages = row.get("check_messages")
    forward_ids = _ids(row, "forward_ids", level=level)
    if row.get("forward_text") and not forward_ids:
        raise row.fail("forward_text", "is given but 'forward_ids' is empty (expected both)")
    return PairRecord(
        pair_id=pair_id,
        kind=kind,
        original_ids=o_ids,
        translation_ids=t_ids,
        original_text=row.get("original_text"),
        translation_text=row.get("translation_text"),
        similarity=similarity,
        band=band,
        checks=tuple(checks.split(_ID_SEP)) if checks else (),
        check_messages=tuple(messages.split(_MESSAGE_SEP)) if messages else (),
        annotation=annotation,
        order=order,
        score=row.number("score"),
        confidence=row.number("confidence"),
        original_unit_lengths=_lengths(row, "original_unit_lengths", len(o_ids)),
        translation_unit_lengths=_lengths(row, "translation_unit_lengths", len(t_ids)),
        forward_ids=forward_ids,
        forward_text=row.get("forward_text"),
        forward_unit_lengths=_lengths(row, "forward_unit_lengths", len(forward_ids)),
    )


def from_csv(data: bytes, *, source: str = "the file") -> Review:
    """Parse and validate a canonical alignment CSV; AlignmentFileError names line and column."""
    text = _decode(data, source=source)
    header, rows = _read_rows(text, source=source)
    if "format_version" not in header:
        raise AlignmentFileError("line 1: the required column 'format_version' is missing.")
    first = rows[0]
    version = _version(first)
    required = [c for c in COLUMNS if COLUMN_SINCE[c] <= version]
    missing = [c for c in required if c not in header]
    if missing:
        raise AlignmentFileError(
            f"line 1: required columns are missing: {', '.join(missing)} "
            f"(a format-version-{version} file has {', '.join(required)})."
        )
    unknown = [h for h in header if h not in COLUMN_SINCE]
    if unknown:
        logger.warning("%s: ignoring unknown columns %s", source, ", ".join(unknown))
    meta, raw_meta = _parse_meta(first, version)
    level = meta.level
    pairs: list[PairRecord] = []
    seen_ids: dict[str, int] = {}
    seen_orders: dict[int, int] = {}
    units: tuple[dict[str, int], dict[str, int]] = ({}, {})
    for row in rows:
        if row.get("format_version") != first.get("format_version"):
            raise row.fail(
                "format_version",
                f"{row.get('format_version')!r} differs from line {first.line} "
                f"({first.get('format_version')!r}); rows of different files were mixed",
            )
        if row.get("meta") != first.get("meta"):
            raise row.fail(
                "meta",
                f"differs from line {first.line}; rows of different alignments were mixed",
            )
        pair = _pair(row, level=level)
        if pair.pair_id in seen_ids:
            raise row.fail("pair_id", f"{pair.pair_id!r} already on line {seen_ids[pair.pair_id]}")
        if pair.order in seen_orders:
            raise row.fail("order", f"{pair.order} already on line {seen_orders[pair.order]}")
        for side, (column, ids) in enumerate(
            (("original_ids", pair.original_ids), ("translation_ids", pair.translation_ids))
        ):
            for uid in ids:
                if uid in units[side]:
                    raise row.fail(
                        column, f"unit {uid} is already in the pair on line {units[side][uid]}"
                    )
                units[side][uid] = row.line
        seen_ids[pair.pair_id] = row.line
        seen_orders[pair.order] = row.line
        pairs.append(pair)
    for side, key in ((0, "original_units"), (1, "translation_units")):
        expected = raw_meta[key]
        if len(units[side]) != expected:
            which = "original" if side == 0 else "translation"
            raise AlignmentFileError(
                f"{source} holds {len(units[side])} units of the {which} but was written "
                f"with {expected}: rows are missing (the file may be truncated)."
            )
    pairs.sort(key=lambda p: p.order)
    return Review(meta=meta, pairs=tuple(pairs))
