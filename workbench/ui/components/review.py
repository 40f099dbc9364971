"""The review view: filters, one row per pair (texts, highlights, annotation, corrections)."""

from __future__ import annotations

import math

import streamlit as st

from workbench import config
from workbench.model import KIND_MOVED, MQM_CATEGORIES, STATUSES
from workbench.review.record import PairRecord, Review
from workbench.review.verdict import compares_text
from workbench.session import ReviewSession
from workbench.ui import loaders, state
from workbench.ui.components import annotate, correct
from workbench.ui.components.pair_html import column_heads_html, pair_html
from workbench.ui.messages import escape_markdown

ROWS_PER_PAGE = 20
SHOW_ALL = "All pairs"
SHOW_DIVERGENT = "Divergent only"
SHOW_UNREVIEWED = "Unreviewed"
SHOW_STATUS = "By status"
SHOW_CATEGORY = "By category"
SHOW_OPTIONS = (SHOW_ALL, SHOW_DIVERGENT, SHOW_UNREVIEWED, SHOW_STATUS, SHOW_CATEGORY)
NO_CATEGORY = "(no category)"


def is_divergent(record: PairRecord) -> bool:
    """A pair worth a look: its texts differ, a check fired, or it was moved."""
    return record.band != "identical" or bool(record.checks) or record.kind == KIND_MOVED


def _matches(record: PairRecord, *, show: str, status: str, category: str, search: str) -> bool:
    ann = record.annotation
    if show == SHOW_DIVERGENT and not is_divergent(record):
        return False
    if show == SHOW_UNREVIEWED and ann.status != "unreviewed":
        return False
    if show == SHOW_STATUS and ann.status != status:
        return False
    if show == SHOW_CATEGORY and ann.category != ("" if category == NO_CATEGORY else category):
        return False
    if search:
        needle = search.casefold()
        haystack = (record.original_text, record.translation_text, record.pair_id, ann.comment)
        if not any(needle in h.casefold() for h in haystack):
            return False
    return True


def filtered(review: Review, *, show: str, status: str, category: str, search: str) -> list:
    """The review's records that pass the filters, in document order."""
    return [
        r
        for r in review.pairs
        if _matches(r, show=show, status=status, category=category, search=search.strip())
    ]


def _filters(review: Review) -> list[PairRecord]:
    cols = st.columns([2, 2, 3, 1])
    show = cols[0].selectbox(
        "Show",
        SHOW_OPTIONS,
        key="filter_show",
        help="Divergent: pairs whose texts differ (minor, major or unaligned). Unreviewed: "
        "pairs still without a status.",
    )
    status = category = ""
    if show == SHOW_STATUS:
        status = cols[1].selectbox(
            "Status", STATUSES, key="filter_status", help="Only pairs with this status."
        )
    elif show == SHOW_CATEGORY:
        category = cols[1].selectbox(
            "Category",
            [c or NO_CATEGORY for c in MQM_CATEGORIES],
            key="filter_category",
            help="Only pairs annotated with this MQM category.",
        )
    search = cols[2].text_input(
        "Search",
        key="filter_search",
        placeholder="words in either text, a pair id or a comment",
        help="Case-insensitive; press Enter to apply.",
    )
    rows = filtered(review, show=show, status=status, category=category, search=search)
    pages = max(1, math.ceil(len(rows) / ROWS_PER_PAGE))
    if state.widget_value("page", 1) > pages:
        state.set_widgets({"page": pages})
    page = cols[3].number_input(
        "Page",
        min_value=1,
        max_value=pages,
        step=1,
        key="page",
        help=f"{ROWS_PER_PAGE} pairs per page; {pages} page(s) for this filter.",
    )
    start = (int(page) - 1) * ROWS_PER_PAGE
    shown = rows[start : start + ROWS_PER_PAGE]
    if rows:
        st.caption(
            f"Showing pairs {start + 1}–{start + len(shown)} of {len(rows)} matching "
            f"({len(review.pairs)} in total)."
        )
    return shown


def _row(
    session: ReviewSession, record: PairRecord, index: int, *, back: bool, reviewer: bool
) -> None:
    meta = session.review.meta
    forward = back and meta.forward is not None
    # who introduced each discrepancy, read off the forward translation
    attribution = loaders.attribution(record, meta) if forward else None
    with st.container(border=True, key=f"row_{record.pair_id}"):
        _outcome_here(record)
        st.html(
            pair_html(
                record,
                session.divergences.get(record.pair_id),
                forward=forward,
                attribution=attribution,
                text_similarity=compares_text(meta.settings),
            )
        )
        annotate.render(record, enabled=reviewer)
        if back:
            suggestion = attribution.suggestion() if attribution is not None else None
            annotate.log_fields(record, enabled=reviewer, suggestion=suggestion)
        correct.row_buttons(session, record, index)


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


def render(session: ReviewSession) -> None:
    """The Review tab."""
    correct.toolbar(session)
    shown = _filters(session.review)
    if not shown:
        st.info("No pair matches these filters. Choose “All pairs” or clear the search.")
        return
    # Asked once: a back-translation review shows the forward passage and the log.
    back = session.review.meta.is_back_translation
    reviewer = _reviewer_prompt()
    last = state.outcome()
    if last is not None and not {r.pair_id for r in shown} & set(last[0]):
        st.success(escape_markdown(last[1]))  # the changed pair is not on this page
    st.html(column_heads_html(session.review.meta, forward=back))
    index = {session.alignment.pair_id(b): k for k, b in enumerate(session.alignment.beads)}
    for record in shown:
        _row(session, record, index[record.pair_id], back=back, reviewer=reviewer)
