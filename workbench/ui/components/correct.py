"""Alignment corrections: merge, split, unlink per row; link unaligned units; undo."""

from __future__ import annotations

import streamlit as st

from workbench.align.edit import unaligned_units
from workbench.review import PairRecord
from workbench.ui import actions, state
from workbench.ui.messages import show_error

_ERROR = "wb_edit_error"
_NAMES = {
    "merge": "Merged with the next pair",
    "split": "Split the group",
    "unlink": "Unlinked the pair",
    "link": "Linked the two units",
}


def _apply(operation: str, *args: int) -> None:
    """Button callback: apply a correction, keep the old state for undo, save the file."""
    session = state.current()
    if session is None:
        return
    try:
        new = actions.apply_edit(session, operation, *args)
    except Exception as exc:  # shown above the rows by toolbar()
        st.session_state[_ERROR] = exc
        return
    st.session_state.pop(_ERROR, None)
    state.push_undo(session)
    state.set_current(new, reset_history=False)
    state.set_notice("success", f"{_NAMES[operation]}; the review file is saved.")


def _undo() -> None:
    """Button callback: return to the alignment before the last correction."""
    session = state.current()
    previous = state.pop_undo()
    if session is None or previous is None:
        return
    try:
        restored = actions.undo(session, previous)
    except Exception as exc:
        st.session_state[_ERROR] = exc
        state.push_undo(previous)
        return
    st.session_state.pop(_ERROR, None)
    state.set_current(restored, reset_history=False)
    state.clear_annotation_widgets()
    state.set_notice("success", "Undid the last correction; the review file is saved.")


def row_buttons(session: state.Session, record: PairRecord, index: int) -> None:
    """Merge with next / split group / unlink buttons of one row (disabled when not possible)."""
    bead = session.alignment.beads[index]
    last = index + 1 >= len(session.alignment.beads)
    grouped = len(bead.original) > 1 or len(bead.translation) > 1
    linked = bool(bead.original and bead.translation)
    cols = st.columns([1, 1, 1, 4])
    pid = record.pair_id
    cols[0].button(
        "Merge with next",
        key=f"merge_{pid}",
        on_click=_apply,
        args=("merge", index),
        disabled=last,
        help="Join this pair and the next one into one group (both sides).",
    )
    cols[1].button(
        "Split group",
        key=f"split_{pid}",
        on_click=_apply,
        args=("split", index),
        disabled=not grouped,
        help="Cut a group back into single units, paired in order; leftovers become unaligned.",
    )
    cols[2].button(
        "Unlink",
        key=f"unlink_{pid}",
        on_click=_apply,
        args=("unlink", index),
        disabled=not linked,
        help="Separate the two sides: each unit becomes unaligned.",
    )


def _unit_choice(session: state.Session, side: str) -> list[int]:
    return list(unaligned_units(session.alignment, side))


def _unit_text(session: state.Session, side: str, index: int) -> str:
    doc = session.alignment.original if side == "original" else session.alignment.translation
    unit = doc.units(session.alignment.level)[index]
    text = " ".join(unit.text.split())
    return f"{unit.id} — {text[:70]}{'…' if len(text) > 70 else ''}"


def toolbar(session: state.Session) -> None:
    """Undo, the link-unaligned control, and the outcome of the last correction."""
    error = st.session_state.get(_ERROR)
    if error is not None:
        show_error(error, "edit")
    depth = state.undo_depth()
    cols = st.columns([1, 3])
    cols[0].button(
        f"Undo correction ({depth})" if depth else "Undo correction",
        key="undo",
        on_click=_undo,
        disabled=depth == 0,
        help="Return to the alignment before the last merge, split, unlink or link. "
        "Annotations you made since are kept where the pair still exists.",
    )
    originals = _unit_choice(session, "original")
    translations = _unit_choice(session, "translation")
    with cols[1].expander(
        f"Link unaligned units ({len(originals)} original, {len(translations)} translation)"
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
