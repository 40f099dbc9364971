"""The review view: filters and pager, one row per pair (texts, highlights, annotation,
corrections), bulk verdicts and next/previous divergence.

Only what changed reruns: the page of rows is a fragment (a filter or page change redraws
it alone) and so is each row (an annotation change redraws that row alone, after the
store has written the file). Identical and minor pairs are compact rows (two lines per
side, their status, an "OK" button and "More"); everything else is a full card. A compact
row has no status box: a select box is the costliest widget to draw, and a page of them
made page and filter changes about 30 % slower.
"""

from __future__ import annotations

import streamlit as st

from workbench import config
from workbench.render import legend_html
from workbench.review import navigation as nav
from workbench.review.record import PairRecord
from workbench.review.verdict import compares_text
from workbench.session import ReviewSession
from workbench.ui import loaders, state
from workbench.ui.components import annotate, bulk, correct, history, pager
from workbench.ui.components.pair_html import (
    EXPLAINED_ABOVE_THE_ROWS,
    column_heads_html,
    compact_html,
    pair_html,
    row_buttons_html,
)
from workbench.ui.messages import escape_markdown

# Kept for callers that name the views from here.
SHOW_OPTIONS = nav.SHOW_OPTIONS


def _card(session: ReviewSession, record: PairRecord, index: int, *, back: bool, reviewer: bool):
    """A full card: header, texts side by side, checks, the annotation widgets, corrections."""
    meta = session.review.meta
    forward = back and meta.forward is not None
    # who introduced each discrepancy, read off the forward translation
    attribution = loaders.attribution(record, meta) if forward else None
    _outcome_here(record)
    st.html(
        pair_html(
            record,
            session.divergences.get(record.pair_id),
            forward=forward,
            attribution=attribution,
            text_similarity=compares_text(meta.settings),
            focused=state.focus() == record.pair_id,
        )
    )
    annotate.render(record, enabled=reviewer)
    if back:
        suggestion = attribution.suggestion() if attribution is not None else None
        annotate.log_fields(record, enabled=reviewer, suggestion=suggestion)
    # History, the corrections and "Less" in one horizontal line (no columns: fewer
    # elements for the browser to draw on every page change)
    with st.container(
        horizontal=True, vertical_alignment="center", key=f"card_tools_{record.pair_id}"
    ):
        shown = history.switch(record)
        correct.row_buttons(session, record, index)
        if nav.is_compact(record):
            st.button(
                "Less",
                key=f"less_{record.pair_id}",
                on_click=state.toggle_expanded,
                args=(record.pair_id,),
                help="Fold this pair back into a compact row.",
            )
    if shown:
        history.table(session, record)


def _compact(session: ReviewSession, record: PairRecord, *, back: bool, reviewer: bool) -> None:
    """A compact row: two lines per side, its status, "OK" and "More" (the full card), side
    by side in the row's own horizontal container (no columns: a page change draws every
    element anew, and three columns cost four elements more per row)."""
    st.html(
        compact_html(
            record,
            session.divergences.get(record.pair_id),
            text_similarity=compares_text(session.review.meta.settings),
            saved=state.saved_at(record.pair_id) or "",
            forward=back and session.review.meta.forward is not None,
        )
    )
    annotate.ok_button(record, enabled=reviewer)
    st.button(
        "More",
        key=f"more_{record.pair_id}",
        on_click=state.toggle_expanded,
        args=(record.pair_id,),
        help=EXPLAINED_ABOVE_THE_ROWS,
    )


@st.fragment
def _row(pair_id: str, index: int, back: bool, reviewer: bool) -> None:
    """One pair; a fragment, so that an annotation change redraws this row alone."""
    state.full_rerun_if_requested()
    session = state.current()
    if session is None or pair_id not in session.review:
        return  # the alignment changed under this row: the page is being redrawn
    record = session.review.by_id(pair_id)
    focused = state.focus() == pair_id
    compact = nav.is_compact(record) and not focused and not state.is_expanded(pair_id)
    if compact:
        row = st.container(
            key=f"row_{pair_id}", horizontal=True, vertical_alignment="center", wrap=False
        )
        with row:
            _compact(session, record, back=back, reviewer=reviewer)
    else:
        with st.container(border=True, key=f"row_{pair_id}"):
            _card(session, record, index, back=back, reviewer=reviewer)


def _outcome_here(record: PairRecord) -> None:
    """What the last correction did, beside the first pair it changed (where the eye is)."""
    last = state.outcome()
    if last is None or not last[0] or last[0][0] != record.pair_id:
        return
    message, button = st.columns([5, 1])
    message.success(escape_markdown(last[1]))
    with button:
        correct.undo_button(key="undo_here")


def _set_reviewer() -> None:
    """Prompt callback: the name typed above the rows becomes the sidebar's Reviewer."""
    name = str(state.widget_value("reviewer_prompt", "")).strip()
    state.set_widgets({"reviewer": name})
    state.remember_reviewer(name)
    state.request_full_rerun()  # the sidebar shows the name too


def _reviewer_prompt() -> bool:
    """Ask once for the reviewer's name; True when there is one."""
    if str(state.widget_value("reviewer", "")).strip():
        return True
    st.info(
        "Enter your name to annotate: every annotation records who made it, and an audit "
        "trail with blank names is worthless. (It is also in the sidebar, as Reviewer.)",
        icon="✍️",
    )
    st.text_input(
        "Your name",
        key="reviewer_prompt",
        max_chars=config.MAX_NAME_CHARS,
        on_change=_set_reviewer,
        placeholder="e.g. Ana Ruiz",
        help="Saved with every annotation you make from now on.",
    )
    return False


def _scroll_to_focus() -> None:
    """Bring the pair "next divergence" went to into view (once, after the jump)."""
    if state.take_scroll():
        st.html(
            "<script>document.querySelector('[data-focus=\"1\"]')"
            "?.scrollIntoView({block: 'center'});</script>",
            unsafe_allow_javascript=True,
        )


@st.fragment
def _page() -> None:
    """Filters, pager, bulk verdicts and the rows of one page; a fragment, so that a filter
    or page change redraws it alone."""
    state.full_rerun_if_requested()
    session = state.current()
    if session is None:
        return
    rows, shown = pager.filters(session.review)
    reviewer = _reviewer_prompt()
    with st.container(horizontal=True, vertical_alignment="center", key="review_actions"):
        correct.toolbar(session)
        bulk.render(session.review.pairs, shown, enabled=reviewer)
    if not shown:
        st.info("No pair matches these filters. Choose “All pairs” or clear the search.")
        return
    # Asked once: a back-translation review shows the forward passage and the log.
    back = session.review.meta.is_back_translation
    first = rows.index(shown[0])
    st.caption(
        f"Showing pairs {first + 1}–{first + len(shown)} of {len(rows)} matching "
        f"({len(session.review.pairs)} in total). " + pager.divergence_note(session.review)
    )
    last = state.outcome()
    if last is not None and not {r.pair_id for r in shown} & set(last[0]):
        st.success(escape_markdown(last[1]))  # the changed pair is not on this page
    st.html(
        column_heads_html(session.review.meta, forward=back)
        + legend_html(forward=back)
        + row_buttons_html()
    )
    index = loaders.bead_index(session.alignment)
    for record in shown:
        _row(record.pair_id, index[record.pair_id], back, reviewer)
    pager.bottom(rows, shown)
    _scroll_to_focus()


def render() -> None:
    """The Review tab (the open review is read from the session state)."""
    _page()
