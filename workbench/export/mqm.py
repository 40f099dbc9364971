"""MQM TSV export in the layout of the WMT / Anthea MQM files (one row per rated pair)."""

from __future__ import annotations

import re

from workbench.export.cells import utf8
from workbench.review.record import Review
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
)
NO_ERROR = "No-error"
_BLANKS = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _cell(text: str) -> str:
    # The WMT files are plain TSV without quoting: tabs and line breaks become spaces.
    return _BLANKS.sub(" ", text)


def to_mqm_tsv(review: Review, *, system: str = "translation", doc: str | None = None) -> bytes:
    """One row per reviewed pair: its error (category, severity) or "No-error".

    Unreviewed pairs are left out: nobody has rated them. ``doc_id`` is the pair's
    1-based position in the document, ``seg_id`` its position in the whole file (the
    same here, as a review holds one document). An issue without a category is
    written as "Other"; severities are capitalised as in the WMT files.
    """
    doc_name = doc if doc is not None else (review.meta.project or review.meta.original_name)
    lines = ["\t".join(MQM_HEADER)]
    for position, pair in enumerate(review.pairs, start=1):
        ann = pair.annotation
        if ann.status == "unreviewed":
            continue
        severity = effective_severity(ann)
        if ann.status == "ok" and not ann.category and severity in ("", "neutral"):
            category = severity_out = NO_ERROR
        else:
            category = ann.category or "Other"
            severity_out = severity.capitalize() if severity else "Neutral"
        lines.append(
            "\t".join(
                (
                    _cell(system),
                    _cell(doc_name),
                    str(position),
                    str(position),
                    _cell(ann.reviewer or "rater"),
                    _cell(pair.original_text),
                    _cell(pair.translation_text),
                    category,
                    severity_out,
                )
            )
        )
    return utf8("\n".join(lines) + "\n")
