"""The canonical alignment CSV, reading side: bytes back to a validated :class:`Review`.

Reading never trusts the file: every field is checked and an error names the line and
the column. Files of older format versions are read and upgraded in memory.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import math
from collections.abc import Sequence

from workbench.config import MAX_CHARS
from workbench.errors import AlignmentFileError
from workbench.model import BANDS, BEAD_KINDS, Annotation, DiscrepancyEntry, Level
from workbench.review.record import (
    FORMAT_VERSION,
    ForwardPassage,
    ForwardText,
    PairRecord,
    Review,
    ReviewKind,
    ReviewMeta,
    annotation_problems,
    unit_sort_key,
)
from workbench.store.csv_write import (
    BOM,
    COLUMN_SINCE,
    COLUMNS,
    ID_SEP,
    MESSAGE_SEP,
    META_KEY_SINCE,
    META_KEYS,
)

logger = logging.getLogger(__name__)

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
    return text.removeprefix(BOM)


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
    ids = tuple(raw.split(ID_SEP))
    for uid in ids:
        try:
            _para, sent = unit_sort_key(uid)
        except ValueError as exc:
            raise row.fail(column, str(exc)) from None
        if (level == Level.SENTENCE) != bool(sent):
            want = "'P3.S2'" if level == Level.SENTENCE else "'P3'"
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
        lengths = tuple(int(x) for x in raw.split(ID_SEP))
    except ValueError:
        lengths = ()
    if len(lengths) != count or any(n < 0 for n in lengths):
        raise row.fail(
            column, f"{raw!r} is not {count} unit lengths separated by ';' (e.g. '12;40')"
        )
    return lengths


def _meta_values(row: _Row, version: int) -> dict[str, object]:
    """The ``meta`` cell as a dict, every key of the file's version present and well typed."""
    try:
        data = json.loads(row.get("meta"))
    except json.JSONDecodeError as exc:
        raise row.fail("meta", f"is not valid JSON ({exc.msg} at character {exc.pos})") from None
    if not isinstance(data, dict):
        raise row.fail("meta", "is not a JSON object")
    keys = [k for k in META_KEYS if META_KEY_SINCE.get(k, 1) <= version]
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
    if data["level"] not in tuple(Level):
        raise row.fail("meta", f"level {data['level']!r} is not 'paragraph' or 'sentence'")
    if version >= 3 and data["kind"] not in tuple(ReviewKind):
        shown = ", ".join(repr(k.value) for k in ReviewKind)
        raise row.fail("meta", f"kind {data['kind']!r} is not one of {shown}")
    return data


def _parse_meta(row: _Row, version: int) -> tuple[ReviewMeta, dict[str, object]]:
    data = _meta_values(row, version)
    # Keys newer than the file's version take their default (empty).
    name, sha256, language = (
        str(data.get(k, "")) if version >= 2 else ""
        for k in ("forward_name", "forward_sha256", "forward_language")
    )
    forward = ForwardText(name, sha256, language) if name or sha256 else None
    if version >= 3:
        kind = ReviewKind(data["kind"])
    else:  # before version 3 only a forward translation marked a back-translation review
        kind = ReviewKind.BACK_TRANSLATION if forward else ReviewKind.TRANSLATION
    meta = ReviewMeta(
        format_version=version,
        project=data["project"],
        original_name=data["original_name"],
        translation_name=data["translation_name"],
        original_sha256=data["original_sha256"],
        translation_sha256=data["translation_sha256"],
        original_language=data["original_language"],
        translation_language=data["translation_language"],
        level=Level(data["level"]),
        settings=tuple(data["settings"].items()),
        created_at=data["created_at"],
        tool_version=data["tool_version"],
        kind=kind,
        forward=forward,
    )
    return meta, data


def _annotation(row: _Row) -> Annotation:
    annotation = Annotation(
        status=row.get("status"),
        category=row.get("category"),
        severity=row.get("severity"),
        comment=row.get("comment"),
        reviewer=row.get("reviewer"),
        updated_at=row.get("updated_at"),
        log=DiscrepancyEntry(
            discrepancy=row.get("discrepancy"),
            decision=row.get("decision"),
            revised_text=row.get("revised_text"),
            rationale=row.get("rationale"),
        ),
    )
    problems = annotation_problems(annotation)
    if problems:
        raise row.fail(*problems[0])
    return annotation


def _forward(row: _Row, *, level: str) -> ForwardPassage | None:
    ids = _ids(row, "forward_ids", level=level)
    if row.get("forward_text") and not ids:
        raise row.fail("forward_text", "is given but 'forward_ids' is empty (expected both)")
    lengths = _lengths(row, "forward_unit_lengths", len(ids))
    return ForwardPassage(ids, row.get("forward_text"), lengths) if ids else None


