"""Bilingual files in: XLIFF 1.2, XLIFF 2.0 and TMX (written by translate-toolkit) as
pre-aligned reviews that keep the CAT tool's ids, notes and states; hostile XML refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from bilingual_files import PAIRS, grouped_xliff12, tmx14, xliff12, xliff20
from translate.storage import xliff2

from workbench import config, session
from workbench.cli import main
from workbench.errors import (
    EmptyDocumentError,
    InputError,
    TooLargeError,
    UnsupportedFormatError,
)
from workbench.model import Annotation
from workbench.review.cat import pair_cat_units
from workbench.store import load_review
from workbench.text.bilingual import bilingual_format, read_bilingual


@pytest.mark.parametrize(
    ("maker", "fmt", "ids"),
    [
        (xliff12, "xliff-1.2", ["seg-1", "seg-2", "seg-3"]),
        (xliff20, "xliff-2.0", ["u1", "u2", "u3"]),
        (tmx14, "tmx-1.4", ["tu-1", "tu-2", "tu-3"]),
    ],
)
def test_bilingual_files_open_as_prealigned_reviews_with_their_ids(maker, fmt, ids, tmp_path):
    data = maker()
    assert bilingual_format(data) == fmt
    started = session.start_bilingual_review(data, name="museum", path=tmp_path / "m.csv")
    review = started.review
    assert [p.pair_id for p in review.pairs] == ["P1=P1", "P2=P2", "P3=P3"]
    assert [(p.original_text, p.translation_text) for p in review.pairs] == PAIRS
    assert [[u.id for u in p.cat] for p in review.pairs] == [[i] for i in ids]
    # the divergence analysis runs as usual: the changed price is found
    assert "numbers" in review.by_id("P2=P2").checks
    assert dict(review.meta.settings)["bilingual_format"] == fmt
    assert dict(review.meta.settings)["aligner"] == "prealigned"
    # the CAT ids survive the file and a reopened session
    reopened = session.open_review(started.path)
    assert reopened.review == review
    assert [u.id for p in load_review(started.path).pairs for u in p.cat] == ids


def test_notes_and_states_are_kept_per_unit(tmp_path):
    review = session.start_bilingual_review(xliff12(), name="a.xlf", path=tmp_path / "a.csv").review
    unit = review.by_id("P2=P2").cat[0]
    assert unit.notes == ("Check the price with the client.",)
    assert unit.state == "needs-translation"  # what translate-toolkit writes for "fuzzy"
    assert review.by_id("P1=P1").cat[0].state == "translated"
    two = session.start_bilingual_review(xliff20(), name="b.xlf", path=tmp_path / "b.csv").review
    assert two.by_id("P1=P1").cat[0].notes == ("Opening hours from the website.",)
    assert two.by_id("P1=P1").cat[0].state == "translated"
    t = session.start_bilingual_review(tmx14(), name="c.tmx", path=tmp_path / "c.csv").review
    assert t.by_id("P3=P3").cat[0].notes == ("From the 2019 leaflet.",)


def test_an_untranslated_unit_is_an_omission_that_keeps_its_id(tmp_path):
    review = session.start_bilingual_review(
        xliff12(untranslated=True), name="a.xlf", path=tmp_path / "a.csv"
    ).review
    assert [p.pair_id for p in review.pairs] == ["P1=P1", "P2=P2", "P3=-"]
    assert review.by_id("P3=-").band == "unaligned"
    assert review.by_id("P3=-").cat[0].id == "seg-3"
    assert session.open_review(tmp_path / "a.csv").review == review


def test_groups_become_one_pair_each_when_asked(tmp_path):
    data = grouped_xliff12()
    units = read_bilingual(data, name="g.xlf").units
    assert [u.group for u in units] == ["para-1", "para-1", "para-2"]
    plain = session.start_bilingual_review(data, name="g.xlf", path=tmp_path / "p.csv").review
    assert len(plain.pairs) == 3
    grouped = session.start_bilingual_review(
        data, name="g.xlf", path=tmp_path / "g.csv", group=True
    ).review
    assert [p.pair_id for p in grouped.pairs] == ["P1=P1", "P2=P2"]
    assert grouped.pairs[0].original_text == f"{PAIRS[0][0]} {PAIRS[1][0]}"
    assert [u.id for u in grouped.pairs[0].cat] == ["seg-1", "seg-2"]
    assert dict(grouped.meta.settings)["bilingual_grouped"] == "yes"


def test_segments_of_one_xliff2_unit_get_translate_toolkits_ids_and_a_group():
    data = (
        b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" '
        b'trgLang="fr"><file id="f"><unit id="p1"><segment id="s1"><source>One.</source>'
        b"<target>Un.</target></segment><ignorable><source> </source></ignorable>"
        b'<segment id="s2"><source>Two <pc id="1">bold</pc><ph id="2"/>.</source>'
        b"<target>Deux <pc id='1'>gras</pc>.</target></segment></unit></file></xliff>"
    )
    units = read_bilingual(data, name="s.xlf").units
    assert [u.ids for u in units] == [("p1::s1",), ("p1::s2",)]
    assert [u.group for u in units] == ["p1", "p1"]
    assert units[1].source == "Two bold." and units[1].target == "Deux gras."
    store = xliff2.Xliff2File.parsestring(data)
    assert [u.getid() for u in store.units] == ["p1::s1", "p1::s2"]


def test_corrections_keep_the_cat_ids_with_their_units(tmp_path):
    started = session.start_bilingual_review(xliff12(), name="a.xlf", path=tmp_path / "a.csv")
    merged = session.apply_correction(started, "merge", 0)
    assert [p.pair_id for p in merged.review.pairs][0] == "P1+P2=P1+P2"
    shown = pair_cat_units(merged.review)
    assert [u.id for u in shown["P1+P2=P1+P2"]] == ["seg-1", "seg-2"]
    back = session.undo(merged, started)
    assert [[u.id for u in p.cat] for p in back.review.pairs] == [["seg-1"], ["seg-2"], ["seg-3"]]
    assert load_review(tmp_path / "a.csv") == back.review


def test_annotations_survive_alongside_the_cat_units(tmp_path):
    started = session.start_bilingual_review(xliff20(), name="b.xlf", path=tmp_path / "b.csv")
    ann = Annotation(status="major issue", comment="Price changed.", reviewer="Ann")
    review = session.save_annotation(started, "P2=P2", ann)
    assert review.by_id("P2=P2").cat == started.review.by_id("P2=P2").cat
    # the same file again: the annotation is kept (same texts), the ids too
    again = session.start_bilingual_review(xliff20(), name="b.xlf", path=tmp_path / "b.csv")
    assert again.kept == 1 and again.review.by_id("P2=P2").annotation.comment == "Price changed."


# --- refusals ---------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE xliff [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file source-language="en"
 target-language="de" original="x" datatype="plaintext"><body><trans-unit id="1">
 <source>&lol3;</source><target>&lol3;</target></trans-unit></body></file></xliff>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&secret;</seg>
</tuv><tuv xml:lang="de"><seg>x</seg></tuv></tu></body></tmx>"""


