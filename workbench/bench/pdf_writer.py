"""Typeset PDFs written with reportlab, as an office suite or a typesetter prints a text:
block or indented paragraphs, justified text, hyphenated line ends, a running header,
page numbers, one or two columns. Used by the PDF benchmark (:mod:`workbench.bench.pdf`)
and the PDF tests (``tests/pdf_samples.py``); reportlab comes with the ``test`` extra.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

_SOFT_HYPHEN = "\u00ad"
_LONG_WORD = re.compile(r"\b([a-z]{4,})([a-z]{5,})\b")


def soft_hyphenated(text: str) -> str:
    """``text`` with a soft hyphen inside every long lower-case word, where a typesetter
    may break it (reportlab then prints a hyphen at a line end, nothing elsewhere)."""
    return _LONG_WORD.sub(lambda m: m.group(1) + _SOFT_HYPHEN + m.group(2), text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _decorate(header: str, footer_numbers: bool) -> Callable:
    """A page callback drawing the running header and the page number in the footer."""

    def draw(canvas, doc) -> None:  # noqa: ANN001 - reportlab's callback signature
        canvas.saveState()
        width, height = A4
        if header:
            canvas.setFont("Helvetica-Oblique", 9)
            canvas.drawCentredString(width / 2, height - 1.4 * cm, header)
        if footer_numbers:
            canvas.setFont("Helvetica", 9)
            canvas.drawCentredString(width / 2, 1.3 * cm, str(doc.page))
        canvas.restoreState()

    return draw


def write_pdf(
    paragraphs: Sequence[str],
    *,
    columns: int = 1,
    justified: bool = False,
    indent: bool = False,
    hyphenate: bool = False,
    header: str = "",
    page_numbers: bool = True,
    font: str = "Times-Roman",
    size: float = 11,
) -> bytes:
    """The paragraphs laid out by reportlab's typesetter: block paragraphs (space after)
    or, with ``indent``, indented first lines and no space between paragraphs."""
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=2.5 * cm,
        rightMargin=2.5 * cm,
        topMargin=2.5 * cm,
        bottomMargin=2.5 * cm,
        title="Reflections",
    )
    gutter = 0.8 * cm
    width = (doc.width - gutter * (columns - 1)) / columns
    frames = [
        Frame(
            doc.leftMargin + i * (width + gutter),
            doc.bottomMargin,
            width,
            doc.height,
            id=f"column{i}",
            leftPadding=0,
            rightPadding=0,
        )
        for i in range(columns)
    ]
    doc.addPageTemplates(
        [PageTemplate(id="page", frames=frames, onPage=_decorate(header, page_numbers))]
    )
    style = ParagraphStyle(
        "body",
        fontName=font,
        fontSize=size,
        leading=size * 1.25,
        alignment=TA_JUSTIFY if justified else TA_LEFT,
        firstLineIndent=1.2 * size if indent else 0,
        spaceAfter=0 if indent else size * 0.6,
        embeddedHyphenation=1 if hyphenate else 0,
        hyphenationLang="",
        allowWidows=0,
    )
    story = [Paragraph(_escape(soft_hyphenated(p) if hyphenate else p), style) for p in paragraphs]
    doc.build(story)
    return out.getvalue()
