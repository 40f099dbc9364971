"""Text normalisation applied to every document before segmentation.

Choices (documented here once, tested in ``tests/test_ingest_normalise.py``):

* Unicode NFC, so "é" typed as e + combining accent equals the precomposed "é".
* Line ends: ``\\r\\n``, ``\\r``, NEL (U+0085), LINE SEPARATOR (U+2028), vertical tab and
  form feed become ``\\n``; PARAGRAPH SEPARATOR (U+2029) becomes a blank line.
* No-break and typographic spaces (U+00A0, U+1680, U+2000-U+200A, U+202F, U+205F) become an
  ordinary space. The CJK IDEOGRAPHIC SPACE (U+3000) is kept: it is a full-width character
  with its own meaning in Chinese/Japanese layout (e.g. paragraph indents).
* Invisible characters are removed: ZERO WIDTH SPACE (U+200B), WORD JOINER (U+2060), BOM /
  ZERO WIDTH NO-BREAK SPACE (U+FEFF) and SOFT HYPHEN (U+00AD). ZERO WIDTH (NON-)JOINER
  (U+200C, U+200D) are removed too, except after a letter of a non-Latin script or a symbol,
  where they are part of spelling (Persian, Indic scripts) or of an emoji sequence.
* Other C0/C1 control characters are removed; tab and newline are kept.
* Trailing whitespace at the end of each line is removed.
* Quotes, apostrophes and dashes are left exactly as they are: they are part of the text
  a reviewer compares.
"""

from __future__ import annotations

import re
import unicodedata

_ODD_SPACES = "\u00a0\u1680" + "".join(chr(c) for c in range(0x2000, 0x200B)) + "\u202f\u205f"
_ALWAYS_REMOVED = "\u200b\u2060\ufeff\u00ad"
_LINE_BREAKS = "\u0085\u2028\u000b\u000c"

_TABLE: dict[int, str | None] = {}
for _c in range(0x00, 0x20):
    if chr(_c) not in "\t\n\r\v\f":
        _TABLE[_c] = None
_TABLE[0x7F] = None
for _c in range(0x80, 0xA0):
    _TABLE[_c] = None
for _ch in _ODD_SPACES:
    _TABLE[ord(_ch)] = " "
for _ch in _ALWAYS_REMOVED:
    _TABLE[ord(_ch)] = None
for _ch in _LINE_BREAKS:
    _TABLE[ord(_ch)] = "\n"
_TABLE[0x2029] = "\n\n"

_CRLF = re.compile(r"\r\n?")
_TRAILING_SPACE = re.compile(r"[^\S\n]+(?=\n|\Z)")
_JOINER = re.compile(r"[\u200c\u200d]")


def _keep_joiner(prev: str) -> bool:
    """Whether a ZWJ/ZWNJ after ``prev`` is meaningful (non-Latin letter/mark, or a symbol)."""
    if not prev:
        return False
    category = unicodedata.category(prev)
    if category == "So":
        return True
    # Latin (incl. extensions) and ASCII end below U+0370; joiners there are noise.
    return category[0] in "LM" and ord(prev) >= 0x0370 and not 0x1E00 <= ord(prev) <= 0x1EFF


def normalise(text: str) -> str:
    """Normalise ``text``: NFC, ``\\n`` line ends, plain spaces, no invisible/control chars."""
    text = _CRLF.sub("\n", text)
    text = text.translate(_TABLE)
    if "\u200c" in text or "\u200d" in text:
        text = _JOINER.sub(
            lambda m: m.group() if _keep_joiner(text[m.start() - 1] if m.start() else "") else "",
            text,
        )
    text = unicodedata.normalize("NFC", text)
    return _TRAILING_SPACE.sub("", text)
