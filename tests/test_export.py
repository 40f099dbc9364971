"""Exports: TMX read by translate-toolkit and checked against the TMX 1.4 structure, XLSX
opened by openpyxl and pandas, MQM TSV layout, JSON schema, HTML report escaping."""

from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from lxml import etree
from lxml import html as lxml_html
from store_helpers import make_review, mixed_alignment

from workbench.errors import AlignmentFileError, ExportError
from workbench.export import (
    EXPORTS,
    export,
    from_json,
    to_html_report,
    to_json,
    to_mqm_tsv,
    to_tmx,
    to_xlsx,
)
from workbench.model import Annotation, DiscrepancyEntry
from workbench.review import FORMAT_VERSION, build_review

XSS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", ":smile: -> **b** $x$"]

# The parts of the TMX 1.4 DTD our files use (element content models and required
# attributes as in the LISA specification).
TMX14_DTD = """
<!ELEMENT tmx (header, body)>
<!ATTLIST tmx version CDATA #FIXED "1.4">
<!ELEMENT header (note|prop)*>
<!ATTLIST header creationtool CDATA #REQUIRED creationtoolversion CDATA #REQUIRED
  segtype (block|paragraph|sentence|phrase) #REQUIRED o-tmf CDATA #REQUIRED
  adminlang CDATA #REQUIRED srclang CDATA #REQUIRED datatype CDATA #REQUIRED
  creationdate CDATA #IMPLIED>
<!ELEMENT body (tu*)>
<!ELEMENT tu ((note|prop)*, tuv+)>
<!ATTLIST tu tuid CDATA #IMPLIED changedate CDATA #IMPLIED changeid CDATA #IMPLIED>
<!ELEMENT tuv (seg)>
<!ATTLIST tuv xml:lang CDATA #REQUIRED>
<!ELEMENT seg (#PCDATA)>
<!ELEMENT note (#PCDATA)>
<!ELEMENT prop (#PCDATA)>
<!ATTLIST prop type CDATA #REQUIRED>
"""


def _annotated():
    review = make_review()
    review = review.with_annotation(
        "P1=P1",
        Annotation(status="ok", reviewer="Ann", updated_at="2026-11-26T07:00:00Z"),
    )
    review = review.with_annotation(
        "P2=P2+P3",
        Annotation(
            status="major issue",
            category="Accuracy/Mistranslation",
            comment="Quote <b>&</b>\tsplit\nover lines",
            reviewer="Bob",
            updated_at="2026-11-26T07:01:00Z",
        ),
    )
    return review.with_annotation(
        "P3=P5", Annotation(status="minor issue", comment='=HYPERLINK("x")\x01')
    )


def test_tmx_is_read_back_by_translate_toolkit():
    from translate.storage.tmx import tmxfile

    review = _annotated()
    store = tmxfile(to_tmx(review))
    linked = [p for p in review.pairs if p.original_ids and p.translation_ids]
    assert len(linked) == 4  # 1:0 and 0:1 pairs are left out
    assert [(u.source, u.target) for u in store.units] == [
        (p.original_text, p.translation_text) for p in linked
    ]


def test_tmx_has_the_tmx_14_structure_languages_and_review_properties():
    review = _annotated()
    root = etree.fromstring(to_tmx(review))
    dtd = etree.DTD(io.StringIO(TMX14_DTD))
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    header = root.find("header")
    assert header.get("srclang") == "en" and header.get("segtype") == "paragraph"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    tus = root.findall("body/tu")
    assert [tu.get("tuid") for tu in tus] == ["P1=P1", "P2=P2+P3", "P3=P5", "P4=P4"]
    assert all([v.get(lang) for v in tu.findall("tuv")] == ["en", "fr"] for tu in tus)
    second = tus[1]
    props = {p.get("type"): p.text for p in second.findall("prop")}
    assert props["x-pair-id"] == "P2=P2+P3"
    assert props["x-status"] == "major issue"
    assert props["x-category"] == "Accuracy/Mistranslation"
    assert second.findtext("note") == "Quote <b>&</b>\tsplit\nover lines"
    assert second.get("changeid") == "Bob" and second.get("changedate") == "20261126T070100Z"
    # A control character XML cannot hold is replaced, not written raw.
    assert tus[2].findtext("note") == '=HYPERLINK("x")\ufffd'
    assert {p.get("type"): p.text for p in tus[3].findall("prop")}["x-kind"] == "moved"


