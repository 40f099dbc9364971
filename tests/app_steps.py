"""Shared AppTest steps: where the app is and how to start it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

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
