"""Ingest: formats (.txt, .md, .docx, .html), content sniffing, limits, errors."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from workbench import config
from workbench.errors import (
    EmptyDocumentError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)
from workbench.text import IngestedText, load_document, read_bytes, read_path

ACCEPTED = ".txt, .md, .docx, .html"


def make_docx(build) -> bytes:
    """A .docx written by python-docx; ``build`` adds content to the document."""
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- plain text and markdown --------------------------------------------------------


def test_txt_is_read_as_utf8_text():
    got = read_bytes(b"First paragraph.\n\nSecond one.\n", name="a.txt")
    assert got == IngestedText("a.txt", "First paragraph.\n\nSecond one.\n", "utf-8", "txt")


def test_unknown_extension_that_decodes_is_text():
    got = read_bytes(b"Just some notes.\n", name="notes.srt")
    assert (got.source_format, got.text) == ("txt", "Just some notes.\n")


def test_no_extension_html_content_is_read_as_html():
    got = read_bytes(
        b"<!DOCTYPE html><html><body><p>Hi <b>there</b></p></body></html>", name="page"
    )
    assert (got.source_format, got.text) == ("html", "Hi there")


def test_markdown_kept_as_text_and_headings_become_segments():
    data = b"# Title\n\nIntro paragraph here.\n\n## Part two\nBody text of part two.\n"
    doc = load_document(data, name="essay.md")
    assert doc.source_format == "md"
    assert [(s.kind, s.text) for s in doc.segments] == [
        ("heading", "# Title"),
        ("body", "Intro paragraph here."),
        ("heading", "## Part two"),
        ("body", "Body text of part two."),
    ]


# --- docx ---------------------------------------------------------------------------


def test_docx_paragraphs_headings_and_tables():
    def build(d):
        d.add_heading("The Title", level=1)
        d.add_paragraph("First paragraph of the body.")
        d.add_paragraph("")  # an empty paragraph only separates
        d.add_paragraph("Second paragraph, with a line")
        d.paragraphs[-1].add_run().add_break()
        d.paragraphs[-1].add_run("break inside it.")
        d.add_heading("A section", level=2)
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "Cell one."
        table.cell(0, 1).text = "Cell two."
        d.add_paragraph("Last words.")

    got = read_bytes(make_docx(build), name="report.docx")
    assert got.source_format == "docx"
    assert got.text == (
        "# The Title\n\nFirst paragraph of the body.\n\n"
        "Second paragraph, with a line\nbreak inside it.\n\n"
        "## A section\n\nCell one.\n\nCell two.\n\nLast words."
    )
    doc = load_document(make_docx(build), name="report.docx")
    assert [s.kind for s in doc.segments] == [
        "heading",
        "body",
        "body",
        "heading",
        "body",
        "body",
        "body",
    ]


def test_docx_title_style_is_a_heading():
    got = read_bytes(
        make_docx(lambda d: (d.add_heading("Doc", 0), d.add_paragraph("x."))), name="t.docx"
    )
    assert got.text == "# Doc\n\nx."


def test_docx_that_is_not_a_zip_is_refused_clearly():
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(b"this is plain text pretending", name="fake.docx")
    assert "not a valid Word (.docx) document" in str(err.value)
    assert "fake.docx" in str(err.value)


def test_zip_without_word_document_named_docx_is_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(buf.getvalue(), name="odd.docx")
    assert "a ZIP archive" in str(err.value)
    assert ACCEPTED in str(err.value)


def test_docx_with_damaged_xml_is_refused():
    good = make_docx(lambda d: d.add_paragraph("Hello."))
    src = zipfile.ZipFile(io.BytesIO(good))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            z.writestr(item, data)
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(buf.getvalue(), name="broken.docx")
    assert "cannot be parsed" in str(err.value)


def test_empty_docx_is_empty():
    with pytest.raises(EmptyDocumentError) as err:
        read_bytes(make_docx(lambda d: d.add_paragraph("   ")), name="blank.docx")
    assert "no text" in str(err.value)


# --- html ---------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><title>Page title</title><style>p { color: red }</style>
<script>var x = "<p>not text</p>";</script></head>
<body>
<noscript>Enable JavaScript</noscript>
<h1>Main   heading</h1>
<p>First &amp; foremost, caf&eacute; &mdash; a
   paragraph split over source lines.</p>
<!-- a comment -->
<div>Line one<br>Line two</div>
<ul><li>Item A</li><li>Item <em>B</em></li></ul>
<template><p>hidden</p></template>
<p>Tom&nbsp;Jones said &ldquo;hi&rdquo;.</p>
</body></html>"""


def test_html_blocks_become_paragraphs_and_scripts_are_dropped():
    got = read_bytes(HTML.encode(), name="page.html")
    assert got.source_format == "html"
    assert got.text == (
        "# Main heading\n\n"
        "First & foremost, café — a paragraph split over source lines.\n\n"
        "Line one\nLine two\n\n"
        "Item A\n\nItem B\n\n"
        "Tom Jones said “hi”."
    )


