"""Bad input, row by row of docs/bad-input.md: what the library raises, what the CLI prints,
what the app shows; and that no failing operation changes a saved file.

The app is driven headless with Streamlit's AppTest (uploads included). Every app test
starts with a saved, annotated project open (``?project=saved``) and ends by checking
that the alignments folder holds exactly the bytes it held before, unless the row says
a new file is written.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from pathlib import Path

import pytest
from app_steps import PASTE, UPLOAD, open_card, open_tab, row_ids, start_app
from streamlit.testing.v1 import AppTest

from workbench import config, store
from workbench.align import align
from workbench.cli import main
from workbench.diff import analyse
from workbench.errors import (
    AlignmentFileError,
    EmptyDocumentError,
    EncodingError,
    InputError,
    ProjectNameError,
    TooLargeError,
    UnsupportedFormatError,
)
from workbench.export import to_csv
from workbench.model import Annotation
from workbench.review import build_review
from workbench.text import load_document, read_bytes

ORIGINAL = "\n\n".join(
    [
        "The harbour of Lindholm was built in 1871 by the merchant Jonas Berg.",
        "Every spring the fishing fleet left at dawn and came back after three weeks at sea.",
        "The old lighthouse keeper wrote down the weather twice a day in a blue notebook.",
        "In 1903 a storm destroyed the northern pier and twelve boats were lost.",
        "The village rebuilt the pier with stone brought from the quarry at Kvarnby.",
        "Today the harbour is a museum, and the notebook is shown in its main hall.",
    ]
)
# One number changed and the lighthouse keeper's paragraph left out.
TRANSLATION = "\n\n".join(
    p.replace("1871", "1881")
    for i, p in enumerate(ORIGINAL.split("\n\n"))
    if i != 2  # noqa: PLR2004 - the omitted paragraph
)
OTHER_ORIGINAL = "\n\n".join(
    [
        "A fox lived at the edge of the forest, near the old mill by the river.",
        "Each winter it crossed the frozen river to hunt on the other bank.",
        "One year the ice broke, and the miller pulled the fox out of the water.",
    ]
)


def _zip(names: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for name, data in names.items():
            archive.writestr(name, data)
    return buf.getvalue()


def _random_bytes(seed: int, size: int = 3000) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


UTF8_PART = ("Héllo wörld, ça va très bien, naïve café.\n\n" * 3).encode("utf-8")

#: (row id, file name, content, error class, what the message says)
INGEST_ERRORS = [
    ("empty", "empty.txt", b"", EmptyDocumentError, "is empty (it contains no text)"),
    ("whitespace", "blank.txt", b" \n\t\r\n   \n", EmptyDocumentError, "is empty"),
    ("nul-bytes", "data.txt", bytes(range(256)) * 4, UnsupportedFormatError, "binary file"),
    ("pdf", "paper.pdf", b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n", UnsupportedFormatError, "PDF"),
    ("pdf-named-txt", "paper.txt", b"%PDF-1.4\n%\xe2\xe3\n", UnsupportedFormatError, "PDF"),
    ("zip", "texts.zip", _zip({"a.txt": b"hello"}), UnsupportedFormatError, "a ZIP archive"),
    (
        "zip-named-docx",
        "essay.docx",
        _zip({"a.txt": b"hello"}),
        UnsupportedFormatError,
        "a ZIP archive",
    ),
    ("png", "scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, UnsupportedFormatError, "PNG image"),
    (
        "jpeg-named-txt",
        "photo.txt",
        b"\xff\xd8\xff\xe0\x00\x10JFIF" + b"\x00" * 64,
        UnsupportedFormatError,
        "JPEG image",
    ),
    (
        "html-only-markup",
        "page.html",
        b"<html><head><script>var x = 1;</script></head><body> </body></html>",
        EmptyDocumentError,
        "only markup, no visible text",
    ),
    ("undecodable", "random.txt", _random_bytes(0), EncodingError, "Cannot tell the text encoding"),
    (
        "utf8-with-cp1252-part",
        "mixed.txt",
        UTF8_PART + "Café résumé".encode("cp1252"),
        EncodingError,
        # three é in cp1252, the first right after "Caf"
        f"is mostly UTF-8 but has 3 invalid byte sequence(s), the first at byte "
        f"{len(UTF8_PART) + 3}",
    ),
    (
        "cp1252-with-utf8-part",
        "mixed2.txt",
        "The café was closed. ".encode("cp1252") + "The naïve waiter smiled.".encode(),
        EncodingError,
        "mixes encodings: it reads as cp1252 but also holds UTF-8 text (e.g. “ï” at byte 27)",
    ),
    (
        "bogus-byte-order-mark",
        "odd.txt",
        b"\xff\xfe\xfd" * 300,
        EncodingError,
        "starts with a UTF-16 byte-order mark but is not valid UTF-16",
    ),
]
INGEST_IDS = [case[0] for case in INGEST_ERRORS]

CP1252_TEXT = "Café “quoted” naïve résumé — it’s fine.\n\nThe second paragraph’s text, 12 €."


# --- helpers -----------------------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _unescape(text: str) -> str:
    """A banner's text without the backslashes that keep markdown from interpreting it."""
    return re.sub(r"\\(.)", r"\1", text).replace("  \n", "\n")


