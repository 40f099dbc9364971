"""Word (.docx) -> plain text: one paragraph per Word paragraph, headings as ``#`` lines."""

from __future__ import annotations

import copy
import io
import re
import sys
import zipfile
import zlib
from collections.abc import Iterator

from workbench.errors import TooLargeError, UnsupportedFormatError

# ZIP bombs: a 1 MB part can inflate to 1 GB, and python-docx reads every part it finds
# whole into memory. So every part is checked before python-docx sees the package.

#: Largest unpacked size of any one part. The XML of a document within config.MAX_CHARS
#: (5 million characters) stays far below it even when heavily formatted (Word writes a
#: few hundred bytes of markup per run), and images are stored already compressed (PNG,
#: JPEG), so a part unpacks to about its share of the 20 MB upload.
MAX_PART_BYTES = 128 * 1024 * 1024
#: Largest unpacked word/document.xml, the part holding the text: 5 million characters
#: (15 MB in UTF-8 at most) with Word's markup around 20,000 paragraphs fit well within it.
MAX_DOCUMENT_XML_BYTES = 64 * 1024 * 1024
#: Largest unpacked XML part other than the document (styles, numbering, settings …):
#: real ones are kilobytes; parsing a huge one is what makes a small file take minutes.
MAX_OTHER_XML_BYTES = 16 * 1024 * 1024
#: Most paragraph elements word/document.xml may hold: ten for every paragraph a document
#: may have (config.MAX_SEGMENTS counts non-empty ones; empty paragraphs and table cells
#: add more). python-docx builds an object per paragraph, so 20 million empty ``<w:p/>``
#: (120 MB, packed into 0.2 MB) would take minutes and gigabytes.
MAX_WORD_PARAGRAPHS = 200_000
#: Largest unpacked size of all parts together: a 20 MB upload of images unpacks to about
#: 20 MB, so this leaves room for that and for text XML at the part cap.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: Parts are inflated this much at a time to measure them, so memory stays small.
_CHUNK_BYTES = 1024 * 1024
#: Compression methods of a Word package (the Open Packaging Conventions use Deflate, or
#: none). Others are refused: zipfile inflates a bzip2 or LZMA chunk whole, and bzip2 packs
#: 1 GB of zeros into under 1 KB.
_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA"}
_MAIN_PART = "word/document.xml"

_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.IGNORECASE)


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _part_limit(part: str) -> int:
    """Cap on the unpacked size of one part (read at call time, so tests can lower it)."""
    if part == _MAIN_PART:
        return MAX_DOCUMENT_XML_BYTES
    if part.lower().endswith((".xml", ".rels")):
        return MAX_OTHER_XML_BYTES
    return MAX_PART_BYTES


#: The start tag of a paragraph element, whatever prefix the file gives its namespace.
_PARAGRAPH_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?p[\s/>]")


class _TagCounter:
    """Counts paragraph start tags in a stream of chunks (a tag may straddle two chunks)."""

    def __init__(self) -> None:
        self.count = 0
        self._tail = b""

    def add(self, chunk: bytes) -> int:
        """Count the tags ``chunk`` completes; the running count."""
        window = self._tail + chunk
        self._tail = window[-64:]
        # tags wholly inside the kept tail are counted again with the next chunk
        self.count += len(_PARAGRAPH_TAG.findall(window)) - len(_PARAGRAPH_TAG.findall(self._tail))
        return self.count

    def close(self) -> int:
        """The final count (the tags left in the tail)."""
        return self.count + len(_PARAGRAPH_TAG.findall(self._tail))


def _too_many_paragraphs(name: str, count: int) -> TooLargeError:
    return TooLargeError(
        f"“{name}” holds more than {MAX_WORD_PARAGRAPHS:,} paragraphs ({count:,} counted so "
        f"far); the most a Word document may hold here is {MAX_WORD_PARAGRAPHS:,}."
    )


def _damaged(name: str, detail: object) -> UnsupportedFormatError:
    return UnsupportedFormatError(
        f"“{name}” is not a valid Word (.docx) document: the ZIP package is damaged ({detail})."
    )


def _part_too_large(name: str, part: str, size: str, limit: int) -> TooLargeError:
    return TooLargeError(
        f"“{name}” unpacks to {size} (part {part}); the largest accepted is "
        f"{_megabytes(limit)} per part."
    )


def _total_too_large(name: str, size: str, where: str) -> TooLargeError:
    return TooLargeError(
        f"“{name}” unpacks to {size} in all ({where}); the largest accepted is "
        f"{_megabytes(MAX_TOTAL_BYTES)} in all."
    )


