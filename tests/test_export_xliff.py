"""XLIFF out: 2.0 and 1.2, valid against OASIS's schemas, read back by translate-toolkit,
the review in notes, the CAT ids kept; export → XLIFF → import gives back the same pairs
and notes.

The schemas come from Debian's ``php-symfony-translation`` (``tests/xliff_schemas.py``);
without them the validation tests are skipped, or fail when
``WORKBENCH_REQUIRE_XLIFF_SCHEMAS=1`` (CI).
"""

from __future__ import annotations

import os

import pytest
import xliff_schemas
from bilingual_files import PAIRS, grouped_xliff12, xliff12, xliff20
from lxml import etree
from repo_paths import TEXTS_DIR
from translate.storage import xliff, xliff2

from workbench import session
from workbench.cli import main
from workbench.errors import ExportError
from workbench.export import export
from workbench.export.xliff import to_xliff
from workbench.model import Annotation, ErrorMark
from workbench.text import load_document
from workbench.text.bilingual import read_bilingual
from workbench.text.bilingual_formats import XLIFF_1, XLIFF_2
from workbench.text.segment import document_from_units


@pytest.fixture(scope="module")
def valid():
    """``valid(data, version)`` asserts ``data`` is valid XLIFF ``version`` per OASIS."""
    try:
        xliff_schemas.folder()
    except xliff_schemas.SchemasMissing as exc:
        if os.environ.get("WORKBENCH_REQUIRE_XLIFF_SCHEMAS") == "1":
            pytest.fail(f"WORKBENCH_REQUIRE_XLIFF_SCHEMAS=1 but {exc}")
        pytest.skip(str(exc))

    def check(data: bytes, version: str) -> None:
        assert xliff_schemas.errors(data, version=version) == []

    return check


@pytest.fixture
def reviewed(tmp_path):
    """A review of an XLIFF 1.2 file with a verdict, a comment and an error marked."""
    started = session.start_bilingual_review(xliff12(), name="a.xlf", path=tmp_path / "a.csv")
    text = started.review.by_id("P2=P2").translation_text
    start = text.index("5.300")
    mark = ErrorMark("Accuracy/Mistranslation", "major", "translation", start, start + 5, "5.300")
    session.save_annotation(
        started,
        "P2=P2",
        Annotation(
            status="major issue",
            category="Accuracy/Mistranslation",
            severity="major",
            comment="3,500 became 5.300.",
            reviewer="Ann",
            updated_at="2026-11-27T10:00:00.000Z",
            errors=(mark,),
        ),
    )
    session.save_annotation(
        started, "P1=P1", Annotation(status="ok", reviewer="Ann", updated_at="2026-11-27T10:01:00Z")
    )
    return session.open_review(tmp_path / "a.csv").review


def test_xliff_2_is_read_back_by_translate_toolkit_with_the_cat_ids(reviewed, valid):
    data = export(reviewed, "xliff")
    valid(data, "2.0")
    store = xliff2.Xliff2File.parsestring(data)
    assert [u.getid() for u in store.units] == ["seg-1", "seg-2", "seg-3"]
    assert [(u.source, u.target) for u in store.units] == PAIRS
    # translate-toolkit's getnotes() looks for <notes> inside the <segment>, where XLIFF 2.0
    # does not allow them; the export puts them in the <unit>, as the schema says
    unit = store.units[1].getunitelement()
    notes = "\n".join(unit.xpath("x:notes/x:note/text()", namespaces={"x": XLIFF_2}))
    assert "Check the price with the client." in notes  # the translator's note, kept
    assert "Review: major issue · Accuracy/Mistranslation · major — Ann" in notes
    assert "Comment: 3,500 became 5.300." in notes
    assert "Error: Accuracy/Mistranslation · major · “5.300” (translation)" in notes
    assert store.units[0].isapproved() and not store.units[1].isapproved()


def test_xliff_1_2_is_read_back_by_translate_toolkit(reviewed, valid):
    data = export(reviewed, "xliff", xliff_version="1.2")
    valid(data, "1.2")
    store = xliff.xlifffile.parsestring(data)
    # translate-toolkit prefixes a 1.2 id with its <file original> and U+0004
    assert [u.getid().split("\x04")[-1] for u in store.units] == ["seg-1", "seg-2", "seg-3"]
    assert [(u.source, u.target) for u in store.units] == PAIRS
    assert "Comment: 3,500 became 5.300." in store.units[1].getnotes(origin="workbench")
    assert "Check the price with the client." in store.units[1].getnotes()
    assert "Check the price" not in store.units[1].getnotes(origin="workbench")
    assert store.units[0].isapproved()


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_export_then_import_gives_back_the_same_pairs_and_notes(reviewed, version, tmp_path):
    data = to_xliff(reviewed, version=version)
    again = session.start_bilingual_review(data, name="back.xlf", path=tmp_path / "back.csv")
    review = again.review
    assert [p.pair_id for p in review.pairs] == [p.pair_id for p in reviewed.pairs]
    assert [(p.original_text, p.translation_text) for p in review.pairs] == [
        (p.original_text, p.translation_text) for p in reviewed.pairs
    ]
    for before, after in zip(reviewed.pairs, review.pairs, strict=True):
        assert [u.id for u in after.cat] == [u.id for u in before.cat]
        assert [u.notes for u in after.cat] == [u.notes for u in before.cat]
        assert after.annotation == before.annotation  # verdict, comment, errors
    # the workbench's own notes are not taken for the translator's
    assert all(not n.startswith("Review:") for p in review.pairs for u in p.cat for n in u.notes)