def _errors(at: AppTest) -> list[str]:
    """Error banners as "Title — message" (the bold markers of the title dropped)."""
    return [_unescape(e.value).replace("**", "") for e in at.error]


def _warnings(at: AppTest) -> list[str]:
    return [_unescape(w.value) for w in at.warning]


def _captions(at: AppTest) -> list[str]:
    return [_unescape(c.value) for c in at.caption]


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every saved file in ``folder`` (lock files aside) with its bytes."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and not p.name.endswith(".lock")
    }


def _rows(at: AppTest) -> list[str]:
    return row_ids(at)


def _review_file(folder: Path, project: str, original: str, translation: str) -> Path:
    """Align and save a review of two texts with one annotated pair, as the app would."""
    o = load_document(original.encode("utf-8"), name="original.txt")
    t = load_document(translation.encode("utf-8"), name="translation.txt")
    alignment = align(o, t)
    review = build_review(alignment, analyse(alignment), project=project)
    path = store.save_review(review, root=folder)
    first = review.pairs[0].pair_id
    store.save_annotation(
        path, first, Annotation(status="major issue", comment="kept", reviewer="Ana")
    )
    return path


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The app's alignments folder, holding the saved project "saved"."""
    path = tmp_path / "alignments"
    path.mkdir()
    monkeypatch.setenv("WORKBENCH_ALIGNMENTS_DIR", str(path))
    _review_file(path, "saved", ORIGINAL, TRANSLATION)
    return path


def _app(*, project: str | None = "saved") -> AppTest:
    at = start_app(project=project)
    at.sidebar.text_input(key="reviewer").set_value("Ana").run()  # annotations name who
    return at


def _upload(at: AppTest, side: str, name: str, data: bytes) -> None:
    if side == "translation":
        at.sidebar.radio(key="translation_source").set_value(UPLOAD).run()
    widget = next(w for w in at.sidebar.get("file_uploader") if w.key == f"{side}_file")
    widget.set_value((name, data, "application/octet-stream")).run()
    assert not at.exception


def _paste(at: AppTest, side: str, text: str) -> None:
    at.sidebar.radio(key=f"{side}_source").set_value(PASTE).run()
    at.sidebar.text_area(key=f"{side}_text").set_value(text).run()
    assert not at.exception


# --- documents that cannot be read ---------------------------------------------------------


@pytest.mark.parametrize(("case", "name", "data", "error", "says"), INGEST_ERRORS, ids=INGEST_IDS)
def test_library_refuses_with_a_typed_error(case, name, data, error, says):
    with pytest.raises(error) as info:
        load_document(data, name=name)
    assert type(info.value) is error
    assert says in info.value.message
    assert f"“{name}”" in info.value.message


@pytest.mark.parametrize(("case", "name", "data", "error", "says"), INGEST_ERRORS, ids=INGEST_IDS)
def test_cli_prints_one_line_and_exits_2(case, name, data, error, says, tmp_path, capsys):
    path = tmp_path / name
    path.write_bytes(data)
    good = tmp_path / "good.txt"
    good.write_text(ORIGINAL, encoding="utf-8")
    for argv in (["segment", str(path)], ["align", str(good), str(path)]):
        code, out, err = _cli(capsys, *argv)
        assert code == 2
        assert out == ""
        assert err.startswith(f"workbench: {error.title}: ")
        assert f"“{name}”" in err
        assert says in err
        assert "Traceback" not in err and err.count("\n") == 1


