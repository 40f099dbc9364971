"""Ingest: PDF originals (text layer, paragraphs from the layout, columns, running
headers), and the refusals (scans, encryption, damage, bombs, limits)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pdf_samples
import pytest
from repo_paths import ESSAY_PATH
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas as pdf_canvas

from workbench import config
from workbench.cli import main
from workbench.errors import TooLargeError, UnsupportedFormatError
from workbench.text import load_document, pdf_layout, read_bytes
from workbench.text import pdf as pdf_module

ESSAY = [p.strip() for p in ESSAY_PATH.read_text(encoding="utf-8").split("\n\n") if p.strip()]
#: The layouts an office suite or a typesetter prints the essay in.
LAYOUTS = {
    "block-paragraphs": {},
    "justified-hyphenated-header": {"justified": True, "hyphenate": True, "header": "Essay"},
    "two-columns-indented": {
        "columns": 2,
        "justified": True,
        "indent": True,
        "hyphenate": True,
        "header": "Reflections — Sam Altman",
    },
    "indented-helvetica": {"indent": True, "font": "Helvetica", "size": 10},
}


def _normalised(texts) -> list[str]:
    return [" ".join(t.split()) for t in texts]


@pytest.fixture(scope="module")
def essay_pdf() -> bytes:
    return pdf_samples.write_pdf(ESSAY)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_the_essay_printed_to_pdf_reads_back_as_the_same_37_paragraphs(layout):
    data = pdf_samples.write_pdf(ESSAY, **LAYOUTS[layout])
    doc = load_document(data, name="essay.pdf")
    assert doc.source_format == "pdf"
    assert len(doc.segments) == 37
    assert _normalised(s.text for s in doc.segments) == _normalised(ESSAY)


def test_a_two_column_pdf_with_running_headers_reads_column_by_column_without_them():
    # numbered paragraphs, so the order shows; long enough to fill several pages
    paragraphs = [f"Paragraph {i}: " + " ".join(ESSAY[i % 37].split()[:60]) for i in range(40)]
    data = pdf_samples.write_pdf(
        paragraphs, columns=2, justified=True, indent=True, header="The Running Head"
    )
    text = read_bytes(data, name="columns.pdf").text
    got = text.split("\n\n")
    assert _normalised(got) == _normalised(paragraphs)
    assert "Running Head" not in text


def test_page_numbers_and_headers_are_dropped_but_a_single_page_keeps_its_text():
    out = io.BytesIO()
    canvas = pdf_canvas.Canvas(out, pagesize=A4)
    canvas.drawString(72, 750, "A one-page note.")
    canvas.drawString(72, 730, "It ends here.")
    canvas.save()
    text = read_bytes(out.getvalue(), name="note.pdf").text
    assert _normalised(text.split("\n\n")) == ["A one-page note. It ends here."]


def test_a_larger_heading_is_a_paragraph_of_its_own():
    out = io.BytesIO()
    canvas = pdf_canvas.Canvas(out, pagesize=A4)
    canvas.setFont("Helvetica-Bold", 16)
    canvas.drawString(72, 760, "A Heading")
    canvas.setFont("Helvetica", 11)
    for i, line in enumerate(["The body starts right below the heading and", "goes on."]):
        canvas.drawString(72, 742 - 13.5 * i, line)
    canvas.save()
    text = read_bytes(out.getvalue(), name="h.pdf").text
    assert text.split("\n\n") == [
        "A Heading",
        "The body starts right below the heading and goes on.",
    ]


def test_a_pdf_named_txt_is_read_as_a_pdf(essay_pdf):
    got = read_bytes(essay_pdf, name="essay.txt")
    assert got.source_format == "pdf"
    assert len(got.text.split("\n\n")) == 37


def test_segment_prints_the_37_paragraphs_of_the_essay_pdf(tmp_path: Path, essay_pdf, capsys):
    path = tmp_path / "essay.pdf"
    path.write_bytes(essay_pdf)
    assert main(["segment", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    listed = [line for line in lines if line.startswith("P")]
    assert len(listed) == 37
    assert listed[2].split()[:3] == ["P3", "body", "ChatGPT's"]


# --- refusals ---------------------------------------------------------------------------


def test_a_scanned_pdf_is_refused_with_a_message_that_says_so():
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(pdf_samples.image_only_pdf(), name="scan.pdf")
    assert str(err.value) == (
        "“scan.pdf” has no text layer (a scanned PDF?): run OCR first or give the text."
    )


def test_a_scanned_pdf_is_one_line_on_the_command_line(tmp_path: Path, capsys):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_samples.image_only_pdf())
    assert main(["segment", str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no text layer (a scanned PDF?)" in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_an_encrypted_pdf_is_refused_and_says_so():
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(pdf_samples.encrypted_pdf(), name="locked.pdf")
    assert "is an encrypted PDF file (it needs a password to open)" in str(err.value)


def test_a_pdf_with_only_an_owner_password_is_read():
    out = io.BytesIO()
    from reportlab.lib import pdfencrypt

    encrypt = pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0)
    canvas = pdf_canvas.Canvas(out, pagesize=A4, encrypt=encrypt)
    canvas.drawString(72, 750, "Readable, but not to be copied.")
    canvas.save()
    assert read_bytes(out.getvalue(), name="r.pdf").text == "Readable, but not to be copied."


@pytest.mark.parametrize(
    "data", [b"%PDF-1.4\n%binary", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", b"junk\n%PDF-1.7\n"]
)
def test_a_damaged_pdf_is_refused_as_a_pdf_file(data):
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(data, name="paper.pdf")
    assert "“paper.pdf” is a PDF file that cannot be read: it is damaged" in str(err.value)


def test_a_text_named_pdf_is_refused():
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(b"Plain words.", name="notes.pdf")
    assert "is named as a PDF file but is not one" in str(err.value)


def test_a_pdf_bomb_is_refused_quickly():
    data = pdf_samples.bomb_pdf(200)
    start = time.perf_counter()
    with pytest.raises(TooLargeError) as err:
        read_bytes(data, name="bomb.pdf")
    assert time.perf_counter() - start < 3
    assert "unpacks to more than 96.0 MB of page contents and fonts" in str(err.value)


def test_too_many_pages_are_refused_before_reading():
    limit = int(config.get("max_pdf_pages"))
    with pytest.raises(TooLargeError) as err:
        read_bytes(pdf_samples.many_pages_pdf(limit + 1), name="long.pdf")
    assert str(err.value) == f"“long.pdf” has {limit + 1:,} pages; the most accepted is {limit:,}."


def test_too_much_pdf_text_is_refused(monkeypatch, essay_pdf):
    monkeypatch.setattr(config, "MAX_CHARS", 2000)
    with pytest.raises(TooLargeError) as err:
        read_bytes(essay_pdf, name="essay.pdf")
    assert "characters of text" in str(err.value)


def test_the_stream_check_counts_only_up_to_its_budget():
    assert pdf_module._inflated_size(pdf_samples.stream(b"x" * 10_000), 0, 100) == 0
    packed = pdf_samples.stream(b"x" * 10_000)
    start = packed.index(b"stream\n") + len(b"stream\n")
    assert pdf_module._inflated_size(packed, start, 100) == 101
    assert pdf_module._inflated_size(packed, start, 1_000_000) == 10_000


def test_a_last_page_whose_second_column_holds_two_lines_is_still_read_column_by_column():
    """Two lines are too few to show a gutter on their own page; the gutter of the other
    pages is taken where it fits, so the left column's end is not interleaved with them."""
    paragraphs = ESSAY * 2
    data = pdf_samples.write_pdf(
        paragraphs, columns=2, justified=True, indent=True, hyphenate=True, header="Reflections"
    )
    document = pdf_module._open(data, name="short.pdf")
    try:
        last = pdf_layout.drop_running_lines(pdf_module._read_pages(document, name="x"))[-1]
    finally:
        document.close()
    right = [x for x in last if x.x0 > 300]
    assert 0 < len(right) < pdf_layout.MIN_COLUMN_LINES and len(last) > 20  # the case
    got = read_bytes(data, name="short.pdf").text.split("\n\n")
    assert _normalised(got) == _normalised(paragraphs)


