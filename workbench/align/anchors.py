"""Anchors for alignment: tokens likely to survive translation, and chains of sure pairs.

:func:`anchor_tokens` lists what a unit shares with its translation in any language
(numbers, URLs, quoted titles, capitalised names, a punctuation profile);
:func:`anchor_chain` pins units to their counterparts through words that occur once
in each document.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence

from workbench.sequences import longest_chain
from workbench.text.normalise import match_key

_NUMBER = re.compile(r"\d+(?:[.,'’ ]\d+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”«»„‘’]\s*([^\"“”«»„]{2,80}?)\s*[\"“”«»‘’]")
#: A capitalised word (``\b[A-Z][\w'’-]{2,}``) not at the start of the text nor after a
#: word or sentence end and a space. Every condition is a lookbehind *after* the capital,
#: so the pattern starts with ``[A-Z]`` and the regex engine skips to the capitals
#: (the same matches as the lookbehinds written first, three times faster: those tried
#: every position of the text, a third of the aligner's set-up on long documents).
_CAPITAL_WORD = re.compile(r"[A-Z](?<!\w[A-Z])(?<![\w.!?]\s[A-Z])(?<=..)[\w'’-]{2,}", re.DOTALL)
_ASCII_DIGITS = "0123456789"
_NON_DIGITS = re.compile(r"\D")
_PUNCT_PROFILE = {"?": "<q>", "!": "<x>", ":": "<c>", ";": "<s>", "(": "<p>", "%": "<%>"}


@functools.lru_cache(maxsize=65536)
def _token_key(token: str) -> str:
    """``match_key`` of a name or quoted title; they repeat, so each is folded once."""
    return match_key(token)


def anchor_tokens(text: str) -> list[str]:
    """Tokens likely to survive translation: numbers, URLs, quoted titles, names, punctuation."""
    tokens: list[str] = []
    if "://" in text or "www." in text.lower():
        for m in _URL.finditer(text):
            tokens.append("url:" + m.group(0).lower().rstrip(".,;)"))
        no_urls = _URL.sub(" ", text)
    else:
        no_urls = text
    words: list[str] | None = None
    # an ASCII text without an ASCII digit has no number: skip the slow scan for ``\d``
    no_digits = no_urls.isascii() and not any(d in no_urls for d in _ASCII_DIGITS)
    for m in () if no_digits else _NUMBER.finditer(no_urls):
        digits = _NON_DIGITS.sub("", m.group(0))
        # a lone "1" or "2" is often a list marker or a word ("one"), not an anchor
        if len(digits) < 2 and words is None:
            words = no_urls.split()
        if len(digits) >= 2 or m.group(0) in (words or ()):
            tokens.append("#" + digits.lstrip("0")[:8] or "#0")
    # every quote the pattern opens with is outside ASCII but the straight double quote
    quoted = '"' in no_urls or not no_urls.isascii()
    for m in _QUOTED.finditer(no_urls) if quoted else ():
        tokens.append("q:" + _token_key(m.group(1))[:20])
    for name in _CAPITAL_WORD.findall(no_urls):
        word = _token_key(name)
        if word:
            tokens.append("n:" + word[:6])  # a prefix tolerates inflection and transliteration
    for ch, tok in _PUNCT_PROFILE.items():
        times = no_urls.count(ch)
        if times:
            tokens.extend([tok] * min(times, 3))
    return tokens


#: Fewest tokens of a kind on the confident pairs that can show the kind is unreliable.
MIN_KIND_EVIDENCE = 10
#: Share of a kind's tokens on confident pairs that must find their twin across (Dice of
#: the multisets): below it the kind is noise for this language pair and is not counted.
#: Measured on the anchor chain of Text+Berg dev (German vs French): German capitalises
#: every noun, so "names" agree 1 time in 5, quoted titles 1 in 10, semicolons 1 in 10,
#: colons and parentheses 1 in 2; numbers 7 in 10. Between 0.55 and 0.7 the same kinds
#: are dropped (numbers only are kept); at 0.8 numbers go too and strict F1 falls.
MIN_KIND_AGREEMENT = 0.6


def token_kind(token: str) -> str:
    """The kind of an :func:`anchor_tokens` token: ``#``, ``url:``, ``q:``, ``n:`` or a mark."""
    if token.startswith("#"):
        return "#"
    if token.startswith("<"):
        return token
    return token[: token.index(":") + 1]


