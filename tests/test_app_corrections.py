"""In the app: corrections keep annotations and say so beside the row; the reviewer is known."""

from __future__ import annotations

from pathlib import Path

from app_steps import APP, PASTE, STATUS_PREFIX, open_card, open_tab, row_ids, start_app
from streamlit.testing.v1 import AppTest

from workbench import store

ORIGINAL = "\n\n".join(
    [
        "The mill stood by the river for two hundred years.",
        "It ground wheat for the whole valley.",
        "In 1920 a fire destroyed it.",
        "Nobody rebuilt it.",
    ]
)
TRANSLATION = ORIGINAL.replace("wheat", "corn").replace("1920", "1921")


def _rows(at: AppTest) -> list[str]:
    return row_ids(at)


def _aligned(*, reviewer: str = "Ana", project: str = "mill") -> AppTest:
    at = start_app()
    at.sidebar.radio(key="original_source").set_value(PASTE).run()
    at.sidebar.text_area(key="original_text").set_value(ORIGINAL).run()
    at.sidebar.radio(key="translation_source").set_value(PASTE).run()
    at.sidebar.text_area(key="translation_text").set_value(TRANSLATION).run()
    if reviewer:
        at.sidebar.text_input(key="reviewer").set_value(reviewer).run()
    at.sidebar.text_input(key="project").set_value(project).run()
    at.sidebar.button(key="align").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return at


def test_merging_two_annotated_pairs_keeps_both_verdicts_and_says_so_beside_the_row(
    alignments: Path,
) -> None:
    at = _aligned()
    assert _rows(at) == ["P1=P1", "P2=P2", "P3=P3", "P4=P4"]
    open_card(at, "P2=P2")  # identical pairs are compact rows until opened
    at.selectbox(key=f"{STATUS_PREFIX}P2=P2").set_value("minor issue").run()
    at.text_input(key="ann_comment_P2=P2").set_value("corn is not wheat").run()
    open_card(at, "P3=P3")
    at.selectbox(key=f"{STATUS_PREFIX}P3=P3").set_value("major issue").run()
    at.text_input(key="ann_comment_P3=P3").set_value("1920 became 1921").run()
    at.button(key="merge_P2=P2").click().run()
    assert not at.exception and not at.error
    assert _rows(at) == ["P1=P1", "P2+P3=P2+P3", "P4=P4"]
    merged = "P2+P3=P2+P3"
    assert at.selectbox(key=f"{STATUS_PREFIX}{merged}").value == "major issue"
    comment = at.text_input(key=f"ann_comment_{merged}").value
    assert comment == "[P2=P2] corn is not wheat · [P3=P3] 1920 became 1921"
    saved = store.load_review(alignments / "mill.csv").by_id(merged).annotation
    assert (saved.status, saved.comment, saved.reviewer) == ("major issue", comment, "Ana")
    # the outcome and an Undo button stand beside the merged row, not at the top
    row = next(c for c in at.get("flex_container") if getattr(c, "key", "") == f"row_{merged}")
    beside = [el.value.replace("\\", "") for el in row.success]
    assert beside and "kept the verdict of P3=P3 (major issue)" in beside[0]
    assert at.button(key="undo_here").label.startswith("Undo correction")
    at.button(key="undo_here").click().run()
    assert _rows(at) == ["P1=P1", "P2=P2", "P3=P3", "P4=P4"]
    open_card(at, "P2=P2")
    assert at.selectbox(key=f"{STATUS_PREFIX}P2=P2").value == "minor issue"
    assert at.text_input(key="ann_comment_P3=P3").value == "1920 became 1921"


def test_without_a_reviewer_name_the_app_asks_once_and_saves_nothing(alignments: Path) -> None:
    at = _aligned(reviewer="")
    assert any("Enter your name to annotate" in i.value for i in at.info)
    # P1 is identical: a compact row, whose verdict is its OK button
    assert at.button(key="ann_ok_P1=P1").disabled
    at.text_input(key="reviewer_prompt").set_value("Ben").run()
    assert at.sidebar.text_input(key="reviewer").value == "Ben"
    assert not at.button(key="ann_ok_P1=P1").disabled
    at.button(key="ann_ok_P1=P1").click().run()
    saved = store.load_review(alignments / "mill.csv").by_id("P1=P1").annotation
    assert (saved.status, saved.reviewer) == ("ok", "Ben")
    assert at.button(key="ann_ok_P1=P1").disabled  # OK already
    assert any(">ok</span>" in h.value and "P1=P1" in h.value for h in at.get("html"))
    open_card(at, "P1=P1")
    assert at.selectbox(key=f"{STATUS_PREFIX}P1=P1").value == "ok"


def test_a_reloaded_page_keeps_the_project_and_the_reviewer(alignments: Path) -> None:
    at = _aligned(reviewer="Cleo", project="mill-2")
    assert at.query_params["reviewer"] in ("Cleo", ["Cleo"])
    reloaded = AppTest.from_file(str(APP), default_timeout=120)
    reloaded.query_params["project"] = "mill-2"
    reloaded.query_params["reviewer"] = "Cleo"
    reloaded.run()
    assert not reloaded.exception and not reloaded.error
    assert reloaded.sidebar.text_input(key="project").value == "mill-2"
    assert reloaded.sidebar.text_input(key="reviewer").value == "Cleo"
    open_card(reloaded, "P2=P2")
    reloaded.selectbox(key=f"{STATUS_PREFIX}P2=P2").set_value("minor issue").run()
    review = store.load_review(alignments / "mill-2.csv")
    assert review.by_id("P2=P2").annotation.reviewer == "Cleo"


def test_opening_a_project_names_it_in_the_sidebar(alignments: Path) -> None:
    _aligned(project="mill-3")
    fresh = start_app()
    fresh.sidebar.text_input(key="reviewer").set_value("Dan").run()
    open_tab(fresh, "Projects").button(key="open_mill-3").click().run()
    assert not fresh.exception and not fresh.error
    assert fresh.sidebar.text_input(key="project").value == "mill-3"
