"""Tokens with character offsets: words, numbers and punctuation.

Every token records the exact ``[start, end)`` range it covers in the text it came
from, so a highlight lands on the characters the reader sees. ``norm`` is the
comparison form (:mod:`workbench.text.normalise`): case-folded, curly quotes made
straight, every dash run made ``-`` and every ellipsis ``…`` — so quote style, dash
style, case and spacing never count as differences of substance. Han characters are
one token each (Chinese has no spaces between words); kana runs are one token.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from workbench.text.normalise import DASHES, QUOTE_MAP

# Han ideographs (incl. extensions and compatibility) and iteration marks.
_HAN = (
    "\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0003134f"
)
_KANA = "\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_WORD_CHAR = rf"(?:(?![{_HAN}{_KANA}])[^\W_])"
_ORDINAL = r"(?:st|nd|rd|th|er|re|e|ème|eme|º|ª)(?![^\W\d_])"

_TOKEN_RE = re.compile(
    # numbers: 2022, 3.5, 3,5, 1,000, 1 000 (space-grouped), 50%, 50 %, 30th, 1er
    rf"(?P<number>(?:\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    rf"(?:[ \u00a0\u202f]?[%‰]|{_ORDINAL})?)"
    rf"|(?P<han>[{_HAN}])"
    rf"|(?P<kana>[{_KANA}]+)"
    rf"|(?P<word>{_WORD_CHAR}+(?:['’]{_WORD_CHAR}+)*)"
    rf"|(?P<dash>[{DASHES}]+)"
    r"|(?P<dots>\.{2,}|…)"
    r"|(?P<punct>[^\s])"
)

_NUMBER_SPACES = re.compile(r"[ \u00a0\u202f]")


class Token(NamedTuple):
    """One token: its text, comparison form, character range and kind.

    A NamedTuple rather than a frozen dataclass: a long pair makes tens of thousands
    of tokens and tuple construction is several times cheaper.
    """

    text: str
    norm: str
    start: int
    end: int
    kind: str  # "word" | "number" | "punct"


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word, number and punctuation tokens with exact offsets."""
    tokens: list[Token] = []
    append = tokens.append
    for m in _TOKEN_RE.finditer(text):
        group = m.lastgroup
        tok = m.group()
        if group == "word" or group == "han" or group == "kana":
            append(Token(tok, tok.translate(QUOTE_MAP).casefold(), m.start(), m.end(), "word"))
        elif group == "number":
            norm = _NUMBER_SPACES.sub("", tok).casefold()
            append(Token(tok, norm, m.start(), m.end(), "number"))
        elif group == "dash":
            append(Token(tok, "-", m.start(), m.end(), "punct"))
        elif group == "dots":
            append(Token(tok, "…", m.start(), m.end(), "punct"))
        else:
            append(Token(tok, tok.translate(QUOTE_MAP), m.start(), m.end(), "punct"))
    return tokens
