"""Ingest: files (path or uploaded bytes) -> normalised text -> :class:`Document`.

Accepted formats are plain text (.txt, unknown extensions that decode as text),
Markdown (.md), Word (.docx) and HTML (.html/.htm). Everything else is recognised by
its content and refused with :class:`~workbench.errors.UnsupportedFormatError`.
"""

from workbench.ingest.normalise import normalise
from workbench.ingest.reader import IngestedText, load_document, read_bytes, read_path

__all__ = ["IngestedText", "load_document", "normalise", "read_bytes", "read_path"]