def test_xlsx_opens_in_openpyxl_and_pandas_with_neutralised_formulas():
    from openpyxl import load_workbook

    review = _annotated()
    data = to_xlsx(review)
    book = load_workbook(io.BytesIO(data))
    sheet = book["Review"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["#", "pair_id", "kind"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["F"].width == 60
    col = {name: i for i, name in enumerate(header)}
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == len(review.pairs)
    third = rows[2]
    assert third[col["original_text"]] == "'=cmd|' /C calc'!A0"
    assert third[col["translation_text"]] == "'=1+2"
    assert third[col["comment"]] == '\'=HYPERLINK("x")\ufffd'
    assert sheet.cell(row=4, column=1).data_type == "n"  # no cell is a formula
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert sheet.cell(row=3, column=1).fill.start_color.rgb.endswith("F8CBAD")  # major issue
    assert sheet.cell(row=3, column=col["original_text"] + 1).alignment.wrap_text
    about = {r[0].value: r[1].value for r in book["About"].iter_rows(min_row=2)}
    assert about["original_sha256"] == review.meta.original_sha256

    frame = pd.read_excel(io.BytesIO(data), sheet_name="Review", dtype=str, keep_default_na=False)
    # "-=P6" starts with "-": spreadsheets get it with the neutralising apostrophe.
    assert frame["pair_id"].tolist() == [p.pair_id for p in review.pairs][:5] + ["'-=P6"]
    assert frame["status"].tolist()[:3] == ["ok", "major issue", "minor issue"]
    assert frame["translation_text"][1] == "Une ligne\n\n« citée »."


def test_mqm_tsv_has_the_wmt_layout():
    review = _annotated()
    lines = to_mqm_tsv(review, system="human-A").decode("utf-8").split("\n")
    wmt = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity"
    assert lines[0] == wmt + "\tspan_side\tspan_start\tspan_end\tspan\tnote"
    assert lines[-1] == ""
    rows = [line.split("\t") for line in lines[1:-1]]
    assert all(len(r) == 14 for r in rows)
    # pairs without errors: one row each, as before version 4, without a span
    assert all(r[9:13] == ["", "", "", ""] for r in rows)
    assert rows[1][13] == "Quote <b>&</b> split over lines"  # the pair's comment, flattened
    rows = [r[:9] for r in rows]
    assert rows[0] == [
        "human-A",
        "demo",
        "1",
        "1",
        "Ann",
        "Hello, world.",
        "Bonjour, le monde.",
        "No-error",
        "No-error",
    ]
    assert rows[1][2:5] == ["2", "2", "Bob"]
    assert rows[1][5] == 'A "quoted" line, with a newline.'  # line break became a space
    assert rows[1][7:] == ["Accuracy/Mistranslation", "Major"]
    assert rows[2][7:] == ["Other", "Minor"]  # an issue without a category
    assert len(rows) == 3  # unreviewed pairs are not rated
    frame = pd.read_csv(
        io.BytesIO(to_mqm_tsv(review)),
        sep="\t",
        quoting=csv.QUOTE_NONE,
        dtype=str,
        keep_default_na=False,
    )
    assert frame["severity"].tolist() == ["No-error", "Major", "Minor"]


def test_json_schema_and_round_trip():
    review = _annotated()
    data = to_json(review)
    doc = json.loads(data)
    assert doc["format_version"] == FORMAT_VERSION
    assert doc["meta"]["project"] == "demo" and doc["meta"]["settings"]["k"] == "v"
    assert [p["pair_id"] for p in doc["pairs"]] == [p.pair_id for p in review.pairs]
    assert doc["pairs"][1]["annotation"]["category"] == "Accuracy/Mistranslation"
    assert doc["pairs"][1]["translation_unit_lengths"] == [9, 10]
    assert from_json(data) == review


def test_json_from_a_newer_version_or_with_a_bad_status_is_refused():
    doc = json.loads(to_json(make_review()))
    doc["format_version"] = FORMAT_VERSION + 1
    with pytest.raises(
        AlignmentFileError, match=f"format version {FORMAT_VERSION + 1}, newer than this workbench"
    ):
        from_json(json.dumps(doc).encode())
    doc["format_version"] = FORMAT_VERSION
    doc["pairs"][0]["annotation"]["status"] = "maybe"
    with pytest.raises(AlignmentFileError, match=r"pairs\[0\]\.annotation\.status.*'maybe'"):
        from_json(json.dumps(doc).encode())
    with pytest.raises(AlignmentFileError, match="Not a JSON review"):
        from_json(b"\x89PNG")


def _xss_review():
    review = build_review(mixed_alignment(), [], project=XSS[0])
    for pair, payload in zip(review.pairs, XSS * 2, strict=False):
        review = review.with_annotation(
            pair.pair_id,
            Annotation(
                status="minor issue",
                comment=payload,
                reviewer=payload,
                log=DiscrepancyEntry(rationale=payload),
            ),
        )
    return review


def _assert_no_user_markup(page: str) -> None:
    for payload in XSS:
        assert payload not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert ":smile: -&gt; **b** $x$" in page
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert not any(el.get("onerror") for el in tree.iter() if isinstance(el.tag, str))


def test_html_report_escapes_every_piece_of_user_text():
    from workbench.review import summarise

    review = _xss_review()
    page = to_html_report(review).decode("utf-8")
    _assert_no_user_markup(page)
    assert page.startswith("<!DOCTYPE html>") and "<style>" in page
    assert f"{summarise(review).pairs} pairs, 6 reviewed" in page


def test_html_report_with_highlights_from_the_analysis_is_escaped_too():
    from workbench.diff import analyse
    from workbench.text import document_from_units

    o = document_from_units(["Pay 300 euros to <script>alert(1)</script> now."], language="en")
    t = document_from_units(["Pay 500 euros to <img src=x onerror=alert(1)> now."], language="en")
    from workbench.model import Alignment, Bead

    al = Alignment(o, t, (Bead((0,), (0,), 0.5, 0.5),))
    divs = analyse(al)
    review = build_review(al, divs, project=":smile: -> **b** $x$")
    page = to_html_report(review, divergences=divs).decode("utf-8")
    for payload in XSS:
        assert payload not in page
    tree = lxml_html.fromstring(page)
    assert tree.xpath("//script") == [] and tree.xpath("//img") == []
    assert "300" in page and "500" in page
    # the highlights are explained once, above the pairs, with the classes the pairs use
    (legend,) = tree.xpath("//div[@class='wb-legend']")
    used = {c for el in tree.xpath("//td//span[@class]") for c in el.get("class").split()}
    explained = {c for el in legend.xpath(".//span[@class]") for c in el.get("class").split()}
    assert used - {"wb-legend-item"} <= explained
    assert "missing from the translation" in legend.text_content()
    plain = to_html_report(review).decode("utf-8")  # no highlights, so no legend
    assert 'aria-label="Highlight legend"' in page and 'aria-label="Highlight legend"' not in plain


def test_every_registered_format_exports_and_unknown_ones_are_refused():
    review = _annotated()
    assert set(EXPORTS) == {
        "csv",
        "csv-excel",
        "xlsx",
        "tmx",
        "xliff",
        "json",
        "mqm",
        "html",
        "reconciliation-xlsx",
        "reconciliation-docx",
    }
    for name, spec in EXPORTS.items():
        data = export(review, name)
        assert isinstance(data, bytes) and data, name
        assert spec.extension.startswith(".") and "/" in spec.mime and spec.label
    with pytest.raises(ExportError, match="Unknown export format 'pdf'"):
        export(review, "pdf")
