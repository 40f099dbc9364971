"""Errors marked on spans of a pair (MQM as raters use it): building, checking, describing.

A pair's annotation lists its errors (:class:`~workbench.model.ErrorMark`): category,
severity, the span — a side, offsets into that side's pair text, and the quoted text —
and an optional comment. A span is picked from the pair's highlighted divergences
(:func:`span_choices`) or typed as a quotation that must occur in the text
(:func:`locate_quote`). Files store a pair's errors as one JSON list
(:func:`errors_to_json`, :func:`errors_from_data`); every reader and writer checks them
with :func:`errors_problems` and, against the pair's texts, :func:`text_problems`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from workbench import render, safejson
from workbench.errors import ErrorMarkError
from workbench.model import (
    ERROR_SIDES,
    MQM_CATEGORIES,
    SEVERITIES,
    Annotation,
    ErrorMark,
    PairDivergence,
)

#: Most errors one pair may list (a paragraph with more needs rewriting, not marking).
MAX_ERRORS = 50
#: Longest quoted span, in characters (a long omission is marked by its first words).
MAX_QUOTE_CHARS = 5_000
#: Longest comment of one error, in characters.
MAX_ERROR_COMMENT_CHARS = 2_000
#: Largest ``errors`` cell a reader accepts: every error at its limits, JSON-escaped.
MAX_ERRORS_CHARS = MAX_ERRORS * (6 * (MAX_QUOTE_CHARS + MAX_ERROR_COMMENT_CHARS) + 200)
#: A list of flat objects.
MAX_ERRORS_DEPTH = 2
#: The keys of one error in a file, in the order written.
MARK_KEYS = ("category", "severity", "side", "start", "end", "quote", "comment")
#: The status a pair still unreviewed takes when its first error is marked.
SEVERITY_STATUS = {
    "neutral": "ok",
    "minor": "minor issue",
    "major": "major issue",
    "critical": "critical",
}

_SURROGATE = re.compile("[\ud800-\udfff]")
_CATEGORIES = MQM_CATEGORIES[1:]
_SEVERITIES = SEVERITIES[1:]


class MarkFormatError(ValueError):
    """A stored list of errors cannot be read; the message says why (callers add where)."""


# --- checking -----------------------------------------------------------------------------


def mark_problems(mark: ErrorMark) -> list[str]:
    """What is wrong with one error on its own (values, bounds), without the pair's texts."""
    problems = []
    if mark.category not in _CATEGORIES:
        problems.append(f"{mark.category[:60]!r} is not an MQM category")
    if mark.severity not in _SEVERITIES:
        shown = ", ".join(map(repr, _SEVERITIES))
        problems.append(f"{mark.severity[:60]!r} is not a severity (expected one of {shown})")
    if mark.side not in ERROR_SIDES:
        problems.append(f"{mark.side[:60]!r} is not a side ('translation' or 'original')")
    if not 0 <= mark.start < mark.end or mark.end - mark.start != len(mark.quote):
        problems.append(
            f"offsets {mark.start}–{mark.end} do not frame the {len(mark.quote)}-character quote"
        )
    if len(mark.quote) > MAX_QUOTE_CHARS:
        problems.append(f"the quote is longer than {MAX_QUOTE_CHARS:,} characters")
    if len(mark.comment) > MAX_ERROR_COMMENT_CHARS:
        problems.append(f"the comment is longer than {MAX_ERROR_COMMENT_CHARS:,} characters")
    if _SURROGATE.search(mark.quote + mark.comment):
        problems.append("holds a lone surrogate, which is not a character")
    return problems


def errors_problems(errors: Sequence[ErrorMark]) -> list[tuple[str, str]]:
    """("errors", message) for every problem of a pair's list of errors (texts aside)."""
    problems = []
    if len(errors) > MAX_ERRORS:
        problems.append(("errors", f"{len(errors)} errors are more than the {MAX_ERRORS} allowed"))
    for n, mark in enumerate(errors, start=1):
        problems += [("errors", f"error {n}: {p}") for p in mark_problems(mark)]
    if len(set(errors)) != len(errors):
        problems.append(("errors", "the same error is listed twice"))
    return problems


def _side_text(side: str, original_text: str, translation_text: str) -> str:
    return original_text if side == "original" else translation_text


def text_problems(
    errors: Sequence[ErrorMark], original_text: str, translation_text: str
) -> list[str]:
    """Errors whose span is not in the pair's text, or whose quote is not the text there."""
    problems = []
    for n, mark in enumerate(errors, start=1):
        text = _side_text(mark.side, original_text, translation_text)
        if mark.end > len(text):
            problems.append(
                f"error {n}: offsets {mark.start}–{mark.end} lie outside the "
                f"{len(text):,}-character {mark.side}"
            )
        elif text[mark.start : mark.end] != mark.quote:
            problems.append(
                f"error {n}: the quote {_short(mark.quote)} is not the {mark.side}'s text at "
                f"{mark.start}–{mark.end} ({_short(text[mark.start : mark.end])})"
            )
    return problems


