"""The annotation widgets' session-state keys, and the stored values they are given back
after an edit conflict (used by the annotation fields, the errors list and bulk verdicts).
"""

from __future__ import annotations

from workbench import session as sessions
from workbench.model import DiscrepancyEntry
from workbench.ui import state
from workbench.ui.messages import kept

#: The annotation fields each pair has a widget for, and a back-translation review's log.
FIELDS = ("status", "category", "severity", "comment")
LOG_FIELDS = ("discrepancy", "decision", "revised_text", "rationale")


def widget_key(field: str, pair_id: str) -> str:
    """Session-state key of one annotation widget, e.g. ``ann_status_P3=P3+P4``."""
    return f"{state.ANNOTATION_PREFIX}{field}_{pair_id}"


def show_stored(pair_ids: list[str]) -> None:
    """After an edit conflict: take the review as stored now, and show these pairs'
    stored values in their widgets (the kept error names both values)."""
    session = state.current()
    if session is None:
        return
    review = None
    with kept("reload"):
        review = sessions.stored_review(session)
    if review is None:
        return
    state.update_review(review)
    values = {}
    for pid in pair_ids:
        if pid in review:
            stored = review.by_id(pid).annotation
            values.update({widget_key(f, pid): getattr(stored, f) for f in FIELDS})
            log = stored.log or DiscrepancyEntry()
            values.update({widget_key(f, pid): getattr(log, f) for f in LOG_FIELDS})
    state.set_widgets(values)
