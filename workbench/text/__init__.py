"""Reading text: files (path or uploaded bytes) -> normalised text -> :class:`Document`.

Accepted formats are plain text (.txt, unknown extensions that decode as text),
Markdown (.md), Word (.docx) and HTML (.html/.htm). Everything else is recognised by
its content and refused with :class:`~workbench.errors.UnsupportedFormatError`.
Modules: ``sniff`` (what a file is), ``decode`` (which encoding), ``docx``/``html``
(markup to text), ``normalise`` (what differences never count), ``unwrap`` (hard
wraps), ``sentences``, ``language`` and ``segment`` (paragraphs, ids, the Document).
"""

from workbench.text.language import guess_language, same_language, script_of
from workbench.text.normalise import normalise
from workbench.text.reader import IngestedText, load_document, read_bytes, read_path
from workbench.text.segment import document_from_units, segment_text
from workbench.text.sentences import split_sentences

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