# --- a long file -------------------------------------------------------------------------


def test_a_hundred_page_two_column_pdf_gives_back_every_paragraph():
    """Columns, headers and page numbers over many pages; how long it takes is measured by
    ``python -m workbench.bench --pdf`` (300 pages, time and peak memory)."""
    paragraphs = ESSAY * 36  # 100 pages in two justified, hyphenated columns
    data = pdf_samples.write_pdf(
        paragraphs, columns=2, justified=True, indent=True, hyphenate=True, header="Essay"
    )
    got = read_bytes(data, name="long.pdf").text.split("\n\n")
    assert _normalised(got) == _normalised(paragraphs)


def test_a_box_whose_first_character_pdfium_cannot_find_keeps_its_text():
    """PDFium may find no character at a box's left edge (pypdfium2 then says None): the
    box keeps its text, with its bottom for a baseline and its height for a size."""

    class Page:
        def get_height(self) -> float:
            return 800.0

    class TextPage:
        closed = False

        def count_rects(self) -> int:
            return 1

        def get_rect(self, i: int) -> tuple[float, float, float, float]:
            return (100.0, 690.0, 300.0, 702.0)

        def get_text_bounded(self, *box: float) -> str:
            return "A line of text."

        def get_index(self, *where: float) -> None:
            return None

        def close(self) -> None:
            self.closed = True

    textpage = TextPage()
    (line,) = pdf_module._page_lines(Page(), textpage, 0)
    assert line.text == "A line of text."
    assert (line.baseline, line.size) == (800.0 - 690.0, 12.0)
    assert textpage.closed