def unreliable_kinds(
    left: Sequence[Sequence[str]],
    right: Sequence[Sequence[str]],
    pairs: Sequence[tuple[int, int]],
) -> set[str]:
    """Token kinds that rarely agree on confident pairs ``(i, j)`` of these two documents.

    Which tokens survive translation depends on the languages (German nouns look like
    names; a colon in one language is a comma in the other): each kind is measured on
    the pairs the aligner is already sure of, instead of assumed.
    """
    total: Counter[str] = Counter()
    agreed: Counter[str] = Counter()
    for i, j in pairs:
        tokens_l, tokens_r = Counter(left[i]), Counter(right[j])
        for tok, count in (tokens_l + tokens_r).items():
            kind = token_kind(tok)
            total[kind] += count
            agreed[kind] += 2 * min(tokens_l[tok], tokens_r[tok])
    return {
        kind
        for kind, count in total.items()
        if count >= MIN_KIND_EVIDENCE and agreed[kind] < MIN_KIND_AGREEMENT * count
    }


class MatchKeys(list):  # type: ignore[type-arg]  # a list[str]
    """What :func:`match_keys` returns: the keys (a list), and their words, split when first
    asked for. The anchor chain and the word-level similarity both read the words; kept
    here, each key is split once per alignment instead of once per reader (10,000
    paragraphs: 0.08 s a side)."""

    __slots__ = ("_words",)

    def words(self) -> list[list[str]]:
        """Each key's words (``str.split``), shared: read-only."""
        try:
            return self._words
        except AttributeError:
            self._words: list[list[str]] = list(map(str.split, self))
            return self._words


def match_keys(texts: Sequence[str]) -> MatchKeys:
    """:func:`~workbench.text.normalise.match_key` of every text (computed once, shared)."""
    return MatchKeys(map(match_key, texts))


def key_words(keys: Sequence[str]) -> list[list[str]]:
    """The words of each match key: :meth:`MatchKeys.words` when ``keys`` came from
    :func:`match_keys`, split here otherwise."""
    return keys.words() if type(keys) is MatchKeys else list(map(str.split, keys))


def anchor_chain(
    left: Sequence[str],
    right: Sequence[str],
    *,
    keys: tuple[Sequence[str], Sequence[str]] | None = None,
) -> list[tuple[int, int]]:
    """Confident 1:1 anchors: units sharing a word that occurs once in each document.

    Such hapax words (names, numbers, rare terms) pin a unit to its counterpart; the
    longest chain of them in document order on both sides drops the coincidences.
    ``keys`` are the texts' :func:`match_keys`, when already computed. Returns (i, j)
    pairs, increasing in both.
    """

    def hapax(keyed: Sequence[str]) -> dict[str, int]:
        # the first unit writing each word, and the words a second unit writes too (one
        # pass, no set or dict per unit: 10,000 paragraphs 0.25 -> 0.16 s)
        first: dict[str, int] = {}
        repeated: set[str] = set()
        first_unit, repeat = first.setdefault, repeated.add
        for k, words in enumerate(key_words(keyed)):
            for word in words:
                if first_unit(word, k) != k:
                    repeat(word)
        return {
            w: k
            for w, k in first.items()
            if w not in repeated and (len(w) >= 4 or (w.isdigit() and len(w) >= 2))
        }

    keys_l, keys_r = keys if keys is not None else (match_keys(left), match_keys(right))
    hl, hr = hapax(keys_l), hapax(keys_r)
    points = sorted({(i, hr[w]) for w, i in hl.items() if w in hr})
    return longest_chain(points)