@pytest.mark.parametrize("data", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entity_declarations_are_refused(data):
    with pytest.raises(UnsupportedFormatError, match="declares XML entities"):
        read_bilingual(data, name="evil.xlf")


def test_entities_hidden_in_utf16_are_refused_after_parsing():
    data = EXTERNAL_ENTITY.replace(
        b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>'
    )
    with pytest.raises((UnsupportedFormatError, InputError)):
        read_bilingual(data.decode().encode("utf-16"), name="evil.tmx")


def test_malformed_and_foreign_files_are_refused_clearly():
    with pytest.raises(InputError, match="not well-formed XML"):
        read_bilingual(xliff12()[:-40], name="cut.xlf")
    with pytest.raises(UnsupportedFormatError, match="<html>"):
        read_bilingual(b"<html><body>hi</body></html>", name="page.xlf")
    with pytest.raises(UnsupportedFormatError, match="not a bilingual file"):
        read_bilingual(b"plain text", name="a.txt")
    with pytest.raises(UnsupportedFormatError, match="version"):
        read_bilingual(
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="3.0"/>', name="x"
        )
    with pytest.raises(EmptyDocumentError):
        read_bilingual(
            b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">'
            b'<file id="f"/></xliff>',
            name="empty.xlf",
        )
    assert bilingual_format(b"<html/>") is None and bilingual_format(b"text") is None


def test_limits_are_read_at_call_time(monkeypatch):
    monkeypatch.setattr(config, "MAX_SEGMENTS", 2)
    with pytest.raises(TooLargeError, match="3 units"):
        read_bilingual(xliff20(), name="b.xlf")
    monkeypatch.setattr(config, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(TooLargeError, match="largest file"):
        read_bilingual(xliff20(), name="b.xlf")


# --- command line -----------------------------------------------------------------------


def test_cli_reviews_one_bilingual_file(tmp_path, capsys):
    source = tmp_path / "museum.xlf"
    source.write_bytes(xliff12())
    out = tmp_path / "alignments" / "museum.csv"
    assert main(["review", str(source), "-o", str(out)]) == 0
    assert "3 pairs" in capsys.readouterr().out
    review = load_review(out)
    assert [u.id for p in review.pairs for u in p.cat] == ["seg-1", "seg-2", "seg-3"]


def test_cli_refuses_one_text_or_a_bilingual_file_with_a_translation(tmp_path, capsys):
    text = tmp_path / "a.txt"
    text.write_text("Hello.\n", encoding="utf-8")
    bilingual = tmp_path / "b.tmx"
    bilingual.write_bytes(tmx14())
    for argv, message in (
        ([str(text)], "is not one; give ORIGINAL and TRANSLATION"),
        ([str(bilingual), str(text)], "holding the translation too"),
        ([str(text), str(text), "--group"], "--group groups the units"),
        ([str(bilingual), "--level", "sentence"], "no --forward, --pivot or --level"),
    ):
        with pytest.raises(SystemExit) as exc:
            main(["review", *argv, "-o", str(tmp_path / "x.csv")])
        assert exc.value.code == 2
        assert message in capsys.readouterr().err
    assert not Path(tmp_path / "x.csv").exists()


def test_a_version_4_file_loads_without_cat_units_and_a_bad_cat_cell_is_refused(tmp_path):
    import csv
    import io

    from workbench.errors import AlignmentFileError
    from workbench.store import from_csv, to_csv

    review = session.start_bilingual_review(xliff12(), name="a.xlf", path=tmp_path / "a.csv").review
    rows = list(csv.reader(io.StringIO(to_csv(review).decode("utf-8"), newline="")))

    def write(table: list[list[str]]) -> bytes:
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\r\n").writerows(table)
        return buf.getvalue().encode("utf-8")

    cat, version = rows[0].index("cat"), rows[0].index("format_version")
    old = [[c for i, c in enumerate(r) if i != cat] for r in rows]
    for r in old[1:]:
        r[version - 1] = "4"
    loaded = from_csv(write(old))
    assert loaded.meta.format_version == 4 and all(p.cat == () for p in loaded.pairs)
    assert [p.pair_id for p in loaded.pairs] == [p.pair_id for p in review.pairs]
    rows[1][cat] = rows[1][cat].replace('"original":"P1"', '"original":"P2"')
    with pytest.raises(AlignmentFileError, match=r"line 2, column 'cat': .*P2, not in this pair"):
        from_csv(write(rows))
    rows[1][cat] = "[1]"
    with pytest.raises(AlignmentFileError, match="column 'cat'"):
        from_csv(write(rows))
