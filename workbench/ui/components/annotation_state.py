"""What the annotation widgets share (the fields, the errors list, bulk verdicts): their
session-state keys, the save a callback makes, and the stored values they are given back
after an edit conflict.
"""

from __future__ import annotations

from collections.abc import Mapping

from workbench import session as sessions
from workbench.errors import EditConflictError
from workbench.model import Annotation, DiscrepancyEntry
from workbench.review.record import Review
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


def save_kept(
    session: sessions.ReviewSession, annotations: Mapping[str, Annotation], *, slot: str
) -> Review | None:
    """Save ``annotations`` in one write from a callback; the updated review, now the
    session's. None when nothing was saved: the error is kept under ``slot`` for
    ``show_kept``, and after an edit conflict these pairs show what is stored."""
    review = None
    with kept(slot):
        review = sessions.save_annotations(session, annotations)
    if review is None:
        if isinstance(state.kept_error(slot), EditConflictError):
            show_stored(list(annotations))
        return None
    state.update_review(review)
    return review
