"""Per-pair annotation widgets; every change is written to the project file at once."""

from __future__ import annotations

import streamlit as st

from workbench.model import MQM_CATEGORIES, SEVERITIES, STATUSES, Annotation
from workbench.review import PairRecord, utc_now
from workbench.ui import actions, state
from workbench.ui.messages import escape_markdown, show_error

FIELDS = (
    "status",
    "category",
    "severity",
    "comment",
    # The discrepancy log of a back-translation review (widgets in components.reconcile);
    # read here too so saving any field never drops the others.
    "discrepancy",
    "decision",
    "revised_text",
    "rationale",
)


def widget_key(field: str, pair_id: str) -> str:
    """Session-state key of one annotation widget, e.g. ``ann_status_P3=P3+P4``."""
    return f"{state.ANNOTATION_PREFIX}{field}_{pair_id}"


def annotation_from_widgets(pair_id: str, *, previous: Annotation, reviewer: str) -> Annotation:
    """The annotation the widgets of ``pair_id`` hold now, stamped with reviewer and UTC time."""
    values = {f: st.session_state.get(widget_key(f, pair_id), getattr(previous, f)) for f in FIELDS}
    return Annotation(**values, reviewer=reviewer or previous.reviewer, updated_at=utc_now())


def save(pair_id: str) -> None:
    """Widget callback: write ``pair_id``'s annotation to the file and mark it saved."""
    session = state.current()
    if session is None or pair_id not in session.review:
        return
    previous = session.review.by_id(pair_id).annotation
    annotation = annotation_from_widgets(
        pair_id, previous=previous, reviewer=str(st.session_state.get("reviewer", "")).strip()
    )
    try:
        review = actions.save_annotation(session, pair_id, annotation)
    except Exception as exc:  # shown in the row by render()
        state.row_errors()[pair_id] = exc
        return
    state.update_review(review)
    state.mark_saved(pair_id)


def option_index(options: tuple[str, ...], value: str) -> int:
    """Position of ``value`` among a selectbox's options (the first when unknown)."""
    return options.index(value) if value in options else 0


def render(record: PairRecord) -> None:
    """Status, MQM category, severity and comment of one pair in a line, with its saved state."""
    pid, ann = record.pair_id, record.annotation
    status, category, severity, comment = st.columns([2, 3, 2, 5])
    status.selectbox(
        "Status",
        STATUSES,
        index=option_index(STATUSES, ann.status),
        key=widget_key("status", pid),
        on_change=save,
        args=(pid,),
        help="Your verdict on this pair. Saved as soon as you choose.",
    )
    category.selectbox(
        "MQM category",
        MQM_CATEGORIES,
        index=option_index(MQM_CATEGORIES, ann.category),
        format_func=lambda c: c or "—",
        key=widget_key("category", pid),
        on_change=save,
        args=(pid,),
        help="The kind of error, from the MQM typology (Accuracy, Terminology, Style …).",
    )
    severity.selectbox(
        "Severity",
        SEVERITIES,
        index=option_index(SEVERITIES, ann.severity),
        format_func=lambda s: s or "—",
        key=widget_key("severity", pid),
        on_change=save,
        args=(pid,),
        help="MQM severity: neutral 0, minor 1, major 5, critical 25 penalty points. "
        "Left empty, the status implies it.",
    )
    comment.text_input(
        "Comment",
        value=ann.comment,
        key=widget_key("comment", pid),
        on_change=save,
        args=(pid,),
        placeholder="What is wrong, or a suggested fix",
        help="Saved when you press Enter or click elsewhere.",
    )
    error = state.row_errors().get(pid)
    if error is not None:
        show_error(error, "annotation")
    saved = state.saved_at(pid)
    if saved:
        st.caption(f"saved ✓ {saved} UTC")
    elif ann.updated_at:
        who = f" by {ann.reviewer}" if ann.reviewer else ""
        when = ann.updated_at[:19].replace("T", " ")
        st.caption(escape_markdown(f"last saved {when} UTC{who}"))
