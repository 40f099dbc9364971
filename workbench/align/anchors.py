"""Anchors for alignment: tokens likely to survive translation, and chains of sure pairs.

:func:`anchor_tokens` lists what a unit shares with its translation in any language
(numbers, URLs, quoted titles, capitalised names, a punctuation profile);
:func:`anchor_chain` pins units to their counterparts through words that occur once
in each document.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.sequences import longest_chain
from workbench.text.normalise import match_key

_NUMBER = re.compile(r"\d+(?:[.,'’ ]\d+)*")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_QUOTED = re.compile(r"[\"“”«»„‘’]\s*([^\"“”«»„]{2,80}?)\s*[\"“”«»‘’]")
_CAPITALISED = re.compile(r"(?<![\w.!?]\s)(?<!^)\b[A-Z][\w'’-]{2,}")
_PUNCT_PROFILE = {"?": "<q>", "!": "<x>", ":": "<c>", ";": "<s>", "(": "<p>", "%": "<%>"}


def anchor_tokens(text: str) -> list[str]:
    """Tokens likely to survive translation: numbers, URLs, quoted titles, names, punctuation."""
    tokens: list[str] = []
    for m in _URL.finditer(text):
        tokens.append("url:" + m.group(0).lower().rstrip(".,;)"))
    no_urls = _URL.sub(" ", text)
    for m in _NUMBER.finditer(no_urls):
        digits = re.sub(r"\D", "", m.group(0))
        # a lone "1" or "2" is often a list marker or a word ("one"), not an anchor
        if len(digits) >= 2 or m.group(0) in no_urls.split():
            tokens.append("#" + digits.lstrip("0")[:8] or "#0")
    for m in _QUOTED.finditer(no_urls):
        tokens.append("q:" + match_key(m.group(1))[:20])
    for m in _CAPITALISED.finditer(no_urls):
        word = match_key(m.group(0))
        if word:
            tokens.append("n:" + word[:6])  # a prefix tolerates inflection and transliteration
    for ch, tok in _PUNCT_PROFILE.items():
        tokens.extend([tok] * min(no_urls.count(ch), 3))
    return tokens


def anchor_chain(left: Sequence[str], right: Sequence[str]) -> list[tuple[int, int]]:
    """Confident 1:1 anchors: units sharing a word that occurs once in each document.

    Such hapax words (names, numbers, rare terms) pin a unit to its counterpart; the
    longest chain of them in document order on both sides drops the coincidences.
    Returns (i, j) pairs, increasing in both.
    """

    def hapax(texts: Sequence[str]) -> dict[str, int]:
        seen: dict[str, int] = {}
        for k, text in enumerate(texts):
            for w in set(match_key(text).split()):
                if len(w) >= 4 or (w.isdigit() and len(w) >= 2):
                    seen[w] = -1 if w in seen else k
        return {w: k for w, k in seen.items() if k >= 0}

    hl, hr = hapax(left), hapax(right)
    points = sorted({(i, hr[w]) for w, i in hl.items() if w in hr})
    return longest_chain(points)
