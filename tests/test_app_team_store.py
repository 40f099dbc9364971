"""The app on the shared review database (``WORKBENCH_STORE=postgresql://…``): reviews
are started, listed, reopened and annotated there, and two reviewers of one pair are told."""

from __future__ import annotations

from pathlib import Path

import pytest
from app_steps import STATUS_PREFIX, open_tab, start_app
from test_app import ORIGINAL, TRANSLATION, _align, _paste, _rows


@pytest.fixture()
def team_url(postgres_database, alignments, monkeypatch):
    """The app's store is a fresh database; its pool is closed afterwards."""
    from workbench.ui import loaders

    monkeypatch.setenv("WORKBENCH_STORE", postgres_database)
    yield postgres_database
    loaders._team_store(postgres_database).close()
    loaders._team_store.clear()


def test_two_reviewers_share_a_review_in_the_database(team_url, alignments: Path) -> None:
    from workbench.store.postgres import PostgresStore

    ana = start_app()
    ana.sidebar.text_input(key="reviewer").set_value("Ana").run()
    _paste(ana, original=ORIGINAL, translation=TRANSLATION)
    _align(ana)
    assert any("shared review database" in c.value for c in ana.sidebar.caption)
    assert not alignments.exists() or not list(alignments.iterdir())  # no file written
    pid = _rows(ana)[0]

    bob = start_app(project="harbour")  # another browser (or server), reopened by its URL
    bob.sidebar.text_input(key="reviewer").set_value("Bob").run()
    assert _rows(bob) == _rows(ana)
    bob.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("critical").run()
    assert not bob.exception and not bob.error

    ana.selectbox(key=f"{STATUS_PREFIX}{pid}").set_value("ok").run()
    assert not ana.exception
    assert any("Edited meanwhile" in e.value and "Bob" in e.value for e in ana.error)
    assert ana.selectbox(key=f"{STATUS_PREFIX}{pid}").value == "critical"

    store = PostgresStore(team_url)
    try:
        assert store.open_review("harbour").by_id(pid).annotation.reviewer == "Bob"
        assert [(e.who, e.new) for e in store.history("harbour", pair_id=pid)] == [
            ("Bob", "critical")
        ]
    finally:
        store.close()

    carla = start_app()
    open_tab(carla, "Projects")
    assert any("shared review database" in c.value for c in carla.caption)
    carla.button(key="open_harbour").click().run()
    assert not carla.exception and not carla.error
    assert carla.selectbox(key=f"{STATUS_PREFIX}{pid}").value == "critical"
