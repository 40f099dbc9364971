"""Hostile inputs found by an adversarial probe: ZIP bombs in any .docx part (declared and
forged sizes), UTF-8 with encoded surrogates, and over-size pre-segmented align inputs.

The bomb tests shrink the caps with monkeypatch so they stay small and fast;
``scripts/bench_hostile.py`` measures the real 1 GB cases (time and peak memory).
"""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile
from pathlib import Path

import docx
import pytest

from workbench import config
from workbench.cli import main
from workbench.errors import EncodingError, TooLargeError, UnsupportedFormatError
from workbench.text import docx as docx_reader
from workbench.text import read_bytes

MIB = 1024 * 1024


# --- .docx parts -----------------------------------------------------------------------------


def _docx(text: str = "Hello world.") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _replace_parts(data: bytes, parts: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED):
    """A copy of the .docx ``data`` with ``parts`` replaced or added (compressed by ``method``)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            if info.filename not in parts:
                out.writestr(info, src.read(info.filename))
        for name, content in parts.items():
            out.writestr(name, content, compress_type=method)
    return buf.getvalue()


def _padded_styles(data: bytes, size: int) -> bytes:
    """The package's own styles.xml, still valid XML, padded with whitespace to ``size`` bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        styles = src.read("word/styles.xml")
    return styles + b" " * (size - len(styles))


def _forge_declared_size(data: bytes, part: str, size: int) -> bytes:
    """``data`` with the uncompressed size of ``part`` replaced by ``size`` in both headers.

    The compressed bytes and the CRC stay those of the real content, so only the declared
    size lies (local header: offset 22; central directory entry: offset 24).
    """
    raw = bytearray(data)
    eocd = raw.rindex(b"PK\x05\x06")
    entries, cd_offset = (
        struct.unpack_from("<H4xI", raw, eocd + 10)[0],
        struct.unpack_from("<I", raw, eocd + 16)[0],
    )
    pos, patched = cd_offset, 0
    for _ in range(entries):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", raw, pos + 28)
        name = bytes(raw[pos + 46 : pos + 46 + name_len]).decode()
        if name == part:
            local = struct.unpack_from("<I", raw, pos + 42)[0]
            struct.pack_into("<I", raw, pos + 24, size)
            struct.pack_into("<I", raw, local + 22, size)
            patched += 1
        pos += 46 + name_len + extra_len + comment_len
    assert patched == 1, f"{part} not found in the package"
    return bytes(raw)


@pytest.fixture()
def small_caps(monkeypatch: pytest.MonkeyPatch) -> tuple[int, int]:
    """Caps of 1 MiB per part and 3 MiB in all, so bombs in tests stay small."""
    # raising=False: the tests must run (and fail) on code that has no such caps yet
    monkeypatch.setattr(docx_reader, "MAX_PART_BYTES", MIB, raising=False)
    monkeypatch.setattr(docx_reader, "MAX_DOCUMENT_XML_BYTES", MIB)
    monkeypatch.setattr(docx_reader, "MAX_OTHER_XML_BYTES", MIB, raising=False)
    monkeypatch.setattr(docx_reader, "MAX_TOTAL_BYTES", 3 * MIB, raising=False)
    return MIB, 3 * MIB


def test_docx_styles_part_declared_over_the_part_cap_is_refused(small_caps):
    good = _docx()
    bomb = _replace_parts(good, {"word/styles.xml": _padded_styles(good, 2 * MIB)})
    with pytest.raises(TooLargeError) as err:
        read_bytes(bomb, name="report.docx")
    message = err.value.message
    assert message.startswith("“report.docx” unpacks to ")
    assert "(part word/styles.xml)" in message
    assert "the largest accepted is 1.0 MB per part" in message


def test_docx_parts_over_the_total_cap_are_refused(small_caps):
    part_cap, total_cap = small_caps
    good = _docx()
    # four media parts, each under the part cap, together over the total cap
    media = {f"word/media/blob{k}.bin": b"\0" * (part_cap - 1) for k in range(4)}
    bomb = _replace_parts(good, media)
    with pytest.raises(TooLargeError) as err:
        read_bytes(bomb, name="album.docx")
    assert err.value.message.startswith("“album.docx” unpacks to ")
    assert "in all" in err.value.message
    assert f"{total_cap / MIB:.1f} MB in all" in err.value.message


def test_docx_part_with_a_forged_small_size_is_refused_by_what_it_inflates_to(small_caps):
    good = _docx()
    honest = _replace_parts(good, {"word/styles.xml": _padded_styles(good, 4 * MIB)})
    forged = _forge_declared_size(honest, "word/styles.xml", 5000)
    with zipfile.ZipFile(io.BytesIO(forged)) as archive:
        assert archive.getinfo("word/styles.xml").file_size == 5000  # the header lies
    with pytest.raises(TooLargeError) as err:
        read_bytes(forged, name="forged.docx")
    assert err.value.message.startswith("“forged.docx” unpacks to more than 1.0 MB ")
    assert "(part word/styles.xml)" in err.value.message


