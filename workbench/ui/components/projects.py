"""The Projects list: saved alignment files, each reopened exactly as it was saved."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench import session as sessions
from workbench.errors import AlignmentFileError
from workbench.model import Document
from workbench.store import ReviewSummary, list_projects, project_path
from workbench.ui import loaders, state
from workbench.ui.components import sheet_import
from workbench.ui.components.sidebar import Inputs
from workbench.ui.messages import escape_markdown, kept, reported, show_error, show_kept

_SLOT = "resume"


def _open(path: str, pivot: Document | None, suppress_minor: bool) -> None:
    """Button callback: make the saved review at ``path`` (in the shared database: of that
    name) the open one."""
    opened = None
    with kept(_SLOT):
        opened = sessions.open_review(
            Path(path),
            pivot=pivot,
            suppress_minor=suppress_minor,
            engine=loaders.ENGINE,
            stored_in=loaders.team_store(),
        )
    if opened is None:
        return
    state.set_current(opened, reset_history=True)
    # later saves name the same project
    state.set_widgets({"project": opened.path.stem if opened.store is None else path})
    state.set_notice(
        "success",
        f"Opened project “{opened.project}” ({len(opened.review.pairs)} pairs) from "
        f"{opened.path.name}.",
    )


def restore_from_url(inputs: Inputs) -> None:
    """Reopen the project named in the URL when a page is reloaded (a new session)."""
    name = state.project_in_url()
    if state.current() is not None or not name:
        return
    opened = None
    with reported("resume"):
        try:
            team = loaders.team_store()
            path = project_path(name, root=state.alignments_dir()) if team is None else Path(name)
            if path.exists() if team is None else team.exists(name):
                opened = sessions.open_review(
                    path,
                    pivot=inputs.pivot,
                    suppress_minor=inputs.suppress_minor,
                    engine=loaders.ENGINE,
                    stored_in=team,
                )
        finally:
            if opened is None:
                state.forget_project_in_url()
    if opened is not None:
        state.set_current(opened, reset_history=True)


def _listed() -> tuple[list[ReviewSummary], list[tuple[Path, AlignmentFileError]], str]:
    """The saved reviews, the files that could not be read, and where they are."""
    team = loaders.team_store()
    if team is not None:
        return team.list_reviews(), [], "Reviews in the shared review database"
    folder = state.alignments_dir()
    problems: list[tuple[Path, AlignmentFileError]] = []
    found = list_projects(root=folder, on_error=lambda p, e: problems.append((p, e)))
    summaries = [
        ReviewSummary(
            i.name,
            i.pairs,
            i.reviewed,
            i.modified,
            i.original_name,
            i.translation_name,
            location=str(i.path),
        )
        for i in found
    ]
    return summaries, problems, f"Alignment files in {folder.resolve()}"


def _same(path: Path, key: str, *, in_files: bool) -> bool:
    """True when the open review (``path``) is the listed one (``key``)."""
    return path.resolve() == Path(key).resolve() if in_files else str(path) == key


def render(inputs: Inputs) -> None:
    """The Projects tab: one line per saved review with an Open button."""
    show_kept(_SLOT, "resume")
    projects: list[ReviewSummary] = []
    problems: list[tuple[Path, AlignmentFileError]] = []
    team = None
    with reported("resume"):
        team = loaders.team_store()
        projects, problems, where = _listed()
        st.caption(escape_markdown(where))
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
        key = info.location if team is None else info.name
        is_open = current is not None and _same(current.path, key, in_files=team is None)
        cols[3].button(
            "Reopen" if is_open else "Open",
            key=f"open_{info.name}",
            on_click=_open,
            args=(key, inputs.pivot, inputs.suppress_minor),
            help="Restore this review: pairs, corrections and annotations as saved.",
        )
    for path, exc in problems:
        show_error(exc, "resume")
        st.caption(escape_markdown(f"(skipped {path.name})"))
    st.divider()
    sheet_import.render(inputs)
