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

#: The characters of ``_TABLE``: most texts have none, and finding them is fifteen times
#: faster than ``str.translate`` on a text that is not pure ASCII (2.1 -> 0.13 ms for the
#: essay and a copy).
_TABLE_CHARS = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + "]")
_CRLF = re.compile(r"\r\n?")
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


def _replacement(match: re.Match[str]) -> str:
    """What ``_TABLE`` puts in place of the matched character (nothing for None)."""
    return _TABLE[ord(match.group())] or ""


def normalise(text: str) -> str:
    """Normalise ``text``: NFC, ``\\n`` line ends, plain spaces, no invisible/control chars."""
    if "\r" in text:
        text = _CRLF.sub("\n", text)
    text = _TABLE_CHARS.sub(_replacement, text)  # text.translate(_TABLE), faster
    if "\u200c" in text or "\u200d" in text:
        text = _JOINER.sub(
            lambda m: m.group() if _keep_joiner(text[m.start() - 1] if m.start() else "") else "",
            text,
        )
    text = unicodedata.normalize("NFC", text)
    # whitespace at the end of each line (the regex ``[^\S\n]+(?=\n|\Z)``, line by line:
    # the regex tries every space of the text and took a third of reading a long one)
    return "\n".join(line.rstrip() for line in text.split("\n"))


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


class _CombiningMarks(dict):
    """``str.translate`` table deleting combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_STRIP_COMBINING = _CombiningMarks()


def fold_accents(text: str) -> str:
    """Case folded and accents stripped ("Américain" -> "americain"): names across languages."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return unicodedata.normalize("NFKD", folded).translate(_STRIP_COMBINING)


#: Byte table for ASCII texts: word characters (``\\w``: letters, digits, ``_``) kept and
#: lower-cased, every other byte a space.
_ASCII_WORDS = bytes(
    (c + 32 if 65 <= c <= 90 else c) if chr(c).isalnum() or c == 95 else 32 for c in range(256)
)


class _FoldedWordChars(dict):
    """``str.translate`` table: each character as :func:`fold_accents` folds it, with every
    character outside ``\\w`` a space; filled as characters are met.

    Folding is character by character: case folding has no context, and the only
    characters decomposition reorders are combining marks, which folding deletes. At
    most ``_FOLD_TABLE_SIZE`` characters are kept, so that a text of every code point
    cannot grow the table of a long-running server without bound.
    """

    def __missing__(self, code: int) -> str:
        folded = "".join(ch if _WORD.match(ch) else " " for ch in fold_accents(chr(code)))
        if len(self) < _FOLD_TABLE_SIZE:
            self[code] = folded
        return folded


_FOLD_TABLE_SIZE = 1 << 16


_FOLDED_WORD_CHARS = _FoldedWordChars()


def match_key(text: str) -> str:
    """Accent-free, case-free words joined by single spaces: what alignment similarity sees.

    The same as ``" ".join(re.findall(r"\\w+", fold_accents(text)))``, by translation
    tables: a byte table for ASCII (a tenth of the time; the aligner keys every unit of
    both documents, 0.3 s of 10,000 paragraphs each), a character table otherwise (half
    the time on French).
    """
    if text.isascii():
        return " ".join(text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split())
    return " ".join(text.translate(_FOLDED_WORD_CHARS).split())


# --- spelling variants ------------------------------------------------------------------

#: Words whose British and American spellings no suffix rule below covers (British first).
_SPELLING_WORDS = {
    "programme": "program",
    "programmes": "programs",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "defence": "defense",
    "defences": "defenses",
    "licence": "license",
    "licences": "licenses",
    "offence": "offense",
    "offences": "offenses",
    "pretence": "pretense",
    "practise": "practice",
    "practised": "practiced",
    "practising": "practicing",
    "aluminium": "aluminum",
    "plough": "plow",
    "mould": "mold",
    "draught": "draft",
    "judgement": "judgment",
    "ageing": "aging",
    "jewellery": "jewelry",
    "fulfil": "fulfill",
    "enrol": "enroll",
    "instil": "instill",
    "sceptical": "skeptical",
}
_SPELLING_RULES = (
    # colour/color, favourite/favorite, neighbours/neighbors (three letters before "our",
    # so four/hour/your/flour stay apart)
    (re.compile(r"(?<=[a-z]{3})our(?=(?:s|ed|ing|ite|ites|able|ably|er|ers|ful|less)?$)"), "or"),
    # organise/organize, organisation/organization, analyse/analyze
    (re.compile(r"(?<=[a-z]{3})is(?=(?:e|es|ed|ing|er|ers|ation|ations|ational)$)"), "iz"),
    (re.compile(r"(?<=[a-z]{2})ys(?=(?:e|es|ed|ing)$)"), "yz"),
    # centre/center, metres/meters, fibre/fiber
    (re.compile(r"(?<=[a-z]{2}[tbgv])re(?=s?$)"), "er"),
    # travelled/traveled, labelling/labeling, counsellor/counselor (four letters before)
    (re.compile(r"(?<=[a-z]{4})ll(?=(?:ed|ing|er|ers|or|ors)$)"), "l"),
    # catalogue/catalog, dialogue/dialog
    (re.compile(r"(?<=[a-z]{3})ogue(?=s?$)"), "og"),
)


def spelling_key(word: str) -> str:
    """One key for the British and American spellings of a case-folded word.

    "colour" and "color", "organised" and "organized", "centre" and "center",
    "travelled" and "traveled", "programme" and "program" have the same key; the
    rules leave short words alone, so "four" and "for" or "filled" and "filed" do not.
    """
    if word in _SPELLING_WORDS:
        return _SPELLING_WORDS[word]
    for pattern, replacement in _SPELLING_RULES:
        word = pattern.sub(replacement, word)
    return word


_CONTRACTION_RE = re.compile(
    r"\b(can't|won't|shan't|cannot|let's)\b|(?<=[^\W\d_])(n't|'re|'ll|'ve|'m|'s|'d)\b",
    re.IGNORECASE,
)
_SPELLED_OUT = {
    "can't": "can not",
    "won't": "will not",
    "shan't": "shall not",
    "cannot": "can not",
    "let's": "let us",
    "n't": " not",
    "'re": " are",
    "'ll": " will",
    "'ve": " have",
    "'m": " am",
    "'s": " is",
    "'d": " would",
}


def expand_contractions(text: str) -> str:
    """English contractions spelled out in a comparison form (apostrophes straight,
    case folded): "it's" and "it is", "don't" and "do not" read alike."""
    return _CONTRACTION_RE.sub(lambda m: _SPELLED_OUT[m.group().casefold()], text)
