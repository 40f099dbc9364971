"""MQM TSV export in the layout of the WMT / Anthea MQM files (one row per error).

The first nine columns are those of the WMT files; four span columns follow (as Anthea's
export carries each error's span) and the rater's note.
"""

from __future__ import annotations

import re

from workbench.export.cells import utf8
from workbench.model import Annotation
from workbench.review.record import PairRecord, Review
from workbench.review.summary import effective_severity

MQM_HEADER = (
    "system",
    "doc",
    "doc_id",
    "seg_id",
    "rater",
    "source",
    "target",
    "category",
    "severity",
    "span_side",
    "span_start",
    "span_end",
    "span",
    "note",
)
NO_ERROR = "No-error"
_BLANKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _cell(text: str) -> str:
    # The WMT files are plain TSV without quoting: tabs and line breaks become spaces.
    return _BLANKS.sub(" ", text)


def _pair_level(ann: Annotation) -> tuple[str, ...]:
    """The one row of a pair that lists no errors: its category and severity, no span."""
    severity = effective_severity(ann)
    if ann.status == "ok" and not ann.category and severity in ("", "neutral"):
        return (NO_ERROR, NO_ERROR, "", "", "", "", ann.comment)
    severity_out = severity.capitalize() if severity else "Neutral"
    return (ann.category or "Other", severity_out, "", "", "", "", ann.comment)


def _error_rows(pair: PairRecord) -> list[tuple[str, ...]]:
    """(category … note) of every row of a reviewed pair: one per error it lists."""
    ann = pair.annotation
    if not ann.errors:
        return [_pair_level(ann)]
    return [
        (
            e.category,
            e.severity.capitalize(),
            e.side,
            str(e.start),
            str(e.end),
            e.quote,
            e.comment,
        )
        for e in ann.errors
    ]


def to_mqm_tsv(review: Review, *, system: str = "translation", doc: str | None = None) -> bytes:
    """One row per error of every reviewed pair; one row for a reviewed pair without errors.

    Unreviewed pairs are left out: nobody has rated them. ``doc_id`` is the pair's
    1-based position in the document, ``seg_id`` its position in the whole file (the
    same here, as a review holds one document). A pair listing errors gives one row per
    error with its span: ``span_side`` (``translation`` or ``original``), ``span_start``
    and ``span_end`` (offsets into that side's text, which is ``target`` or ``source``)
    and ``span`` (the quoted text). A pair without errors gives one row as before
    format version 4: its category and severity (an issue without a category is written
    as "Other") or "No-error", the span columns empty. Severities are capitalised as in
    the WMT files; ``note`` is the error's comment (the pair's, on a pair-level row).
    """
    doc_name = doc if doc is not None else (review.meta.project or review.meta.original_name)
    lines = ["\t".join(MQM_HEADER)]
    for position, pair in enumerate(review.pairs, start=1):
        ann = pair.annotation
        if ann.status == "unreviewed":
            continue
        head = (
            system,
            doc_name,
            str(position),
            str(position),
            ann.reviewer or "rater",
            pair.original_text,
            pair.translation_text,
        )
        lines += ["\t".join(_cell(c) for c in (*head, *row)) for row in _error_rows(pair)]
    return utf8("\n".join(lines) + "\n")
