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
from collections.abc import Iterable, Sequence
from itertools import accumulate, compress, repeat
from operator import itemgetter, sub
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

# Without Han or kana in the text the same tokens come from a simpler pattern, read in
# bulk: each match is a token with the whitespace before it (``\s`` is exactly what
# ``str.lstrip`` strips), and a token's kind is told by its first character (``\d`` is
# ``str.isdecimal``, ``[^\W_]`` is ``str.isalnum``, for every code point).
_CJK = re.compile(f"[{_HAN}{_KANA}]")
_SPACED_TOKEN_RE = re.compile(
    rf"\s*(?:(?:\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    rf"(?:[ \u00a0\u202f]?[%‰]|{_ORDINAL})?"
    rf"|[^\W_]+(?:['’][^\W_]+)*"
    rf"|[{DASHES}]+"
    r"|\.{2,}|…"
    r"|[^\s])"
)
#: ``_SPACED_TOKEN_RE`` for ASCII texts, matching the same strings there: ASCII classes
#: (``[^\W_]`` is ``[A-Za-z0-9]``, ``[^\W\d_]`` is ``[A-Za-z]``; no Han, kana, ``’``,
#: ``…``, ``‰``, ``º``/``ª``/``ème``, no-break space or Unicode dash can occur), the word
#: alternative first (a word starts with a letter, a number with a digit: the
#: alternatives start with different characters, so their order does not matter) and
#: possessive runs where what follows can never fail. findall of a 50-word paragraph:
#: 14 -> 8 µs.
_ASCII_TOKEN_RE = re.compile(
    r"\s*+(?:[A-Za-z][A-Za-z0-9]*+(?:'[A-Za-z0-9]++)*+"
    r"|(?:\d{1,3}(?: \d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"(?: ?%|(?:st|nd|rd|th|er|re|e|eme)(?![A-Za-z]))?"
    r"|-++"
    r"|\.{2,}+"
    r"|\S)"
)
_DASH_CHARS = frozenset(DASHES.replace("\\", ""))


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


class _FirstCharKind(dict):
    """Kind of token a first character starts (``dash`` and ``dots`` are punctuation)."""

    def __missing__(self, char: str) -> str:
        if char.isdecimal():
            kind = "number"
        elif char.isalnum():
            kind = "word"
        else:
            kind = "dash" if char in _DASH_CHARS else "punct"
        self[char] = kind
        return kind


_KIND_OF_FIRST = _FirstCharKind()
_ASCII_VISIT = frozenset(["number", "dash"])
_NOT_WORD = "word".__ne__
_FIRST = itemgetter(0)  # a token's first character
_TEXT = itemgetter(0)  # Token.text
_NORM = itemgetter(1)  # Token.norm
_KIND = itemgetter(4)  # Token.kind


class Tokens(list):  # type: ignore[type-arg]  # a list[Token]
    """What :func:`tokenize` returns: the tokens (a list) with the lists of their texts,
    norms and kinds, made along the way. The word diff and several checks read those lists; kept
    here, each is made once per text instead of once per reader (about 3 µs each for a
    50-word paragraph). They are shared: read-only, like the tokens."""

    __slots__ = ("texts", "norms", "kinds")


def _token_list(
    tokens: Iterable[Token], texts: list[str], norms: list[str], kinds: list[str]
) -> Tokens:
    out = Tokens(tokens)
    out.texts, out.norms, out.kinds = texts, norms, kinds
    return out


def token_texts(tokens: Sequence[Token]) -> list[str]:
    """The tokens' texts in order (:func:`tokenize`'s own list if it made ``tokens``)."""
    return tokens.texts if type(tokens) is Tokens else list(map(_TEXT, tokens))


def token_norms(tokens: Sequence[Token]) -> list[str]:
    """The tokens' norms in order (:func:`tokenize`'s own list if it made ``tokens``)."""
    return tokens.norms if type(tokens) is Tokens else list(map(_NORM, tokens))


def token_kinds(tokens: Sequence[Token]) -> list[str]:
    """The tokens' kinds in order (:func:`tokenize`'s own list if it made ``tokens``)."""
    return tokens.kinds if type(tokens) is Tokens else list(map(_KIND, tokens))


def tokenize(text: str) -> Tokens:
    """Split ``text`` into word, number and punctuation tokens with exact offsets."""
    if text.isascii():
        # no Han, kana or curly quotes (QUOTE_MAP maps none of its characters), and
        # casefold is lower(), which has a fast ASCII path: each token's norm is its
        # text lower-cased (lower() of ASCII goes character by character)
        return _plain_tokens(text, text, None, pattern=_ASCII_TOKEN_RE)
    if _CJK.search(text) is None:
        marks = text.translate(QUOTE_MAP)
        folded = marks.casefold()
        # casefold maps a character to one or more: equal lengths mean one each, so a
        # token's comparison form is the same slice of ``folded``
        if len(folded) == len(text):
            return _plain_tokens(text, marks, folded)
    tokens = _tokens(text)
    return _token_list(
        tokens, list(map(_TEXT, tokens)), list(map(_NORM, tokens)), list(map(_KIND, tokens))
    )


def _plain_tokens(
    text: str, marks: str, folded: str | None, *, pattern: re.Pattern[str] = _SPACED_TOKEN_RE
) -> Tokens:
    """The tokens of a text without Han or kana, as :func:`_tokens` makes them, in bulk
    (``pattern`` is ``_SPACED_TOKEN_RE`` or, for an ASCII text, ``_ASCII_TOKEN_RE``).

    A word's norm is its slice of ``folded``, or with ``folded=None`` (an ASCII text)
    the word lower-cased: the same string, made without a slice object per token
    (18 -> 6 µs for a 50-word paragraph)."""
    pieces = pattern.findall(text)
    ends = list(accumulate(map(len, pieces)))
    words = list(map(str.lstrip, pieces))
    starts = list(map(sub, ends, map(len, words)))
    kinds = list(map(_KIND_OF_FIRST.__getitem__, map(_FIRST, words)))
    if folded is None:
        norms = list(map(str.lower, words))
    else:
        norms = list(map(folded.__getitem__, map(slice, starts, ends)))
    if kinds.count("word") < len(kinds):
        # visit the few other tokens only (picked at C speed); in an ASCII text without
        # "..", the punctuation is single characters, each its own norm as made: only
        # numbers and dashes are left to visit
        visit = _ASCII_VISIT.__contains__ if folded is None and ".." not in text else _NOT_WORD
        for k in compress(range(len(kinds)), map(visit, kinds)):
            kind = kinds[k]
            if kind == "number":
                norms[k] = _NUMBER_SPACES.sub("", norms[k])
                continue
            kinds[k] = "punct"
            word = words[k]
            if kind == "dash":
                norms[k] = "-"
            elif word == "…" or word[0] == "." and len(word) > 1:
                norms[k] = "…"
            else:
                norms[k] = marks[starts[k] : ends[k]]
    tokens = map(tuple.__new__, repeat(Token), zip(words, norms, starts, ends, kinds, strict=True))
    return _token_list(tokens, words, norms, kinds)


def _tokens(text: str) -> list[Token]:
    """Tokens match by match: the reference, and the way for Han and kana."""
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