def test_docx_forged_size_under_the_caps_is_a_damaged_package(small_caps):
    good = _docx()
    honest = _replace_parts(good, {"word/styles.xml": _padded_styles(good, MIB // 2)})
    forged = _forge_declared_size(honest, "word/styles.xml", 5000)
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(forged, name="forged.docx")
    assert "the ZIP package is damaged" in err.value.message
    assert "word/styles.xml" in err.value.message


def test_docx_part_compressed_with_bzip2_is_refused():
    # bzip2 packs 1 GB of zeros into under 1 KB and cannot be inflated in bounded steps
    good = _docx()
    odd = _replace_parts(good, {"word/styles.xml": _padded_styles(good, 10_000)}, method=12)
    with pytest.raises(UnsupportedFormatError) as err:
        read_bytes(odd, name="odd.docx")
    assert "“odd.docx” is not a valid Word (.docx) document" in err.value.message
    assert "word/styles.xml" in err.value.message


def test_docx_with_a_large_incompressible_image_still_reads():
    # photos barely inflate: a docx near the upload limit must stay under the real caps
    image = random.Random(3).randbytes(8 * MIB)
    document = _replace_parts(_docx("A caption."), {"word/media/photo.bin": image})
    assert len(document) > 8 * MIB
    assert read_bytes(document, name="photos.docx").text == "A caption."


def test_every_part_of_a_real_docx_passes_the_real_caps():
    data = _docx("One paragraph.")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        total = sum(info.file_size for info in archive.infolist())
    assert total < docx_reader.MAX_TOTAL_BYTES
    assert read_bytes(data, name="plain.docx").text == "One paragraph."


# --- encoded surrogates ----------------------------------------------------------------------


def test_a_lone_encoded_surrogate_is_not_read_as_cp1251():
    with pytest.raises(EncodingError) as err:
        read_bytes(b"\xed\xa0\x80", name="s.txt")
    message = err.value.message
    assert message.startswith("“s.txt” is not valid UTF-8")
    assert "encoded surrogates" in message
    assert "“ED A0 80” at byte 0" in message
    assert "Re-save it as UTF-8" in message


_MINUTES = (
    b"The committee met on Tuesday to discuss the budget for the coming year. "
    b"Several members asked for more detail %s on the transport costs, "
    b"and the chair promised a written answer before the next meeting."
)


@pytest.mark.parametrize(
    ("sequence", "shown"),
    [
        (b"\xed\xa0\x80", "ED A0 80"),  # was read silently as cp1252 ("í €")
        (b"\xed\xb3\xbf", "ED B3 BF"),  # was blamed on an ambiguous legacy encoding
    ],
)
def test_english_text_with_one_encoded_surrogate_is_refused(sequence, shown):
    data = _MINUTES % sequence
    offset = data.index(sequence)
    with pytest.raises(EncodingError) as err:
        read_bytes(data, name="minutes.txt")
    assert err.value.message.startswith("“minutes.txt” is not valid UTF-8")
    assert "encoded surrogates" in err.value.message
    assert f"“{shown}” at byte {offset}" in err.value.message


def test_cesu8_emoji_in_utf8_text_is_refused():
    # CESU-8 writes U+1F600 as two encoded surrogates instead of F0 9F 98 80;
    # this text was read silently as GB18030 mojibake
    data = _MINUTES % b"\xed\xa0\xbd\xed\xb8\x80"
    offset = data.index(b"\xed")
    with pytest.raises(EncodingError) as err:
        read_bytes(data, name="chat.txt")
    assert f"“ED A0 BD” at byte {offset}" in err.value.message


# --- align --presegmented --------------------------------------------------------------------


def _lines_file(path: Path, docs: list[list[str]]) -> Path:
    path.write_text("\n.EOA\n".join("\n".join(d) for d in docs) + "\n", encoding="utf-8")
    return path


def _pair(tmp_path: Path, docs: list[list[str]]) -> tuple[Path, Path]:
    return _lines_file(tmp_path / "orig.txt", docs), _lines_file(tmp_path / "trans.txt", docs)


def _megabytes(n: int) -> str:
    return f"{n / MIB:.1f} MB"


def test_presegmented_file_over_the_upload_limit_is_refused_unread(tmp_path, capsys):
    big = tmp_path / "big.txt"
    size = config.MAX_UPLOAD_BYTES + 1
    with big.open("wb") as handle:  # sparse: no time spent writing 20 MB
        handle.seek(size - 1)
        handle.write(b"\n")
    _, trans = _pair(tmp_path, [["One line."]])
    assert main(["align", str(big), str(trans), "--presegmented"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"workbench: Document too large: “big.txt” is {_megabytes(size)}; "
        f"the largest file accepted is {_megabytes(config.MAX_UPLOAD_BYTES)}.\n"
    )


def test_presegmented_limit_is_read_at_call_time(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(config, "MAX_UPLOAD_BYTES", MIB)
    orig, trans = _pair(tmp_path, [["A short line."]])
    pivot = tmp_path / "pivot.txt"
    pivot.write_text("word\n" * (MIB // 5 + 1), encoding="utf-8")
    assert main(["align", str(orig), str(trans), "--presegmented", "--pivot", str(pivot)]) == 2
    err = capsys.readouterr().err
    size = pivot.stat().st_size
    assert err == (
        f"workbench: Document too large: “pivot.txt” is {_megabytes(size)}; "
        "the largest file accepted is 1.0 MB.\n"
    )


def test_presegmented_too_many_characters(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(config, "MAX_CHARS", 60)
    lines = ["Thirty characters in this one.", "And thirty more in this one..."]
    orig = _lines_file(tmp_path / "orig.txt", [lines])
    trans = _lines_file(tmp_path / "trans.txt", [["Short."]])
    chars = len(orig.read_text(encoding="utf-8"))
    assert chars > 60
    assert main(["align", str(orig), str(trans), "--presegmented"]) == 2
    assert capsys.readouterr().err == (
        f"workbench: Document too large: “orig.txt” has {chars:,} characters of text; "
        "the most accepted is 60.\n"
    )


def test_presegmented_too_many_lines_counts_every_document(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(config, "MAX_SEGMENTS", 5)
    # three documents of two lines: no single document is over the limit, the file is
    docs = [[f"Line {d}.{k} of the text." for k in range(2)] for d in range(3)]
    orig, trans = _pair(tmp_path, docs)
    assert main(["align", str(orig), str(trans), "--presegmented"]) == 2
    assert capsys.readouterr().err == (
        "workbench: Document too large: “orig.txt” has 6 lines in all its documents; "
        "the most accepted is 5.\n"
    )


def test_presegmented_at_the_line_limit_still_aligns(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(config, "MAX_SEGMENTS", 5)
    # five units in two documents: the .EOA separator is not a unit
    docs = [["First line here.", "Second line here."], ["Third.", "Fourth.", "Fifth."]]
    orig, trans = _pair(tmp_path, docs)
    assert main(["align", str(orig), str(trans), "--presegmented"]) == 0
    assert capsys.readouterr().out == "[0]:[0]\n[1]:[1]\n.EOA\n[0]:[0]\n[1]:[1]\n[2]:[2]\n"


def test_presegmented_crlf_and_blank_lines_keep_their_line_numbers(tmp_path, capsys):
    lines = ["Première ligne du texte.", "", "Troisième ligne, après un blanc."]
    orig = tmp_path / "orig.txt"
    orig.write_bytes("\r\n".join(lines).encode() + b"\r\n")  # CRLF, as Windows saves it
    trans = tmp_path / "trans.txt"
    trans.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["align", str(orig), str(trans), "--presegmented"]) == 0
    crlf = capsys.readouterr().out
    # the same lines with LF endings on both sides give the same beads
    orig.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["align", str(orig), str(trans), "--presegmented"]) == 0
    assert crlf == capsys.readouterr().out
    assert crlf.endswith("[2]:[2]\n")  # three units: the blank line is one of them


def test_docx_with_too_many_paragraph_elements_is_refused_before_parsing(monkeypatch):
    """Millions of empty paragraphs pack into a few hundred kilobytes and take minutes."""
    monkeypatch.setattr(docx_reader, "MAX_WORD_PARAGRAPHS", 1000)
    good = _docx()
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        body = archive.read("word/document.xml")
    # a namespace prefix other than "w" must not slip past the count
    empties = b"<x:p/>" * 600 + b'<w:p w:rsidR="1"/>' * 600
    crowded = body.replace(b"</w:body>", empties + b"</w:body>").replace(
        b"<w:document ",
        b'<w:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ',
        1,
    )
    bomb = _replace_parts(good, {"word/document.xml": crowded})
    with pytest.raises(TooLargeError, match="holds more than 1,000 paragraphs"):
        read_bytes(bomb, name="empty-paragraphs.docx")


def test_headings_are_found_through_style_names_read_once():
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_heading("Chapter one", level=1)
    word.add_paragraph("Body text.")
    word.add_heading("A section", level=2)
    out = io.BytesIO()
    word.save(out)
    text = read_bytes(out.getvalue(), name="styled.docx").text
    assert text.split("\n\n") == ["# Chapter one", "Body text.", "## A section"]


def test_a_file_name_that_is_not_utf8_is_read_shown_and_stored(tmp_path, capsys):
    """The operating system hands such a name over with lone surrogates, which no UTF-8
    writer accepts: the document's name must carry U+FFFD instead."""
    folder = os.fsencode(tmp_path)
    odd = os.path.join(folder, b"caf\xe9-notes.txt")  # a cp1252 name on a UTF-8 system
    with open(odd, "wb") as handle:
        handle.write(b"One paragraph.\n\nAnother one.")
    path = Path(os.fsdecode(odd))
    from workbench.text import load_document

    doc = load_document(path)
    assert doc.name == "caf\ufffd-notes.txt"
    out = tmp_path / "r.csv"
    assert main(["reconcile", str(path), str(path), "-o", str(out)]) == 0
    from workbench.store import load_review

    assert load_review(out).meta.original_name == "caf\ufffd-notes.txt"
