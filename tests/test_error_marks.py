"""Several errors per pair, each on a span (MQM as raters use it): model, files, score, exports."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest
from store_helpers import csv_rows, one_to_one, write_rows

from workbench import store
from workbench.align import edit
from workbench.diff import analyse
from workbench.errors import AlignmentFileError, ErrorMarkError
from workbench.export import from_json, to_csv_excel, to_html_report, to_json, to_mqm_tsv, to_xlsx
from workbench.model import Annotation, ErrorMark
from workbench.review import FORMAT_VERSION, build_review, summarise
from workbench.review.carry import carry_annotations
from workbench.review.marks import (
    MAX_ERRORS,
    describe,
    errors_to_json,
    locate_quote,
    mark_error,
    span_choices,
    with_error,
    without_error,
)

DATA = Path(__file__).resolve().parent / "data"
ORIGINALS = [
    "The museum had 3,500 visitors in May.",
    "The pier was rebuilt in 1904.",
    "It is open every day.",
]
TRANSLATIONS = [
    "Le musée a eu 5 300 visiteurs en juin.",
    "La jetée fut reconstruite en 1904.",
    "Il est ouvert tous les jours.",
]
NUMBER = ErrorMark("Accuracy/Mistranslation", "major", "translation", 14, 19, "5 300")
MONTH = ErrorMark("Accuracy/Mistranslation", "minor", "translation", 33, 37, "juin", "May")
SOURCE = ErrorMark("Style", "neutral", "original", 15, 20, "3,500")


@pytest.fixture(scope="module")
def alignment():
    return one_to_one(ORIGINALS, TRANSLATIONS)


@pytest.fixture(scope="module")
def review(alignment):
    return build_review(
        alignment, analyse(alignment), project="museum", created_at="2026-11-20T09:00:00.000Z"
    )


def _two_errors(review):
    annotation = Annotation(
        status="major issue",
        category="Accuracy/Mistranslation",
        severity="critical",  # pair-level: a summary once errors are listed
        reviewer="Ana",
        updated_at="2026-11-27T10:00:00.000Z",
        errors=(NUMBER, MONTH),
    )
    return review.with_annotation("P1=P1", annotation)


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


# --- the model and the library --------------------------------------------------------------


def test_an_error_mark_is_frozen_and_an_annotation_holds_a_tuple_of_them():
    assert Annotation().errors == ()
    with pytest.raises(FrozenInstanceError):
        NUMBER.severity = "minor"  # type: ignore[misc]
    assert TRANSLATIONS[0][NUMBER.start : NUMBER.end] == NUMBER.quote
    assert TRANSLATIONS[0][MONTH.start : MONTH.end] == MONTH.quote


def test_the_highlighted_spans_are_offered_with_side_and_quote(review, alignment):
    divergence = {d.pair_id: d for d in analyse(alignment)}["P1=P1"]
    choices = span_choices(divergence)
    quotes = {(c.side, c.quote) for c in choices}
    assert ("translation", "5 300") in quotes and ("original", "3,500") in quotes
    assert choices[0].side == "translation"  # the translation side first
    for choice in choices:
        text = TRANSLATIONS[0] if choice.side == "translation" else ORIGINALS[0]
        assert text[choice.start : choice.end] == choice.quote and choice.quote.strip()
    assert span_choices(None) == ()


def test_a_mark_is_made_from_a_picked_span_or_a_typed_quotation():
    texts = {"original_text": ORIGINALS[0], "translation_text": TRANSLATIONS[0]}
    typed = mark_error(
        span=None,
        quote="  juin ",
        side="translation",
        category="Accuracy/Mistranslation",
        severity="minor",
        comment=" May ",
        **texts,
    )
    assert typed == MONTH
    assert locate_quote("3,500", side="original", **texts) == (15, 20)


def test_a_quotation_not_in_the_text_is_refused_with_a_clear_error():
    texts = {"original_text": ORIGINALS[0], "translation_text": TRANSLATIONS[0]}
    with pytest.raises(ErrorMarkError, match="“août” does not occur in the translation") as info:
        locate_quote("août", side="translation", **texts)
    assert info.value.title == "Cannot mark this error"
    with pytest.raises(ErrorMarkError, match="It does occur in the original: choose that side"):
        locate_quote("3,500", side="translation", **texts)
    with pytest.raises(ErrorMarkError, match="Type the words"):
        locate_quote("   ", side="translation", **texts)
    with pytest.raises(ErrorMarkError, match="Choose the MQM category"):
        mark_error(span=None, quote="juin", category="", severity="minor", **texts)
    with pytest.raises(ErrorMarkError, match="Choose the severity"):
        mark_error(span=None, quote="juin", category="Style", severity="", **texts)


def test_adding_and_deleting_errors():
    first = with_error(Annotation(), NUMBER)
    assert first.status == "major issue"  # an unreviewed pair takes its first error's status
    both = with_error(first, SOURCE)
    assert both.errors == (NUMBER, SOURCE) and both.status == "major issue"
    assert with_error(Annotation(status="ok"), NUMBER).status == "ok"  # a verdict stays
    with pytest.raises(ErrorMarkError, match="already listed"):
        with_error(both, NUMBER)
    assert without_error(both, NUMBER).errors == (SOURCE,)
    with pytest.raises(ErrorMarkError, match="no longer listed"):
        without_error(first, SOURCE)
    full = Annotation(errors=tuple(replace(NUMBER, comment=str(n)) for n in range(MAX_ERRORS)))
    with pytest.raises(ErrorMarkError, match=f"at most {MAX_ERRORS} errors"):
        with_error(full, SOURCE)


def test_an_error_reads_as_one_line():
    assert describe(NUMBER) == "Accuracy/Mistranslation · major · “5 300” (translation)"
    assert describe(MONTH) == "Accuracy/Mistranslation · minor · “juin” (translation) — May"


# --- the alignment CSV ----------------------------------------------------------------------


def test_errors_round_trip_through_the_csv_as_one_json_cell(review):
    annotated = _two_errors(review)
    data = store.to_csv(annotated)
    rows = _rows(data)
    header = rows[0]
    assert FORMAT_VERSION == 5
    assert rows[1][header.index("format_version")] == "5"
    cell = json.loads(rows[1][header.index("errors")])
    assert cell == [
        {
            "category": "Accuracy/Mistranslation",
            "severity": "major",
            "side": "translation",
            "start": 14,
            "end": 19,
            "quote": "5 300",
            "comment": "",
        },
        {
            "category": "Accuracy/Mistranslation",
            "severity": "minor",
            "side": "translation",
            "start": 33,
            "end": 37,
            "quote": "juin",
            "comment": "May",
        },
    ]
    assert rows[2][header.index("errors")] == ""  # no errors: an empty cell
    loaded = store.from_csv(data)
    assert loaded == annotated
    assert loaded.by_id("P1=P1").annotation.errors == (NUMBER, MONTH)


def test_a_version_3_file_written_before_errors_loads_unchanged(tmp_path):
    data = (DATA / "review-v3.csv").read_bytes()
    assert b",errors," not in data.split(b"\r\n")[0]
    old = store.from_csv(data)
    assert old.meta.format_version == 3
    ann = old.by_id("P1=P1").annotation
    assert (ann.status, ann.category, ann.severity, ann.comment, ann.errors) == (
        "major issue",
        "Accuracy/Mistranslation",
        "major",
        "3,500 became 5 300",
        (),
    )
    # the pair-level error counts as before: one major error
    assert summarise(old).penalty == 5
    # saving writes the current version, the errors column empty, everything else as read
    path = tmp_path / "museum.csv"
    path.write_bytes(data)
    store.save_annotation(path, "P3=P3", Annotation(status="ok", reviewer="Bo"))
    again = store.from_csv(path.read_bytes())
    assert again.meta.format_version == FORMAT_VERSION
    rows = _rows(path.read_bytes())
    assert all(r[rows[0].index("errors")] == "" for r in rows[1:])
    assert all(r[rows[0].index("format_version")] == str(FORMAT_VERSION) for r in rows[1:])
    assert again.by_id("P1=P1").annotation == ann


def _with_errors_cell(review, value: str) -> list[list[str]]:
    rows = csv_rows(review)
    rows[1][rows[0].index("errors")] = value
    return rows


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ('[{"category":', "cannot be read: it is not valid JSON"),
        ('{"category":"Style"}', "is not a JSON list of errors"),
        ("[1]", "error 1 is not a JSON object"),
        (
            '[{"category":"Style","severity":"minor","side":"translation","start":0,"end":2,'
            '"quote":"Le","colour":"red"}]',
            "error 1 unknown keys colour",
        ),
        (
            '[{"category":"Style","severity":"minor","side":"translation","start":0,"end":2}]',
            "error 1 lacks quote",
        ),
        (
            '[{"category":"Style","severity":"minor","side":"translation","start":"0","end":2,'
            '"quote":"Le"}]',
            "error 1: start '0' is not a whole number",
        ),
        (
            '[{"category":"Vibes","severity":"minor","side":"translation","start":0,"end":2,'
            '"quote":"Le"}]',
            "error 1: 'Vibes' is not an MQM category",
        ),
        (
            '[{"category":"Style","severity":"awful","side":"translation","start":0,"end":2,'
            '"quote":"Le"}]',
            "error 1: 'awful' is not a severity",
        ),
        (
            '[{"category":"Style","severity":"minor","side":"margin","start":0,"end":2,'
            '"quote":"Le"}]',
            "error 1: 'margin' is not a side",
        ),
        (
            '[{"category":"Style","severity":"minor","side":"translation","start":0,"end":5,'
            '"quote":"Le"}]',
            "offsets 0–5 do not frame the 2-character quote",
        ),
        (
            '[{"category":"Style","severity":"minor","side":"translation","start":500,'
            '"end":502,"quote":"Le"}]',
            "offsets 500–502 lie outside the 38-character translation",
        ),
        (
            '[{"category":"Style","severity":"minor","side":"translation","start":3,"end":5,'
            '"quote":"Le"}]',
            "the quote “Le” is not the translation's text at 3–5 (“mu”)",
        ),
    ],
)
def test_a_malformed_errors_cell_is_refused_with_line_and_column(review, cell, message, tmp_path):
    path = write_rows(tmp_path / "bad.csv", _with_errors_cell(review, cell))
    with pytest.raises(AlignmentFileError, match="line 2, column 'errors'") as info:
        store.load_review(path)
    assert message in info.value.message


def test_too_many_errors_in_a_cell_are_refused(review, tmp_path):
    marks = [
        {
            "category": "Style",
            "severity": "minor",
            "side": "translation",
            "start": 0,
            "end": 2,
            "quote": "Le",
            "comment": str(n),
        }
        for n in range(MAX_ERRORS + 1)
    ]
    path = write_rows(tmp_path / "bad.csv", _with_errors_cell(review, json.dumps(marks)))
    with pytest.raises(AlignmentFileError, match=f"more than the {MAX_ERRORS} allowed"):
        store.load_review(path)


def test_an_error_not_quoting_the_text_is_never_saved(review, tmp_path):
    path = store.save_review(review, root=tmp_path)
    before = path.read_bytes()
    wrong = replace(NUMBER, quote="3 500")  # not what the translation says there
    with pytest.raises(AlignmentFileError, match="the quote “3 500” is not the translation's"):
        store.save_annotation(path, "P1=P1", Annotation(reviewer="Ana", errors=(wrong,)))
    with pytest.raises(AlignmentFileError, match="'Vibes' is not an MQM category"):
        bad = replace(NUMBER, category="Vibes")
        store.save_annotation(path, "P1=P1", Annotation(reviewer="Ana", errors=(bad,)))
    assert path.read_bytes() == before


def test_errors_are_saved_through_the_store_like_every_annotation(review, tmp_path):
    path = store.save_review(review, root=tmp_path)
    saved = store.save_annotation(path, "P1=P1", with_error(Annotation(reviewer="Ana"), NUMBER))
    assert saved.by_id("P1=P1").annotation.updated_at.endswith("Z")
    assert store.load_review(path).by_id("P1=P1").annotation.errors == (NUMBER,)
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically


# --- the MQM score and the exports ----------------------------------------------------------


def test_the_mqm_score_counts_every_error(review):
    annotated = _two_errors(review)
    summary = summarise(annotated)
    # major 5 + minor 1; the pair-level "critical" is not counted once errors are listed
    assert summary.penalty == 6
    assert summary.by_category == {"Accuracy/Mistranslation": 2}
    words = summary.words
    assert summary.mqm_score == round(100 * (1 - 6 / words), 2)
    # a pair without errors counts as before: one error of its effective severity
    plus = annotated.with_annotation("P2=P2", Annotation(status="minor issue", reviewer="Ana"))
    assert summarise(plus).penalty == 7


def test_the_mqm_tsv_has_one_row_per_error_with_its_span(review):
    annotated = _two_errors(review).with_annotation(
        "P2=P2", Annotation(status="ok", reviewer="Bo", comment="fine")
    )
    lines = to_mqm_tsv(annotated).decode("utf-8").splitlines()
    header = lines[0].split("\t")
    assert header[:9] == [
        "system",
        "doc",
        "doc_id",
        "seg_id",
        "rater",
        "source",
        "target",
        "category",
        "severity",
    ]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    first = [r for r in rows if r["seg_id"] == "1"]
    assert [
        (
            r["category"],
            r["severity"],
            r["span_side"],
            r["span_start"],
            r["span_end"],
            r["span"],
            r["note"],
        )
        for r in first
    ] == [
        ("Accuracy/Mistranslation", "Major", "translation", "14", "19", "5 300", ""),
        ("Accuracy/Mistranslation", "Minor", "translation", "33", "37", "juin", "May"),
    ]
    assert all(r["target"] == TRANSLATIONS[0] and r["rater"] == "Ana" for r in first)
    second = [r for r in rows if r["seg_id"] == "2"]
    assert [(r["category"], r["severity"], r["span"], r["note"]) for r in second] == [
        ("No-error", "No-error", "", "fine")
    ]
    assert len(rows) == 3  # the unreviewed third pair is left out


def test_json_export_keeps_the_errors_and_reads_them_back(review):
    annotated = _two_errors(review)
    doc = json.loads(to_json(annotated))
    assert doc["format_version"] == FORMAT_VERSION
    assert doc["pairs"][0]["annotation"]["errors"][1]["quote"] == "juin"
    assert from_json(to_json(annotated)) == annotated
    doc["pairs"][0]["annotation"]["errors"][1]["quote"] = "mai"
    with pytest.raises(AlignmentFileError, match=r"pairs\[0\]\.annotation\.errors: error 2"):
        from_json(json.dumps(doc).encode())
    del doc["pairs"][0]["annotation"]["errors"]  # a version-3 file has no such key
    doc["format_version"] = 3
    assert from_json(json.dumps(doc).encode()).by_id("P1=P1").annotation.errors == ()


def test_spreadsheet_and_report_exports_show_each_error_readably(review):
    from openpyxl import load_workbook

    annotated = _two_errors(review)
    expected = (
        "Accuracy/Mistranslation · major · “5 300” (translation)\n"
        "Accuracy/Mistranslation · minor · “juin” (translation) — May"
    )
    sheet = load_workbook(io.BytesIO(to_xlsx(annotated)))["Review"]
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("errors") + 1).value == expected
    rows = _rows(to_csv_excel(annotated))
    assert rows[1][rows[0].index("errors")] == expected
    html = to_html_report(annotated).decode("utf-8")
    assert "<li>Accuracy/Mistranslation · major · “5 300” (translation)</li>" in html
    assert "— May</li>" in html


def test_errors_to_json_is_empty_without_errors():
    assert errors_to_json(()) == ""


# --- corrections carry errors with their quotations -----------------------------------------


def test_a_merge_keeps_both_pairs_errors_moved_to_the_merged_text(review, alignment):
    source = _two_errors(review).with_annotation(
        "P2=P2",
        Annotation(
            status="minor issue",
            reviewer="Bo",
            errors=(ErrorMark("Style", "minor", "translation", 13, 25, "reconstruite"),),
        ),
    )
    merged = edit.merge_with_next(alignment, 0)
    carried = carry_annotations(merged, source)
    errors = carried.annotations["P1+P2=P1+P2"].errors
    _, translation = merged.pair_texts(merged.beads[0])
    assert [m.quote for m in errors] == ["5 300", "juin", "reconstruite"]
    assert all(translation[m.start : m.end] == m.quote for m in errors)
    assert errors[2].start == len(TRANSLATIONS[0]) + 2 + 13  # shifted past the joiner

    split = carry_annotations(alignment, _merged_review(merged, carried))
    assert split.annotations["P1=P1"].errors == (NUMBER, MONTH)
    assert [m.quote for m in split.annotations["P2=P2"].errors] == ["reconstruite"]
    assert split.notes == ()


def _merged_review(alignment, carried):
    return build_review(alignment, [], project="museum", annotations=carried.annotations)


def test_an_error_whose_quotation_spans_a_split_is_dropped_with_a_note(review, alignment):
    merged = edit.merge_with_next(alignment, 0)
    _, translation = merged.pair_texts(merged.beads[0])
    start = translation.index("juin")
    across = ErrorMark(
        "Style", "minor", "translation", start, start + 10, translation[start : start + 10]
    )
    source = _merged_review(merged, carry_annotations(merged, review)).with_annotation(
        "P1+P2=P1+P2", Annotation(status="minor issue", reviewer="Bo", errors=(across,))
    )
    carried = carry_annotations(alignment, source)
    assert carried.annotations["P1=P1"].errors == ()
    assert carried.annotations["P2=P2"].errors == ()
    assert any("dropped the error Style · minor" in note for note in carried.notes)