# --- reading and writing ------------------------------------------------------------------


def errors_to_data(errors: Sequence[ErrorMark]) -> list[dict[str, Any]]:
    """The errors as JSON-ready objects with the keys of :data:`MARK_KEYS`."""
    return [{key: getattr(mark, key) for key in MARK_KEYS} for mark in errors]


def errors_to_json(errors: Sequence[ErrorMark]) -> str:
    """The errors as one compact JSON list; "" when there are none."""
    if not errors:
        return ""
    return json.dumps(errors_to_data(errors), ensure_ascii=False, separators=(",", ":"))


def _mark(item: object, n: int) -> ErrorMark:
    if not isinstance(item, dict):
        raise MarkFormatError(f"error {n} is not a JSON object")
    unknown = sorted(set(item) - set(MARK_KEYS))
    missing = [k for k in MARK_KEYS if k not in item and k != "comment"]
    if unknown or missing:
        said = "unknown keys " + ", ".join(unknown) if unknown else "lacks " + ", ".join(missing)
        raise MarkFormatError(f"error {n} {said} (expected {', '.join(MARK_KEYS)})")
    for key in MARK_KEYS:
        value = item.get(key, "")
        if key in ("start", "end"):
            ok, kind = isinstance(value, int) and not isinstance(value, bool), "a whole number"
        else:
            ok, kind = isinstance(value, str), "a text"
        if not ok:
            raise MarkFormatError(f"error {n}: {key} {repr(value)[:60]} is not {kind}")
    return ErrorMark(**{key: item.get(key, "") for key in MARK_KEYS})


def errors_from_data(value: object) -> tuple[ErrorMark, ...]:
    """Errors from parsed JSON, every value checked; MarkFormatError says what is wrong."""
    if not isinstance(value, list):
        raise MarkFormatError("is not a JSON list of errors")
    if len(value) > MAX_ERRORS:
        raise MarkFormatError(f"{len(value)} errors are more than the {MAX_ERRORS} allowed")
    errors = tuple(_mark(item, n) for n, item in enumerate(value, start=1))
    problems = errors_problems(errors)
    if problems:
        raise MarkFormatError(problems[0][1])
    return errors


def errors_from_json(text: str) -> tuple[ErrorMark, ...]:
    """Errors from the text :func:`errors_to_json` wrote ("" is none); MarkFormatError."""
    if not text:
        return ()
    try:
        value = safejson.loads(text, max_chars=MAX_ERRORS_CHARS, max_depth=MAX_ERRORS_DEPTH)
    except safejson.UnsafeJSON as exc:
        raise MarkFormatError(f"cannot be read: {exc}") from None
    return errors_from_data(value)


# --- choosing a span and marking ----------------------------------------------------------


@dataclass(frozen=True)
class SpanChoice:
    """A highlighted stretch of one side of a pair that an error can be marked on."""

    side: str
    start: int
    end: int
    quote: str
    kind: str = ""  # the highlight's kind: omission, addition, change, minor, check


def span_choices(divergence: PairDivergence | None) -> tuple[SpanChoice, ...]:
    """The pair's highlighted spans worth marking: translation side first, in text order.

    The spans are those the page highlights (:func:`workbench.render.side_specs`); empty
    ones (an insertion point) and blank ones are left out, and in pivot mode the
    original side too (its highlights index the pivot text, not the original).
    """
    if divergence is None:
        return ()
    found: dict[tuple[str, int, int], SpanChoice] = {}
    for side in ERROR_SIDES:
        if side == "original" and divergence.pivot_text:
            continue
        text = _side_text(side, divergence.original_text, divergence.translation_text)
        specs = render.side_specs(divergence.spans, divergence.findings, side)  # type: ignore[arg-type]
        for start, end, kind, _message in sorted(specs):
            quote = text[start:end] if 0 <= start < end <= len(text) else ""
            if quote.strip() and len(quote) <= MAX_QUOTE_CHARS:
                found.setdefault((side, start, end), SpanChoice(side, start, end, quote, kind))
    return tuple(found.values())


def choice_label(choice: SpanChoice, *, limit: int = 60) -> str:
    """How a span is offered: ``translation · “5 300” (14–19)``."""
    return f"{choice.side} · {_short(choice.quote, limit)} ({choice.start}–{choice.end})"


def locate_quote(
    quote: str, *, side: str, original_text: str, translation_text: str
) -> tuple[int, int]:
    """Where a typed quotation first occurs in one side's text; ErrorMarkError if nowhere."""
    quote = quote.strip()
    if not quote:
        raise ErrorMarkError(
            "Type the words the error concerns, as they stand in the text, or pick a "
            "highlighted span. Nothing was saved."
        )
    text = _side_text(side, original_text, translation_text)
    at = text.find(quote)
    if at < 0:
        other = "original" if side == "translation" else "translation"
        elsewhere = _side_text(other, original_text, translation_text).find(quote) >= 0
        hint = f" It does occur in the {other}: choose that side." if elsewhere else ""
        raise ErrorMarkError(
            f"The quotation {_short(quote)} does not occur in the {side} of this pair; "
            f"copy it exactly as it stands there.{hint} Nothing was saved."
        )
    return at, at + len(quote)


