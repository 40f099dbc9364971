"""The word diff's SequenceMatcher (CyDifflib's, compiled) is difflib's, result for result.

The diff, its spans and every check reading them rest on difflib's choices (the
leftmost longest match, recursively); CyDifflib implements the same algorithm in C++
and is held to difflib's output here, on sequences with many repeated items (where
ties between equally long matches decide) as well as on plain words.
"""

from __future__ import annotations

import difflib

import cydifflib
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.diff import measures, opcodes

_FEW = st.lists(st.sampled_from("abcab"), max_size=60)  # ties everywhere
_WORDS = st.lists(st.sampled_from(["the", "a", "cat", "sat", "on", "mat", ".", ","]), max_size=200)


def _both(a: list[str], b: list[str]) -> tuple[difflib.SequenceMatcher, object]:
    return (
        difflib.SequenceMatcher(None, a, b, autojunk=False),
        cydifflib.SequenceMatcher(None, a, b, autojunk=False),
    )


def test_the_word_diff_uses_the_compiled_matcher() -> None:
    assert opcodes.SequenceMatcher is cydifflib.SequenceMatcher
    assert measures.SequenceMatcher is cydifflib.SequenceMatcher


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_FEW, _WORDS), st.one_of(_FEW, _WORDS))
def test_opcodes_blocks_and_ratio_are_difflib_s(a: list[str], b: list[str]) -> None:
    reference, compiled = _both(a, b)
    assert [tuple(op) for op in compiled.get_opcodes()] == reference.get_opcodes()
    assert [tuple(m) for m in compiled.get_matching_blocks()] == [
        tuple(m) for m in reference.get_matching_blocks()
    ]
    assert compiled.ratio() == reference.ratio()


@settings(max_examples=300, deadline=None)
@given(_WORDS, st.lists(st.tuples(st.integers(0, 199), st.sampled_from(["cat", "dog", ""]))))
def test_a_long_sequence_with_a_few_edits_diffs_as_difflib_does(
    a: list[str], edits: list[tuple[int, str]]
) -> None:
    """The shape of a review: two long, mostly equal texts (above autojunk's 200 items)."""
    long_a = a * 3
    long_b = list(long_a)
    for at, word in edits:
        if at < len(long_b):
            if word:
                long_b.insert(at, word)
            else:
                del long_b[at]
    reference, compiled = _both(long_a, long_b)
    assert [tuple(op) for op in compiled.get_opcodes()] == reference.get_opcodes()
