"""One row of an alignment CSV while it is read: its cells and where it is, for messages."""

from __future__ import annotations

import math

from workbench.errors import AlignmentFileError


class Row:
    """One data row with its line number, so every error can say where it is."""

    def __init__(self, line: int, values: dict[str, str]) -> None:
        self.line = line
        self.values = values

    def fail(self, column: str, message: str) -> AlignmentFileError:
        """The error to raise for a bad cell: it names the line and the column."""
        return AlignmentFileError(f"line {self.line}, column {column!r}: {message}.")

    def get(self, column: str) -> str:
        """The cell's text (empty for a column the file does not have)."""
        return self.values.get(column, "")

    def integer(self, column: str) -> int:
        """The cell as a whole number."""
        raw = self.get(column)
        try:
            return int(raw)
        except ValueError:
            raise self.fail(column, f"{raw!r} is not a whole number") from None

    def number(self, column: str) -> float:
        """The cell as a finite number (0 for a column newer than the file)."""
        if column not in self.values:
            return 0.0  # a column newer than the file's version: its default
        raw = self.get(column)
        try:
            value = float(raw)
        except ValueError:
            value = math.nan
        if not math.isfinite(value):
            raise self.fail(column, f"{raw!r} is not a number")
        return value
