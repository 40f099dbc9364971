"""The canonical alignment CSV, reading side: bytes back to a validated :class:`Review`.

Reading never trusts the file: every field is checked and an error names the line and
the column. Files of older format versions are read and upgraded in memory.
"""

from __future__ import annotations

import csv
import io
import logging
from collections.abc import Sequence

from workbench import config
from workbench.errors import AlignmentFileError
from workbench.model import BANDS, BEAD_KINDS, Annotation, DiscrepancyEntry, ErrorMark, Level
from workbench.review.cat import CatFormatError, cat_from_json, cat_problems
from workbench.review.marks import MarkFormatError, errors_from_json, text_problems
from workbench.review.record import (
    FORMAT_VERSION,
    CatUnit,
    ForwardPassage,
    PairRecord,
    Review,
    annotation_problems,
    unit_sort_key,
)
from workbench.store.csv_meta import parse_meta
from workbench.store.csv_row import Row
from workbench.store.csv_write import (
    BOM,
    COLUMN_SINCE,
    COLUMNS,
    ID_SEP,
    MESSAGE_SEP,
)

logger = logging.getLogger(__name__)

# --- reading ---------------------------------------------------------------------------


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


def _read_rows(text: str, *, source: str) -> tuple[list[str], list[Row]]:
    # The csv module refuses fields over 128 KiB by default; one paragraph may be a whole
    # document (up to config.MAX_CHARS). The limit is process-wide; we only ever raise it.
    if csv.field_size_limit() < 4 * config.MAX_CHARS:
        csv.field_size_limit(4 * config.MAX_CHARS)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[Row] = []
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
            rows.append(Row(line, dict(zip(header, fields, strict=True))))
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
        beads = "notation" in header and "bead" in header
        hint = (
            " It is a table of beads from `workbench align --format beads-csv`; "
            "`workbench review ORIGINAL TRANSLATION -o FILE.csv` writes a review file."
            if beads
            else ""
        )
        raise AlignmentFileError(
            f"{source} is not an alignment CSV: its first row ({shown}) is not the header "
            f"row (expected columns {', '.join(COLUMNS)}).{hint}"
        )
    duplicates = sorted({h for h in header if header.count(h) > 1})
    if duplicates:
        raise AlignmentFileError(
            f"line 1: columns appear more than once: {', '.join(map(repr, duplicates))}."
        )


def _version(row: Row) -> int:
    version = row.integer("format_version")
    if version > FORMAT_VERSION:
        raise AlignmentFileError(
            f"line {row.line}: this file is in format version {version}, newer than this "
            f"workbench can read (up to version {FORMAT_VERSION}); update workbench to open it."
        )
    if version < 1:
        raise row.fail("format_version", f"{version} is not a format version (expected 1 or more)")
    return version


def _ids(row: Row, column: str, *, level: str, units: int | None) -> tuple[str, ...]:
    """The unit ids of a cell, each checked against the level and the side's unit count.

    ``units`` is how many units the file says the side has (None when it does not say):
    a number beyond it, or a paragraph beyond the largest document accepted, is refused
    before anything is built from it (``P99999999`` would allocate millions of units).
    """
    raw = row.get(column)
    if not raw:
        return ()
    ids = tuple(raw.split(ID_SEP))
    for uid in ids:
        try:
            para, sent = unit_sort_key(uid)
        except ValueError as exc:
            raise row.fail(column, str(exc)) from None
        if (level == Level.SENTENCE) != bool(sent):
            want = "'P3.S2'" if level == Level.SENTENCE else "'P3'"
            raise row.fail(column, f"{uid!r} is not a {level} id (expected e.g. {want})")
        if para > config.MAX_SEGMENTS:
            raise row.fail(
                column,
                f"{uid!r} is beyond the largest document accepted "
                f"({config.MAX_SEGMENTS:,} paragraphs)",
            )
        number = sent if level == Level.SENTENCE else para
        if units is not None and number > units:
            raise row.fail(
                column, f"{uid!r} is beyond the {units:,} units the file was written with"
            )
    if len(set(ids)) != len(ids):
        raise row.fail(column, f"{raw!r} names a unit twice")
    return ids


