"""Word (.docx) -> plain text: one paragraph per Word paragraph, headings as ``#`` lines."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

from workbench.errors import TooLargeError, UnsupportedFormatError

#: Largest uncompressed word/document.xml we parse (guards against ZIP bombs).
MAX_DOCUMENT_XML_BYTES = 256 * 1024 * 1024

_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


def _check_package(data: bytes, *, name: str) -> None:
    """Raise a clear error unless ``data`` is a ZIP holding a Word document of sane size."""
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise UnsupportedFormatError(
            f"“{name}” is not a valid Word (.docx) document: it is not a ZIP package. "
            "If it is an old .doc file or another format, save it as .docx, .txt or .html."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
    except KeyError:
        raise UnsupportedFormatError(
            f"“{name}” is a ZIP file but not a Word (.docx) document (it has no word/document.xml)."
        ) from None
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsupportedFormatError(
            f"“{name}” is not a valid Word (.docx) document: the ZIP package is damaged ({exc})."
        ) from None
    if info.file_size > MAX_DOCUMENT_XML_BYTES:
        raise TooLargeError(
            f"“{name}” unpacks to {info.file_size / 1e6:.0f} MB of document XML; the largest "
            f"accepted is {MAX_DOCUMENT_XML_BYTES / 1e6:.0f} MB."
        )


def _heading_level(paragraph) -> int:  # noqa: ANN001 - python-docx Paragraph
    """Heading level 1-6 from the paragraph's style ("Heading N", "Title"), else 0."""
    try:
        style_name = (paragraph.style.name or "") if paragraph.style is not None else ""
    except (KeyError, ValueError, AttributeError):
        return 0
    if style_name.strip().lower() == "title":
        return 1
    match = _HEADING_STYLE.match(style_name.strip())
    return min(int(match.group(1)), 6) if match else 0


def _iter_paragraphs(element, parent) -> Iterator:  # noqa: ANN001 - python-docx internals
    """Paragraphs in reading order, descending into tables, cells and content controls."""
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    seen_cells: set[int] = set()
    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent)
        elif tag == "tbl":
            table = Table(child, parent)
            for row in table.rows:
                for cell in row.cells:
                    # merged cells appear once per grid column they span
                    if id(cell._tc) in seen_cells:
                        continue
                    seen_cells.add(id(cell._tc))
                    yield from _iter_paragraphs(cell._tc, _Cell(cell._tc, table))
        elif tag == "sdt":
            for content in child.iterchildren():
                if content.tag.rsplit("}", 1)[-1] == "sdtContent":
                    yield from _iter_paragraphs(content, parent)


def docx_to_text(data: bytes, *, name: str) -> str:
    """Plain text of a .docx: paragraphs separated by blank lines, headings as ``# `` lines."""
    _check_package(data, name=name)
    import docx  # local import: python-docx pulls in lxml machinery
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = []
        for paragraph in _iter_paragraphs(document.element.body, document):
            text = paragraph.text.strip()
            if not text:
                continue  # empty paragraphs only separate blocks
            level = _heading_level(paragraph)
            if level:
                text = "#" * level + " " + " ".join(text.split())
            blocks.append(text)
    except (PackageNotFoundError, XMLSyntaxError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnsupportedFormatError(
            f"“{name}” is not a valid Word (.docx) document: it cannot be parsed ({exc})."
        ) from None
    return "\n\n".join(blocks)
