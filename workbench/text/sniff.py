"""Recognise file formats from their first bytes, whatever the file name says."""

from __future__ import annotations

import io
import zipfile

#: What a user is told we accept.
ACCEPTED = ".txt, .md, .docx, .html, .pdf"

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office file (.doc, .xls or .ppt)"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "an executable program (ELF)"),
    (b"\xcf\xfa\xed\xfe", "an executable program (Mach-O)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_TEXTUAL_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows program"),
    (b"BZh", "a bzip2 archive"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio/video file"),
    (b"fLaC", "a FLAC audio file"),
)

#: Extensions we recognise as formats we do not read (checked after the content).
UNSUPPORTED_EXTENSIONS: dict[str, str] = {
    ".doc": "a legacy Word document (.doc)",
    ".odt": "an OpenDocument text file (.odt)",
    ".rtf": "an RTF document",
    ".epub": "an EPUB e-book",
    ".xlsx": "an Excel workbook",
    ".xls": "an Excel workbook",
    ".pptx": "a PowerPoint presentation",
    ".ppt": "a PowerPoint presentation",
    ".png": "a PNG image",
    ".jpg": "a JPEG image",
    ".jpeg": "a JPEG image",
    ".gif": "a GIF image",
    ".webp": "a WebP image",
    ".tif": "a TIFF image",
    ".tiff": "a TIFF image",
    ".zip": "a ZIP archive",
    ".exe": "a Windows program",
    ".dll": "a Windows library",
}


def is_pdf(data: bytes) -> bool:
    """Whether ``data`` is a PDF file (read by :mod:`workbench.text.pdf`)."""
    # Some PDF writers put junk before the header; readers accept it within 1 KiB.
    return b"%PDF-" in data[:1024]


def describe_binary(data: bytes) -> str | None:
    """What ``data`` is if its first bytes mark a format we do not read, else None.

    PDF files are read (check :func:`is_pdf` first). A ZIP holding a Word document is not
    reported (it is a .docx); other ZIP-based formats are named so the user knows what
    to convert.
    """
    head = data[:64]
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "a WebP image"
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return "a WAV audio file"
    if head[4:8] == b"ftyp":
        return "an MP4/MOV video or HEIC image"
    # Magic numbers made of letters could start a real text: require binary bytes too.
    binary_head = any(b < 0x09 for b in head)
    for magic, what in _TEXTUAL_MAGIC:
        if head.startswith(magic) and binary_head:
            return what
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind = zip_kind(data)
        return None if kind == "docx" else kind
    return None


def zip_kind(data: bytes) -> str:
    """Which ZIP-based format ``data`` is: "docx", or a description of something else."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            mimetype = b""
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100]
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return "a damaged ZIP archive"
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument.text"):
        return "an OpenDocument text file (.odt)"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "an OpenDocument file"
    if mimetype.startswith(b"application/epub+zip"):
        return "an EPUB e-book"
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation (.pptx)"
    return "a ZIP archive"
