"""PDFs written for the tests with reportlab: the layouts an office suite or a typesetter
produces (block or indented paragraphs, justified text, hyphenated line ends, running
headers, page numbers, two columns), a scanned page without a text layer, an encrypted
file. Nothing here is read by the library; the tests and the extractor comparison in
``tests/test_ingest_pdf.py`` use it.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as pdf_canvas

from workbench.bench.pdf_writer import soft_hyphenated, write_pdf

__all__ = ["soft_hyphenated", "write_pdf"]  # typeset PDFs: shared with the PDF benchmark


def image_only_pdf(pages: int = 2) -> bytes:
    """A "scanned" PDF: every page one grey image, no text operators at all."""
    out = io.BytesIO()
    canvas = pdf_canvas.Canvas(out, pagesize=A4)
    from reportlab.lib.utils import ImageReader

    pixels = bytes(range(256)) * 64  # a 128 x 128 greyscale "scan"
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with reportlab
        raise
    image = Image.frombytes("L", (128, 128), pixels)
    for _ in range(pages):
        canvas.drawImage(ImageReader(image), 2 * cm, 5 * cm, width=16 * cm, height=20 * cm)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def encrypted_pdf(text: str = "A secret paragraph.") -> bytes:
    """A PDF with a user password (reportlab's standard encryption)."""
    out = io.BytesIO()
    canvas = pdf_canvas.Canvas(out, pagesize=A4, encrypt="secret")
    canvas.drawString(2 * cm, 25 * cm, text)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def raw_pdf(objects: Sequence[bytes]) -> bytes:
    """A PDF file from object bodies (object i + 1 is ``objects[i]``; 1 is the catalog),
    with a correct cross-reference table: for hand-built hostile files."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def stream(data: bytes, *, extra: bytes = b"") -> bytes:
    """A Flate-compressed stream object body."""
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode %s>>\nstream\n" % (len(packed), extra) + (
        packed + b"\nendstream"
    )


def bomb_pdf(inflated_mb: int = 400) -> bytes:
    """One page whose content stream is a few hundred KB packed and ``inflated_mb`` MB
    of text operators unpacked: a decompression bomb."""
    chunk = b"BT /F1 12 Tf 72 720 Td (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) Tj ET\n" * 16384
    compressor = zlib.compressobj(9)
    packed = b"".join(compressor.compress(chunk) for _ in range(inflated_mb))
    packed += compressor.flush()
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + (
        packed + b"\nendstream"
    )
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            content,
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def many_pages_pdf(pages: int) -> bytes:
    """``pages`` pages sharing one tiny content stream (a page-count bomb)."""
    kids = b" ".join(b"%d 0 R" % (4 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        stream(b"BT /F1 12 Tf 72 720 Td (Page text.) Tj ET"),
    ]
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + pages)
    )
    objects.extend(page for _ in range(pages))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return raw_pdf(objects)
