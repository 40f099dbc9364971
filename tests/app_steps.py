"""Shared AppTest steps: where the app is and how to start it."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

from streamlit.testing.v1 import AppTest

from workbench.ui.components.annotation_state import widget_key
from workbench.ui.state import TAB_KEY

APP = Path(__file__).resolve().parent.parent / "workbench" / "ui" / "app.py"
PASTE, UPLOAD = "Paste text", "Upload a file"
STATUS_PREFIX = "ann_status_"


def start_app(*, project: str | None = None) -> AppTest:
    """The app after its first run (optionally opened on ``?project=``), without exception."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    if project is not None:
        at.query_params["project"] = project
    at.run()
    assert not at.exception
    return at


def open_tab(at: AppTest, name: str) -> AppTest:
    """Open one of the app's tabs (only the open tab runs) and rerun."""
    at.session_state[TAB_KEY] = name
    return at.run()


def open_card(at: AppTest, pair_id: str) -> AppTest:
    """Open a compact row (identical or minor pair) as a full card, if it is compact."""
    more = [b for b in at.button if b.key == f"more_{pair_id}"]
    if more:
        more[0].click().run()
    return at


def open_error_form(at: AppTest, pair_id: str) -> AppTest:
    """Open the "Add error" popover of ``pair_id``'s card (its form is drawn only while it
    is open), as a click on it does."""
    at.session_state[widget_key("err_popover", pair_id)] = True
    return at.run()


def row_ids(at: AppTest) -> list[str]:
    """The pair ids of the rows shown, in page order (full cards and compact rows alike:
    each row's HTML names its pair in ``data-pair-id``)."""
    ids = []
    for element in at.get("html"):
        ids += [unescape(i) for i in re.findall(r'data-pair-id="([^"]*)"', element.value)]
    return list(dict.fromkeys(ids))
