"""The app's "Compare versions" tab (AppTest): demo, pasted versions, heat-map, downloads."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from app_steps import PASTE, open_tab, start_app
from streamlit.testing.v1 import AppTest

from workbench.errors import AlignmentError
from workbench.features.compare import compare
from workbench.features.comparison_table import comparison_to_csv
from workbench.text import load_document

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"

ORIGINAL = "The mill was built in 1820.\n\nIt burnt down in 1920 and was never rebuilt."
VERSION_A = "The mill was built in 1820.\n\nIt burnt down in 1920 and was never rebuilt."
VERSION_B = "The mill was built in 1830.\n\nIt burnt down in 1920 and was **rebuilt** <b>soon</b>."


def _html(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def _container_keys(at: AppTest) -> list[str]:
    html = _html(at)
    return [part.split('"')[0] for part in html.split('data-row="')[1:]]


def test_demo_versions_compare_in_one_click(alignments):
    if not (DEMO / "alternative.en.txt").exists():
        pytest.skip("texts/demo/ is not in this checkout")
    at = open_tab(start_app(), "Compare versions")
    at.button(key="cmp_demo").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    expected = compare(
        load_document(DEMO / "original.en.txt"),
        [
            load_document(DEMO / "backtranslation.en.txt"),
            load_document(DEMO / "alternative.en.txt"),
        ],
    )
    assert _container_keys(at) == [r.original_id for r in expected.rows]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Paragraphs"] == "10" and metrics["Versions"] == "2"
    assert metrics["Mean agreement"] == f"{expected.mean_agreement:.1f}"
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = charts[0].proto.spec
    assert '"rect"' in spec and "Version pair" in spec and "Original paragraph" in spec
    assert len(at.dataframe) == 1
    frame = at.dataframe[0].value
    assert list(frame["paragraph"]) == [r.original_id for r in expected.rows]
    page = _html(at)
    assert 'class="wb-minor' in page  # metres / meters
    assert ">2,500</span>" in page  # the changed number, highlighted
    labels = {b.label for b in at.get("download_button")}
    assert labels == {
        "Download comparison CSV",
        "Download comparison CSV for Excel",
        "Download comparison Excel workbook",
    }

    at.radio(key="cmp_show").set_value("Where versions differ").run()
    differ = [
        r.original_id
        for r in expected.rows
        if (r.agreement is not None and r.agreement < 100) or r.checks
    ]
    assert _container_keys(at) == differ
    assert len(differ) == 4  # the manifest's four differences A1–A4


def test_pasted_versions_are_compared_and_escaped(alignments):
    at = open_tab(start_app(), "Compare versions")
    at.radio(key="cmp_original_source").set_value(PASTE).run()
    at.text_area(key="cmp_original_text").set_value(ORIGINAL).run()
    at.radio(key="cmp_versions_source").set_value(PASTE).run()
    assert at.button(key="cmp_run").disabled  # no versions yet
    at.text_area(key="cmp_versions_0_text").set_value(VERSION_A).run()
    at.text_area(key="cmp_versions_1_text").set_value(VERSION_B).run()
    assert not at.button(key="cmp_run").disabled
    at.button(key="cmp_run").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert _container_keys(at) == ["P1", "P2"]
    page = _html(at)
    assert "<b>soon</b>" not in page and "&lt;b&gt;" in page
    assert "**" not in page
    frame = at.dataframe[0].value
    assert frame["agreement"][0] < 100 and frame["agreement"][1] < 100
    # The same table as the core's export.
    result = compare(
        load_document(ORIGINAL.encode(), name="original.txt"),
        [
            load_document(VERSION_A.encode(), name="version-1.txt"),
            load_document(VERSION_B.encode(), name="version-2.txt"),
        ],
    )
    rows = list(csv.reader(io.StringIO(comparison_to_csv(result).decode("utf-8"), newline="")))
    assert [float(r[rows[0].index("agreement")]) for r in rows[1:]] == list(frame["agreement"])

    at.selectbox(key="cmp_reference").set_value(1).run()
    at.button(key="cmp_run").click().run()
    assert not at.exception
    assert "version-2.txt (reference)" in _html(at)


def _pasted_versions(at: AppTest, second: str = VERSION_B) -> None:
    at.radio(key="cmp_original_source").set_value(PASTE).run()
    at.text_area(key="cmp_original_text").set_value(ORIGINAL).run()
    at.radio(key="cmp_versions_source").set_value(PASTE).run()
    at.text_area(key="cmp_versions_0_text").set_value(VERSION_A).run()
    at.text_area(key="cmp_versions_1_text").set_value(second).run()


def test_an_unreadable_version_is_reported_and_nothing_is_compared(alignments):
    at = open_tab(start_app(), "Compare versions")
    _pasted_versions(at, second="\u0000\u0001")
    assert not at.exception
    assert at.button(key="cmp_run").disabled  # the second version has no text
    assert any("version\\-2\\.txt" in e.value and "binary" in e.value for e in at.error)


@pytest.mark.parametrize(
    ("failure", "shown"),
    [
        (AlignmentError("The versions cannot be aligned: test failure."), "test failure"),
        (RuntimeError("boom"), "Something went wrong with the version comparison"),
    ],
)
def test_a_failed_comparison_is_reported_not_raised(alignments, monkeypatch, failure, shown):
    """The Compare button runs a comparison that fails: a message, no traceback, no table."""
    calls = []

    def failing(*args, **kwargs):  # noqa: ANN002, ANN003
        calls.append(args)
        raise failure

    monkeypatch.setattr("workbench.ui.components.compare.compare", failing)
    at = open_tab(start_app(), "Compare versions")
    _pasted_versions(at)
    at.button(key="cmp_run").click().run()
    assert not at.exception
    assert len(calls) == 1 and [d.name for d in calls[0][1]] == ["version-1.txt", "version-2.txt"]
    assert any(shown in e.value for e in at.error), [e.value for e in at.error]
    assert not at.dataframe and not at.get("vega_lite_chart")
    assert "boom" not in " ".join(e.value for e in at.error)  # never the raw exception
