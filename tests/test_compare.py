"""Multi-version comparison (workbench.features.compare) and its CSV/XLSX table."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest

from workbench.diff.measures import text_similarity
from workbench.errors import AlignmentError
from workbench.features.compare import (
    FACT_AGREEMENT_CAP,
    HIGH_AGREEMENT,
    LOW_AGREEMENT,
    agreement,
    agreement_level,
    compare,
    fact_disagreements,
)
from workbench.features.comparison_table import (
    comparison_header,
    comparison_to_csv,
    comparison_to_xlsx,
)
from workbench.review.verdict import check_phrase, percent_text
from workbench.text import document_from_units, load_document
from workbench.ui.components.compare import (
    cell_html,
    cell_label,
    heatmap,
    heatmap_scale,
    row_head_html,
)

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads((DEMO / "discrepancies.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def docs():
    return {
        name: load_document(DEMO / f"{name}.txt")
        for name in ("original.en", "backtranslation.en", "alternative.en", "translation.fr")
    }


@pytest.fixture(scope="module")
def two(docs):
    return compare(docs["original.en"], [docs["backtranslation.en"], docs["alternative.en"]])


def _row_of(comparison, back_ids):
    """The row where the first version (the back-translation) shows ``back_ids``."""
    return next(r for r in comparison.rows if list(r.cells[0].unit_ids) == back_ids)


def test_rows_follow_the_original_and_merged_paragraphs_continue(two, docs):
    assert [r.original_id for r in two.rows] == [s.id for s in docs["original.en"].segments]
    p2, p3 = two.rows[1], two.rows[2]
    # Original P2+P3 are one paragraph (P2) in both versions: shown on P2, continued on P3.
    assert [c.unit_ids for c in p2.cells] == [("P2",), ("P2",)]
    assert all(c.continued and c.text == "" for c in p3.cells)
    assert p3.agreement is None and p3.pair_agreement == (None,)
    # Original P5 is split in two in both versions: both halves are on row P5.
    assert two.rows[4].cells[0].unit_ids == ("P4", "P5")
    assert two.version_pairs == ((0, 1),) and two.same_language == (True,)


def test_known_disagreements_are_found_and_other_rows_agree(two, manifest):
    differences = manifest["alternative"]["differences"]
    flagged = set()
    for item in differences:
        row = _row_of(two, item["backtranslation"])
        flagged.add(row.index)
        cell = row.cells[1]
        assert list(cell.unit_ids) == item["alternative"]
        kinds = [s.kind for s in cell.spans]
        for kind in item["detected_by"]["spans"]:
            assert kind in kinds, (item["id"], kinds)
        for check in item["detected_by"]["checks"]:
            assert check in row.checks, (item["id"], row.checks)
        main = [s for s in cell.spans if s.kind in item["detected_by"]["spans"]]
        ref_text, alt_text = row.cells[0].text, cell.text
        assert item["backtranslation_words"] in [
            ref_text[s.original_start : s.original_end] for s in main
        ]
        assert item["alternative_words"] in [
            alt_text[s.translation_start : s.translation_end] for s in main
        ]
        assert row.agreement < 100
    for row in two.rows:
        if row.index not in flagged and row.agreement is not None:
            assert row.agreement == 100.0, row.original_id
            assert all(not c.spans for c in row.cells), row.original_id
    least = two.least_agreeing(4)
    assert {r.index for r in least} == flagged
    assert two.mean_agreement == pytest.approx(
        sum(r.agreement for r in two.rows if r.agreement is not None) / 9, abs=0.05
    )


def test_versions_in_other_languages_are_compared_by_length_and_numbers(docs):
    result = compare(
        docs["original.en"],
        [docs["backtranslation.en"], docs["alternative.en"], docs["translation.fr"]],
    )
    assert result.version_pairs == ((0, 1), (0, 2), (1, 2))
    assert result.same_language == (True, False, False)
    p5 = result.rows[4]
    # French P5 has 3 500 like the original; the back-translation says 5,300.
    assert "numbers" in [f.check for f in p5.cells[2].findings]
    assert p5.pair_agreement[1] < 80 and p5.pair_agreement[0] == 100.0
    # P2: the English versions merge P2+P3, the French keeps them apart, so the
    # pairs with French are compared over both rows, on the first.
    p2, p3 = result.rows[1], result.rows[2]
    assert p2.pair_agreement[1] is not None and p2.pair_agreement[1] > 90
    assert p3.pair_agreement == (None, None, None)
    assert p3.cells[2].unit_ids == ("P3",) and not p3.cells[2].continued


def test_reference_choice_and_limits(docs):
    original, back, alt = docs["original.en"], docs["backtranslation.en"], docs["alternative.en"]
    flipped = compare(original, [back, alt], reference=1)
    p8 = flipped.rows[7]
    assert not p8.cells[1].spans
    assert [s.kind for s in p8.cells[0].spans] == ["omission"]  # "not" is missing in v1
    with pytest.raises(AlignmentError, match="needs 2 to 6 versions of the original; 1 were given"):
        compare(original, [back])
    with pytest.raises(AlignmentError, match="7 were given"):
        compare(original, [back] * 7)
    with pytest.raises(AlignmentError, match="from 1 to 2; got 3"):
        compare(original, [back, alt], reference=2)


def test_agreement_is_the_review_measure_of_each_language_case():
    def same(a: str, b: str) -> float:
        return agreement(a, b, same_language=True)

    def cross(a: str, b: str, ratio: float = 1.0) -> float:
        return agreement(a, b, same_language=False, ratio=ratio)

    assert same("The “big” bridge — old.", 'the "big" bridge - old.') == 100.0
    assert same("", "  ") == 100.0
    assert same("abc def", "") == 0.0
    assert 0 < same("the old bridge", "the new bridge") < 100
    # 9 of 10 visible characters (length 90), all four numbers matched (100).
    assert cross("1887 and 30%", "1887 et 30 %") == 95.0
    assert cross("It cost 3,500.", "Il a coûté 5 300.", ratio=1.2) < 70
    assert cross("abcd", "abcdabcd", ratio=2.0) == 100.0
    assert cross("", "") == 100.0 and cross("a", "") == 0.0


def test_agreement_levels_follow_the_named_thresholds():
    assert [agreement_level(v) for v in (None, 100.0, 95.0, 94.9, 80.0, 79.9)] == [
        None,
        "high",
        "high",
        "mid",
        "mid",
        "low",
    ]


def test_added_units_are_shown_after_the_preceding_paragraph():
    original = document_from_units(
        ["The mill stood by the river.", "It burnt down in 1920."], name="o", language="en"
    )
    v1 = document_from_units(
        [
            "The mill stood by the river.",
            "Children played there every summer, far from the busy town centre.",
            "It burnt down in 1920.",
        ],
        name="v1",
        language="en",
    )
    v2 = document_from_units(
        ["The mill stood near the river.", "It burned down in 1920."], name="v2", language="en"
    )
    result = compare(original, [v1, v2])
    first = result.rows[0].cells[0]
    assert first.unit_ids == ("P1",) and first.added_ids == ("P2",)
    assert first.added_text.startswith("Children played")
    assert result.rows[1].cells[0].unit_ids == ("P3",)
    html = cell_html(result, result.rows[0], 0)
    assert "added after this paragraph (P2)" in html


def test_cell_html_escapes_and_highlights():
    original = document_from_units(["A <b>bold</b> claim: **yes** $x$."], name="o", language="en")
    v1 = document_from_units(["A <b>bold</b> claim: **yes** $x$."], name="a", language="en")
    v2 = document_from_units(["A <b>bold</b> claim: **no** $x$."], name="b", language="en")
    result = compare(original, [v1, v2])
    row = result.rows[0]
    ref_html, other_html = cell_html(result, row, 0), cell_html(result, row, 1)
    for html in (ref_html, other_html):
        assert "<b>" not in html and "&lt;b&gt;" in html and "**" not in html and "$x" not in html
    assert 'class="wb-change wb-check"' in other_html and ">no</span>" in other_html
    assert 'class="wb-change' in ref_html and ">yes</span>" in ref_html


def test_csv_and_xlsx_exports(two):
    header = comparison_header(two)
    assert header[:3] == ["row", "original_id", "original_text"]
    assert header[-2:] == ["agreement", "agreement_v1_v2"]
    rows = list(csv.reader(io.StringIO(comparison_to_csv(two).decode("utf-8"), newline="")))
    assert rows[0] == header
    assert len(rows) == 1 + len(two.rows)
    col = {name: i for i, name in enumerate(header)}
    p3 = rows[3]
    assert p3[col["v1_continued"]] == "yes" and p3[col["agreement"]] == ""
    p9 = rows[9]
    assert p9[col["v2_checks"]] == "numbers"
    assert float(p9[col["agreement"]]) == two.rows[8].agreement
    assert p9[col["v2_text"]] == two.rows[8].cells[1].text

    book = openpyxl.load_workbook(io.BytesIO(comparison_to_xlsx(two)))
    sheet = book["Comparison"]
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == header
    assert values[9][col["agreement"]] == two.rows[8].agreement
    assert values[3][col["agreement"]] is None
    versions = list(book["Versions"].iter_rows(values_only=True))
    assert versions[2][:2] == ("v1", "backtranslation.en.txt") and versions[2][4] == "yes"


def test_spreadsheet_exports_neutralise_formulas():
    original = document_from_units(["=1+2 is a sum.", "Plain."], name="o", language="en")
    v1 = document_from_units(["=1+2 is a sum.", "Plain."], name="=evil.txt", language="en")
    v2 = document_from_units(["@SUM(A1) is a sum.", "Plain."], name="b", language="en")
    result = compare(original, [v1, v2])
    excel = comparison_to_csv(result, excel=True).decode("utf-8")
    assert excel.startswith("\ufeff") and ",'=1+2 is a sum.," in excel
    plain = comparison_to_csv(result).decode("utf-8")
    assert ",=1+2 is a sum.," in plain  # the canonical CSV keeps the text as it is
    book = openpyxl.load_workbook(io.BytesIO(comparison_to_xlsx(result)))
    cells = [c for row in book["Comparison"].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    assert book["Comparison"]["C2"].value == "'=1+2 is a sum."
    assert book["Versions"]["B3"].value == "'=evil.txt"


def _versions(*texts: str):
    return [document_from_units([t], name=f"v{k + 1}", language="en") for k, t in enumerate(texts)]


@pytest.mark.parametrize(
    ("changed", "check"),
    [
        (
            "Some residents argued that the money was wasted, and they were wrong to ask.",
            "negation",
        ),
        (
            "Some residents argued that the money was wasted, and they were not wrong to ask "
            "2,500 times.",
            "numbers",
        ),
    ],
    ids=["negation flip", "number change"],
)
def test_a_fact_disagreement_turns_a_cell_away_from_green(changed, check):
    text = "Some residents argued that the money was wasted, and they were not wrong to ask."
    if check == "numbers":
        text = text.replace("ask.", "ask 2,000 times.")
    original = document_from_units([text], name="o", language="en")
    result = compare(original, _versions(text, changed))
    row = result.rows[0]
    # the texts alone are alike enough to be green ...
    assert agreement_level(text_similarity(text, changed)) == "high"
    # ... but the versions disagree on a fact, and that decides
    assert row.pair_checks == ((check,),)
    assert row.agreement == FACT_AGREEMENT_CAP
    assert agreement_level(row.agreement) == "low"
    head = row_head_html(row)
    assert 'data-level="low"' in head
    assert f"{check_phrase(check)} · agreement {row.agreement:.1f}" in head


def test_the_mean_agreement_falls_when_versions_disagree_on_a_number():
    text = "The fund raised 10 million pounds for the new bridge over the river."
    original = document_from_units([text, "It opened in May."], name="o", language="en")
    versions = [
        document_from_units([t, "It opened in May."], name=n, language="en")
        for n, t in (("a", text), ("b", text.replace("10 million", "100 million")))
    ]
    result = compare(original, versions)
    assert text_similarity(text, text.replace("10 million", "100 million")) > 98
    assert result.rows[0].agreement <= FACT_AGREEMENT_CAP and result.rows[1].agreement == 100.0
    assert result.mean_agreement == pytest.approx((result.rows[0].agreement + 100.0) / 2, abs=0.05)
    assert result.mean_agreement < HIGH_AGREEMENT


def test_versions_in_one_language_that_agree_keep_their_similarity():
    a = "The old bridge was closed in 2019, and few people expected it to matter."
    b = "The old bridge was shut in 2019, and few people expected it to matter."
    assert agreement(a, b, same_language=True) == text_similarity(a, b)
    assert fact_disagreements(a, b, same_language=True) == ()


def test_the_heat_map_colours_follow_the_agreement_levels(two):
    scale = heatmap_scale().to_dict()
    assert scale["type"] == "threshold"
    assert scale["domain"] == [LOW_AGREEMENT, HIGH_AGREEMENT, 100.0]
    assert len(scale["range"]) == 4 and len(set(scale["range"])) == 4
    chart = heatmap(two).to_dict()
    assert chart["layer"][0]["encoding"]["color"]["scale"] == scale
    # the demo's number (A4) and negation (A3) rows fall in the lowest colour band
    capped = [
        r.original_id for r in two.rows if r.agreement is not None and r.agreement < LOW_AGREEMENT
    ]
    assert capped == ["P8", "P9"]
    assert {c for r in two.rows for c in r.disagreements} == {"negation", "numbers"}


def test_cell_labels_say_why_before_how_alike(two):
    p9 = two.rows[8]
    cell = p9.cells[1]
    assert cell_label(two, p9, 0) == "backtranslation.en.txt (reference)"
    assert cell_label(two, p9, 1) == (
        f"alternative.en.txt · number changed · major · text {percent_text(cell.similarity)} alike"
    )
