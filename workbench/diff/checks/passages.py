"""Passages left out, added or replaced: the word diff's long spans, named as checks.

A same-language pair is ``major`` when a changed, omitted or added stretch is long
(:data:`workbench.diff.analyse.MAJOR_SPAN_WORDS`); these findings say so in words a
spreadsheet reader sees ("Missing in the translation: “I try to remind…”"), so a major
pair is never major without a check that explains it.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.diff.checks.base import DEFAULT_LABELS, Labels
from workbench.diff.spans import span_words
from workbench.diff.tokens import Token
from workbench.model import Finding, Span

#: An omitted or added stretch of at least this many words is reported as a check.
PASSAGE_MIN_WORDS = 3
#: A changed stretch with at least this many words on each side is a replaced passage.
REPLACED_MIN_WORDS = 4
#: Quoted passages are cut to this many characters (with "…").
EXCERPT_CHARS = 60


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut at a word boundary to about ``limit`` characters."""
    flat = " ".join(text.split()).strip(",;: ")
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(",;:") + "…"


def check_passages(
    original: str,
    translation: str,
    spans: Sequence[Span],
    tokens: tuple[Sequence[Token], Sequence[Token]],
    *,
    labels: Labels = DEFAULT_LABELS,
    words: Sequence[tuple[int, int]] | None = None,
) -> list[Finding]:
    """Omissions and additions of ``PASSAGE_MIN_WORDS`` words or more, and changes of
    ``REPLACED_MIN_WORDS`` words or more on each side, as findings with their ranges.

    ``words``: each span's word counts (:func:`~workbench.diff.spans.span_words`) if the
    caller has them; counted here otherwise."""
    this, that = labels
    found = []
    for s, (o_words, t_words) in zip(spans, words or span_words(spans, tokens), strict=True):
        o_range, t_range = (
            (s.original_start, s.original_end),
            (s.translation_start, s.translation_end),
        )
        o_text, t_text = original[slice(*o_range)], translation[slice(*t_range)]
        if s.kind == "omission" and o_words >= PASSAGE_MIN_WORDS:
            message = f"Missing in the {that}: “{excerpt(o_text)}”"
            found.append(Finding("omission", message, original_spans=(o_range,)))
        elif s.kind == "addition" and t_words >= PASSAGE_MIN_WORDS:
            message = f"Added in the {that}: “{excerpt(t_text)}”"
            found.append(Finding("addition", message, translation_spans=(t_range,)))
        elif s.kind == "change" and min(o_words, t_words) >= REPLACED_MIN_WORDS:
            message = f"Replaced in the {that}: “{excerpt(o_text)}” → “{excerpt(t_text)}”"
            found.append(
                Finding(
                    "replaced", message, original_spans=(o_range,), translation_spans=(t_range,)
                )
            )
    return found