def test_html_declared_charset_is_used():
    page = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 “ok”</p></body></html>'
    got = read_bytes(page.encode("cp1252"), name="old.htm")
    assert (got.text, got.encoding) == ("Café “ok”", "cp1252")


def test_html_with_only_markup_is_empty():
    with pytest.raises(EmptyDocumentError) as err:
        read_bytes(b"<html><head><script>x()</script></head><body> </body></html>", name="e.html")
    assert "only markup" in str(err.value)


# --- sniffing -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "a GIF image"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "a WebP image"),
        (b"\x7fELF\x02\x01\x01\x00", "an executable program (ELF)"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "a Windows program"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "a legacy Microsoft Office file"),
        (b"{\\rtf1\\ansi Hello}", "an RTF document"),
    ],
)
def test_binary_formats_are_named_whatever_the_extension(data, what):
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(data, name="upload.txt")
    message = str(err.value)
    assert what in message
    assert ACCEPTED in message
    assert "upload.txt" in message


def test_zip_that_is_not_docx_is_named():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("a.txt", "hello")
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(buf.getvalue(), name="bundle.txt")
    assert "is a ZIP archive" in str(err.value)


def test_odt_is_named():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        z.writestr("content.xml", "<x/>")
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(buf.getvalue(), name="letter.odt")
    assert "OpenDocument text file" in str(err.value)


def test_nul_bytes_in_supposed_text_are_refused():
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(b"abc\x00\x01\x02\xff\x00def" * 20, name="data.txt")
    assert "binary file (it contains NUL bytes)" in str(err.value)


def test_unsupported_extension_with_text_content_is_refused():
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(b"looks like text", name="scan.pdf")
    assert "a PDF file" in str(err.value)
    assert ACCEPTED in str(err.value)


# --- sizes, emptiness, paths --------------------------------------------------------


def test_too_many_bytes_is_refused_before_decoding():
    with pytest.raises(TooLargeError) as err:
        read_bytes(b"x" * 2049, name="big.txt", max_bytes=2048)
    assert "big.txt" in str(err.value)
    assert "largest file accepted is 0.0 MB" in str(err.value)


def test_read_path_checks_size_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"y" * 5000)
    with pytest.raises(TooLargeError):
        read_path(path, max_bytes=4000)


def test_too_many_characters_is_refused(monkeypatch):
    monkeypatch.setattr(config, "MAX_CHARS", 100)
    with pytest.raises(TooLargeError) as err:
        read_bytes(b"word " * 50, name="long.txt")
    assert "249 characters" in str(err.value)  # trailing space stripped
    assert "100" in str(err.value)


def test_too_many_segments_is_refused(monkeypatch):
    monkeypatch.setattr(config, "MAX_SEGMENTS", 10)
    with pytest.raises(TooLargeError) as err:
        load_document(b"\n".join(b"line %d" % i for i in range(11)), name="lines.txt")
    assert "11 paragraphs" in str(err.value)


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n ", "\ufeff\u200b\n".encode()])
def test_empty_or_invisible_text_is_empty(data):
    with pytest.raises(EmptyDocumentError) as err:
        read_bytes(data, name="blank.txt")
    assert "blank.txt" in str(err.value)


def test_read_path_missing_and_folder(tmp_path):
    with pytest.raises(InputError, match="No file at"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_path(tmp_path)


def test_load_document_from_path_and_bytes_agree(tmp_path):
    text = "Title line\n\nA paragraph. Two sentences here.\n"
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    from_path = load_document(path)
    from_bytes = load_document(text.encode(), name="doc.txt")
    assert from_path.sha256 == from_bytes.sha256
    assert from_path.name == "doc.txt"
    assert [s.text for s in from_path.sentences] == [
        "Title line",
        "A paragraph.",
        "Two sentences here.",
    ]


def test_load_document_bytes_need_a_name():
    with pytest.raises(ValueError, match="needs name="):
        load_document(b"hello")


def test_docx_whose_document_unpacks_too_large_is_refused(monkeypatch):
    from workbench.text import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_DOCUMENT_XML_BYTES", 100)
    with pytest.raises(TooLargeError) as err:
        read_bytes(make_docx(lambda d: d.add_paragraph("Hello world.")), name="bomb.docx")
    assert "bomb.docx" in str(err.value)
    assert "unpacks to" in str(err.value)


def test_html_tables_and_preformatted_text():
    page = (
        "<table><tr><th>Name</th><td>Value one</td></tr></table>"
        "<pre>line  one\n  line two</pre><p>After.</p>"
    )
    got = read_bytes(page.encode(), name="t.html")
    assert got.text == "Name\n\nValue one\n\nline one\nline two\n\nAfter."


def test_crlf_markdown_is_normalised():
    got = read_bytes(b"# Head\r\n\r\nBody line.\r\n", name="w.md")
    assert got.text == "# Head\n\nBody line.\n"