def _unit_ids(row: _Row, *, level: str) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(pair id, original ids, translation ids), the pair id checked against the ids."""
    o_ids = _ids(row, "original_ids", level=level)
    t_ids = _ids(row, "translation_ids", level=level)
    if not o_ids and not t_ids:
        raise row.fail("original_ids", "both sides are empty (a pair needs at least one unit)")
    pair_id = row.get("pair_id")
    derived = ("+".join(o_ids) or "-") + "=" + ("+".join(t_ids) or "-")
    if pair_id != derived:
        raise row.fail("pair_id", f"{pair_id!r} does not match the unit ids (expected {derived!r})")
    return pair_id, o_ids, t_ids


def _pair(row: _Row, *, level: str) -> PairRecord:
    kind = row.get("kind")
    if kind not in BEAD_KINDS:
        raise row.fail("kind", f"{kind!r} is not a bead kind (expected one of {BEAD_KINDS})")
    pair_id, o_ids, t_ids = _unit_ids(row, level=level)
    order = row.integer("order")
    similarity = row.number("similarity")
    if order < 0:
        raise row.fail("order", f"{order} is negative")
    if not 0.0 <= similarity <= 100.0:
        raise row.fail("similarity", f"{similarity} is not between 0 and 100")
    band = row.get("band")
    if band not in BANDS:
        raise row.fail("band", f"{band!r} is not a band (expected one of {BANDS})")
    checks = row.get("checks")
    messages = row.get("check_messages")
    return PairRecord(
        pair_id=pair_id,
        kind=kind,
        original_ids=o_ids,
        translation_ids=t_ids,
        original_text=row.get("original_text"),
        translation_text=row.get("translation_text"),
        similarity=similarity,
        band=band,
        checks=tuple(checks.split(ID_SEP)) if checks else (),
        check_messages=tuple(messages.split(MESSAGE_SEP)) if messages else (),
        annotation=_annotation(row),
        order=order,
        score=row.number("score"),
        confidence=row.number("confidence"),
        original_unit_lengths=_lengths(row, "original_unit_lengths", len(o_ids)),
        translation_unit_lengths=_lengths(row, "translation_unit_lengths", len(t_ids)),
        forward=_forward(row, level=level),
    )


def _check_columns(header: Sequence[str], version: int, *, source: str) -> None:
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


class _Seen:
    """Pair ids, orders and units already read, so a repeat names the line it repeats."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.orders: dict[int, int] = {}
        self.units: tuple[dict[str, int], dict[str, int]] = ({}, {})

    def add(self, row: _Row, pair: PairRecord) -> None:
        if pair.pair_id in self.ids:
            raise row.fail("pair_id", f"{pair.pair_id!r} already on line {self.ids[pair.pair_id]}")
        if pair.order in self.orders:
            raise row.fail("order", f"{pair.order} already on line {self.orders[pair.order]}")
        sides = (("original_ids", pair.original_ids), ("translation_ids", pair.translation_ids))
        for seen, (column, ids) in zip(self.units, sides, strict=True):
            for uid in ids:
                if uid in seen:
                    raise row.fail(column, f"unit {uid} is already in the pair on line {seen[uid]}")
                seen[uid] = row.line
        self.ids[pair.pair_id] = row.line
        self.orders[pair.order] = row.line


def _same_file(row: _Row, first: _Row) -> None:
    if row.get("format_version") != first.get("format_version"):
        raise row.fail(
            "format_version",
            f"{row.get('format_version')!r} differs from line {first.line} "
            f"({first.get('format_version')!r}); rows of different files were mixed",
        )
    if row.get("meta") != first.get("meta"):
        raise row.fail(
            "meta", f"differs from line {first.line}; rows of different alignments were mixed"
        )


def from_csv(data: bytes, *, source: str = "the file") -> Review:
    """Parse and validate a canonical alignment CSV; AlignmentFileError names line and column."""
    text = _decode(data, source=source)
    header, rows = _read_rows(text, source=source)
    if "format_version" not in header:
        raise AlignmentFileError("line 1: the required column 'format_version' is missing.")
    first = rows[0]
    version = _version(first)
    _check_columns(header, version, source=source)
    meta, raw_meta = _parse_meta(first, version)
    pairs: list[PairRecord] = []
    seen = _Seen()
    for row in rows:
        _same_file(row, first)
        pair = _pair(row, level=meta.level)
        seen.add(row, pair)
        pairs.append(pair)
    for units, key, which in zip(
        seen.units,
        ("original_units", "translation_units"),
        ("original", "translation"),
        strict=True,
    ):
        if len(units) != raw_meta[key]:
            raise AlignmentFileError(
                f"{source} holds {len(units)} units of the {which} but was written "
                f"with {raw_meta[key]}: rows are missing (the file may be truncated)."
            )
    pairs.sort(key=lambda p: p.order)
    return Review(meta=meta, pairs=tuple(pairs))
