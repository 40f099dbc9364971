"""Bulk verdicts: mark every identical pair OK (all, or this page's), and undo it.

Each pair marked records the reviewer and the time, like a verdict given by hand; the
file is written once for all of them. Undo restores the annotations they replaced, except
on pairs annotated again since (those are kept, and said).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import streamlit as st

from workbench import session as sessions
from workbench.errors import EditConflictError
from workbench.model import Annotation
from workbench.review import navigation as nav
from workbench.review.record import PairRecord, utc_now
from workbench.ui import state
from workbench.ui.components.annotation_state import save_kept, widget_key
from workbench.ui.messages import escape_markdown, show_kept

_SLOT = "bulk"


def _reviewer() -> str:
    return str(state.widget_value("reviewer", "")).strip()


def _saved(session: sessions.ReviewSession, annotations: Mapping[str, Annotation]) -> bool:
    """Save ``annotations`` in one write and show their new statuses; False if nothing was
    saved (the error is kept; after an edit conflict the stored values are shown)."""
    if save_kept(session, annotations, slot=_SLOT) is None:
        if isinstance(state.kept_error(_SLOT), EditConflictError):
            state.page_changed()
        return False
    _show_statuses(annotations)
    return True


def _show_statuses(annotations: Mapping[str, Annotation]) -> None:
    """Set the status boxes of these pairs to their new status (forgetting them instead
    would let the browser send the old value back as a change)."""
    state.set_widgets({widget_key("status", pid): a.status for pid, a in annotations.items()})


def _mark_ok(pair_ids: tuple[str, ...]) -> None:
    """Button callback: give ``pair_ids`` the status OK, stamped with reviewer and time."""
    session = state.current()
    if session is None:
        return
    now, name = utc_now(), _reviewer()
    records = [session.review.by_id(pid) for pid in pair_ids if pid in session.review]
    previous = {r.pair_id: r.annotation for r in records}
    marked = {
        pid: replace(ann, status=nav.OK, reviewer=name, updated_at=now)
        for pid, ann in previous.items()
    }
    if not _saved(session, marked):
        return
    when = now[11:19]
    state.set_bulk(
        {pid: (previous[pid], marked[pid]) for pid in marked},
        f"Marked {len(marked)} identical pair(s) OK as {name} at {when} UTC; "
        "the review file is saved.",
    )
    state.page_changed()


def _undo() -> None:
    """Button callback: restore what the last bulk verdict replaced, where nobody has
    annotated the pair again since."""
    session, last = state.current(), state.bulk()
    if session is None or last is None:
        return
    changes, _ = last
    now, name = utc_now(), _reviewer()
    untouched = {
        pid: replace(before, reviewer=before.reviewer or name, updated_at=now)
        for pid, (before, after) in changes.items()
        if pid in session.review and session.review.by_id(pid).annotation == after
    }
    if not _saved(session, untouched):
        return
    state.clear_bulk()
    kept_again = len(changes) - len(untouched)
    again = f"; {kept_again} pair(s) annotated since were kept" if kept_again else ""
    state.set_nav_note(f"Undid the bulk verdict on {len(untouched)} pair(s){again}.")
    state.page_changed()


def render(pairs: Sequence[PairRecord], page: Sequence[PairRecord], *, enabled: bool) -> None:
    """The bulk buttons: all identical pairs, this page's, and the undo of the last one."""
    show_kept(_SLOT, "bulk")
    everywhere = tuple(r.pair_id for r in nav.identical_unreviewed(pairs))
    here = tuple(r.pair_id for r in nav.identical_unreviewed(page))
    last = state.bulk()
    st.button(
        f"Mark all identical pairs OK ({len(everywhere)})",
        key="bulk_all",
        on_click=_mark_ok,
        args=(everywhere,),
        disabled=not enabled or not everywhere,
        help="Give every unreviewed identical pair (no check fired, not moved) the status "
        "OK, with your name and the time. One Undo away.",
    )
    st.button(
        f"… on this page ({len(here)})",
        key="bulk_page",
        on_click=_mark_ok,
        args=(here,),
        disabled=not enabled or not here,
        help="The same, for the identical pairs on this page only.",
    )
    st.button(
        "Undo mark OK",
        key="bulk_undo",
        on_click=_undo,
        disabled=not enabled or last is None,
        help="Restore the statuses the last bulk verdict replaced (pairs annotated since "
        "keep their new annotation).",
    )
    if last is not None:
        st.caption(escape_markdown(last[1]))
