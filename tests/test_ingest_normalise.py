"""Ingest: text normalisation rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from workbench.text import normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\n", "a\nb\nc\n"),
        ("cafe\u0301", "café"),  # NFC
        ("a\u00a0b\u2002c\u2009d\u202fe\u205ff", "a b c d e f"),
        ("全角\u3000空格", "全角\u3000空格"),  # ideographic space kept
        ("zero\u200bwidth\u2060join\ufeff", "zerowidthjoin"),
        ("co\u00adop\u00aderation", "cooperation"),
        ("bell\x07 esc\x1b del\x7f c1\x9b", "bell esc del c1"),
        ("tab\tkept\nnewline kept", "tab\tkept\nnewline kept"),
        ("trailing   \nspaces\t\n", "trailing\nspaces\n"),
        ("“quotes” — ‘dashes’ – kept", "“quotes” — ‘dashes’ – kept"),
        ("line\u2028sep\u2029para", "line\nsep\n\npara"),
        ("next\x85line", "next\nline"),
        ("Latin\u200cjoiner", "Latinjoiner"),
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian ZWNJ is spelling
        ("👩\u200d💻", "👩\u200d💻"),  # emoji ZWJ sequence
    ],
)
def test_normalise_rules(raw, expected):
    assert normalise(raw) == expected


@given(st.text())
def test_normalise_is_idempotent_and_leaves_no_controls(raw):
    once = normalise(raw)
    assert normalise(once) == once
    assert "\r" not in once
    assert not any(ord(c) < 32 and c not in "\n\t" for c in once)
    assert not any(line != line.rstrip() for line in once.split("\n"))
