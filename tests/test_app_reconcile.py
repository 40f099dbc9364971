"""The app's back-translation review (AppTest): forward translation, three columns, the log."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_steps import PASTE, STATUS_PREFIX, open_card, open_tab, row_ids, start_app
from streamlit.testing.v1 import AppTest

from workbench import store
from workbench.export.reconciliation import LOG_COLUMNS
from workbench.render import escape
from workbench.review.attribution import attribute_pair
from workbench.ui.components.export import export_bytes

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"

ORIGINAL = "\n\n".join(
    [
        "The harbour of Lindholm was built in 1871 by the merchant Jonas Berg.",
        "Every spring the fishing fleet left at dawn and came back after three weeks.",
        "In 1903 a storm destroyed the northern pier and twelve boats were lost.",
    ]
)
BACK = "\n\n".join(
    [
        "The harbour of Lindholm was built in 1881 by the merchant Jonas Berg.",
        "Every spring the fishing fleet left at dawn and came back after three weeks.",
        "In 1903 a storm destroyed the northern pier and twelve boats were lost.",
    ]
)
FORWARD = "\n\n".join(
    [
        "Le port de Lindholm a été construit en 1871 par le marchand Jonas Berg.",
        "Chaque printemps, la flotte partait à l'aube et revenait après trois semaines.",
        "En 1903, une tempête a détruit la jetée nord et douze bateaux ont été perdus.",
    ]
)


def _rows(at: AppTest) -> list[str]:
    return row_ids(at)


def _html(at: AppTest) -> str:
    return "\n".join(str(h.proto.body) for h in at.get("html"))


def _three_texts(at: AppTest, project: str = "harbour-bt") -> None:
    at.sidebar.radio(key="original_source").set_value(PASTE).run()
    at.sidebar.text_area(key="original_text").set_value(ORIGINAL).run()
    at.sidebar.radio(key="translation_source").set_value(PASTE).run()
    at.sidebar.text_area(key="translation_text").set_value(BACK).run()
    at.sidebar.radio(key="forward_source").set_value(PASTE).run()
    at.sidebar.text_area(key="forward_text").set_value(FORWARD).run()
    at.sidebar.text_input(key="project").set_value(project).run()
    at.sidebar.button(key="align").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


def test_a_forward_translation_makes_a_three_column_review_with_a_log(alignments):
    at = start_app()
    at.sidebar.text_input(key="reviewer").set_value("Ana").run()
    _three_texts(at)
    assert _rows(at) == ["P1=P1", "P2=P2", "P3=P3"]
    page = _html(at)
    assert 'data-forward="P1"' in page and "Le port de Lindholm" in page
    assert "Forward translation · pasted-forward.txt (fr)" in page
    review = store.load_review(alignments / "harbour-bt.csv")
    assert review.meta.forward.language == "fr"
    assert review.by_id("P1=P1").forward.text.startswith("Le port de Lindholm")
    assert review.by_id("P1=P1").band == "major"  # 1871 -> 1881

    pid = "P1=P1"
    at.selectbox(key=f"ann_discrepancy_{pid}").set_value("meaning shift").run()
    at.selectbox(key=f"ann_decision_{pid}").set_value("no change needed").run()
    at.text_area(key=f"ann_rationale_{pid}").set_value("The French has 1871: BT error.").run()
    at.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("minor issue").run()
    assert not at.exception
    ann = store.load_review(alignments / "harbour-bt.csv").by_id(pid).annotation
    log = ann.log
    assert (log.discrepancy, log.decision, log.rationale, ann.status, ann.reviewer) == (
        "meaning shift",
        "no change needed",
        "The French has 1871: BT error.",
        "minor issue",
        "Ana",
    )
    open_card(at, "P2=P2")
    at.selectbox(key="ann_decision_P2=P2").set_value("forward translation revised").run()
    at.text_area(key="ann_revised_text_P2=P2").set_value("=Chaque printemps…").run()
    ann = store.load_review(alignments / "harbour-bt.csv").by_id("P2=P2").annotation
    assert ann.log.revised_text == "=Chaque printemps…"

    labels = {b.label for b in open_tab(at, "Export").get("download_button")}
    assert {"Download Reconciliation report (Excel)", "Download Reconciliation report (Word)"} <= (
        labels
    )


def test_a_correction_keeps_the_forward_passages(alignments):
    at = start_app()
    _three_texts(at, project="merge-bt")
    merge = next(b for b in at.button if b.key and b.key.startswith("merge_"))
    merge.click().run()
    assert not at.exception
    review = store.load_review(alignments / "merge-bt.csv")
    first = review.pairs[0]
    assert first.pair_id == "P1+P2=P1+P2"
    assert first.forward.ids == ("P1", "P2")
    assert review.meta.forward.name == "pasted-forward.txt"


def test_back_translation_demo_in_one_click(alignments):
    if not (DEMO / "translation.fr.txt").exists():
        pytest.skip("texts/demo/ is not in this checkout")
    at = start_app()
    at.sidebar.button(key="load_demo_reconcile").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    assert "P2+P3=P2" in _rows(at) and "P6=P6" in _rows(at)
    review = store.load_review(alignments / "demo-reconciliation.csv")
    assert review.meta.forward.name == "translation.fr.txt"
    assert review.by_id("P5=P4+P5").forward.ids == ("P5",)
    # The plain demo afterwards is a two-text review again.
    at.sidebar.button(key="load_demo").click().run()
    assert not at.exception
    plain = store.load_review(alignments / "demo.csv").meta
    assert plain.forward is None and not plain.is_back_translation
    assert len(LOG_COLUMNS) == 11


def test_overview_counts_the_discrepancy_log(alignments):
    at = start_app()
    at.sidebar.text_input(key="reviewer").set_value("Ana").run()
    _three_texts(at, project="overview-bt")
    at.selectbox(key="ann_discrepancy_P1=P1").set_value("meaning shift").run()
    at.selectbox(key="ann_decision_P1=P1").set_value("query raised").run()
    assert not at.exception
    metrics = {m.label: m.value for m in open_tab(at, "Overview").metric}
    assert metrics["Logged"] == "1" and metrics["Queries raised"] == "1"
    assert metrics["Forward revised"] == "0" and metrics["Not decided"] == "0"
    by_type = next(d.value for d in at.dataframe if "type" in d.value.columns)
    assert dict(zip(by_type["type"], by_type["pairs"], strict=True))["meaning shift"] == 1


def test_the_forward_translation_says_who_changed_a_number_and_fills_the_log(alignments):
    at = start_app()
    at.sidebar.text_input(key="reviewer").set_value("Ana").run()
    _three_texts(at, project="attribution-bt")
    review = store.load_review(alignments / "attribution-bt.csv")
    pid = "P1=P1"
    attribution = attribute_pair(review.by_id(pid), review.meta)
    (item,) = attribution.items
    assert item.side == "back-translation" and item.forward == "1871"
    page = _html(at)
    assert '<span class="wb-forward-kept"' in page
    assert f'<li data-side="back-translation">{escape(item.message)}</li>' in page
    # the suggestion fills type and rationale until the pair is first saved ...
    suggested = attribution.suggestion()
    assert at.selectbox(key=f"ann_discrepancy_{pid}").value == "back-translation artefact"
    assert at.text_area(key=f"ann_rationale_{pid}").value == suggested.rationale
    assert store.load_review(alignments / "attribution-bt.csv").by_id(pid).annotation.log is None
    # ... and is saved with the reviewer's first change, which they may overrule
    at.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("minor issue").run()
    assert not at.exception
    log = store.load_review(alignments / "attribution-bt.csv").by_id(pid).annotation.log
    assert (log.discrepancy, log.rationale) == (suggested.discrepancy, suggested.rationale)
    at.selectbox(key=f"ann_discrepancy_{pid}").set_value("meaning shift").run()
    log = store.load_review(alignments / "attribution-bt.csv").by_id(pid).annotation.log
    assert log.discrepancy == "meaning shift" and log.rationale == suggested.rationale
    # a pair without a changed value gets no suggestion
    open_card(at, "P2=P2")
    assert at.text_area(key="ann_rationale_P2=P2").value == ""


def test_the_export_tab_offers_every_major_pair_in_the_reports(alignments):
    at = start_app()
    _three_texts(at, project="export-bt")
    open_tab(at, "Export")
    box = at.checkbox(key="export_major_pairs")
    assert box.value is True and "nobody has logged" in box.help
    session = at.session_state["wb_session"]
    for fmt in ("reconciliation-xlsx", "reconciliation-docx"):
        with_major = export_bytes(session, fmt)
        assert with_major == export_bytes(session, fmt, major_pairs=True)
        assert with_major != export_bytes(session, fmt, major_pairs=False)
    box.uncheck().run()
    assert not at.exception and at.checkbox(key="export_major_pairs").value is False
