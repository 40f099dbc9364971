"""The Projects list: saved alignment files, each reopened exactly as it was saved."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench.model import Document
from workbench.store import list_projects
from workbench.ui import actions, state
from workbench.ui.components.sidebar import Inputs
from workbench.ui.messages import escape_markdown, show_error

_ERROR = "wb_open_error"


def _open(path: str, pivot: Document | None, suppress_minor: bool) -> None:
    """Button callback: make the saved review at ``path`` the open one."""
    try:
        session = actions.open_project(Path(path), pivot=pivot, suppress_minor=suppress_minor)
    except Exception as exc:
        st.session_state[_ERROR] = exc
        return
    st.session_state.pop(_ERROR, None)
    state.set_current(session, reset_history=True)
    state.set_notice(
        "success",
        f"Opened project “{session.project}” ({len(session.review.pairs)} pairs) from "
        f"{session.path.name}.",
    )


def restore_from_url(inputs: Inputs) -> None:
    """Reopen the project named in the URL when a page is reloaded (a new session)."""
    name = state.project_in_url()
    if state.current() is not None or not name:
        return
    try:
        path = actions.project_file(name)
        if not path.exists():
            state.forget_project_in_url()
            return
        session = actions.open_project(
            path, pivot=inputs.pivot, suppress_minor=inputs.suppress_minor
        )
    except Exception as exc:
        state.forget_project_in_url()
        show_error(exc, "resume")
        return
    state.set_current(session, reset_history=True)


def render(inputs: Inputs) -> None:
    """The Projects tab: one line per saved review with an Open button."""
    error = st.session_state.get(_ERROR)
    if error is not None:
        show_error(error, "resume")
    folder = state.alignments_dir()
    problems: list[tuple[Path, Exception]] = []
    projects = list_projects(root=folder, on_error=lambda p, e: problems.append((p, e)))
    st.caption(escape_markdown(f"Alignment files in {folder.resolve()}"))
    if not projects:
        st.info(
            "No saved reviews yet. Align two texts: the review is saved here as you work, "
            "and can be reopened later."
        )
    current = state.current()
    for info in projects:
        cols = st.columns([4, 3, 2, 1])
        cols[0].markdown(f"**{escape_markdown(info.name)}**")
        cols[0].caption(escape_markdown(f"{info.original_name} ↔ {info.translation_name}"))
        cols[1].progress(
            info.reviewed / info.pairs if info.pairs else 0.0,
            text=f"{info.reviewed} / {info.pairs} reviewed",
        )
        cols[2].caption(info.modified.strftime("saved %Y-%m-%d %H:%M UTC"))
        is_open = current is not None and current.path.resolve() == info.path.resolve()
        cols[3].button(
            "Reopen" if is_open else "Open",
            key=f"open_{info.name}",
            on_click=_open,
            args=(str(info.path), inputs.pivot, inputs.suppress_minor),
            help="Restore this review: pairs, corrections and annotations as saved.",
        )
    for path, exc in problems:
        show_error(exc, "resume")
        st.caption(escape_markdown(f"(skipped {path.name})"))
