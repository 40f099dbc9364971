"""Cell, text and time safety shared by the spreadsheet and XML exports.

Every string that reaches openpyxl, python-docx or ElementTree goes through
:func:`xml_text` (or :func:`safe_cell`, which calls it); every text export is encoded by
:func:`utf8`; every time an export writes goes through :func:`utc_time` or :func:`iso_utc`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from workbench.review.record import parse_timestamp

#: A cell starting with one of these may be run as a formula by a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Excel refuses cells longer than this many characters.
MAX_CELL_CHARS = 32_767
_TRUNCATED = " …[truncated: see the CSV record]"
# Characters XML 1.0 cannot carry at all, even escaped (openpyxl and python-docx refuse them).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def neutralise(value: str) -> str:
    """``value`` with a leading apostrophe if a spreadsheet could read it as a formula."""
    # OWASP's CSV-injection advice: prefix a quote so the cell is shown as text.
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


_SURROGATE = re.compile("[\ud800-\udfff]")


def readable(text: str) -> str:
    """``text`` with every lone surrogate (which UTF-8 cannot carry) replaced by U+FFFD."""
    return _SURROGATE.sub("\ufffd", text)


def utf8(text: str) -> bytes:
    """``text`` as UTF-8, lone surrogates written as U+FFFD."""
    return readable(text).encode("utf-8")


def xml_text(text: str) -> str:
    """``text`` with characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def safe_cell(text: str) -> str:
    """A string cell Excel shows as typed text: no formulas, no illegal characters, not too long."""
    text = xml_text(neutralise(text))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(_TRUNCATED)] + _TRUNCATED
    return text


def utc_time(stamp: str) -> datetime | None:
    """``stamp`` as a UTC time; None if it is no ISO 8601 time or has no UTC equivalent."""
    moment = parse_timestamp(stamp)
    if moment is None:
        return None
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        # e.g. 9999-12-31T23:59:59-05:00: its UTC time falls after year 9999.
        return None


def iso_utc(stamp: str) -> str | None:
    """``stamp`` in UTC as ``YYYY-MM-DDTHH:MM:SSZ`` (None as for :func:`utc_time`)."""
    moment = utc_time(stamp)
    # isoformat, not strftime: "%Y" does not pad years before 1000 to four digits.
    return None if moment is None else moment.replace(microsecond=0, tzinfo=None).isoformat() + "Z"
