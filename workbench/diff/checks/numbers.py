"""Numbers and dates present on one side only, matched by value (see :mod:`workbench.diff.anchors`).

Numbers are compared with their units ("5 mg" is not "5 g"; "84 metres" is "84 meters")
and scales ("1.2 million" is "1,200,000"); month and weekday names are compared as
dates, and designations as codes ("K2" is "K 2", not "K 3"). A digit-number matched by
a number word on the other side ("9" / "nine") is accepted; with ``number_words=True``
the number words are checked themselves ("nine" → "ten"). A number on one side facing
another number near the same place on the other side is reported once, naming both
("Number changed: nine → ten").
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.diff.anchors import Number, find_quantities, has_date_names, unmatched_numbers
from workbench.diff.checks.base import DEFAULT_LABELS, Labels, missing_on_either_side
from workbench.diff.quantities import word_numbers
from workbench.diff.tokens import Token, tokenize
from workbench.model import Finding

#: A number missing on one side and one unmatched on the other are reported as one
#: change ("nine → ten") when their relative positions in the two texts (0 = start,
#: 1 = end) are at most this far apart. Weak number words ("one", "first") are reported
#: only as part of such a change, never alone.
CHANGED_NUMBER_DISTANCE = 0.3

_WHAT = {"number": "Number", "month": "Month", "weekday": "Day", "designation": "Designation"}
_CHANGED = {"number": "Number", "month": "Date", "weekday": "Date", "designation": "Designation"}


def _word_values(tokens: Sequence[Token], language: str) -> set[float]:
    return {float(w.value) for w in word_numbers(tokens, language)}


def _repeated_date(number: Number, other: Sequence[Number]) -> bool:
    """A month, weekday or year that the other side also names (at least once)."""
    if number.kind == "designation":
        return False
    year = number.kind == "number" and any(
        v.is_integer() and 1000 <= v <= 2100 for v in number.values
    )
    if number.kind == "number" and not year:
        return False
    return any(o.kind == number.kind and o.values & number.values for o in other)


def _months_named(
    numbers: list[Number], other: str, other_tokens: Sequence[Token], language: str
) -> list[Number]:
    """``numbers`` without the months that ``other`` also names in ``language``."""
    if not any(n.kind == "month" for n in numbers):
        return numbers
    named = find_quantities(other, language=language, tokens=other_tokens, words=False)
    months = [n for n in named if n.kind == "month"]
    return [n for n in numbers if not _repeated_date(n, months)]


def _across_languages(
    left: tuple[list[Number], list[Number]],
    found: tuple[list[Number], list[Number]],
    texts: tuple[str, str],
    tokens: tuple[Sequence[Token], Sequence[Token]],
    languages: tuple[str, str],
) -> tuple[list[Number], list[Number]]:
    """The unmatched numbers of each side without what translation legitimately changes."""
    # translators drop a repeated year or month ("la même année"): across languages
    # these count once, not as often as written
    missing_a = [n for n in left[0] if not _repeated_date(n, found[1])]
    unmatched_b = [n for n in left[1] if not _repeated_date(n, found[0])]
    # a quoted source keeps its own language's month ("oct. 1956" in German)
    missing_a = _months_named(missing_a, texts[1], tokens[1], languages[0])
    unmatched_b = _months_named(unmatched_b, texts[0], tokens[0], languages[1])
    return missing_a, unmatched_b


def _changes(
    missing: list[Number], unmatched: list[Number], lengths: tuple[int, int]
) -> tuple[list[tuple[Number, Number]], list[Number], list[Number]]:
    """Pairs (original-side, translation-side) of numbers that replaced each other, and
    the numbers of each side left over."""
    la, lb = max(lengths[0], 1), max(lengths[1], 1)
    candidates = sorted(
        (abs(x.start / la - y.start / lb), i, j)
        for i, x in enumerate(missing)
        for j, y in enumerate(unmatched)
        if x.kind == y.kind
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for distance, i, j in candidates:
        if distance > CHANGED_NUMBER_DISTANCE:
            break
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((missing[i], unmatched[j]))
    pairs.sort(key=lambda pair: pair[0].start)
    rest_a = [n for i, n in enumerate(missing) if i not in used_a and not n.weak]
    rest_b = [n for j, n in enumerate(unmatched) if j not in used_b and not n.weak]
    return pairs, rest_a, rest_b


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
    """Numbers (digits, decimals with either separator, percentages, ordinals, with their
    units) and dates on one side only; a number replaced by another is one finding.

    Numbers are matched by value, as a multiset: a number written twice in the
    original must appear twice in the translation. Month and weekday names count when
    both languages' names are known.
    """
    a_toks = original_tokens if original_tokens is not None else tokenize(original)
    b_toks = translation_tokens if translation_tokens is not None else tokenize(translation)
    dates = has_date_names(languages[0]) and has_date_names(languages[1])
    a = find_quantities(
        original, language=languages[0], tokens=a_toks, words=number_words, dates=dates
    )
    b = find_quantities(
        translation, language=languages[1], tokens=b_toks, words=number_words, dates=dates
    )
    missing_a, unmatched_b = unmatched_numbers(a, b)
    if languages[0] != languages[1]:
        missing_a, unmatched_b = _across_languages(
            (missing_a, unmatched_b), (a, b), (original, translation), (a_toks, b_toks), languages
        )
    if not number_words:
        words_b = _word_values(b_toks, languages[1])
        words_a = _word_values(a_toks, languages[0])
        # a designation is a code: "two" says nothing of "K2"
        missing_a = [n for n in missing_a if n.kind == "designation" or not n.plain & words_b]
        unmatched_b = [n for n in unmatched_b if n.kind == "designation" or not n.plain & words_a]
    pairs, rest_a, rest_b = _changes(missing_a, unmatched_b, (len(original), len(translation)))
    findings = [
        Finding(
            "numbers",
            f"{_CHANGED[x.kind]} changed: {x.text} → {y.text}",
            original_spans=((x.start, x.end),),
            translation_spans=((y.start, y.end),),
        )
        for x, y in pairs
    ]
    return findings + missing_on_either_side(
        "numbers",
        (rest_a, rest_b),
        labels,
        lambda num: (f"{_WHAT[num.kind]} {num.text}", (num.start, num.end)),
    )
