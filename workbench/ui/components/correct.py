"""Alignment corrections: merge, split, unlink per row; link unaligned units; undo."""

from __future__ import annotations

import streamlit as st

from workbench import session as sessions
from workbench.align.edit import unaligned_units
from workbench.review.record import PairRecord
from workbench.ui import state
from workbench.ui.messages import kept, show_kept

_SLOT = "edit"
_NAMES = {
    "merge": "Merged with the next pair",
    "split": "Split the group",
    "unlink": "Unlinked the pair",
    "link": "Linked the two units",
}


def _reviewer() -> str:
    return str(state.widget_value("reviewer", "")).strip()


def _apply(operation: str, *args: int) -> None:
    """Button callback: apply a correction, keep the old state for undo, save the file."""
    session = state.current()
    if session is None:
        return
    new = None
    with kept(_SLOT):
        new = sessions.apply_correction(session, operation, *args, who=_reviewer())
    if new is None:
        return
    state.push_undo(session)
    state.set_current(new, reset_history=False)
    state.request_full_rerun()  # the rows' ids changed: redraw the page, not just a row
    state.set_outcome(new.changed, _outcome(f"{_NAMES[operation]}; the review file is saved.", new))


def _undo() -> None:
    """Button callback: return to the alignment before the last correction."""
    session = state.current()
    previous = state.pop_undo()
    if session is None or previous is None:
        return
    restored = None
    with kept(_SLOT):
        restored = sessions.undo(session, previous, who=_reviewer())
    if restored is None:
        state.push_undo(previous)
        return
    state.set_current(restored, reset_history=False)
    state.request_full_rerun()
    state.clear_annotation_widgets()
    text = "Undid the last correction; the review file is saved."
    state.set_outcome(restored.changed, _outcome(text, restored))


def _outcome(text: str, session: sessions.ReviewSession) -> str:
    """The message beside the changed row: what was done, and what annotations became."""
    if session.notes:
        return text + " Annotations: " + " ".join(session.notes)
    carried = [p for p in session.review.pairs if p.pair_id in session.changed]
    if any(p.annotation.status != "unreviewed" or p.annotation.comment for p in carried):
        return text + " The annotations of the pairs it changed are kept."
    return text


def undo_button(*, key: str) -> None:
    """An Undo button (in the toolbar, and beside the row a correction changed)."""
    depth = state.undo_depth()
    st.button(
        f"Undo correction ({depth})" if depth else "Undo correction",
        key=key,
        on_click=_undo,
        disabled=depth == 0,
        help="Return to the alignment before the last merge, split, unlink or link. "
        "Annotations you made since are kept where the pair still exists.",
    )


def row_buttons(session: sessions.ReviewSession, record: PairRecord, index: int) -> None:
    """Merge with next / split group / unlink buttons of one row (disabled when not
    possible), drawn where the caller is (a card's horizontal line of buttons)."""
    bead = session.alignment.beads[index]
    last = index + 1 >= len(session.alignment.beads)
    grouped = len(bead.original) > 1 or len(bead.translation) > 1
    linked = bool(bead.original and bead.translation)
    pid = record.pair_id
    st.button(
        "Merge with next",
        key=f"merge_{pid}",
        on_click=_apply,
        args=("merge", index),
        disabled=last,
        help="Join this pair and the next one into one group (both sides).",
    )
    st.button(
        "Split group",
        key=f"split_{pid}",
        on_click=_apply,
        args=("split", index),
        disabled=not grouped,
        help="Cut a group back into single units, paired in order; leftovers become unaligned.",
    )
    st.button(
        "Unlink",
        key=f"unlink_{pid}",
        on_click=_apply,
        args=("unlink", index),
        disabled=not linked,
        help="Separate the two sides: each unit becomes unaligned.",
    )


def _unit_choice(session: sessions.ReviewSession, side: str) -> list[int]:
    return list(unaligned_units(session.alignment, side))


def _unit_text(session: sessions.ReviewSession, side: str, index: int) -> str:
    doc = session.alignment.original if side == "original" else session.alignment.translation
    unit = doc.units(session.alignment.level)[index]
    text = " ".join(unit.text.split())
    return f"{unit.id} — {text[:70]}{'…' if len(text) > 70 else ''}"


def toolbar(session: sessions.ReviewSession) -> None:
    """Undo, the link-unaligned control, and the outcome of the last correction."""
    show_kept(_SLOT, "edit")
    undo_button(key="undo")
    originals = _unit_choice(session, "original")
    translations = _unit_choice(session, "translation")
    with st.popover(
        f"Link unaligned units ({len(originals)} original, {len(translations)} translation)",
        help="Pair an original unit and a translation unit that have no counterpart yet.",
    ):
        if not originals or not translations:
            st.caption("Linking needs an unaligned unit on both sides; use Unlink to free one.")
            return
        left, right, button = st.columns([4, 4, 1])
        o = left.selectbox(
            "Unaligned original unit",
            originals,
            format_func=lambda i: _unit_text(session, "original", i),
            key="link_original",
            help="An original unit with no counterpart yet.",
        )
        t = right.selectbox(
            "Unaligned translation unit",
            translations,
            format_func=lambda i: _unit_text(session, "translation", i),
            key="link_translation",
            help="A translation unit with no counterpart yet.",
        )
        button.button(
            "Link",
            key="link",
            on_click=_apply,
            args=("link", int(o), int(t)),
            help="Pair these two units (1:1), placed in document order.",
        )
