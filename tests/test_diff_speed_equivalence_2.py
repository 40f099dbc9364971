"""The analysis' second round of fast paths gives exactly what the code it replaced gave.

Norms of ASCII tokens are their words lower-cased (not slices of the lower-cased text);
each span's word counts are taken once per pair and shared by the passages check, the
negation check's skipped ranges and the band; an ASCII text's digits are looked for by
byte search; a side without any word that could be a number word skips that scan, one
without any that could be a date name the other. Each is compared with the replaced
code, kept here, on generated texts.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import chain

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.diff import anchors
from workbench.diff.analyse import (
    MAJOR_SIMILARITY,
    MAJOR_SPAN_WORDS,
    NEGATION_SKIP_WORDS,
    _band,
    _long_spans,
)
from workbench.diff.anchors import Number, find_quantities
from workbench.diff.checks import name_titles
from workbench.diff.checks.base import DEFAULT_LABELS
from workbench.diff.checks.passages import (
    PASSAGE_MIN_WORDS,
    REPLACED_MIN_WORDS,
    check_passages,
    excerpt,
)
from workbench.diff.spans import diff_spans, span_words, word_count
from workbench.diff.tokens import _ASCII_TOKEN_RE, Token, _plain_tokens, tokenize
from workbench.model import Finding, Span

# --- tokens: norms of ASCII texts ---------------------------------------------------------

_ASCII_PIECES = [
    *"aZ09 .,'-%\t\n\x1c\x0b!?\"()_",
    *["1 000", "12 345 678", "3.5", "3,5", "50 %", "30th", "1ST", "2nd", "1er", "1RE"],
    *["2e", "2EME", "Don't", "...", "--", "E", "th", "St", "re", "ABC", "MiXeD"],
]
_ASCII_TEXT = st.lists(st.sampled_from(_ASCII_PIECES), max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_ASCII_TEXT, st.text(alphabet=st.characters(max_codepoint=127), max_size=40)))
def test_ascii_norms_are_the_slices_of_the_lower_cased_text(text: str) -> None:
    # the replaced call: every norm sliced from the lower-cased text
    old = _plain_tokens(text, text, text.lower(), pattern=_ASCII_TOKEN_RE)
    new = tokenize(text)
    assert new == old
    assert new.norms == old.norms and new.texts == old.texts


# --- word counts shared by the passages check, the skipped ranges and the band -------------

_WORDS = ["the", "cat", "sat", "on", "mat", ",", ".", "not", "Cat", "1", "3.5", "x-y", "-"]
_TEXT = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", " ", "", "  "])), max_size=25
).map(lambda pieces: "".join(chain.from_iterable(pieces)).strip())


def _old_long_spans(spans: Sequence[Span], tokens: tuple[list[Token], list[Token]]) -> tuple:
    a, b = tokens
    omitted = [
        (s.original_start, s.original_end)
        for s in spans
        if s.kind == "omission"
        and word_count(a, s.original_start, s.original_end) >= NEGATION_SKIP_WORDS
    ]
    added = [
        (s.translation_start, s.translation_end)
        for s in spans
        if s.kind == "addition"
        and word_count(b, s.translation_start, s.translation_end) >= NEGATION_SKIP_WORDS
    ]
    return omitted, added


def _old_band(score: float, spans: Sequence[Span], findings: Sequence[Finding], a, b) -> str:
    if any(f.severity == "major" for f in findings):
        return "major"
    if score < MAJOR_SIMILARITY:
        return "major"
    for s in spans:
        if s.kind == "minor":
            continue
        words = word_count(a, s.original_start, s.original_end) + word_count(
            b, s.translation_start, s.translation_end
        )
        if words >= MAJOR_SPAN_WORDS:
            return "major"
    if spans or findings or score < 100:
        return "minor"
    return "identical"


def _old_check_passages(original: str, translation: str, spans, tokens) -> list[Finding]:
    a, b = tokens
    this, that = DEFAULT_LABELS
    found = []
    for s in spans:
        o_range = (s.original_start, s.original_end)
        t_range = (s.translation_start, s.translation_end)
        o_words, t_words = word_count(a, *o_range), word_count(b, *t_range)
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


@settings(max_examples=2000, deadline=None)
@given(_TEXT, _TEXT, st.sampled_from([100.0, 90.0, 50.0]), st.booleans())
def test_shared_span_word_counts_give_the_replaced_results(
    original: str, translation: str, score: float, major_finding: bool
) -> None:
    a, b = tokenize(original), tokenize(translation)
    spans = diff_spans(original, translation, original_tokens=a, translation_tokens=b)
    words = span_words(spans, (a, b))
    assert _long_spans(spans, words) == _old_long_spans(spans, (a, b))
    passages = check_passages(original, translation, spans, (a, b), words=words)
    assert passages == _old_check_passages(original, translation, spans, (a, b))
    assert check_passages(original, translation, spans, (a, b)) == passages
    findings = [Finding("x", "y")] if major_finding else []
    assert _band(score, spans, findings, words) == _old_band(score, spans, findings, a, b)


# --- numbers: digits and the scans for number words and dates -----------------------------


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_ASCII_TEXT, st.text(max_size=40)))
def test_has_digit_is_the_pattern_search(text: str) -> None:
    assert anchors._has_digit(text) == (re.search(r"\d", text) is not None)


def _old_find_quantities(
    text: str, *, language: str, tokens: Sequence[Token], words: bool, dates: bool
) -> list[Number]:
    """find_quantities as it was: a pattern search for digits, both scans always."""
    out = []
    if re.search(r"\d", text):
        out = anchors._hours_and_money(text)
        taken = [(n.start, n.end) for n in out]
        out += [
            anchors._digit_number(text, m, language)
            for m in anchors._NUMBER_RE.finditer(text)
            if not any(s <= m.start() < e for s, e in taken)
            and not anchors._no_number(text, m, language)
        ]
    if words:
        for number in anchors._word_numbers(text, tokens, language):
            number.unit, end = anchors._unit_after(text, number.end)
            if number.unit:
                number.text, number.end = text[number.start : end], end
            out.append(number)
    if dates:
        out += anchors._date_names(text, tokens, language)
    out.sort(key=lambda n: n.start)
    return out


def _fields(numbers: list[Number]) -> list[tuple]:
    return [tuple(getattr(n, slot) for slot in Number.__slots__) for n in numbers]


_QUANTITY_WORDS = [
    *["a", "A", "one", "One", "nine", "twenty", "first", "hundred", "dozen", "half", "third"],
    *["May", "may", "Nov", "nov", "Monday", "monday", "mars", "Mai", "März", "dix", "erste"],
    *["IV", "I", "XII", "NASA", "Achttausender", "tausend", "cat", "the", "km", "12", "3,5"],
    *["1952/53", "15 h 30", "£5", "5 mg", "1.2 million", "uno", "dos", "deux", "zwei"],
    # "a" starts a number only before these; words in capitals are tried as numbers
    *["THIRD", "DOZEN", "thirds", "quarter", "QUARTERS", "AI", "XIV", "CENT", "mille", "MILLE"],
]
_QUANTITY_TEXT = st.lists(
    st.tuples(st.sampled_from(_QUANTITY_WORDS), st.sampled_from([" ", ". ", ", ", "-"])),
    max_size=12,
).map(lambda pieces: "".join(chain.from_iterable(pieces)))


@settings(max_examples=4000, deadline=None)
@given(
    _QUANTITY_TEXT,
    st.sampled_from(["en", "fr", "de", "es", "it", "xx"]),
    st.booleans(),
    st.booleans(),
)
def test_quantities_are_the_replaced_ones(text: str, language: str, words: bool, dates: bool):
    tokens = tokenize(text)
    new = find_quantities(text, language=language, tokens=tokens, words=words, dates=dates)
    old = _old_find_quantities(text, language=language, tokens=tokens, words=words, dates=dates)
    assert _fields(new) == _fields(old)


@pytest.mark.parametrize(
    ("text", "english_values"),
    [
        ("We waited a dozen days.", [12.0]),
        ("A THIRD of the cat.", [1 / 3]),
        ("They ate a quarter of it.", [0.25]),
        ("The cat came in May, room XIV.", [5.0, 14.0]),
        ("The cat and I saw AI, NASA and a dog.", []),
        ("A cat at the zoo: CENT, MILLE.", []),
    ],
)
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_texts_with_no_starting_word_are_read_whole(
    text: str, english_values: list[float], language: str
) -> None:
    # the words "a" comes before and the Roman numerals are the only way in (no text
    # holds another word a number starts with): the fast path must not skip them
    tokens = tokenize(text)
    new = find_quantities(text, language=language, tokens=tokens)
    old = _old_find_quantities(text, language=language, tokens=tokens, words=True, dates=True)
    assert _fields(new) == _fields(old)
    if language == "en":
        assert [min(n.values) for n in new] == english_values


# --- quoted titles: the quote first, its lookbehind after it --------------------------------

_LOOKBEHIND_FIRST = re.compile(
    r"“([^”\n]{1,120})”|«\s?([^»\n]{1,120}?)\s?»|„([^“”\n]{1,120})[“”]"
    r"|(?<![\w])\"([^\"\n]{1,120})\"(?!\w)|(?<![\w])[‘']([^‘’'\n]{1,120})[’'](?!\w)"
)


@settings(max_examples=3000, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"\"“”«»„‘’' aB\n_1é", "word", "Title Case", "l'", "d'“"]), max_size=24
    ).map("".join)
)
def test_quoted_phrases_are_those_of_the_lookbehind_first_pattern(text: str) -> None:
    def found(pattern: re.Pattern[str]) -> list[tuple]:
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert found(name_titles._QUOTED_RE) == found(_LOOKBEHIND_FIRST)


# --- numbers, times and designations: their lookbehinds after the first character --------

_OLD_NUMBER_RE = re.compile(
    r"(?<!\d)(?<!\d[.,])(?<![^\W\d_\u3000-\u9fff\uac00-\ud7af])"
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"(?P<suffix>[ \u00a0\u202f]?[%‰]|(?:st|nd|rd|th|er|re|e|ème|eme|º|ª)(?![^\W\d_]))?"
)
_OLD_HOURS_AND_MONEY = re.compile(r"(?<![\d.,])(\d{1,2}) ?(h|fr)\b\s{0,4}\.?\s{0,4}(\d{2})(?!\d)")
_OLD_DESIGNATION_RE = re.compile(r"(?<![\w.])([B-DF-HJ-NP-TV-XZ]) ?(\d+)(?![\w]|[.,]\d)")
_OLD_DESIGNATION_BEFORE = re.compile(r"(?<![\w.])([B-DF-HJ-NP-TV-XZ]) $")
_DIGIT_PIECES = [
    *"0123456789 .,%‰\u00a0\u202f\nahKVAéº中_-",
    *["1 000", "12 345", "3,5", "15 h 30", "2 fr. 70", "K2", "th", "ème", "er", "X 2", ". 5"],
]


@settings(max_examples=4000, deadline=None)
@given(st.lists(st.sampled_from(_DIGIT_PIECES), max_size=20).map("".join))
def test_number_patterns_match_as_with_their_lookbehinds_first(text: str) -> None:
    def found(pattern: re.Pattern[str]) -> list[tuple]:
        return [(m.span(), m.groups()) for m in pattern.finditer(text)]

    assert found(anchors._NUMBER_RE) == found(_OLD_NUMBER_RE)
    assert found(anchors._HOURS_AND_MONEY) == found(_OLD_HOURS_AND_MONEY)
    assert found(anchors._DESIGNATION_RE) == found(_OLD_DESIGNATION_RE)
    for end in range(len(text) + 1):
        start = max(0, end - 3)
        new = anchors._DESIGNATION_BEFORE.search(text, start, end)
        old = _OLD_DESIGNATION_BEFORE.search(text, start, end)
        assert (new and new.span()) == (old and old.span())
