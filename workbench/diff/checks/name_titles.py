"""Quoted titles (“Tents in the Clouds”, « Die Alpen ») present on one side only.

Within one language a quoted phrase that starts with a capital is a title; it is missing
when its words, compared in their comparison form with contractions expanded, do not
occur in that order on the other side.
"""

from __future__ import annotations

import re

from workbench.diff.checks.base import Labels, on_side
from workbench.model import Finding
from workbench.text.normalise import comparison_form, expand_contractions

_WORD_PARTS = re.compile(r"[^\W_]+")

#: Every alternative starts with its quote, and "not after a word character" is looked
#: behind from after the quote (``"(?<!\w")``, the same test): so the regex engine skips
#: to the quotes, where a lookbehind first made it try every position (an English
#: paragraph with apostrophes, 25 -> 6 µs).
_QUOTED_RE = re.compile(
    r"“([^”\n]{1,120})”|«\s?([^»\n]{1,120}?)\s?»|„([^“”\n]{1,120})[“”]"
    r"|\"(?<!\w\")([^\"\n]{1,120})\"(?!\w)|[‘'](?<!\w[‘'])([^‘’'\n]{1,120})[’'](?!\w)"
)


def _title_key(text: str) -> str:
    """The words of ``text`` in comparison form, contractions expanded, space-joined."""
    return " ".join(_WORD_PARTS.findall(expand_contractions(comparison_form(text))))


#: Characters every quoted title starts with (see ``_QUOTED_RE``).
_OPENING_QUOTES = "“«„\"‘'"


def _quoted_titles(text: str) -> list[tuple[str, int, int]]:
    """Quoted phrases of ``text`` that start with a capital (twelve words at most), with
    the offsets of their inside."""
    if not any(quote in text for quote in _OPENING_QUOTES):
        return []
    out = []
    for m in _QUOTED_RE.finditer(text):
        gi = next(i for i in range(1, 6) if m.group(i) is not None)
        inner = m.group(gi)
        words = _WORD_PARTS.findall(inner)
        if not words or len(words) > 12 or not words[0][0].isupper():
            continue
        out.append((inner, m.start(gi), m.end(gi)))
    return out


def missing_titles(
    text: str, other: str, labels: Labels, *, original: bool
) -> tuple[list[Finding], list[tuple[int, int]]]:
    """Findings for quoted titles of ``text`` missing in ``other``, and their ranges."""
    this, that = labels
    titles = _quoted_titles(text)
    other_key = _title_key(other) if titles else ""
    findings, ranges = [], []
    for inner, start, end in titles:
        key = _title_key(inner)
        if key and key not in other_key:
            ranges.append((start, end))
            message = f"Quoted title “{inner}” in the {this} is missing in the {that}"
            findings.append(on_side("names", message, ((start, end),), original=original))
    return findings, ranges
