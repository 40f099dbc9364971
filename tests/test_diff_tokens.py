"""Tokens carry exact offsets; numbers, punctuation and Han are cut as documented."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.diff import tokenize


def _triples(text: str) -> list[tuple[str, str, str]]:
    return [(t.text, t.norm, t.kind) for t in tokenize(text)]


def test_numbers_are_single_tokens() -> None:
    text = "In 2022, 3.5 or 3,5 and 1,000 (50%) 50 % the 30th 1\u00a0200 1 000"
    numbers = [t.text for t in tokenize(text) if t.kind == "number"]
    assert numbers == ["2022", "3.5", "3,5", "1,000", "50%", "50 %", "30th", "1\u00a0200", "1 000"]


def test_number_norm_drops_spaces() -> None:
    norms = [t.norm for t in tokenize("50 % 1\u00a0200") if t.kind == "number"]
    assert norms == ["50%", "1200"]


def test_sentence_final_period_is_not_part_of_a_number() -> None:
    assert _triples("in 2022.") == [
        ("in", "in", "word"),
        ("2022", "2022", "number"),
        (".", ".", "punct"),
    ]


def test_quotes_dashes_and_case_normalise() -> None:
    assert _triples("“Don’t”—x") == [
        ("“", '"', "punct"),
        ("Don’t", "don't", "word"),
        ("”", '"', "punct"),
        ("—", "-", "punct"),
        ("x", "x", "word"),
    ]
    assert [t.norm for t in tokenize("a -- b ... c")] == ["a", "-", "b", "…", "c"]


def test_han_is_one_token_per_character_and_kana_per_run() -> None:
    toks = tokenize("我们的AI模型カタカナ")
    assert [t.text for t in toks] == ["我", "们", "的", "AI", "模", "型", "カタカナ"]
    assert all(t.kind == "word" for t in toks)


def test_offsets_index_the_text() -> None:
    text = "Sam  Altman’s “GPT-3.5”\n\nlaunched on November 30, 2022 — 50 % 我们"
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


@given(st.text(max_size=200))
def test_offsets_are_exact_and_cover_every_non_space(text: str) -> None:
    toks = tokenize(text)
    covered = set()
    last_end = 0
    for tok in toks:
        assert text[tok.start : tok.end] == tok.text
        assert tok.start >= last_end
        last_end = tok.end
        covered.update(range(tok.start, tok.end))
    for i, ch in enumerate(text):
        if not ch.isspace():
            assert i in covered