def _lengths(row: Row, column: str, count: int) -> tuple[int, ...]:
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


def _errors(row: Row, version: int) -> tuple[ErrorMark, ...]:
    """The errors cell (a JSON list; empty = none) of a file of version 4 or later."""
    if version < COLUMN_SINCE["errors"]:
        return ()
    try:
        errors = errors_from_json(row.get("errors"))
    except MarkFormatError as exc:
        raise row.fail("errors", str(exc)) from None
    problems = text_problems(errors, row.get("original_text"), row.get("translation_text"))
    if problems:
        raise row.fail("errors", problems[0])
    return errors


def _cat(row: Row, version: int) -> tuple[CatUnit, ...]:
    """The CAT units stored with the pair (the ``cat`` cell) of a file of version 5 or later."""
    if version < COLUMN_SINCE["cat"]:
        return ()
    try:
        return cat_from_json(row.get("cat"))
    except CatFormatError as exc:
        raise row.fail("cat", str(exc)) from None


def _annotation(row: Row, version: int) -> Annotation:
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
        errors=_errors(row, version),
    )
    problems = annotation_problems(annotation)
    if problems:
        raise row.fail(*problems[0])
    return annotation


def _forward(row: Row, *, level: str) -> ForwardPassage | None:
    ids = _ids(row, "forward_ids", level=level, units=None)
    if row.get("forward_text") and not ids:
        raise row.fail("forward_text", "is given but 'forward_ids' is empty (expected both)")
    lengths = _lengths(row, "forward_unit_lengths", len(ids))
    return ForwardPassage(ids, row.get("forward_text"), lengths) if ids else None


def _unit_ids(
    row: Row, *, level: str, units: tuple[int, int]
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """(pair id, original ids, translation ids), the pair id checked against the ids."""
    o_ids = _ids(row, "original_ids", level=level, units=units[0])
    t_ids = _ids(row, "translation_ids", level=level, units=units[1])
    if not o_ids and not t_ids:
        raise row.fail("original_ids", "both sides are empty (a pair needs at least one unit)")
    pair_id = row.get("pair_id")
    derived = ("+".join(o_ids) or "-") + "=" + ("+".join(t_ids) or "-")
    if pair_id != derived:
        raise row.fail("pair_id", f"{pair_id!r} does not match the unit ids (expected {derived!r})")
    return pair_id, o_ids, t_ids


def _pair(row: Row, *, level: str, units: tuple[int, int], version: int) -> PairRecord:
    kind = row.get("kind")
    if kind not in BEAD_KINDS:
        raise row.fail("kind", f"{kind!r} is not a bead kind (expected one of {BEAD_KINDS})")
    pair_id, o_ids, t_ids = _unit_ids(row, level=level, units=units)
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
    pair = PairRecord(
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
        annotation=_annotation(row, version),
        order=order,
        score=row.number("score"),
        confidence=row.number("confidence"),
        original_unit_lengths=_lengths(row, "original_unit_lengths", len(o_ids)),
        translation_unit_lengths=_lengths(row, "translation_unit_lengths", len(t_ids)),
        forward=_forward(row, level=level),
        cat=_cat(row, version),
    )
    problems = cat_problems(pair)
    if problems:
        raise row.fail("cat", problems[0])
    return pair


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

    def add(self, row: Row, pair: PairRecord) -> None:
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


def _same_file(row: Row, first: Row) -> None:
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
    meta, raw_meta = parse_meta(first, version)
    units = (int(raw_meta["original_units"]), int(raw_meta["translation_units"]))
    pairs: list[PairRecord] = []
    seen = _Seen()
    for row in rows:
        _same_file(row, first)
        pair = _pair(row, level=meta.level, units=units, version=version)
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
