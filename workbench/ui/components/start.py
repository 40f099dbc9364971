"""Starting a review: the empty state, and running an alignment with visible progress."""

from __future__ import annotations

import streamlit as st

from workbench.ui import actions, state
from workbench.ui.components import reconcile
from workbench.ui.components.sidebar import Inputs
from workbench.ui.messages import escape_markdown, show_error, show_warning


def empty_state(inputs: Inputs) -> None:
    """What the main area says before the first alignment."""
    if inputs.original is None:
        st.info(
            "**Upload or paste the original to start.** Use the sidebar: give the original "
            "(a .txt, .md, .docx or .html file, or pasted text); the translation defaults "
            "to the built-in essay back-translation. Then press **Align**: the texts are "
            "paired paragraph by paragraph, every difference is highlighted, and you can "
            "annotate each pair. Or press **Load demo set** to see it with a short example.",
            icon="👈",
        )
    elif inputs.translation is None:
        st.info("Now give the translation (upload, paste, or the built-in essay).", icon="👈")
    else:
        st.info(
            "Both texts are loaded. Press **Align** in the sidebar to pair them and see "
            "what differs.",
            icon="👈",
        )


def run_alignment(inputs: Inputs) -> None:
    """Align the sidebar's texts, showing progress; errors become messages."""
    if not inputs.ready or inputs.original is None or inputs.translation is None:
        show_warning("Give both texts and a valid project name before aligning.")
        return
    with st.status("Aligning…", expanded=True) as status:
        try:
            if inputs.forward is not None:  # a back-translation review
                session, kept = reconcile.start_reconciliation(
                    inputs.original,
                    inputs.translation,
                    inputs.forward,
                    project=inputs.project,
                    level=inputs.level,
                    suppress_minor=inputs.suppress_minor,
                    progress=status.write,
                )
            else:
                session, kept = actions.start_review(
                    inputs.original,
                    inputs.translation,
                    project=inputs.project,
                    level=inputs.level,
                    mode=inputs.mode,
                    pivot=inputs.pivot,
                    suppress_minor=inputs.suppress_minor,
                    progress=status.write,
                )
        except Exception as exc:
            status.update(label="Alignment failed", state="error", expanded=True)
            show_error(exc, "align", container=status)
            return
        status.update(
            label=escape_markdown(
                f"Aligned {len(session.review.pairs)} pairs; saved to {session.path.name}"
            ),
            state="complete",
            expanded=False,
        )
    state.set_current(session, reset_history=True)
    if inputs.original.sha256 == inputs.translation.sha256:
        state.set_notice(
            "warning",
            "The original and the translation are the same text, so every pair is "
            "identical. Check that you gave the translation in step 2.",
        )
    if kept:
        st.success(
            escape_markdown(f"Kept {kept} annotations from the existing file {session.path.name}.")
        )


def resume_warnings(inputs: Inputs, session: state.Session) -> None:
    """Warn when the texts loaded now are not the ones the open review was made from."""
    problems = actions.hash_mismatches(
        session, original=inputs.original, translation=inputs.translation
    )
    if problems:
        show_warning(
            "The open review was made from other texts than those loaded in the sidebar: "
            + "; ".join(problems)
            + ". The review shows the texts saved in its file; press Align to review the "
            "loaded texts instead."
        )
