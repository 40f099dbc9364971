"""The errors marked in one pair (MQM as raters use it): a list with delete buttons, and a
form to add one on a highlighted span or on a typed quotation. Every change is saved to
the project file at once, like every other annotation.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from workbench.model import (
    ERROR_SIDES,
    MQM_CATEGORIES,
    SEVERITIES,
    Annotation,
    ErrorMark,
    PairDivergence,
)
from workbench.review import marks
from workbench.review.marks import SpanChoice
from workbench.review.record import PairRecord, utc_now
from workbench.ui import state
from workbench.ui.components.annotation_state import save_kept, widget_key
from workbench.ui.messages import escape_markdown, kept, show_kept

#: The span option that means "the quotation typed below".
TYPED = -1
TYPED_LABEL = "type a quotation"
#: The fields of the form (their keys are ``ann_err_<field>_<pair id>``).
FORM_FIELDS = ("span", "quote", "side", "category", "severity", "comment")

SPAN_HELP = (
    "What the error concerns: one of the spans highlighted in this pair (side and quoted "
    "text), or “type a quotation” to give the words yourself in the box below."
)
QUOTE_HELP = (
    "Only with “type a quotation”: the words of the error, copied exactly as they stand in "
    "the side chosen below (its first occurrence is marked). Text that is not there is refused."
)
SIDE_HELP = "Only with “type a quotation”: the text the quotation is taken from."
CATEGORY_HELP = "The kind of error, from the MQM typology (Accuracy, Terminology, Style …)."
SEVERITY_HELP = (
    "MQM severity of this error: neutral 0, minor 1, major 5, critical 25 penalty points. "
    "Every error counts in the MQM score."
)


def _slot(pair_id: str) -> str:
    return f"errors:{pair_id}"


def _save(pair_id: str, annotation: Annotation) -> bool:
    """Stamp ``annotation`` with reviewer and time and write it like every annotation;
    False if nothing was saved (the error is kept; after an edit conflict the pair shows
    what is stored, and the form keeps what was chosen, to be added again on top of it)."""
    session = state.current()
    if session is None:
        return False
    reviewer = str(state.widget_value("reviewer", "")).strip()
    stamped = replace(annotation, reviewer=reviewer or annotation.reviewer, updated_at=utc_now())
    review = save_kept(session, {pair_id: stamped}, slot=_slot(pair_id))
    if review is None:
        return False
    state.mark_saved(pair_id)
    status = review.by_id(pair_id).annotation.status
    if status != session.review.by_id(pair_id).annotation.status:
        # The first error of an unreviewed pair set its status: show it in the status box.
        # Set, not forgotten: a forgotten box keeps its old value in the browser, which
        # would send it back (and save it) with the next change.
        state.set_widgets({widget_key("status", pair_id): status})
    return True


def divergence_of(pair_id: str) -> PairDivergence | None:
    """The analysis of ``pair_id`` in the open review (its highlighted spans); None if none."""
    session = state.current()
    return session.divergences.get(pair_id) if session is not None else None


def _record(pair_id: str) -> PairRecord | None:
    session = state.current()
    if session is None or pair_id not in session.review:
        return None
    return session.review.by_id(pair_id)


def add(pair_id: str, choices: tuple[SpanChoice, ...]) -> None:
    """Form callback: mark the error the form describes and save the pair."""
    record = _record(pair_id)
    if record is None:
        return
    picked = state.widget_value(widget_key("err_span", pair_id), TYPED)
    span = choices[picked] if isinstance(picked, int) and 0 <= picked < len(choices) else None
    marked = None
    with kept(_slot(pair_id)):
        mark = marks.mark_error(
            span=span,
            quote=str(state.widget_value(widget_key("err_quote", pair_id), "") or ""),
            side=str(state.widget_value(widget_key("err_side", pair_id), ERROR_SIDES[0])),
            category=str(state.widget_value(widget_key("err_category", pair_id), "") or ""),
            severity=str(state.widget_value(widget_key("err_severity", pair_id), "") or ""),
            comment=str(state.widget_value(widget_key("err_comment", pair_id), "") or ""),
            original_text=record.original_text,
            translation_text=record.translation_text,
        )
        marked = marks.with_error(record.annotation, mark)
    if marked is None or not _save(pair_id, marked):
        return
    # an empty form for the next error (set, not forgotten: see _save)
    blank = {"span": 0 if choices else TYPED, "quote": "", "side": ERROR_SIDES[0]}
    blank |= {"category": None, "severity": None, "comment": ""}
    state.set_widgets({widget_key(f"err_{f}", pair_id): blank[f] for f in FORM_FIELDS})


def delete(pair_id: str, mark: ErrorMark) -> None:
    """Button callback: remove one error from the pair and save it."""
    record = _record(pair_id)
    if record is None:
        return
    unmarked = None
    with kept(_slot(pair_id)):
        unmarked = marks.without_error(record.annotation, mark)
    if unmarked is not None:
        _save(pair_id, unmarked)


def _listed(record: PairRecord, *, enabled: bool) -> None:
    """One line per error, each with its delete button."""
    pid = record.pair_id
    for n, mark in enumerate(record.annotation.errors):
        line, button = st.columns([14, 1], vertical_alignment="center")
        line.markdown(escape_markdown(f"{n + 1}. {marks.describe(mark, limit=80)}"))
        button.button(
            "✕",
            key=widget_key(f"err_delete{n}", pid),
            on_click=delete,
            args=(pid, mark),
            disabled=not enabled,
            help="Delete this error (saved at once).",
        )


def _form(record: PairRecord, choices: tuple[SpanChoice, ...], *, enabled: bool) -> None:
    """The fields of one new error and its Add button."""
    pid = record.pair_id
    with st.form(key=widget_key("err_form", pid), border=False):
        st.selectbox(
            "Span",
            [*range(len(choices)), TYPED],
            format_func=lambda i: TYPED_LABEL if i == TYPED else marks.choice_label(choices[i]),
            key=widget_key("err_span", pid),
            help=SPAN_HELP,
        )
        quote, side = st.columns([3, 1])
        quote.text_input(
            "Quotation",
            key=widget_key("err_quote", pid),
            max_chars=marks.MAX_QUOTE_CHARS,
            help=QUOTE_HELP,
        )
        side.selectbox("Side", ERROR_SIDES, key=widget_key("err_side", pid), help=SIDE_HELP)
        category, severity = st.columns([3, 2])
        category.selectbox(
            "MQM category",
            MQM_CATEGORIES[1:],
            index=None,
            placeholder="Choose a category",
            key=widget_key("err_category", pid),
            help=CATEGORY_HELP,
        )
        severity.selectbox(
            "Severity",
            SEVERITIES[1:],
            index=None,
            placeholder="Choose a severity",
            key=widget_key("err_severity", pid),
            help=SEVERITY_HELP,
        )
        st.text_input(
            "Error comment",
            key=widget_key("err_comment", pid),
            max_chars=marks.MAX_ERROR_COMMENT_CHARS,
            placeholder="Optional: what is wrong, or a fix",
            help="An optional note on this error (the pair's own comment is above).",
        )
        st.form_submit_button(
            "Add",
            key=widget_key("err_add", pid),
            on_click=add,
            args=(pid, choices),
            disabled=not enabled,
            help="Add this error to the pair (saved at once).",
        )


def render(record: PairRecord, divergence: PairDivergence | None, *, enabled: bool) -> None:
    """The pair's errors, each deletable, and an "Add error" popover (autosaved).

    ``divergence`` gives the highlighted spans offered; ``enabled`` is False while no
    reviewer name is given.
    """
    errors = record.annotation.errors
    if errors:
        st.caption(
            f"{len(errors)} error(s) marked; the MQM score counts each of them "
            "(not this pair's category and severity)."
        )
        _listed(record, enabled=enabled)
    show_kept(_slot(record.pair_id), "annotation")
    # The form is drawn only while the popover is open (opening it reruns this row): a
    # closed form's seven elements, three of them select boxes, were most of what a page
    # of full cards cost the browser to draw.
    popover = st.popover(
        "Add error",
        disabled=not enabled,
        key=widget_key("err_popover", record.pair_id),
        help="Mark one more error on a span.",
        on_change="rerun",
    )
    if popover.open:
        with popover:
            _form(record, marks.span_choices(divergence), enabled=enabled)
