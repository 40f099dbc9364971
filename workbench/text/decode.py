"""Bytes -> str with an encoding we can name, or a clear error (never silent mojibake).

Order: byte-order mark; UTF-16/32 without a mark (recognised by their NUL pattern);
an encoding the file declares (HTML ``<meta charset>``); strict UTF-8 (a file that is
UTF-8 but for a few bad bytes, or for encoded surrogates as CESU-8 writes them, is
refused, not guessed); then detection with
charset-normalizer, restricted to results that decode cleanly and look like text.

Among single-byte code pages that fit a text equally well, the most common wins
(cp1252 first): mostly-ASCII English with curly quotes fits cp1250 or cp775 just as
well. When several fit equally, none is a common one, and they give different text,
the file is refused rather than guessed. Latin-1 text is read as cp1252 (its superset,
as web browsers do) and reported so. Central European text in cp1250 that fits cp1252
equally (e.g. Hungarian ő/ű) is read as cp1252: a known limit of byte statistics.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

from workbench.errors import EncodingError, UnsupportedFormatError
from workbench.text.sniff import ACCEPTED

log = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

#: Names we report, from Python codec names (charset-normalizer reports those).
_CANONICAL = {
    "ascii": "utf-8",
    "utf_8": "utf-8",
    "latin_1": "cp1252",
    "iso8859_1": "cp1252",
    "cp1252": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "gb18030": "gb18030",
    "hz": "hz",
    "big5": "big5",
    "big5hkscs": "big5",
    "cp950": "big5",
    "shift_jis": "shift_jis",
    "cp932": "shift_jis",
    "shift_jis_2004": "shift_jis",
    "shift_jisx0213": "shift_jis",
    "euc_kr": "euc_kr",
    "cp949": "euc_kr",
    "johab": "johab",
    "euc_jp": "euc_jp",
    "euc_jis_2004": "euc_jp",
    "utf_16": "utf-16",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
    "utf_32": "utf-32",
    "utf_32_le": "utf-32-le",
    "utf_32_be": "utf-32-be",
}

#: The decoder used for a reported name: the widest superset, so no valid file fails.
_DECODER = {
    "cp1252": "cp1252",
    "gb18030": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc_kr": "cp949",
    "euc_jp": "euc_jis_2004",
}

#: Preferred among detection results that fit equally well (most common first).
_PREFERENCE = ("cp1252", "gb18030", "big5", "shift_jis", "euc_kr", "cp1251", "euc_jp")

#: charset-normalizer's "chaos" above which a decoding is not text. Lenient because
#: its mess detector scores correct mixed Hangul/Latin text around 0.3.
_MAX_CHAOS = 0.4
#: Share of characters that may be control/unassigned/private/replacement in a decoding.
_MAX_BAD_SHARE = 0.002


@dataclass(frozen=True)
class Decoded:
    """Decoded text and the encoding (canonical name) used."""

    text: str
    encoding: str


def canonical_encoding(name: str) -> str:
    """Canonical reported name for a codec name, e.g. "cp932" -> "shift_jis"."""
    try:
        python_name = codecs.lookup(name).name.replace("-", "_")
    except LookupError:
        return name
    return _CANONICAL.get(python_name, python_name.replace("_", "-"))


def _bad_share(text: str) -> float:
    """Share of characters that no real text contains (controls, unassigned, U+FFFD...)."""
    if not text:
        return 0.0
    # Classify each distinct character once: texts are long, alphabets are short.
    bad_chars = [
        ch
        for ch in set(text)
        if ch not in "\t\n\r\f\v"
        and (ch == "\ufffd" or unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs"))
    ]
    if len(bad_chars) > 50:
        return 1.0
    return sum(text.count(ch) for ch in bad_chars) / len(text)


def _decode_strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_32_without_bom(data: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-16/32 by where the NUL bytes fall (mostly-ASCII texts)."""
    sample = data[:4096]
    n = len(sample)
    if n < 4:
        return None
    if n % 4 == 0:
        quads = [sample[i::4].count(0) / (n // 4) for i in range(4)]
        if quads[1] > 0.9 and quads[2] > 0.9 and quads[3] > 0.9 and quads[0] < 0.5:
            return "utf-32-le", "utf-32-le"
        if quads[0] > 0.9 and quads[1] > 0.9 and quads[2] < 0.9 and quads[3] < 0.5:
            return "utf-32-be", "utf-32-be"
    even = sample[0::2].count(0) / ((n + 1) // 2)
    odd = sample[1::2].count(0) / (n // 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le", "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be", "utf-16-be"
    return None


def _mostly_utf8(data: bytes) -> tuple[int, int] | None:
    """(invalid sequences, first bad offset) if ``data`` is UTF-8 with a few bad bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = len(text) - len(text.encode("ascii", "ignore")) - bad
    if bad and multibyte >= 3 * bad:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return bad, exc.start
    return None


def _encoded_surrogate(data: bytes) -> tuple[str, int] | None:
    """(bytes in hex, offset) of the first encoded surrogate if ``data`` is UTF-8 but for them.

    CESU-8 and WTF-8 (Java's modified UTF-8, some Windows tools) write emoji and other
    characters beyond U+FFFF as pairs of 3-byte surrogates (ED A0 80 to ED BF BF), which
    UTF-8 forbids; read with a legacy code page they would become mojibake such as "í €".
    """
    try:
        data.decode("utf-8", errors="surrogatepass")
    except UnicodeDecodeError:
        return None  # other invalid bytes as well: not this case
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[exc.start : exc.start + 3].hex(" ").upper(), exc.start
    return None  # valid UTF-8


def _detect(data: bytes) -> Decoded | None:
    """Best charset-normalizer result that decodes cleanly, or None."""
    from charset_normalizer import from_bytes  # local import: it loads large tables

    candidates: dict[str, tuple[float, float, str]] = {}
    # The general pass finds the likely family; the isolated pass scores our preferred
    # encodings even when the general pass left them out (it stops at a good-enough one).
    passes = (
        {"threshold": 0.5},
        {"threshold": 0.5, "cp_isolation": ["cp1252", "gb18030", "big5", "cp932", "cp949"]},
    )
    for options in passes:
        for match in from_bytes(data, **options):
            name = canonical_encoding(match.encoding)
            if name in candidates or match.chaos > _MAX_CHAOS:
                continue
            candidates[name] = (match.chaos, match.coherence, match.encoding)
    if not candidates:
        return None
    # Decodings that fit (about) as well as the best one, and really give text.
    best_chaos = min(c[0] for c in candidates.values())
    fitting: dict[str, tuple[str, float]] = {}
    for name, (chaos, coherence, python_codec) in candidates.items():
        if chaos > best_chaos + 0.02:
            continue
        text = _decode_strict(data, _DECODER.get(name, python_codec))
        if text is not None and _bad_share(text) <= _MAX_BAD_SHARE:
            fitting[name] = (text, coherence)
    if not fitting:
        return None
    # Coherence (charset-normalizer's language fit) separates e.g. KOI8-R from cp1251,
    # but is noisy for mostly-ASCII text: only a clear gap rules a decoding out.
    top = max(coherence for _, coherence in fitting.values())
    fitting = {n: v for n, v in fitting.items() if v[1] >= top - 0.15}
    # Single-byte code pages often fit a text equally well; the most common one wins
    # (e.g. cp1252 over cp1250/cp775 for English with curly apostrophes).
    for name in _PREFERENCE:
        if name in fitting:
            log.info("detected encoding %s among %s", name, sorted(fitting))
            return Decoded(fitting[name][0], name)
    ranked = sorted(fitting.items(), key=lambda item: -item[1][1])
    best_name, (best_text, best_coherence) = ranked[0]
    rivals = [
        n for n, (t, coherence) in ranked[1:] if t != best_text and coherence > best_coherence - 0.1
    ]
    if rivals:
        raise _Ambiguous([best_name, *rivals])
    log.info("detected encoding %s", best_name)
    return Decoded(best_text, best_name)


#: Single-byte Latin code pages, in which byte C3 is a capital letter (Ã, Ă) that real text
#: never follows with a byte from 0x80-0xBF (punctuation there); UTF-8's à-ÿ look so.
_LATIN_SINGLE_BYTE = frozenset(
    ["cp1250", "cp1252", "cp1254", "cp1257", "cp1258"]
    + [f"iso8859-{n}" for n in (1, 2, 3, 4, 9, 10, 13, 14, 15, 16)]
)
_UTF8_LATIN_LETTER = re.compile(rb"\xc3[\x80-\xbf]")


def _utf8_letter_inside(data: bytes) -> tuple[str, int] | None:
    """(letter, offset) of the first UTF-8-encoded Latin letter in non-UTF-8 ``data``.

    Such a sequence in a file read as a single-byte code page means the file mixes
    encodings (e.g. a cp1252 text with a pasted UTF-8 part): decoding it either way
    would show mojibake such as "naÃ¯ve".
    """
    for match in _UTF8_LATIN_LETTER.finditer(data):
        letter = match.group().decode("utf-8")
        if unicodedata.category(letter).startswith("L"):
            return letter, match.start()
    return None


class _Ambiguous(Exception):
    """Several encodings fit equally well and give different text."""

    def __init__(self, names: list[str]) -> None:
        super().__init__(names)
        self.names = names


def _marked_or_wide(data: bytes, *, name: str) -> Decoded | None:
    """Text with a byte-order mark, or BOM-less UTF-16/32; None for other data."""
    for bom, codec, reported in _BOMS:
        if data.startswith(bom):
            text = _decode_strict(data[len(bom) :], codec)
            # A binary file can start with bytes that look like a mark (FF FE ...): what
            # follows must read as text too, or we would show garbage as a document.
            if text is None or _bad_share(text) > _MAX_BAD_SHARE:
                raise EncodingError(
                    f"“{name}” starts with a {reported.upper()} byte-order mark but is not "
                    f"valid {reported.upper()}. Re-save it as UTF-8 and try again."
                )
            return Decoded(text, reported)
    if b"\x00" not in data:
        return None
    guess = _utf16_32_without_bom(data)
    text = _decode_strict(data, guess[0]) if guess else None
    if guess is None or text is None or _bad_share(text) > _MAX_BAD_SHARE:
        raise UnsupportedFormatError(
            f"“{name}” is a binary file (it contains NUL bytes), not text. "
            f"Accepted formats: {ACCEPTED}."
        )
    return Decoded(text, guess[1])


def decode_bytes(data: bytes, *, name: str, declared: str | None = None) -> Decoded:
    """Decode ``data`` (the content of file ``name``) to text, naming the encoding used."""
    wide = _marked_or_wide(data, name=name)
    if wide is not None:
        return wide
    if declared:
        reported = canonical_encoding(declared)
        text = _decode_strict(data, _DECODER.get(reported, declared))
        if text is not None and _bad_share(text) <= _MAX_BAD_SHARE:
            return Decoded(text, reported)
        log.info("declared encoding %r does not fit %s; detecting", declared, name)
    text = _decode_strict(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8")
    surrogate = _encoded_surrogate(data)
    if surrogate is not None:
        sequence, offset = surrogate
        raise EncodingError(
            f"“{name}” is not valid UTF-8: it contains encoded surrogates (e.g. “{sequence}” at "
            f"byte {offset}), as some programs write emoji and rare characters (CESU-8). "
            "Re-save it as UTF-8 and try again."
        )
    broken = _mostly_utf8(data)
    if broken:
        count, offset = broken
        raise EncodingError(
            f"“{name}” is mostly UTF-8 but has {count} invalid byte sequence(s), the first at "
            f"byte {offset}. The file may be damaged or mix encodings; re-save it as UTF-8."
        )
    try:
        decoded = _detect(data)
    except _Ambiguous as exc:
        raise EncodingError(
            f"Cannot tell the text encoding of “{name}”: it is not UTF-8, and "
            f"{' and '.join(exc.names[:3])} fit it equally well but give different text. "
            "Re-save it as UTF-8 and try again."
        ) from None
    if decoded is None:
        raise EncodingError(
            f"Cannot tell the text encoding of “{name}”: it is not UTF-8 and no known "
            "encoding (cp1252, GB18030, Big5, Shift-JIS, EUC-KR, ...) decodes it to "
            "readable text. Re-save it as UTF-8 and try again."
        )
    inside = _utf8_letter_inside(data) if decoded.encoding in _LATIN_SINGLE_BYTE else None
    if inside is not None:
        letter, offset = inside
        raise EncodingError(
            f"“{name}” mixes encodings: it reads as {decoded.encoding} but also holds UTF-8 "
            f"text (e.g. “{letter}” at byte {offset}), so part of it would show as garbled "
            "letters. Re-save the whole file as UTF-8 and try again."
        )
    return decoded
