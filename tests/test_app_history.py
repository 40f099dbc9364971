"""The app tells a reviewer when someone else saved the same pair, and shows a pair's history."""

from __future__ import annotations

from pathlib import Path

from app_steps import STATUS_PREFIX, start_app
from test_app import ORIGINAL, TRANSLATION, _align, _paste, _rows

from workbench.model import Annotation
from workbench.store import load_review, version_of
from workbench.store.csv_store import CsvStore


def test_a_pair_saved_meanwhile_by_another_reviewer_is_reported_with_both_values(
    alignments: Path,
) -> None:
    at = start_app()
    at.sidebar.text_input(key="reviewer").set_value("Ana").run()
    _paste(at, original=ORIGINAL, translation=TRANSLATION)
    _align(at)
    pid = _rows(at)[0]
    at.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("ok").run()
    assert not at.exception and not at.error
    # Bob, on another server, saves the same pair after Ana's save.
    path = alignments / "harbour.csv"
    stored = load_review(path).by_id(pid).annotation
    bob = Annotation(status="critical", comment="wrong year", reviewer="Bob")
    CsvStore().save_annotations(path, {pid: bob}, bases={pid: version_of(stored)})

    at.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("minor issue").run()
    assert not at.exception
    banners = [e.value for e in at.error]
    assert any("Edited meanwhile" in b and "Bob" in b and "wrong year" in b for b in banners)
    assert at.selectbox(key=f"{STATUS_PREFIX}{pid}").value == "critical"  # the stored value
    assert load_review(path).by_id(pid).annotation.status == "critical"  # nothing overwritten

    # Ana decides again on what is stored now: saved.
    at.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("major issue").run()
    assert not at.exception and not at.error
    assert load_review(path).by_id(pid).annotation.status == "major issue"

    at.toggle(key=f"history_{pid}").set_value(True).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["who"]) == ["Ana", "Bob", "Bob", "Ana"]
    assert list(table["new"]) == ["ok", "critical", "wrong year", "major issue"]
