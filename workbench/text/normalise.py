"""Normalisation: the one module that says which differences in text do not count.

:func:`normalise` is applied to every document before segmentation; the other
functions are the comparison forms later stages match texts on, each a named variant
for a reason given in its docstring:

* :func:`fold_marks` — quote and dash style (curly/straight, en/em dash) made uniform;
* :func:`comparison_form` — marks folded, case folded, spaces collapsed (the word diff);
* :func:`fold_accents` — case folded and accents stripped (matching names across languages);
* :func:`match_key` — accent-free words only, punctuation dropped (alignment similarity).

Document normalisation choices (documented here once, tested in ``tests/test_ingest_normalise.py``):

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


# --- comparison forms -------------------------------------------------------------------

#: Every dash and hyphen character, folded to ``-`` by :func:`fold_marks`.
DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
#: Curly, angled and full-width quotes made straight.
QUOTE_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2039": "'",
        "\u203a": "'",
        "\u300c": '"',
        "\u300d": '"',
        "\uff02": '"',
        "\uff07": "'",
    }
)
_DASH_RUN = re.compile(f"[{DASHES}]+")
_WORD = re.compile(r"\w+")


def fold_marks(text: str) -> str:
    """``text`` with curly/angled quotes made straight and dash runs made ``-`` (case kept)."""
    return _DASH_RUN.sub("-", text.translate(QUOTE_MAP))


def comparison_form(text: str) -> str:
    """What the word diff compares: marks folded, case folded, NFC, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFC", fold_marks(text)).casefold().split())


def fold_accents(text: str) -> str:
    """Case folded and accents stripped ("Américain" -> "americain"): names across languages."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    decomposed = unicodedata.normalize("NFKD", folded)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def match_key(text: str) -> str:
    """Accent-free, case-free words joined by single spaces: what alignment similarity sees."""
    return " ".join(_WORD.findall(fold_accents(text)))
