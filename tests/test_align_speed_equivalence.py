"""The aligner's fast paths give exactly what the plain code they replace gave.

Each fast path (a byte table for ASCII match keys, a capital-word pattern whose
conditions come after the capital, codes ranked by frequency) is compared with the
straightforward version, kept here as the reference, on generated texts that mix the
characters where the two could differ.
"""

from __future__ import annotations

import importlib
import re

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Indel

from workbench.align.anchors import _CAPITAL_WORD, _NUMBER, _QUOTED, anchor_tokens
from workbench.align.blocks import MAX_CODES, Codebook
from workbench.text.normalise import fold_accents, match_key

_WORD = re.compile(r"\w+")
_OLD_CAPITAL_WORD = re.compile(r"\b[A-Z][\w'’-]{2,}")

#: Characters where the fast paths and the references could part ways: capitals and
#: lower case (ASCII and not), digits, underscore, sentence ends, every kind of space
#: and line break, apostrophes and dashes.
_TRICKY = "AÉBbcé19_ .!?\n\t\r\x0b\x1c'’-,\u00a0\u2028xZ"


def _reference_match_key(text: str) -> str:
    return " ".join(_WORD.findall(fold_accents(text)))


def _reference_capitalised(text: str) -> list[str]:
    """The capital words as the aligner found them before: ``\\b[A-Z]…`` checked by hand
    for the start of the text and a word or sentence end and a space before it."""
    found = []
    pos = 0
    while (m := _OLD_CAPITAL_WORD.search(text, pos)) is not None:
        start = m.start()
        before = text[start - 2 : start] if start >= 2 else ""
        rejected = start == 0 or (
            len(before) == 2
            and before[1].isspace()
            and (before[0] == "_" or before[0].isalnum() or before[0] in ".!?")
        )
        if rejected:
            pos = start + 1
        else:
            found.append(m.group(0))
            pos = m.end()
    return found


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(c) for c in range(128)]), max_size=30))
def test_ascii_match_key_is_the_regex_key(text: str) -> None:
    assert match_key(text) == _reference_match_key(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_match_key_of_any_text_is_the_regex_key(text: str) -> None:
    assert match_key(text) == _reference_match_key(text)


def test_match_key_of_every_character_of_the_basic_plane_is_the_regex_key() -> None:
    # non-ASCII keys are folded character by character through a table: each character
    # alone, inside a word and between words folds as the whole text did
    text = "".join(f"a{chr(c)}b {chr(c)} " for c in range(0x10000))
    assert match_key(text) == _reference_match_key(text)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=20))
def test_capital_word_pattern_finds_what_the_checked_search_found(text: str) -> None:
    assert _CAPITAL_WORD.findall(text) == _reference_capitalised(text)


def test_capital_words_in_a_paragraph() -> None:
    text = "Nobody saw Okafor. Then Lagos said: Okoro (Abuja) met O'Neil's team at 5 Main St."
    # after a word and a space a capital says nothing (any sentence may name things so)
    assert _CAPITAL_WORD.findall(text) == ["Okoro", "Abuja", "Neil's"]
    assert _CAPITAL_WORD.findall(text) == _reference_capitalised(text)


def _reference_numbers(text: str) -> list[str]:
    """The number anchors as found before, by scanning every text for ``\\d``."""
    out, words = [], None
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) < 2 and words is None:
            words = text.split()
        if len(digits) >= 2 or m.group(0) in (words or ()):
            out.append("#" + digits.lstrip("0")[:8] or "#0")
    return out


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789٣ a.,'’é"), max_size=20))
def test_number_anchors_are_found_as_by_the_full_scan(text: str) -> None:
    numbers = [t for t in anchor_tokens(text) if t.startswith("#")]
    assert numbers == _reference_numbers(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from("abcdefgh"), max_size=12), min_size=2, max_size=8),
    st.booleans(),
)
def test_ranked_codes_give_the_same_similarities(lists: list[list[str]], sort: bool) -> None:
    """Only equality of codes matters to Indel: any one-to-one coding gives the same
    similarity, on sorted bags (Dice) and in order alike."""
    book = Codebook(lists)
    first_seen = {tok: chr(0xF0000 + k) for k, tok in enumerate(dict.fromkeys(sum(lists, [])))}

    def by_first_seen(tokens: list[str]) -> str:
        codes = [first_seen[t] for t in tokens]
        return "".join(sorted(codes) if sort else codes)

    for x in lists:
        for y in lists:
            ranked = Indel.normalized_similarity(
                book.encode(x, sort=sort), book.encode(y, sort=sort)
            )
            assert ranked == Indel.normalized_similarity(by_first_seen(x), by_first_seen(y))


def test_frequent_tokens_get_the_lowest_codes_and_overflow_shares_one() -> None:
    lists = [["rare", "the", "the"], ["the", "cat", "cat"]]
    book = Codebook(lists)
    assert book.encode(["the"], sort=False) == "\x00"  # three times: the first code
    assert book.encode(["cat", "rare"], sort=False) == "\x01\x02"  # ties: first seen first
    many = [[f"w{k}" for k in range(MAX_CODES + 2)]]
    big = Codebook(many)
    codes = [big.encode([tok], sort=False) for tok in many[0]]
    assert len(set(codes[:MAX_CODES])) == MAX_CODES
    assert codes[MAX_CODES] == codes[MAX_CODES + 1] not in codes[:MAX_CODES]
    assert not any("\ud800" <= c <= "\udfff" for c in codes)  # no surrogate


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from('"“”«»„‘’ abAB\n'), max_size=24))
def test_quoted_titles_are_found_as_by_the_full_scan(text: str) -> None:
    quoted = [t for t in anchor_tokens(text) if t.startswith("q:")]
    assert quoted == ["q:" + match_key(m.group(1))[:20] for m in _QUOTED.finditer(text)]


def test_the_folding_table_stays_bounded_and_right_past_its_size(monkeypatch) -> None:
    # a text of every code point must not grow the table of a long-running server
    # without bound; characters past the bound are folded all the same
    normalise = importlib.import_module("workbench.text.normalise")
    monkeypatch.setattr(normalise, "_FOLD_TABLE_SIZE", 100)
    monkeypatch.setattr(normalise, "_FOLDED_WORD_CHARS", normalise._FoldedWordChars())
    text = "".join(f"a{chr(c)}b {chr(c)} " for c in range(0x100, 0x2000))
    assert match_key(text) == _reference_match_key(text)
    assert len(normalise._FOLDED_WORD_CHARS) == 100
