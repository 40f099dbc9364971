"""Cell and text safety shared by the spreadsheet and XML exports."""

from __future__ import annotations

import re

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


def xml_text(text: str) -> str:
    """``text`` with characters XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def safe_cell(text: str) -> str:
    """A string cell Excel shows as typed text: no formulas, no illegal characters, not too long."""
    text = xml_text(neutralise(text))
    if len(text) > MAX_CELL_CHARS:
        text = text[: MAX_CELL_CHARS - len(_TRUNCATED)] + _TRUNCATED
    return text
