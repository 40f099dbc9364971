"""The Review tab's filter bar and pager (top and bottom), and next/previous divergence.

What passes a filter, which rows a page holds and where "next divergence" goes are decided
by :mod:`workbench.review.navigation`; this module only draws the controls and keeps
their values in the widgets' session state.
"""

from __future__ import annotations

import streamlit as st

from workbench.model import MQM_CATEGORIES, STATUSES
from workbench.review import navigation as nav
from workbench.review.record import PairRecord, Review
from workbench.ui import state
from workbench.ui.messages import escape_markdown

_PAGE = "page"
_SIZE = "page_size"


def current_filter() -> nav.Filter:
    """The filter the widgets hold now (also read in callbacks, before they are drawn)."""
    return nav.Filter(
        show=str(state.widget_value("filter_show", nav.SHOW_ALL)),
        status=str(state.widget_value("filter_status", STATUSES[0])),
        category=str(state.widget_value("filter_category", nav.NO_CATEGORY)),
        search=str(state.widget_value("filter_search", "")),
    )


def page_size() -> int:
    """Rows per page, as chosen (the first of :data:`~nav.PAGE_SIZES` by default)."""
    return int(state.widget_value(_SIZE, nav.PAGE_SIZES[0]))


def _rows(review: Review) -> list[PairRecord]:
    return nav.filtered(review, current_filter(), keep=state.sticky())


def _turn(step: int) -> None:
    """Button callback: the previous (-1) or next (+1) page."""
    state.set_widgets({_PAGE: max(1, int(state.widget_value(_PAGE, 1)) + step)})
    state.page_changed()


def _go(backwards: bool) -> None:
    """Button callback: to the next (previous) unreviewed divergent pair, on its page."""
    session = state.current()
    if session is None:
        return
    rows = _rows(session.review)
    target = nav.next_divergence(rows, after=state.focus(), backwards=backwards)
    if target is None:
        where = "before" if backwards else "after"
        place = "this one" if state.focus() else "the start"
        state.set_nav_note(f"No unreviewed divergent pair {where} {place} in this view.")
        return
    position = [r.pair_id for r in rows].index(target.pair_id)
    state.set_widgets({_PAGE: nav.page_of(position, page_size())})
    state.set_focus(target.pair_id)
    state.page_changed()


def _view_choice(bar) -> None:  # noqa: ANN001 - a container
    """Which pairs to show, and the status or category when the view asks for one."""
    show = bar.selectbox(
        "Show",
        nav.SHOW_OPTIONS,
        key="filter_show",
        on_change=state.page_changed,
        width=200,
        help="Divergent: pairs whose texts differ (minor, major or unaligned), a check "
        "fired or a paragraph moved. Unreviewed: pairs still without a status.",
    )
    if show == nav.SHOW_STATUS:
        bar.selectbox(
            "Status",
            STATUSES,
            key="filter_status",
            on_change=state.page_changed,
            width=180,
            help="Only pairs with this status.",
        )
    elif show == nav.SHOW_CATEGORY:
        bar.selectbox(
            "Category",
            [c or nav.NO_CATEGORY for c in MQM_CATEGORIES],
            key="filter_category",
            on_change=state.page_changed,
            width=200,
            help="Only pairs annotated with this MQM category.",
        )


def filters(review: Review) -> tuple[list[PairRecord], list[PairRecord]]:
    """Draw the filter bar; the rows that pass it and the rows of the current page."""
    # one horizontal container, not seven columns: a page change draws the bar anew, and
    # every column is an element more to draw
    bar = st.container(horizontal=True, vertical_alignment="bottom", key="filter_bar")
    _view_choice(bar)
    bar.text_input(
        "Search",
        key="filter_search",
        on_change=state.page_changed,
        placeholder="words in either text, a pair id or a comment",
        help="Case-insensitive; press Enter to apply.",
    )
    bar.selectbox(
        "Per page",
        nav.PAGE_SIZES,
        key=_SIZE,
        on_change=state.page_changed,
        width=100,
        help="How many pairs a page shows. Identical and minor pairs are compact rows.",
    )
    rows = _rows(review)
    pages = nav.page_count(len(rows), page_size())
    if int(state.widget_value(_PAGE, 1)) > pages:
        state.set_widgets({_PAGE: pages})
    page = bar.number_input(
        "Page",
        min_value=1,
        max_value=pages,
        step=1,
        key=_PAGE,
        on_change=state.page_changed,
        width=120,
        help=f"{pages} page(s) for this filter; the pager below the rows turns pages too.",
    )
    _divergence_buttons(bar)
    return rows, list(nav.page_rows(rows, int(page), page_size()))


def divergence_note(review: Review) -> str:
    """How many divergent pairs are still unreviewed, where "next divergence" is, and why
    it did not move (if it did not)."""
    left = sum(nav.needs_review(r) for r in review.pairs)
    focus = state.focus()
    note = state.take_nav_note()
    return escape_markdown(
        f"{left} divergent pair(s) still unreviewed"
        + (f" · at {focus}" if focus else "")
        + (f" · {note}" if note else "")
    )


def _divergence_buttons(bar) -> None:  # noqa: ANN001 - a container
    """Previous / next unreviewed divergent pair."""
    bar.button(
        "◀",
        key="prev_divergence",
        on_click=_go,
        args=(True,),
        help="Previous divergence: go to the previous unreviewed divergent pair in this view.",
    )
    bar.button(
        "Next divergence ▶",
        key="next_divergence",
        on_click=_go,
        args=(False,),
        type="primary",
        help="Go to the next unreviewed divergent pair in this view (on its page).",
    )


def bottom(rows: list[PairRecord], shown: list[PairRecord]) -> None:
    """The pager below the rows: previous/next page and where this page stands."""
    page = int(state.widget_value(_PAGE, 1))
    pages = nav.page_count(len(rows), page_size())
    start = (page - 1) * page_size()
    bar = st.container(horizontal=True, vertical_alignment="center", key="pager_bottom")
    bar.button(
        "◀ Previous page",
        key="page_prev",
        on_click=_turn,
        args=(-1,),
        disabled=page <= 1,
        help="The page before this one.",
    )
    bar.caption(
        f"Page {page} of {pages} · pairs {start + 1}–{start + len(shown)} of {len(rows)}",
        width="content",
    )
    bar.button(
        "Next page ▶",
        key="page_next",
        on_click=_turn,
        args=(1,),
        disabled=page >= pages,
        help="The page after this one.",
    )
