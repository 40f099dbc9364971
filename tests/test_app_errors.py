"""In the app: several errors per pair, each on a highlighted span or a typed quotation."""

from __future__ import annotations

from pathlib import Path

from app_steps import PASTE, STATUS_PREFIX, open_card, open_error_form, start_app
from streamlit.testing.v1 import AppTest

from workbench import session, store
from workbench.export import to_mqm_tsv
from workbench.model import Annotation

ORIGINAL = "\n\n".join(
    [
        "The mill stood by the river for two hundred years.",
        "It ground wheat for the whole valley every autumn.",
        "Nobody rebuilt it.",
    ]
)
TRANSLATION = ORIGINAL.replace("wheat", "corn").replace("valley", "town")
PAIR = "P2=P2"


def _key(field: str) -> str:
    return f"ann_err_{field}_{PAIR}"


def _card() -> AppTest:
    """The demo pair aligned and opened as a full card (its "Add error" popover closed)."""
    at = start_app()
    at.sidebar.radio(key="original_source").set_value(PASTE).run()
    at.sidebar.text_area(key="original_text").set_value(ORIGINAL).run()
    at.sidebar.radio(key="translation_source").set_value(PASTE).run()
    at.sidebar.text_area(key="translation_text").set_value(TRANSLATION).run()
    at.sidebar.text_input(key="reviewer").set_value("Ana").run()
    at.sidebar.text_input(key="project").set_value("mill").run()
    at.sidebar.button(key="align").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    return open_card(at, PAIR)


def _aligned() -> AppTest:
    """The full card with its "Add error" form open."""
    return open_error_form(_card(), PAIR)


def _add(at: AppTest, *, span: int, category: str, severity: str, quote: str = "") -> None:
    at.selectbox(key=_key("span")).set_value(span)
    if quote:
        at.text_input(key=_key("quote")).set_value(quote)
    at.selectbox(key=_key("category")).set_value(category)
    at.selectbox(key=_key("severity")).set_value(severity)
    at.button(key=_key("add")).click().run()
    assert not at.exception


def test_two_errors_on_different_spans_are_saved_and_listed(alignments: Path) -> None:
    at = _aligned()
    spans = at.selectbox(key=_key("span"))
    assert spans.options[0] == "translation · “corn” (10–14)"
    assert spans.options[-1] == "type a quotation"
    _add(at, span=0, category="Accuracy/Mistranslation", severity="major")
    _add(at, span=-1, quote="town", category="Terminology", severity="minor")
    assert not at.error, [e.value for e in at.error]
    # the form is empty again for the next error
    assert at.text_input(key=_key("quote")).value == ""
    assert at.selectbox(key=_key("category")).value is None
    path = alignments / "mill.csv"
    ann = store.load_review(path).by_id(PAIR).annotation
    assert [(m.category, m.severity, m.side, m.quote) for m in ann.errors] == [
        ("Accuracy/Mistranslation", "major", "translation", "corn"),
        ("Terminology", "minor", "translation", "town"),
    ]
    assert ann.status == "major issue" and ann.reviewer == "Ana"  # the first error set it
    assert at.selectbox(key=f"{STATUS_PREFIX}{PAIR}").value == "major issue"
    listed = [m.value for m in at.markdown if "·" in m.value]
    assert len(listed) == 2 and "corn" in listed[0] and "town" in listed[1]
    assert any(c.value.startswith("saved ✓") for c in at.caption)
    # both errors are rows of the MQM export
    rows = [r for r in to_mqm_tsv(store.load_review(path)).decode().splitlines() if "\t2\t2\t" in r]
    assert [r.split("\t")[12] for r in rows] == ["corn", "town"]

    # changing the pair's verdict keeps its errors
    at.selectbox(key=f"{STATUS_PREFIX}{PAIR}").set_value("critical").run()
    ann = store.load_review(path).by_id(PAIR).annotation
    assert ann.status == "critical" and len(ann.errors) == 2

    # deleting the first leaves the second
    at.button(key=_key("delete0")).click().run()
    ann = store.load_review(path).by_id(PAIR).annotation
    assert [m.quote for m in ann.errors] == ["town"]


def test_a_quotation_not_in_the_text_becomes_a_message_and_nothing_is_saved(
    alignments: Path,
) -> None:
    at = _aligned()
    before = (alignments / "mill.csv").read_bytes()
    _add(at, span=-1, quote="village", category="Terminology", severity="minor")
    assert [e.value for e in at.error] == [
        "**Cannot mark this error** — The quotation “village” does not occur in the "
        "translation of this pair; copy it exactly as it stands there\\. Nothing was saved\\."
    ]
    assert (alignments / "mill.csv").read_bytes() == before
    assert at.text_input(key=_key("quote")).value == "village"  # kept for correcting


def test_an_error_added_after_another_reviewer_saved_the_pair_is_refused_then_added(
    alignments: Path,
) -> None:
    """Another reviewer saves the pair while this one fills the form: the Add is refused
    with both values named (nothing overwritten), the pair shows what is stored now, and
    the same form, added again, saves the error beside the other reviewer's verdict."""
    at = _aligned()
    path = alignments / "mill.csv"
    other = session.open_review(path)
    session.save_annotation(
        other,
        PAIR,
        Annotation(status="minor issue", comment="valley/town", reviewer="Bo"),
    )
    _add(at, span=0, category="Accuracy/Mistranslation", severity="major")
    assert any("Bo" in e.value or "changed" in e.value for e in at.error), [
        e.value for e in at.error
    ]
    stored = store.load_review(path).by_id(PAIR).annotation
    assert stored.reviewer == "Bo" and stored.errors == ()  # nothing overwritten
    # the pair now shows what is stored: the other reviewer's verdict and comment
    assert at.selectbox(key=f"{STATUS_PREFIX}{PAIR}").value == "minor issue"
    assert at.text_input(key=f"ann_comment_{PAIR}").value == "valley/town"
    # the form kept what was chosen; adding again saves it on top of the stored verdict
    assert at.selectbox(key=_key("category")).value == "Accuracy/Mistranslation"
    at.button(key=_key("add")).click().run()
    assert not at.exception
    stored = store.load_review(path).by_id(PAIR).annotation
    assert [m.quote for m in stored.errors] == ["corn"]
    assert (stored.status, stored.comment, stored.reviewer) == ("minor issue", "valley/town", "Ana")


def test_the_error_form_is_drawn_only_while_its_popover_is_open(alignments: Path) -> None:
    """A closed "Add error" popover draws no form (a page of full cards is cheaper to
    draw); opened, the form is there; closed again, it is gone."""
    at = _card()
    keys = {w.key for w in at.selectbox}
    assert f"{STATUS_PREFIX}{PAIR}" in keys and _key("span") not in keys
    open_error_form(at, PAIR)
    assert _key("span") in {w.key for w in at.selectbox}
    at.session_state[_key("popover")] = False
    at.run()
    assert _key("span") not in {w.key for w in at.selectbox}
