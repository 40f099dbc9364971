"""Per-pair annotation widgets; every change is written to the project file at once.

Every review has status, MQM category, severity and comment; a back-translation review
adds the discrepancy log (type, decision, revised forward text, rationale).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from workbench import config
from workbench import session as sessions
from workbench.model import (
    DECISIONS,
    DISCREPANCY_TYPES,
    MQM_CATEGORIES,
    SEVERITIES,
    STATUSES,
    Annotation,
    DiscrepancyEntry,
)
from workbench.review.record import PairRecord, utc_now
from workbench.ui import state
from workbench.ui.components import errors
from workbench.ui.components.annotation_state import FIELDS, LOG_FIELDS, save_kept, widget_key
from workbench.ui.components.pair_html import EXPLAINED_ABOVE_THE_ROWS
from workbench.ui.messages import escape_markdown, show_kept

#: Widths in pixels of the select boxes in a card's annotation line (the comment takes
#: the rest): wide enough for their longest option ("Accuracy/Mistranslation").
FIELD_WIDTHS = {"status": 170, "category": 250, "severity": 140}

DISCREPANCY_HELP = (
    "What kind of discrepancy the back-translation shows: omission, addition, meaning "
    "shift, terminology, ambiguity, grammar/style only, or an artefact of the "
    "back-translation itself (the forward translation is fine)."
)
SUGGESTION_HELP = (
    " Until you first save this pair, it holds a suggestion: which side introduced the "
    "discrepancy, read off the forward translation (the value the original has, or the "
    "changed one)."
)
DECISION_HELP = (
    "What was decided about the forward translation: no change needed, revised "
    "(give the revised text), or a query raised with the translator."
)


def annotation_from_widgets(
    pair_id: str, *, previous: Annotation, reviewer: str, with_log: bool
) -> Annotation:
    """The annotation the widgets of ``pair_id`` hold now, stamped with reviewer and UTC time."""
    values = {f: state.widget_value(widget_key(f, pair_id), getattr(previous, f)) for f in FIELDS}
    log = previous.log
    if with_log:
        old = previous.log or DiscrepancyEntry()
        log = DiscrepancyEntry(
            **{f: state.widget_value(widget_key(f, pair_id), getattr(old, f)) for f in LOG_FIELDS}
        )
    return Annotation(
        **values,
        reviewer=reviewer or previous.reviewer,
        updated_at=utc_now(),
        log=log,
        errors=previous.errors,  # the errors component saves those
    )


def save(pair_id: str) -> None:
    """Widget callback: write ``pair_id``'s annotation to the file and mark it saved."""
    session = state.current()
    if session is None or pair_id not in session.review:
        return
    annotation = annotation_from_widgets(
        pair_id,
        previous=session.review.by_id(pair_id).annotation,
        reviewer=str(state.widget_value("reviewer", "")).strip(),
        with_log=session.review.meta.is_back_translation,
    )
    _write(session, pair_id, annotation)


def _mark_ok(pair_id: str) -> None:
    """Button callback of a compact row: the pair's status becomes OK, saved at once."""
    session = state.current()
    if session is None or pair_id not in session.review:
        return
    previous = session.review.by_id(pair_id).annotation
    reviewer = str(state.widget_value("reviewer", "")).strip()
    ok = replace(
        previous, status="ok", reviewer=reviewer or previous.reviewer, updated_at=utc_now()
    )
    if _write(session, pair_id, ok):
        # the full card's status box, if it was drawn, shows the new status (set, not
        # forgotten: a forgotten box would send its old value back with the next change)
        state.set_widgets({widget_key("status", pair_id): "ok"})


def _write(session: sessions.ReviewSession, pair_id: str, annotation: Annotation) -> bool:
    """Save one annotation and mark the pair saved; False if nothing was saved."""
    if save_kept(session, {pair_id: annotation}, slot=_error_slot(pair_id)) is None:
        return False
    state.mark_saved(pair_id)
    return True


def _error_slot(pair_id: str) -> str:
    return f"annotation:{pair_id}"


def option_index(options: tuple[str, ...], value: str) -> int:
    """Position of ``value`` among a selectbox's options (the first when unknown)."""
    return options.index(value) if value in options else 0


def _choice(
    container: DeltaGenerator,
    field: str,
    record: PairRecord,
    *,
    label: str,
    options: tuple[str, ...],
    value: str,
    help_text: str,
    enabled: bool,
    width: int | str = "stretch",
) -> None:
    """A selectbox of one annotation field whose empty option reads "—"."""
    container.selectbox(
        label,
        options,
        index=option_index(options, value),
        format_func=lambda v: v or "—",
        key=widget_key(field, record.pair_id),
        on_change=save,
        args=(record.pair_id,),
        disabled=not enabled,
        help=help_text,
        width=width,
    )


