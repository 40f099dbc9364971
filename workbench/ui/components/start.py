"""Starting a review: the empty state, and running an alignment with visible progress."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench import session as sessions
from workbench.model import Document
from workbench.ui import loaders, state
from workbench.ui.components.sidebar import Inputs
from workbench.ui.messages import escape_markdown, reported, show_warning


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


def _start(
    inputs: Inputs,
    original: Document,
    translation: Document,
    path: Path,
    progress: sessions.Progress,
) -> sessions.ReviewSession:
    """The new review: a back-translation review when a forward translation is given, a
    pre-aligned review when the original is a bilingual file."""
    if inputs.bilingual is not None:
        data, name = inputs.bilingual
        return sessions.start_bilingual_review(
            data,
            name=name,
            path=path,
            project=inputs.project,
            suppress_minor=inputs.suppress_minor,
            engine=loaders.ENGINE,
            progress=progress,
            stored_in=loaders.team_store(),
        )
    if inputs.forward is not None:
        return sessions.start_back_translation_review(
            original,
            translation,
            path=path,
            project=inputs.project,
            forward=inputs.forward,
            level=inputs.level,
            suppress_minor=inputs.suppress_minor,
            progress=progress,
            stored_in=loaders.team_store(),
        )
    return sessions.start_review(
        original,
        translation,
        path=path,
        project=inputs.project,
        level=inputs.level,
        mode=inputs.mode,
        pivot=inputs.pivot,
        suppress_minor=inputs.suppress_minor,
        engine=loaders.ENGINE,
        progress=progress,
        stored_in=loaders.team_store(),
    )


def run_alignment(inputs: Inputs) -> None:
    """Align the sidebar's texts, showing progress; errors become messages."""
    original, translation, path = inputs.original, inputs.translation, inputs.project_file
    if original is None or translation is None or path is None:
        show_warning("Give both texts and a valid project name before aligning.")
        return
    new = None
    with st.status("Aligning…", expanded=True) as status:
        with reported("align", container=status):
            new = _start(
                inputs,
                original,
                translation,
                path,
                lambda message: status.write(escape_markdown(message)),
            )
        if new is None:
            status.update(label="Alignment failed", state="error", expanded=True)
            return
        status.update(
            label=escape_markdown(
                f"Aligned {len(new.review.pairs)} pairs; saved to {new.path.name}"
            ),
            state="complete",
            expanded=False,
        )
    state.set_current(new, reset_history=True)
    if original.sha256 == translation.sha256:
        state.set_notice(
            "warning",
            "The original and the translation are the same text, so every pair is "
            "identical. Check that you gave the translation in step 2.",
        )
    for warning in new.warnings:
        show_warning(warning)
    if new.kept:
        st.success(
            escape_markdown(f"Kept {new.kept} annotations from the existing file {new.path.name}.")
        )


def resume_warnings(inputs: Inputs, session: sessions.ReviewSession) -> None:
    """Warn when the texts loaded now are not the ones the open review was made from."""
    problems = sessions.hash_mismatches(
        session, original=inputs.original, translation=inputs.translation
    )
    if problems:
        show_warning(
            "The open review was made from other texts than those loaded in the sidebar: "
            + "; ".join(problems)
            + ". The review shows the texts saved in its file; press Align to review the "
            "loaded texts instead."
        )