@pytest.mark.parametrize(("case", "name", "data", "error", "says"), INGEST_ERRORS, ids=INGEST_IDS)
def test_app_shows_the_error_next_to_the_upload(case, name, data, error, says, folder):
    before = _snapshot(folder)
    at = _app()
    opened = _rows(at)
    assert opened, "the saved project should be open"
    _upload(at, "original", name, data)
    errors = _errors(at)
    assert any(
        e.startswith(f"{error.title} — ") and f"“{name}”" in e and says in e for e in errors
    ), errors
    assert at.sidebar.button(key="align").disabled
    # the open review is still there, and its file is untouched
    assert _rows(at) == opened
    assert _snapshot(folder) == before


def test_app_upload_error_on_the_translation_side(folder):
    before = _snapshot(folder)
    at = _app()
    _upload(at, "translation", "scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert any(
        e.startswith("Unsupported file format — “scan.png” is a PNG image") for e in _errors(at)
    )
    assert at.sidebar.button(key="align").disabled
    assert _snapshot(folder) == before


def test_pasting_only_whitespace_asks_for_text_without_an_error(folder):
    at = _app(project=None)
    _paste(at, "original", "   \n\n\t  ")
    assert not at.error
    assert at.sidebar.button(key="align").disabled
    assert any("Upload or paste the original to start" in i.value for i in at.info)


# --- encodings that are fine ----------------------------------------------------------------


def test_cp1252_named_txt_is_decoded(tmp_path, capsys, folder):
    data = CP1252_TEXT.encode("cp1252")
    doc = load_document(data, name="legacy.txt")
    assert (doc.encoding, doc.text) == ("cp1252", CP1252_TEXT)
    path = tmp_path / "legacy.txt"
    path.write_bytes(data)
    code, out, err = _cli(capsys, "segment", "--json", str(path))
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert payload["encoding"] == "cp1252"
    assert [s["text"] for s in payload["segments"]] == CP1252_TEXT.split("\n\n")
    at = _app(project=None)
    _upload(at, "original", "legacy.txt", data)
    assert not at.error
    assert "✓ legacy.txt: 2 paragraphs, 2 sentences, language en, cp1252" in _captions(at)


# --- size limit -------------------------------------------------------------------------------


def test_over_the_size_limit(tmp_path, capsys, folder):
    limit = config.MAX_UPLOAD_BYTES
    with pytest.raises(TooLargeError) as info:
        read_bytes(b"a" * (limit + 1), name="huge.txt")
    assert info.value.message == "“huge.txt” is 20.0 MB; the largest file accepted is 20.0 MB."
    # the CLI checks the size before reading (a sparse file of limit + 1 bytes)
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(limit + 1)
    code, out, err = _cli(capsys, "segment", str(path))
    assert code == 2 and out == ""
    assert err == f"workbench: Document too large: {info.value.message}\n"
    before = _snapshot(folder)
    at = _app()
    _upload(at, "original", "huge.txt", b"a" * (limit + 1))
    assert any(e == f"Document too large — {info.value.message}" for e in _errors(at))
    assert _snapshot(folder) == before


# --- texts that load but are suspicious ---------------------------------------------------------


def test_same_file_as_both_sides_gives_identical_pairs(tmp_path, capsys, folder):
    doc = load_document(ORIGINAL.encode("utf-8"), name="a.txt")
    alignment = align(doc, doc)
    assert [b.kind for b in alignment.beads] == ["1:1"] * len(doc)
    assert {d.band for d in analyse(alignment)} == {"identical"}
    path = tmp_path / "a.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    code, out, err = _cli(capsys, "align", str(path), str(path))
    assert (code, err) == (0, "")
    assert out == "".join(f"[{i}]:[{i}]\n" for i in range(len(doc)))
    at = _app(project=None)
    _paste(at, "original", ORIGINAL)
    _paste(at, "translation", ORIGINAL)
    at.sidebar.text_input(key="project").set_value("twice").run()
    at.sidebar.button(key="align").click().run()
    assert not at.exception and not at.error
    assert any("the same text" in w for w in _warnings(at)), _warnings(at)
    review = store.load_review(folder / "twice.csv")
    assert {p.band for p in review.pairs} == {"identical"}
    assert len(_rows(at)) == len(doc)