def render(record: PairRecord, *, enabled: bool = True) -> None:
    """Status, MQM category, severity and comment of one pair in a line, with its saved state.

    ``enabled`` is False while no reviewer name is given (annotations record who made them).
    """
    pid, ann = record.pair_id, record.annotation
    # one horizontal container, not four columns: fewer elements for the browser to draw
    line = st.container(horizontal=True, key=f"ann_line_{pid}")
    with line:
        _status_select(record, enabled=enabled)
    _choice(
        line,
        "category",
        record,
        label="MQM category",
        options=MQM_CATEGORIES,
        value=ann.category,
        help_text="The kind of error, from the MQM typology (Accuracy, Terminology, Style …).",
        enabled=enabled,
        width=FIELD_WIDTHS["category"],
    )
    _choice(
        line,
        "severity",
        record,
        label="Severity",
        options=SEVERITIES,
        value=ann.severity,
        help_text="MQM severity: neutral 0, minor 1, major 5, critical 25 penalty points. "
        "Left empty, the status implies it.",
        enabled=enabled,
        width=FIELD_WIDTHS["severity"],
    )
    line.text_input(
        "Comment",
        value=ann.comment,
        key=widget_key("comment", pid),
        on_change=save,
        args=(pid,),
        max_chars=config.MAX_NOTE_CHARS,
        disabled=not enabled,
        placeholder="What is wrong, or a suggested fix",
        help="Saved when you press Enter or click elsewhere.",
    )
    errors.render(record, errors.divergence_of(pid), enabled=enabled)
    _saved_state(record)


def ok_button(record: PairRecord, *, enabled: bool) -> None:
    """A compact row's verdict: one click marks the pair OK (any other verdict is in the
    full card, behind "More"); an error of the save is shown below it."""
    done = record.annotation.status == "ok"
    st.button(
        "OK ✓" if done else "OK",
        key=widget_key("ok", record.pair_id),
        on_click=_mark_ok,
        args=(record.pair_id,),
        disabled=not enabled or done,
        help=EXPLAINED_ABOVE_THE_ROWS,
    )
    show_kept(_error_slot(record.pair_id), "annotation")


def _status_select(record: PairRecord, *, enabled: bool) -> None:
    """The pair's status (its verdict), saved as soon as it is chosen."""
    st.selectbox(
        "Status",
        STATUSES,
        index=option_index(STATUSES, record.annotation.status),
        key=widget_key("status", record.pair_id),
        on_change=save,
        args=(record.pair_id,),
        disabled=not enabled,
        help="Your verdict on this pair. Saved as soon as you choose.",
        width=FIELD_WIDTHS["status"],
    )


def _saved_state(record: PairRecord) -> None:
    pid, ann = record.pair_id, record.annotation
    show_kept(_error_slot(pid), "annotation")
    saved = state.saved_at(pid)
    if saved:
        st.caption(f"saved ✓ {saved} UTC")
    elif ann.updated_at:
        who = f" by {ann.reviewer}" if ann.reviewer else ""
        when = ann.updated_at[:19].replace("T", " ")
        st.caption(escape_markdown(f"last saved {when} UTC{who}"))


def _shown_entry(
    record: PairRecord, suggestion: DiscrepancyEntry | None
) -> tuple[DiscrepancyEntry, bool]:
    """The log entry the widgets start from, and whether it is the suggestion (the pair
    has never been saved and nothing is logged yet)."""
    ann = record.annotation
    fresh = ann.log is None and not ann.updated_at
    if fresh and suggestion is not None and not suggestion.is_empty:
        return suggestion, True
    return ann.log or DiscrepancyEntry(), False


def log_fields(
    record: PairRecord, *, enabled: bool = True, suggestion: DiscrepancyEntry | None = None
) -> None:
    """The discrepancy log of one pair: type, decision, revised text, rationale (autosaved).

    Until the pair is first saved, ``suggestion`` (who introduced the discrepancy, read
    off the forward translation) fills the fields it has; saving the row keeps it.
    """
    pid = record.pair_id
    entry, suggested = _shown_entry(record, suggestion)
    # one horizontal container of four equal fields, each wide enough that "forward
    # translation revised" and "back-translation artefact" show whole
    line = st.container(horizontal=True, key=f"log_line_{pid}")
    _choice(
        line,
        "discrepancy",
        record,
        label="Discrepancy",
        options=DISCREPANCY_TYPES,
        value=entry.discrepancy,
        help_text=DISCREPANCY_HELP,
        enabled=enabled,
    )
    _choice(
        line,
        "decision",
        record,
        label="Decision",
        options=DECISIONS,
        value=entry.decision,
        help_text=DECISION_HELP,
        enabled=enabled,
    )
    for field, label, placeholder in (
        ("revised_text", "Revised forward translation", "The corrected forward text"),
        ("rationale", "Rationale", "Why: where the fault lies, what the translator said"),
    ):
        line.text_area(
            label,
            value=getattr(entry, field),
            key=widget_key(field, pid),
            on_change=save,
            args=(pid,),
            height=68,
            max_chars=config.MAX_NOTE_CHARS,
            disabled=not enabled,
            placeholder=placeholder,
            help="Saved when you click elsewhere (or press Ctrl+Enter)."
            + (SUGGESTION_HELP if field == "rationale" else ""),
        )
    if suggested:
        st.caption(
            "Type and rationale suggested from the forward translation; they are saved with "
            "your first change to this pair. Change them if you judge otherwise."
        )
