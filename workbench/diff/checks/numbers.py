"""Numbers present on one side only, matched by value (see :mod:`workbench.diff.anchors`).

A digit-number matched by a number word on the other side ("9" / "nine") is accepted;
with ``number_words=True`` the number words are checked themselves.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.diff.anchors import NUMBER_WORDS, extract_numbers, unmatched_numbers
from workbench.diff.checks.base import DEFAULT_LABELS, Labels, missing_on_either_side
from workbench.diff.tokens import Token, tokenize
from workbench.model import Finding


def _word_values(text: str, language: str, tokens: Sequence[Token] | None) -> set[float]:
    table = NUMBER_WORDS.get(language, {})
    toks = tokens if tokens is not None else tokenize(text)
    return {float(table[t.norm]) for t in toks if t.kind == "word" and t.norm in table}


def check_numbers(
    original: str,
    translation: str,
    *,
    languages: tuple[str, str] = ("en", "en"),
    number_words: bool = False,
    labels: Labels = DEFAULT_LABELS,
    original_tokens: Sequence[Token] | None = None,
    translation_tokens: Sequence[Token] | None = None,
) -> list[Finding]:
    """Numbers (digits, decimals with either separator, percentages, ordinals) on one side only.

    Numbers are matched by value, as a multiset: a number written twice in the
    original must appear twice in the translation. A digit-number matched by a number
    word on the other side ("9" / "nine") is accepted; with ``number_words=True`` the
    number words are themselves checked.
    """
    a = extract_numbers(original, language=languages[0], words=number_words)
    b = extract_numbers(translation, language=languages[1], words=number_words)
    missing_a, unmatched_b = unmatched_numbers(a, b)
    if not number_words:
        words_b = _word_values(translation, languages[1], translation_tokens)
        words_a = _word_values(original, languages[0], original_tokens)
        missing_a = [n for n in missing_a if not (n.values & words_b)]
        unmatched_b = [n for n in unmatched_b if not (n.values & words_a)]
    return missing_on_either_side(
        "numbers",
        (missing_a, unmatched_b),
        labels,
        lambda num: (f"Number {num.text}", (num.start, num.end)),
    )