def new_mark(
    *,
    category: str,
    severity: str,
    side: str,
    start: int,
    end: int,
    original_text: str,
    translation_text: str,
    comment: str = "",
) -> ErrorMark:
    """An error on ``side``'s text between ``start`` and ``end``, checked; ErrorMarkError."""
    if category not in _CATEGORIES:
        raise ErrorMarkError("Choose the MQM category of the error. Nothing was saved.")
    if severity not in _SEVERITIES:
        raise ErrorMarkError("Choose the severity of the error. Nothing was saved.")
    text = _side_text(side, original_text, translation_text)
    mark = ErrorMark(category, severity, side, start, end, text[start:end], comment.strip())
    problems = mark_problems(mark) + text_problems((mark,), original_text, translation_text)
    if problems:
        raise ErrorMarkError(f"This error cannot be marked: {problems[0]}. Nothing was saved.")
    return mark


def mark_error(
    *,
    span: SpanChoice | None,
    quote: str = "",
    side: str = "translation",
    category: str,
    severity: str,
    comment: str = "",
    original_text: str,
    translation_text: str,
) -> ErrorMark:
    """An error on a picked ``span``, or (``span`` None) on the first occurrence of a typed
    ``quote`` in ``side``'s text; ErrorMarkError says what is missing or not found."""
    if span is not None:
        side, start, end = span.side, span.start, span.end
    else:
        start, end = locate_quote(
            quote, side=side, original_text=original_text, translation_text=translation_text
        )
    return new_mark(
        category=category,
        severity=severity,
        side=side,
        start=start,
        end=end,
        original_text=original_text,
        translation_text=translation_text,
        comment=comment,
    )


def with_error(annotation: Annotation, mark: ErrorMark) -> Annotation:
    """``annotation`` with ``mark`` added; a pair still unreviewed takes the error's status."""
    if mark in annotation.errors:
        raise ErrorMarkError("This error is already listed for the pair.")
    if len(annotation.errors) >= MAX_ERRORS:
        raise ErrorMarkError(
            f"A pair lists at most {MAX_ERRORS} errors; this one already has them all."
        )
    status = annotation.status
    if status == "unreviewed":
        status = SEVERITY_STATUS[mark.severity]
    return replace(annotation, status=status, errors=(*annotation.errors, mark))


def without_error(annotation: Annotation, mark: ErrorMark) -> Annotation:
    """``annotation`` without ``mark``; ErrorMarkError if it no longer lists it."""
    if mark not in annotation.errors:
        raise ErrorMarkError(
            "This error is no longer listed (it was changed in another tab?); reload the "
            "project to see the pair as saved."
        )
    kept = list(annotation.errors)
    kept.remove(mark)
    return replace(annotation, errors=tuple(kept))


def refit(
    errors: Sequence[ErrorMark], original_text: str, translation_text: str
) -> tuple[tuple[ErrorMark, ...], tuple[ErrorMark, ...]]:
    """(errors placed in new texts, errors whose quote is not there) after a correction.

    An error keeps its offsets if its quote still stands there, else moves to the
    occurrence of its quote nearest to them (a merge shifts later units' offsets).
    """
    placed, lost = [], []
    for mark in errors:
        text = _side_text(mark.side, original_text, translation_text)
        if text[mark.start : mark.end] == mark.quote:
            placed.append(mark)
            continue
        spots = [m.start() for m in re.finditer(re.escape(mark.quote), text)]
        if not spots:
            lost.append(mark)
            continue
        at = min(spots, key=lambda s: abs(s - mark.start))
        placed.append(replace(mark, start=at, end=at + len(mark.quote)))
    return tuple(dict.fromkeys(placed)), tuple(lost)


# --- describing ---------------------------------------------------------------------------


def _short(text: str, limit: int = 60) -> str:
    """``text`` in quotation marks, cut at ``limit`` characters."""
    return "“" + (text if len(text) <= limit else text[: limit - 1] + "…") + "”"


def describe(mark: ErrorMark, *, limit: int | None = None) -> str:
    """One error in a line: ``Accuracy/Mistranslation · major · “3,500” (translation)``."""
    quote = _short(mark.quote, limit) if limit else f"“{mark.quote}”"
    line = f"{mark.category} · {mark.severity} · {quote} ({mark.side})"
    return line + (f" — {mark.comment}" if mark.comment else "")


def describe_all(errors: Sequence[ErrorMark], *, limit: int | None = None) -> str:
    """Every error of a pair, one per line ("" when none)."""
    return "\n".join(describe(mark, limit=limit) for mark in errors)