def test_original_and_translation_swapped(folder):
    o = load_document(ORIGINAL.encode("utf-8"), name="original.txt")
    t = load_document(TRANSLATION.encode("utf-8"), name="translation.txt")
    forward = align(o, t)
    backward = align(t, o)
    # the left-out paragraph is an omission one way and an addition the other way
    assert "P3=-" in [forward.pair_id(b) for b in forward.beads]
    assert "-=P3" in [backward.pair_id(b) for b in backward.beads]
    # resuming "saved" with the two texts swapped in the sidebar: a warning names both
    at = _app()
    _paste(at, "original", TRANSLATION)
    _paste(at, "translation", ORIGINAL)
    warnings = _warnings(at)
    assert any(
        "made from other texts than those loaded" in w
        and "the original now loaded (pasted-original.txt) is not “original.txt”" in w
        and "the translation now loaded (pasted-translation.txt) is not “translation.txt”" in w
        for w in warnings
    ), warnings


# --- alignment files ---------------------------------------------------------------------------


def test_csv_of_other_texts_is_opened_with_a_warning_and_never_overwritten(folder):
    before = _snapshot(folder)
    at = _app(project=None)
    _paste(at, "original", OTHER_ORIGINAL)
    _paste(at, "translation", OTHER_ORIGINAL)
    # resume: the Projects list opens the file; the sidebar's texts are other ones
    open_tab(at, "Projects").button(key="open_saved").click().run()
    assert not at.exception and not at.error
    assert _rows(at) == [p.pair_id for p in store.load_review(folder / "saved.csv").pairs]
    assert any("made from other texts than those loaded" in w for w in _warnings(at))
    # aligning the other texts under the same project name is refused
    at.sidebar.text_input(key="project").set_value("saved").run()
    at.sidebar.button(key="align").click().run()
    assert not at.exception
    assert any(
        e.startswith("Review file in use — The project “saved” (saved.csv) already holds")
        for e in _errors(at)
    )
    assert _snapshot(folder) == before


