"""Reading text: files (path or uploaded bytes) -> normalised text -> :class:`Document`.

Accepted formats are plain text (.txt, unknown extensions that decode as text),
Markdown (.md), Word (.docx) and HTML (.html/.htm). Everything else is recognised by
its content and refused with :class:`~workbench.errors.UnsupportedFormatError`.
Modules: ``sniff`` (what a file is), ``decode`` (which encoding), ``docx``/``html``
(markup to text), ``normalise`` (what differences never count), ``unwrap`` (hard
wraps), ``sentences``, ``language`` and ``segment`` (paragraphs, ids, the Document).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from workbench.text.language import guess_language, same_language, script_of
from workbench.text.normalise import normalise
from workbench.text.segment import document_from_units, segment_text
from workbench.text.sentences import split_sentences

if TYPE_CHECKING:
    from workbench.text.reader import IngestedText, load_document, read_bytes, read_path

#: Names of the reader (Word, HTML, encodings), imported on first use: a command that
#: only aligns lines of text does not load the Word and HTML parsers.
_READER = frozenset({"IngestedText", "load_document", "read_bytes", "read_path"})

__all__ = [
    "IngestedText",
    "document_from_units",
    "guess_language",
    "load_document",
    "normalise",
    "read_bytes",
    "read_path",
    "same_language",
    "script_of",
    "segment_text",
    "split_sentences",
]


def __getattr__(name: str) -> object:
    if name not in _READER:
        raise AttributeError(f"module 'workbench.text' has no attribute {name!r}")
    value = getattr(importlib.import_module("workbench.text.reader"), name)
    globals()[name] = value
    return value
