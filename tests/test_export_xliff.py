"""XLIFF out: 2.0 and 1.2, read back by translate-toolkit, the review in notes, the CAT ids
kept; export → XLIFF → import gives back the same pairs and notes.

No XLIFF XSD ships with translate-toolkit or lxml (nor with any package on the registry
we checked), so the structure is checked with lxml against the rules of the XLIFF 1.2
and 2.0 schemas that these files touch: namespaces, required attributes, child order,
NMTOKEN and unique ids, state values.
"""

from __future__ import annotations

import re

import pytest
from bilingual_files import PAIRS, grouped_xliff12, xliff12, xliff20
from lxml import etree
from translate.storage import xliff, xliff2

from workbench import session
from workbench.cli import main
from workbench.errors import ExportError
from workbench.export import export
from workbench.export.xliff import to_xliff
from workbench.model import Annotation, ErrorMark
from workbench.text.bilingual import read_bilingual
from workbench.text.bilingual_formats import METADATA_2, XLIFF_1, XLIFF_2
from workbench.text.segment import document_from_units

NMTOKEN = re.compile(r"^[\w.:-]+$")
STATES_2 = {"initial", "translated", "reviewed", "final"}
STATES_1 = {
    "final",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-adaptation",
    "needs-review-l10n",
    "needs-review-translation",
    "needs-translation",
    "new",
    "signed-off",
    "translated",
}


def check_xliff_2(data: bytes) -> None:
    """What the XLIFF 2.0 core schema requires of the elements the export writes."""
    root = etree.fromstring(data)
    assert root.tag == f"{{{XLIFF_2}}}xliff" and root.get("version") == "2.0"
    assert root.get("srcLang")
    files = root.findall(f"{{{XLIFF_2}}}file")
    assert files and all(f.get("id") for f in files)
    ids = []
    for unit in root.iter(f"{{{XLIFF_2}}}unit"):
        ids.append(unit.get("id"))
        assert NMTOKEN.match(unit.get("id"))
        order = [etree.QName(c).localname for c in unit]
        # other-namespace elements first, then notes?, then segments
        names = [c.tag for c in unit]
        core = [n for n, t in zip(order, names, strict=True) if t.startswith(f"{{{XLIFF_2}}}")]
        assert core[-1] == "segment" and core.count("notes") <= 1
        if "notes" in core:
            assert core.index("notes") == 0
        first_core = next(i for i, t in enumerate(names) if t.startswith(f"{{{XLIFF_2}}}"))
        assert all(not t.startswith(f"{{{XLIFF_2}}}") for t in names[:first_core])
        assert all(t.startswith(f"{{{METADATA_2}}}") for t in names[:first_core])
        for segment in unit.iter(f"{{{XLIFF_2}}}segment"):
            parts = [etree.QName(c).localname for c in segment]
            assert parts in (["source"], ["source", "target"])
            assert segment.get("state") in STATES_2
            if segment.get("subState"):
                assert re.match(r"^[^\s:]+:[^\s]+$", segment.get("subState"))
            if segment.get("state") != "initial":
                assert "target" in parts
        for note in unit.iter(f"{{{XLIFF_2}}}note"):
            assert note.getparent().tag == f"{{{XLIFF_2}}}notes"
    assert len(ids) == len(set(ids))


def check_xliff_1(data: bytes) -> None:
    """What the XLIFF 1.2 strict schema requires of the elements the export writes."""
    root = etree.fromstring(data)
    assert root.tag == f"{{{XLIFF_1}}}xliff" and root.get("version") == "1.2"
    for file in root.findall(f"{{{XLIFF_1}}}file"):
        for attr in ("original", "source-language", "datatype"):
            assert file.get(attr)
        assert [etree.QName(c).localname for c in file] == ["body"]
    ids = []
    for unit in root.iter(f"{{{XLIFF_1}}}trans-unit"):
        ids.append(unit.get("id"))
        order = [etree.QName(c).localname for c in unit]
        assert order[0] == "source"
        rest = order[2:] if order[1:2] == ["target"] else order[1:]
        assert set(rest) <= {"context-group", "note"}
        target = unit.find(f"{{{XLIFF_1}}}target")
        if target is not None:
            assert target.get("state") in STATES_1
        for context in unit.iter(f"{{{XLIFF_1}}}context"):
            assert context.get("context-type").startswith("x-")
    assert ids and all(ids) and len(ids) == len(set(ids))


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


def test_xliff_2_is_read_back_by_translate_toolkit_with_the_cat_ids(reviewed):
    data = export(reviewed, "xliff")
    check_xliff_2(data)
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


def test_xliff_1_2_is_read_back_by_translate_toolkit(reviewed):
    data = export(reviewed, "xliff", xliff_version="1.2")
    check_xliff_1(data)
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


def test_a_plain_review_gets_the_reviews_own_ids(tmp_path):
    original = document_from_units([a for a, _ in PAIRS] + ["Extra."], name="en.txt")
    translation = document_from_units([b for _, b in PAIRS], name="de.txt")
    review = session.start_review(original, translation, path=tmp_path / "p.csv").review
    data = to_xliff(review)
    check_xliff_2(data)
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
    check_xliff_1(to_xliff(review, version="1.2"))


def test_an_unlinked_unit_keeps_its_id_on_both_pairs_and_ids_stay_unique(tmp_path):
    started = session.start_bilingual_review(xliff20(), name="b.xlf", path=tmp_path / "b.csv")
    unlinked = session.apply_correction(started, "unlink", 1)
    assert [p.pair_id for p in unlinked.review.pairs] == ["P1=P1", "P2=-", "-=P2", "P3=P3"]
    data = to_xliff(unlinked.review)
    check_xliff_2(data)
    units = read_bilingual(data, name="b.xlf").units
    assert [u.ids for u in units] == [("u1",), ("u2",), ("u2",), ("u3",)]
    assert [u.getid() for u in xliff2.Xliff2File.parsestring(data).units][2] == "u2_2"


def test_a_grouped_pair_keeps_all_its_cat_ids(tmp_path):
    grouped = session.start_bilingual_review(
        grouped_xliff12(), name="g.xlf", path=tmp_path / "g.csv", group=True
    ).review
    data = to_xliff(grouped)
    check_xliff_2(data)
    units = read_bilingual(data, name="g.xlf").units
    assert units[0].ids == ("seg-1", "seg-2") and units[1].ids == ("seg-3",)


def test_unknown_versions_are_refused_and_the_cli_writes_both(reviewed, tmp_path, capsys):
    with pytest.raises(ExportError, match="'3.0'"):
        to_xliff(reviewed, version="3.0")
    source = tmp_path / "a.csv"
    for version, check in (("2.0", check_xliff_2), ("1.2", check_xliff_1)):
        out = tmp_path / f"a-{version}.xlf"
        argv = ["export", str(source), "--format", "xliff", "--xliff-version", version]
        assert main([*argv, "-o", str(out)]) == 0
        check(out.read_bytes())
    capsys.readouterr()


def test_text_xml_cannot_hold_is_replaced_not_written_raw(tmp_path):
    original = document_from_units(["Bell\x07 here."], name="en.txt")
    translation = document_from_units(["Glocke hier."], name="de.txt")
    review = session.start_review(original, translation, path=tmp_path / "c.csv").review
    for version in ("2.0", "1.2"):
        data = to_xliff(review, version=version)
        assert b"\x07" not in data
        etree.fromstring(data)
