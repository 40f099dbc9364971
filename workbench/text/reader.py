"""Read a file (path or uploaded bytes) into normalised text, then into a Document."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from workbench import config
from workbench.errors import (
    EmptyDocumentError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)
from workbench.model import Document
from workbench.text.decode import decode_bytes
from workbench.text.html import declared_charset, html_to_text
from workbench.text.normalise import normalise
from workbench.text.segment import segment_text
from workbench.text.sniff import ACCEPTED, UNSUPPORTED_EXTENSIONS, describe_binary, is_pdf

log = logging.getLogger(__name__)

_FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".docx": "docx",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}


@dataclass(frozen=True)
class IngestedText:
    """Normalised text read from one file, with how it was read."""

    name: str
    text: str
    encoding: str
    source_format: str  # "txt" | "md" | "docx" | "html" | "pdf"


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _too_big(name: str, size: int, max_bytes: int) -> TooLargeError:
    return TooLargeError(
        f"“{name}” is {_megabytes(size)}; the largest file accepted is {_megabytes(max_bytes)}."
    )


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def read_bytes(data: bytes, *, name: str, max_bytes: int = config.MAX_UPLOAD_BYTES) -> IngestedText:
    """Decode and normalise the content of file ``name`` (an upload, or bytes read from disk)."""
    if len(data) > max_bytes:
        raise _too_big(name, len(data), max_bytes)
    if not data.strip():
        raise EmptyDocumentError(f"“{name}” is empty (it contains no text).")
    extension = os.path.splitext(name)[1].lower()
    source_format = _FORMATS.get(extension)
    if is_pdf(data):
        # whatever the name says: the content is a PDF (its reader is imported when one
        # comes: a plain-text command line does without its import)
        from workbench.text.pdf import pdf_to_text

        return _checked(name, normalise(pdf_to_text(data, name=name)), "utf-8", "pdf")
    if source_format == "pdf":
        raise UnsupportedFormatError(
            f"“{name}” is named as a PDF file but is not one (it has no %PDF- header). "
            f"Accepted formats: {ACCEPTED}."
        )
    what = describe_binary(data)
    if what is not None:
        raise UnsupportedFormatError(
            f"“{name}” is {what}, which cannot be read. Accepted formats: {ACCEPTED}."
        )
    if extension in UNSUPPORTED_EXTENSIONS:
        raise UnsupportedFormatError(
            f"“{name}” looks like {UNSUPPORTED_EXTENSIONS[extension]} (from its extension), "
            f"which cannot be read. Accepted formats: {ACCEPTED}."
        )
    if source_format == "docx" or (source_format is None and data.startswith(b"PK\x03\x04")):
        # describe_binary let it through, so a ZIP here holds a Word document (or is damaged)
        from workbench.text.docx import docx_to_text

        text, encoding, source_format = docx_to_text(data, name=name), "utf-8", "docx"
    else:
        declared = declared_charset(data) if source_format in (None, "html") else None
        decoded = decode_bytes(data, name=name, declared=declared)
        text, encoding = decoded.text, decoded.encoding
        if source_format is None:
            # Unknown or missing extension: read as text; HTML only if it says so itself.
            source_format = "html" if _looks_like_html(text) else "txt"
            log.info("“%s”: unknown extension %r, read as %s", name, extension, source_format)
        if source_format == "html":
            text = html_to_text(text)
    return _checked(name, normalise(text), encoding, source_format)


def _checked(name: str, text: str, encoding: str, source_format: str) -> IngestedText:
    """The text read, unless it is empty or too long."""
    if not text.strip():
        detail = " (only markup, no visible text)" if source_format in ("html", "docx") else ""
        raise EmptyDocumentError(f"“{name}” contains no text{detail}.")
    if len(text) > config.MAX_CHARS:
        raise TooLargeError(
            f"“{name}” has {len(text):,} characters of text; the most accepted is "
            f"{config.MAX_CHARS:,}."
        )
    return IngestedText(name=name, text=text, encoding=encoding, source_format=source_format)


def file_name(path: Path) -> str:
    """``path``'s name as text: bytes that are not UTF-8 (which the operating system hands
    over as lone surrogates) become U+FFFD, so the name can be shown and stored."""
    return path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def read_path(path: str | os.PathLike, *, max_bytes: int = config.MAX_UPLOAD_BYTES) -> IngestedText:
    """Read the file at ``path`` (size checked before reading) into normalised text."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > max_bytes:
            raise _too_big(file_name(p), size, max_bytes)
        with p.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may grow between stat and read
    except FileNotFoundError:
        raise InputError(f"No file at “{path}”.") from None
    except IsADirectoryError:
        raise InputError(f"“{path}” is a folder, not a file.") from None
    except PermissionError:
        raise InputError(f"“{path}” cannot be opened (permission denied).") from None
    return read_bytes(data, name=file_name(p), max_bytes=max_bytes)


def load_document(
    source: str | os.PathLike | bytes,
    *,
    name: str | None = None,
    language: str | None = None,
) -> Document:
    """Read a path or uploaded bytes and segment it into a Document (paragraphs, sentences)."""
    if isinstance(source, bytes | bytearray | memoryview):
        if not name:
            raise ValueError("load_document needs name= for bytes (the upload's file name)")
        ingested = read_bytes(bytes(source), name=name)
    else:
        ingested = read_path(source)
        if name:
            ingested = IngestedText(name, ingested.text, ingested.encoding, ingested.source_format)
    return segment_text(
        ingested.text,
        name=ingested.name,
        encoding=ingested.encoding,
        source_format=ingested.source_format,
        language=language,
        max_segments=config.MAX_SEGMENTS,
    )