def test_a_plain_review_gets_the_reviews_own_ids(tmp_path, valid):
    original = document_from_units([a for a, _ in PAIRS] + ["Extra."], name="en.txt")
    translation = document_from_units([b for _, b in PAIRS], name="de.txt")
    review = session.start_review(original, translation, path=tmp_path / "p.csv").review
    data = to_xliff(review)
    valid(data, "2.0")
    ids = [u.getid() for u in xliff2.Xliff2File.parsestring(data).units]
    # P3=P3 is "P3"; a pair of several units or one side is its pair id as an NMTOKEN
    expected = [
        p.original_ids[0]
        if p.original_ids == p.translation_ids
        else p.pair_id.replace("=", "_").replace("+", ".")
        for p in review.pairs
    ]
    assert ids == expected and ids[:2] == ["P1", "P2"]
    units = read_bilingual(data, name="p.xlf").units
    assert [u.ids for u in units] == [(i,) for i in expected]
    valid(to_xliff(review, version="1.2"), "1.2")


def test_an_unlinked_unit_keeps_its_id_on_both_pairs_and_ids_stay_unique(tmp_path, valid):
    started = session.start_bilingual_review(xliff20(), name="b.xlf", path=tmp_path / "b.csv")
    unlinked = session.apply_correction(started, "unlink", 1)
    assert [p.pair_id for p in unlinked.review.pairs] == ["P1=P1", "P2=-", "-=P2", "P3=P3"]
    data = to_xliff(unlinked.review)
    valid(data, "2.0")
    units = read_bilingual(data, name="b.xlf").units
    assert [u.ids for u in units] == [("u1",), ("u2",), ("u2",), ("u3",)]
    assert [u.getid() for u in xliff2.Xliff2File.parsestring(data).units][2] == "u2_2"


def test_a_grouped_pair_keeps_all_its_cat_ids(tmp_path, valid):
    grouped = session.start_bilingual_review(
        grouped_xliff12(), name="g.xlf", path=tmp_path / "g.csv", group=True
    ).review
    data = to_xliff(grouped)
    valid(data, "2.0")
    units = read_bilingual(data, name="g.xlf").units
    assert units[0].ids == ("seg-1", "seg-2") and units[1].ids == ("seg-3",)


def test_unknown_versions_are_refused_and_the_cli_writes_both(reviewed, tmp_path, capsys, valid):
    with pytest.raises(ExportError, match="'3.0'"):
        to_xliff(reviewed, version="3.0")
    source = tmp_path / "a.csv"
    for version in ("2.0", "1.2"):
        out = tmp_path / f"a-{version}.xlf"
        argv = ["export", str(source), "--format", "xliff", "--xliff-version", version]
        assert main([*argv, "-o", str(out)]) == 0
        valid(out.read_bytes(), version)
    capsys.readouterr()


def test_text_xml_cannot_hold_is_replaced_not_written_raw(tmp_path, valid):
    original = document_from_units(["Bell\x07 here."], name="en.txt")
    translation = document_from_units(["Glocke hier."], name="de.txt")
    review = session.start_review(original, translation, path=tmp_path / "c.csv").review
    for version in ("2.0", "1.2"):
        data = to_xliff(review, version=version)
        assert b"\x07" not in data
        etree.fromstring(data)
        valid(data, version)


@pytest.mark.parametrize("version", ["2.0", "1.2"])
def test_the_demo_back_translation_review_with_errors_is_valid(version, tmp_path, valid):
    """The demo set's review: n:m pairs, 1:0 and 0:1 pairs, several errors on one pair."""
    demo = TEXTS_DIR / "demo"
    started = session.start_review(
        load_document(demo / "original.en.txt"),
        load_document(demo / "backtranslation.en.txt"),
        path=tmp_path / "demo.csv",
    )
    started = session.apply_correction(started, "unlink", 0)
    kinds = {p.kind for p in started.review.pairs}
    assert {"1:0", "0:1", "1:1"} <= kinds and kinds - {"1:0", "0:1", "1:1"}  # and an n:m
    pair = next(p for p in started.review.pairs if p.original_text and p.translation_text)
    text = pair.translation_text
    marks = tuple(
        ErrorMark(category, "minor", "translation", start, start + 4, text[start : start + 4])
        for category, start in (("Accuracy/Omission", 0), ("Linguistic conventions", 5))
    )
    session.save_annotation(
        started,
        pair.pair_id,
        Annotation(status="minor issue", reviewer="Ann & <Bo>", comment='a "quote"', errors=marks),
    )
    review = session.open_review(tmp_path / "demo.csv").review
    data = to_xliff(review, version=version)
    valid(data, version)
    again = read_bilingual(data, name="demo.xlf")
    assert len(again.units) == len(review.pairs)


def test_the_schema_catches_what_the_1_2_export_once_wrote_and_the_reader_still_reads_it(
    reviewed, tmp_path, valid
):
    """1.2 wants context-group names unique in the file: one name per unit ("workbench-ID").
    A file exported before, with every group named "workbench", fails the schema and is
    still read back with its review fields."""
    data = to_xliff(reviewed, version="1.2")
    root = etree.fromstring(data)
    groups = root.findall(f".//{{{XLIFF_1}}}context-group")
    assert [g.get("name") for g in groups] == [
        "workbench-seg-1",
        "workbench-seg-2",
        "workbench-seg-3",
    ]
    for group in groups:
        group.set("name", "workbench")
    old = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    assert "U_context-group_name" in " ".join(xliff_schemas.errors(old, version="1.2"))
    back = session.start_bilingual_review(old, name="old.xlf", path=tmp_path / "old.csv")
    assert [p.annotation for p in back.review.pairs] == [p.annotation for p in reviewed.pairs]
