"""Spreadsheet formula-injection neutralisation, shared by the xlsx and csv-excel exports."""

from __future__ import annotations

#: A cell starting with one of these may be run as a formula by a spreadsheet.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """``value`` with a leading apostrophe if a spreadsheet could read it as a formula."""
    # OWASP's CSV-injection advice: prefix a quote so the cell is shown as text.
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value