def _check_declared(infos: list[zipfile.ZipInfo], *, name: str) -> None:
    """Refuse parts whose headers declare too much, or a method we cannot inflate safely."""
    for info in infos:
        if info.compress_type not in _METHODS:
            method = _METHOD_NAMES.get(info.compress_type, f"method {info.compress_type}")
            raise UnsupportedFormatError(
                f"“{name}” is not a valid Word (.docx) document: its part {info.filename} is "
                f"compressed with {method}, and Word documents use only Deflate."
            )
        if info.flag_bits & 0x1:
            raise UnsupportedFormatError(
                f"“{name}” is not a valid Word (.docx) document: its part {info.filename} is "
                "encrypted. Save it without a password as .docx and try again."
            )
        limit = _part_limit(info.filename)
        if info.file_size > limit:
            raise _part_too_large(name, info.filename, _megabytes(info.file_size), limit)
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise _total_too_large(name, _megabytes(total), f"{len(infos)} parts")


def _check_inflated(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], *, name: str) -> None:
    """Inflate every part in chunks, counting bytes: declared sizes can lie."""
    total = 0
    for info in infos:
        limit = _part_limit(info.filename)
        # zipfile stops at the declared size; a copy declaring no bound lets us count the
        # real size (the CRC is still checked at the end of each part).
        unbounded = copy.copy(info)
        unbounded.file_size = sys.maxsize
        size = 0
        paragraphs = _TagCounter()
        with archive.open(unbounded) as part:
            while chunk := part.read(_CHUNK_BYTES):
                size += len(chunk)
                total += len(chunk)
                if info.filename == _MAIN_PART and paragraphs.add(chunk) > MAX_WORD_PARAGRAPHS:
                    raise _too_many_paragraphs(name, paragraphs.count)
                if size > limit:
                    raise _part_too_large(
                        name, info.filename, f"more than {_megabytes(limit)}", limit
                    )
                if total > MAX_TOTAL_BYTES:
                    raise _total_too_large(
                        name, f"more than {_megabytes(MAX_TOTAL_BYTES)}", f"at part {info.filename}"
                    )
        if info.filename == _MAIN_PART and paragraphs.close() > MAX_WORD_PARAGRAPHS:
            raise _too_many_paragraphs(name, paragraphs.close())
        if size != info.file_size:
            raise _damaged(
                name, f"part {info.filename} declares {info.file_size:,} bytes but holds {size:,}"
            )


def _check_package(data: bytes, *, name: str) -> None:
    """Raise a clear error unless ``data`` is a ZIP holding a Word document of sane size."""
    if not data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        raise UnsupportedFormatError(
            f"“{name}” is not a valid Word (.docx) document: it is not a ZIP package. "
            "If it is an old .doc file or another format, save it as .docx, .txt or .html."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if _MAIN_PART not in archive.namelist():
                raise UnsupportedFormatError(
                    f"“{name}” is a ZIP file but not a Word (.docx) document "
                    f"(it has no {_MAIN_PART})."
                )
            infos = archive.infolist()
            _check_declared(infos, name=name)
            _check_inflated(archive, infos, name=name)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as exc:
        raise _damaged(name, exc) from None


def _style_names(document) -> dict[str, str]:  # noqa: ANN001 - python-docx Document
    """Paragraph style id -> style name, read once for the whole document.

    python-docx's ``paragraph.style`` scans every style of the file for each paragraph
    (about 2 ms each in a real document): 20,000 paragraphs took close to a minute.
    """
    from docx.oxml.ns import qn

    names: dict[str, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        names[style.get(qn("w:styleId"), "")] = (
            name.get(qn("w:val"), "") if name is not None else ""
        )
    return names


def _heading_level(paragraph, names: dict[str, str]) -> int:  # noqa: ANN001 - python-docx
    """Heading level 1-6 from the paragraph's style ("Heading N", "Title"), else 0."""
    properties = paragraph._p.pPr
    style = properties.pStyle if properties is not None else None
    style_name = names.get(style.val, "") if style is not None else ""
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
        names = _style_names(document)
        blocks = []
        for paragraph in _iter_paragraphs(document.element.body, document):
            text = paragraph.text.strip()
            if not text:
                continue  # empty paragraphs only separate blocks
            level = _heading_level(paragraph, names)
            if level:
                text = "#" * level + " " + " ".join(text.split())
            blocks.append(text)
    except (PackageNotFoundError, XMLSyntaxError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise UnsupportedFormatError(
            f"“{name}” is not a valid Word (.docx) document: it cannot be parsed ({exc})."
        ) from None
    return "\n\n".join(blocks)