def _broken_files(folder: Path) -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, what the error says) for damaged copies of saved.csv."""
    good = (folder / "saved.csv").read_bytes()
    cut = good[: len(good) * 2 // 3]
    text = good.decode("utf-8")
    header, first = text.split("\r\n", 2)[:2]
    newer = text.replace("\r\n1,", "\r\n99,") if first.startswith("1,") else None
    if newer is None:  # format_version is not the first column: rewrite it via csv
        import csv

        rows = list(csv.reader(io.StringIO(text, newline="")))
        col = rows[0].index("format_version")
        for row in rows[1:]:
            row[col] = "99"
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\r\n").writerows(rows)
        newer = buf.getvalue()
    return {
        "truncated": (cut, "the file may be truncated"),
        "garbage": (b"\x00\x01\x02 not a csv \xff", "is not an alignment CSV"),
        "newer": (newer.encode("utf-8"), "newer than this workbench can read"),
    }


@pytest.mark.parametrize("kind", ["truncated", "garbage", "newer"])
def test_damaged_or_newer_csv_library_and_cli(kind, folder, capsys):
    data, says = _broken_files(folder)[kind]
    path = folder / f"{kind}.csv"
    path.write_bytes(data)
    before = _snapshot(folder)
    with pytest.raises(AlignmentFileError) as info:
        store.load_review(path)
    assert says in info.value.message
    # saving into it is refused too (an annotation needs the file's pairs)
    with pytest.raises(AlignmentFileError):
        store.save_annotation(path, "P1=P1", Annotation(status="ok"))
    for argv in (["report", str(path)], ["export", str(path), "--format", "json"]):
        code, out, err = _cli(capsys, *argv)
        assert code == 2 and out == ""
        assert err == f"workbench: Alignment file problem: {info.value.message}\n"
    assert _snapshot(folder) == before  # nothing written, no export file made


@pytest.mark.parametrize("kind", ["truncated", "garbage", "newer"])
def test_damaged_or_newer_csv_in_the_app(kind, folder):
    data, says = _broken_files(folder)[kind]
    (folder / f"{kind}.csv").write_bytes(data)
    before = _snapshot(folder)
    # reopened from the URL (a reloaded page): an error, and the review is not opened
    at = _app(project=kind)
    assert _rows(at) == []
    assert "project" not in at.query_params
    # the Projects list says what is wrong, names the skipped file, lists the good one
    open_tab(at, "Projects")
    assert any(e.startswith("Alignment file problem") and says in e for e in _errors(at))
    assert f"(skipped {kind}.csv)" in _captions(at)
    assert any(b.key == "open_saved" for b in at.button)
    # aligning new texts under that project name does not replace the damaged file
    _paste(at, "original", ORIGINAL)
    _paste(at, "translation", TRANSLATION)
    at.sidebar.text_input(key="project").set_value(kind).run()
    at.sidebar.button(key="align").click().run()
    assert not at.exception
    assert any(e.startswith("Alignment file problem") and says in e for e in _errors(at))
    assert _snapshot(folder) == before


def test_annotation_into_a_file_damaged_meanwhile_is_refused_in_the_row(folder):
    at = _app()
    pid = _rows(at)[1]
    path = folder / "saved.csv"
    damaged = path.read_bytes()[:-200]
    path.write_bytes(damaged)
    open_card(at, pid)  # an identical pair is a compact row until opened
    at.text_input(key=f"ann_comment_{pid}").set_value("should not be written").run()
    assert not at.exception
    assert any(e.startswith("Alignment file problem") for e in _errors(at))
    assert path.read_bytes() == damaged


# --- project names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../etc/passwd", "etc_passwd"),
        ("..\\..\\windows\\win.ini", "windows_win.ini"),
        ("/absolute/path", "absolute_path"),
        ("CON", "_CON"),
        ("notes.csv", "notes"),
    ],
)
def test_path_like_project_names_stay_in_the_folder(name, stem, tmp_path):
    root = tmp_path / "alignments"
    root.mkdir()
    path = store.project_path(name, root=root)
    assert path == (root / f"{stem}.csv").resolve()


@pytest.mark.parametrize("name", ["..", "/", "  ", "../..", "\u202e\u200b"])
def test_project_names_without_content_are_refused(name, tmp_path):
    with pytest.raises(ProjectNameError) as info:
        store.project_path(name, root=tmp_path)
    assert "cannot be used as a project name" in info.value.message


def test_app_path_traversal_project_name(folder, tmp_path):
    outside = tmp_path / "outside.csv"
    before = _snapshot(folder)
    at = _app(project=None)
    _paste(at, "original", ORIGINAL)
    _paste(at, "translation", TRANSLATION)
    at.sidebar.text_input(key="project").set_value("../outside").run()
    assert f"Saved as **outside.csv** in {folder.resolve()}" in _captions(at)
    at.sidebar.button(key="align").click().run()
    assert not at.exception and not at.error
    assert not outside.exists()
    after = _snapshot(folder)
    # the review and its history (docs/history.md), both inside the folder
    assert set(after) == set(before) | {"outside.csv", "outside.history.csv"}
    assert {k: v for k, v in after.items() if k in before} == before
    at.sidebar.text_input(key="project").set_value("..").run()
    assert any(e.startswith("Invalid project name — '..' cannot be used") for e in _errors(at))
    assert at.sidebar.button(key="align").disabled


def test_path_traversal_in_the_url_opens_nothing(folder, tmp_path):
    (tmp_path / "escape.csv").write_bytes((folder / "saved.csv").read_bytes())
    at = _app(project="../escape")
    assert not at.error
    assert _rows(at) == []  # escape.csv outside the folder is not opened
    assert "project" not in at.query_params


def test_read_path_of_a_folder_or_missing_file(tmp_path, capsys):
    for target, says in ((tmp_path, "is a folder, not a file"), (tmp_path / "no.txt", "No file")):
        with pytest.raises(InputError) as info:
            load_document(target)
        assert says in info.value.message
        code, _, err = _cli(capsys, "segment", str(target))
        assert code == 2 and says in err and "Traceback" not in err


def test_to_csv_of_the_saved_review_is_what_the_file_holds(folder):
    # guards the snapshot logic above: the fixture's file is a canonical record
    review = store.load_review(folder / "saved.csv")
    assert to_csv(review) == (folder / "saved.csv").read_bytes()
    assert review.pairs[0].annotation.comment == "kept"
