"""The review app driven headless with Streamlit's AppTest: one flow per test."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from app_steps import APP, PASTE, STATUS_PREFIX, open_card, open_tab, row_ids, start_app
from streamlit.testing.v1 import AppTest

from workbench import export, session, store
from workbench.align import align
from workbench.cli import main
from workbench.diff import analyse
from workbench.model import Annotation
from workbench.text import load_document

ORIGINAL_PARAGRAPHS = [
    "The harbour of Lindholm was built in 1871 by the merchant Jonas Berg.",
    "Every spring the fishing fleet left at dawn and came back after three weeks at sea.",
    "The old lighthouse keeper wrote down the weather twice a day in a blue notebook.",
    "In 1903 a storm destroyed the northern pier and twelve boats were lost.",
    "The village rebuilt the pier with stone brought from the quarry at Kvarnby.",
    "Today the harbour is a museum, and the notebook is shown in its main hall.",
]


def _translation_paragraphs() -> list[str]:
    """The original with one number changed, one paragraph dropped, one sentence added."""
    paras = list(ORIGINAL_PARAGRAPHS)
    paras[0] = "The harbour of Lindholm was built in 1881 by the merchant Jonas Berg."
    del paras[2]  # the lighthouse keeper is omitted
    paras[3] = paras[3] + " Nobody remembers who paid for it."
    return paras


ORIGINAL = "\n\n".join(ORIGINAL_PARAGRAPHS)
TRANSLATION = "\n\n".join(_translation_paragraphs())


def _paste(at: AppTest, *, original: str, translation: str | None = None) -> None:
    at.sidebar.radio(key="original_source").set_value(PASTE).run()
    at.sidebar.text_area(key="original_text").set_value(original).run()
    if translation is not None:
        at.sidebar.radio(key="translation_source").set_value(PASTE).run()
        at.sidebar.text_area(key="translation_text").set_value(translation).run()
    assert not at.exception


def _align(at: AppTest, *, project: str = "harbour", reviewer: str = "Tess") -> None:
    at.sidebar.text_input(key="project").set_value(project).run()
    if reviewer and not at.sidebar.text_input(key="reviewer").value:
        at.sidebar.text_input(key="reviewer").set_value(reviewer).run()
    at.sidebar.button(key="align").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]


def _rows(at: AppTest) -> list[str]:
    """Pair ids of the rows on screen, in order (one status selectbox per row)."""
    return row_ids(at)


def _expected_pair_ids(original: str, translation: str) -> list[str]:
    """What the core makes of the two texts, for comparison with the app."""
    alignment = align(
        load_document(original.encode(), name="pasted-original.txt"),
        load_document(translation.encode(), name="pasted-translation.txt"),
    )
    return [alignment.pair_id(b) for b in alignment.beads]


def test_page_loads_with_an_empty_state(alignments: Path) -> None:
    at = start_app()
    assert not at.error
    assert any("Upload or paste the original to start" in i.value for i in at.info)
    assert at.sidebar.button(key="align").disabled  # no original yet
    assert _rows(at) == []


def test_load_demo_set_aligns_in_one_click(alignments: Path) -> None:
    demo = Path(__file__).resolve().parent.parent / "texts" / "demo"
    if not (demo / "original.en.txt").exists():
        pytest.skip("texts/demo/ is not in this checkout")
    at = start_app()
    at.sidebar.button(key="load_demo").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    original = (demo / "original.en.txt").read_text(encoding="utf-8")
    backtranslation = (demo / "backtranslation.en.txt").read_text(encoding="utf-8")
    assert at.sidebar.text_area(key="original_text").value == original
    assert at.sidebar.text_area(key="translation_text").value == backtranslation
    rows = _rows(at)
    assert rows == _expected_pair_ids(original, backtranslation)
    review = store.load_review(alignments / "demo.csv")
    assert [p.pair_id for p in review.pairs] == rows
    assert (review.meta.original_name, review.meta.translation_name) == (
        "original.en.txt",
        "backtranslation.en.txt",
    )


def test_paste_an_original_and_align_shows_one_row_per_pair(alignments: Path) -> None:
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    expected = _expected_pair_ids(ORIGINAL, TRANSLATION)
    assert _rows(at) == expected
    review = store.load_review(alignments / "harbour.csv")
    assert [p.pair_id for p in review.pairs] == expected
    # the omitted paragraph is on screen as an unaligned row
    assert "P3=-" in expected
    assert not at.warning


def test_paste_an_original_against_the_built_in_essay(alignments: Path) -> None:
    at = start_app()
    essay = (Path(__file__).resolve().parent.parent / "texts").joinpath(
        "reflections-en-backtranslation.txt"
    )
    paragraphs = essay.read_text(encoding="utf-8").split("\n\n")
    _paste(at, original="\n\n".join(paragraphs[:6]))
    _align(at, project="essay")
    review = store.load_review(alignments / "essay.csv")
    assert review.meta.translation_name == essay.name
    assert len(_rows(at)) == min(20, len(review.pairs))
    # six original paragraphs against the whole essay: the rest is translation-only
    assert sum(1 for p in review.pairs if p.kind == "0:1") >= 1


def test_a_project_of_other_texts_is_never_overwritten(alignments: Path) -> None:
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    path = alignments / "harbour.csv"
    before = path.read_bytes()
    other = start_app()
    _paste(other, original=ORIGINAL + "\n\nA last paragraph.", translation=TRANSLATION)
    other.sidebar.text_input(key="project").set_value("harbour").run()
    other.sidebar.button(key="align").click().run()
    assert not other.exception
    assert any("already holds a review of other texts" in e.value for e in other.error)
    assert path.read_bytes() == before
    assert _rows(other) == []


def test_the_app_and_the_command_line_refuse_other_texts_with_one_message(
    alignments: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    path = alignments / "harbour.csv"
    before = path.read_bytes()
    # the app: other texts under the same project name
    other = start_app()
    _paste(other, original=ORIGINAL + "\n\nA last paragraph.", translation=TRANSLATION)
    other.sidebar.text_input(key="project").set_value("harbour").run()
    other.sidebar.button(key="align").click().run()
    shown = [e.value.replace("\\", "").replace("**", "") for e in other.error]
    # the command line: other texts into the same file
    (tmp_path / "o.txt").write_text(ORIGINAL + "\n\nA last paragraph.", encoding="utf-8")
    (tmp_path / "b.txt").write_text(TRANSLATION, encoding="utf-8")
    assert (
        main(["reconcile", str(tmp_path / "o.txt"), str(tmp_path / "b.txt"), "-o", str(path)]) == 2
    )
    printed = [ln for ln in capsys.readouterr().err.splitlines() if ln.startswith("workbench: ")]
    title, message = printed[-1].removeprefix("workbench: ").split(": ", 1)
    assert shown == [f"{title} — {message}"]
    assert "never overwritten" in message
    assert path.read_bytes() == before


def test_filter_divergent_only_shows_fewer_rows(alignments: Path) -> None:
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    everything = _rows(at)
    at.selectbox(key="filter_show").set_value("Divergent only").run()
    divergent = _rows(at)
    review = store.load_review(alignments / "harbour.csv")
    identical = [p.pair_id for p in review.pairs if p.band == "identical" and not p.checks]
    assert identical, "the test texts must keep some identical pairs"
    assert divergent == [pid for pid in everything if pid not in identical]
    at.selectbox(key="filter_show").set_value("All pairs").run()
    at.text_input(key="filter_search").set_value("KVARNBY").run()
    assert _rows(at) == [p.pair_id for p in review.pairs if "Kvarnby" in p.original_text]


def test_annotating_a_pair_is_saved_to_the_csv_at_once(alignments: Path) -> None:
    at = start_app()
    at.sidebar.text_input(key="reviewer").set_value("Ana").run()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    pid = _rows(at)[0]
    at.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("major issue").run()
    at.selectbox(key=f"ann_category_{pid}").set_value("Accuracy/Mistranslation").run()
    at.text_input(key=f"ann_comment_{pid}").set_value("1871 became 1881 -> wrong year").run()
    assert not at.exception
    assert any(c.value.startswith("saved ✓") for c in at.caption)

    path = alignments / "harbour.csv"
    ann = store.load_review(path).by_id(pid).annotation
    assert (ann.status, ann.category, ann.comment, ann.reviewer) == (
        "major issue",
        "Accuracy/Mistranslation",
        "1871 became 1881 -> wrong year",
        "Ana",
    )
    assert ann.updated_at.endswith("Z")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    flat = [cell for row in rows for cell in row]
    assert "major issue" in flat
    assert "1871 became 1881 -> wrong year" in flat


def test_a_verdict_another_reviewer_saved_first_is_shown_not_overwritten(
    alignments: Path,
) -> None:
    """Two reviewers on one pair: the second save is refused with both values, the pair's
    widgets show what is stored, and the next change is saved on top of it."""
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at, reviewer="Ana")
    pid = _rows(at)[0]
    open_card(at, pid)
    path = alignments / "harbour.csv"
    other = Annotation(status="critical", comment="Bo's finding", reviewer="Bo")
    session.save_annotation(session.open_review(path), pid, other)
    at.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("ok").run()
    assert not at.exception
    assert at.error and "Bo" in at.error[0].value, [e.value for e in at.error]
    assert store.load_review(path).by_id(pid).annotation.status == "critical"
    assert at.selectbox(key=f"{STATUS_PREFIX}{pid}").value == "critical"
    assert at.text_input(key=f"ann_comment_{pid}").value == "Bo's finding"
    at.text_input(key=f"ann_comment_{pid}").set_value("Bo's finding; agreed").run()
    stored = store.load_review(path).by_id(pid).annotation
    assert (stored.status, stored.comment, stored.reviewer) == (
        "critical",
        "Bo's finding; agreed",
        "Ana",
    )


def test_merge_split_and_undo(alignments: Path) -> None:
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    before = _rows(at)
    path = alignments / "harbour.csv"
    # annotate the last pair: it is not touched by the edits and must keep its annotation
    last = before[-1]
    open_card(at, last)
    at.selectbox(key=f"{STATUS_PREFIX}{last}").set_value("ok").run()

    at.button(key=f"merge_{before[0]}").click().run()
    assert not at.exception and not at.error
    merged = _rows(at)
    assert len(merged) == len(before) - 1
    assert merged[0] == "P1+P2=P1+P2"
    assert [p.pair_id for p in store.load_review(path).pairs] == merged

    at.button(key=f"split_{merged[0]}").click().run()
    assert _rows(at) == ["P1=P1", "P2=P2", *merged[1:]]
    # only touched pairs were re-analysed, with the same result as a full analysis
    session = at.session_state["wb_session"]
    full = {d.pair_id: d for d in analyse(session.alignment)}
    assert dict(session.divergences) == full
    assert store.load_review(path).by_id(last).annotation.status == "ok"

    at.button(key="undo").click().run()
    assert _rows(at) == merged
    at.button(key="undo").click().run()
    assert _rows(at) == before
    assert at.button(key="undo").disabled
    review = store.load_review(path)
    assert [p.pair_id for p in review.pairs] == before
    assert review.by_id(last).annotation.status == "ok"


def test_unlink_then_link_restores_a_pair(alignments: Path) -> None:
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    first = _rows(at)[0]
    assert first == "P1=P1"
    at.button(key=f"unlink_{first}").click().run()
    assert _rows(at)[:2] == ["P1=-", "-=P1"]
    at.selectbox(key="link_original").set_value(0).run()
    at.selectbox(key="link_translation").set_value(0).run()
    at.button(key="link").click().run()
    assert not at.error
    assert _rows(at)[0] == "P1=P1"


def test_resume_a_saved_project_restores_annotations(alignments: Path) -> None:
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    pid = _rows(at)[1]
    open_card(at, pid)  # an identical pair is a compact row until opened
    at.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("minor issue").run()
    at.text_input(key=f"ann_comment_{pid}").set_value("tone is off").run()

    fresh = start_app()  # a new browser session: nothing in memory
    assert _rows(fresh) == []
    open_tab(fresh, "Projects")
    fresh.button(key="open_harbour").click().run()
    assert not fresh.exception and not fresh.error
    open_card(fresh, pid)
    assert fresh.selectbox(key=f"{STATUS_PREFIX}{pid}").value == "minor issue"
    assert fresh.text_input(key=f"ann_comment_{pid}").value == "tone is off"
    saved = store.load_review(alignments / "harbour.csv")
    assert _rows(fresh) == [p.pair_id for p in saved.pairs]
    # the sidebar still holds the built-in essay, not the texts of this review
    assert any("made from other texts" in w.value for w in fresh.warning)


def test_a_reloaded_page_reopens_the_project_in_its_url(alignments: Path) -> None:
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    assert at.query_params["project"] in ("harbour", ["harbour"])
    pid = _rows(at)[0]
    at.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("critical").run()

    reloaded = AppTest.from_file(str(APP), default_timeout=120)
    reloaded.query_params["project"] = "harbour"
    reloaded.run()
    assert not reloaded.exception and not reloaded.error
    assert _rows(reloaded) == _rows(at)
    assert reloaded.selectbox(key=f"{STATUS_PREFIX}{pid}").value == "critical"

    missing = AppTest.from_file(str(APP), default_timeout=120)
    missing.query_params["project"] = "no-such-project"
    missing.run()
    assert not missing.exception and not missing.error
    assert _rows(missing) == []


def test_a_binary_upload_shows_a_message_not_a_traceback(alignments: Path) -> None:
    at = start_app()
    junk = bytes(range(256)) * 40
    at.sidebar.file_uploader(key="original_file").set_value(
        ("notes.txt", junk, "application/octet-stream")
    ).run()
    assert not at.exception
    assert at.sidebar.error, "the ingest error must be shown next to the input"
    message = at.sidebar.error[0].value
    assert "notes" in message
    assert at.sidebar.button(key="align").disabled


def test_an_uploaded_cp1252_file_is_read_and_described(alignments: Path) -> None:
    at = start_app()
    data = "Première ligne.\n\nDeuxième paragraphe.".encode("cp1252")
    at.sidebar.file_uploader(key="original_file").set_value(("fr.txt", data, "text/plain")).run()
    assert not at.exception and not at.sidebar.error
    captions = [c.value for c in at.sidebar.caption]
    assert any(r"fr\.txt\: 2 paragraphs" in c and "cp1252" in c for c in captions), captions
    assert not at.sidebar.button(key="align").disabled  # the essay is the translation


def test_export_tab_offers_the_formats_of_a_plain_review(alignments: Path) -> None:
    """What each button delivers is checked in the browser (tests/browser/test_downloads.py)."""
    at = start_app()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    open_tab(at, "Export")
    buttons = {b.proto.id and b.label: b for b in at.get("download_button")}
    saved = store.load_review(alignments / "harbour.csv")
    offered = export.formats_for(saved)
    labels = {f"Download {export.EXPORTS[f].label}" for f in offered}
    assert set(buttons) == labels | {"Download the history (CSV)"}
    assert not any(f.startswith("reconciliation-") for f in offered)
    assert len(offered) == len(export.EXPORTS) - 2  # reports only for a back-translation


HOSTILE = "Use **bold** :smile: and $x$ -> <script>alert(1)</script> here."


def test_user_text_is_rendered_as_escaped_html_not_markdown(alignments: Path) -> None:
    at = start_app()
    _paste(at, original=ORIGINAL + "\n\n" + HOSTILE, translation=TRANSLATION + "\n\n" + HOSTILE)
    _align(at, project="hostile")
    bodies = [h.value for h in at.html]
    assert any("&lt;script&gt;" in b for b in bodies)
    assert not any("<script>alert" in b for b in bodies)
    # nothing of the user's text went through markdown
    assert not any("alert(1)" in m.value for m in at.markdown)


def test_escape_markdown_leaves_no_active_character() -> None:
    from workbench.ui.messages import escape_markdown

    escaped = escape_markdown(HOSTILE)
    for i, ch in enumerate(escaped):
        if ch in "*:$<>[]_`":
            assert escaped[i - 1] == "\\", (ch, escaped)


@pytest.mark.parametrize(
    ("ids", "label"),
    [
        ((), "—"),
        (("P3",), "P3"),
        (("P3", "P4"), "P3–P4"),
        (("P3", "P5"), "P3+P5"),
        (("P2.S1", "P2.S2", "P2.S3"), "P2.S1–P2.S3"),
    ],
)
def test_unit_labels_of_row_headers(ids: tuple[str, ...], label: str) -> None:
    from workbench.ui.components.pair_html import unit_label

    assert unit_label(ids) == label
