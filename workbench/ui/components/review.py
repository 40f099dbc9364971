"""The review view: filters, one row per pair (texts, highlights, annotation, corrections)."""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import streamlit as st

from workbench.model import (
    KIND_ADDED,
    KIND_MOVED,
    KIND_OMITTED,
    MQM_CATEGORIES,
    STATUSES,
)
from workbench.review import PairRecord, Review, unit_sort_key
from workbench.ui import state
from workbench.ui.components import annotate, correct, reconcile

ROWS_PER_PAGE = 20
SHOW_ALL = "All pairs"
SHOW_DIVERGENT = "Divergent only"
SHOW_UNREVIEWED = "Unreviewed"
SHOW_STATUS = "By status"
SHOW_CATEGORY = "By category"
SHOW_OPTIONS = (SHOW_ALL, SHOW_DIVERGENT, SHOW_UNREVIEWED, SHOW_STATUS, SHOW_CATEGORY)
NO_CATEGORY = "(no category)"

KIND_LABELS = {
    KIND_OMITTED: ("wbui-kind-omitted", "not in the translation"),
    KIND_ADDED: ("wbui-kind-added", "added in the translation"),
    KIND_MOVED: ("wbui-kind-moved", "moved"),
}

#: Styles of the row headers (the pair texts use workbench.render.CSS).
UI_CSS = """
.wbui-head{display:flex;gap:.6rem;align-items:center;flex-wrap:wrap;font-size:.9rem}
.wbui-num{color:#555;font-variant-numeric:tabular-nums}
.wbui-ids{font-weight:600}
.wbui-badge{border-radius:.6rem;padding:.05rem .55rem;font-size:.8rem;border:1px solid #0002}
.wbui-band-identical{background:#e3f3e6;color:#1b5e20}
.wbui-band-minor{background:#fff4d6;color:#7a5200}
.wbui-band-major{background:#fde2e1;color:#8e1b14}
.wbui-band-unaligned{background:#e8e4f5;color:#3b2a7a}
.wbui-kind-omitted,.wbui-kind-added{background:#ede7f6;color:#3b2a7a;font-weight:600}
.wbui-kind-moved{background:#e1effa;color:#0d3c61;font-weight:600}
.wbui-checks{margin:.2rem 0 0 0;padding-left:1.1rem;font-size:.85rem;color:#6d4c00}
.wbui-empty{color:#777;font-style:italic}
.wbui-colhead{font-weight:600;color:#333;border-bottom:2px solid #1f5fa8;padding:.2rem 0}
"""


def unit_label(ids: Sequence[str]) -> str:
    """Unit ids for a row header: ``P3``, ``P3–P5`` for a consecutive run, ``—`` if none."""
    if not ids:
        return "—"
    if len(ids) == 1:
        return ids[0]
    keys = [unit_sort_key(i) for i in ids]
    consecutive = all(
        b == (a[0], a[1] + 1) or (a[1] == b[1] == 0 and b[0] == a[0] + 1)
        for a, b in zip(keys, keys[1:], strict=False)
    )
    return f"{ids[0]}–{ids[-1]}" if consecutive else "+".join(ids)


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
    if st.session_state.get("page", 1) > pages:
        st.session_state["page"] = pages
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


def _percent(similarity: float) -> str:
    """Similarity as a percentage; only an exact match shows 100%."""
    shown = f"{similarity:.0f}"
    if shown == "100" and similarity < 100:
        shown = f"{min(similarity, 99.9):.1f}"
    return f"{shown}%"


def _header(record: PairRecord) -> str:
    badges = [
        f'<span class="wbui-badge wbui-band-{html.escape(record.band)}" '
        f'title="similarity band">{html.escape(record.band)} · {_percent(record.similarity)}</span>'
    ]
    if record.kind in KIND_LABELS:
        css, text = KIND_LABELS[record.kind]
        badges.append(f'<span class="wbui-badge {css}">{html.escape(text)}</span>')
    elif record.kind:
        badges.append(f'<span class="wbui-badge">{html.escape(record.kind)}</span>')
    return (
        f'<div class="wbui-head" data-pair-id="{html.escape(record.pair_id)}" '
        f'data-band="{html.escape(record.band)}" data-kind="{html.escape(record.kind)}">'
        f'<span class="wbui-num">#{record.order + 1}</span>'
        f'<span class="wbui-ids">{html.escape(unit_label(record.original_ids))} ↔ '
        f"{html.escape(unit_label(record.translation_ids))}</span>" + "".join(badges) + "</div>"
    )


def _pair_html(session: state.Session, record: PairRecord) -> tuple[str, str]:
    from workbench.render import render_pair

    div = session.divergences.get(record.pair_id)
    if div is not None:
        return render_pair(div)
    empty = '<span class="wbui-empty">(nothing)</span>'
    return (
        html.escape(record.original_text) or empty,
        html.escape(record.translation_text) or empty,
    )


def _column_heads(review: Review) -> None:
    """Which text is on which side, above the rows (names are user text: escaped)."""
    meta = review.meta
    left, right = st.columns(2)
    left.html(f'<div class="wbui-colhead">Original · {html.escape(meta.original_name)}</div>')
    right.html(
        f'<div class="wbui-colhead">Translation · {html.escape(meta.translation_name)}</div>'
    )


def _row(session: state.Session, record: PairRecord, index: int) -> None:
    with st.container(border=True, key=f"row_{record.pair_id}"):
        st.html(_header(record))
        orig_html, trans_html = _pair_html(session, record)
        three = reconcile.is_reconciliation(session.review)
        if three:  # back-translation review: original | back-translation | forward
            reconcile.texts(record, orig_html, trans_html)
        else:
            left, right = st.columns(2)
            with left:
                st.html(orig_html)
            with right:
                st.html(trans_html)
        if record.check_messages:
            items = "".join(f"<li>{html.escape(m)}</li>" for m in record.check_messages)
            st.html(f'<ul class="wbui-checks">{items}</ul>')
        annotate.render(record)
        if three:
            reconcile.log_fields(record)
        correct.row_buttons(session, record, index)


def render(session: state.Session) -> None:
    """The Review tab."""
    correct.toolbar(session)
    shown = _filters(session.review)
    if shown and reconcile.is_reconciliation(session.review):
        reconcile.column_heads(session.review)
    elif shown:
        _column_heads(session.review)
    if not shown:
        st.info("No pair matches these filters. Choose “All pairs” or clear the search.")
        return
    index = {session.alignment.pair_id(b): k for k, b in enumerate(session.alignment.beads)}
    for record in shown:
        _row(session, record, index[record.pair_id])
