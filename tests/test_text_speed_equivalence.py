"""Fast paths in reading and the names evidence give exactly what the plain code they
replace gave.

The character table of :func:`normalise` is applied by finding its characters with a
pattern instead of ``str.translate``, and :func:`script_of` counts ASCII letters by
deleting the other bytes instead of a regex, and the names evidence finds an ASCII
document's words with an ASCII pattern: each is compared with the plain version.
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.diff.checks.name_evidence import _ASCII_WORD, _WORD_SPLIT
from workbench.text.language import _NOT_ASCII_LETTERS, _STOPWORDS, _function_word_scores
from workbench.text.normalise import _TABLE, _TABLE_CHARS, _replacement

#: The table's characters and their neighbours, ASCII and not.
_AROUND_THE_TABLE = [chr(c) for c in range(0xB0)] + list(
    "\u2028\u2029\u200b\u2060\ufeff\u2003\u202f\u205f\u3000é中İ"
)


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(_AROUND_THE_TABLE), max_size=20))
def test_the_table_is_applied_as_translate_applies_it(text: str) -> None:
    assert _TABLE_CHARS.sub(_replacement, text) == text.translate(_TABLE)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=30))
def test_the_table_is_applied_as_translate_applies_it_to_any_text(text: str) -> None:
    assert _TABLE_CHARS.sub(_replacement, text) == text.translate(_TABLE)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from([*map(chr, range(128)), "é", "中", "Å"]), max_size=20))
def test_ascii_letters_are_counted_as_the_regex_counts_them(text: str) -> None:
    kept = text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTERS)
    assert len(kept) == len(re.findall(r"[A-Za-z]", text))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("the and le la İ I i é,. \n"), max_size=40))
def test_function_words_are_counted_word_by_word(text: str) -> None:
    words = Counter(w.lower() for w in re.findall(r"[^\W\d_]+", text))
    expected = {lang: sum(words[w] for w in sw.split()) for lang, sw in _STOPWORDS.items()}
    assert _function_word_scores(text) == expected


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from([chr(c) for c in range(128)]), max_size=24))
def test_ascii_words_of_the_names_evidence_are_the_general_pattern_s(text: str) -> None:
    assert _ASCII_WORD.findall(text) == _WORD_SPLIT.split(text)[1::2]
