"""Session state behind small helpers: the open review, the undo stack, saved marks, paths.

Components never index ``st.session_state`` with ad-hoc keys for app data; they call
these helpers. Widget values keep their own keys (``WIDGET_KEYS`` and the per-pair
``ann_*`` keys), listed here so a newly opened review can reset them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import streamlit as st

import workbench
from workbench import config
from workbench.model import Alignment, Document, PairDivergence
from workbench.review import Review

# App data in st.session_state.
_SESSION = "wb_session"
_UNDO = "wb_undo"
_SAVED = "wb_saved"
_ROW_ERRORS = "wb_row_errors"
_ALIGN_REQUESTED = "wb_align_requested"
_NOTICE = "wb_notice"

#: Prefix of every per-pair annotation widget key (``ann_status_<pair id>`` ...).
ANNOTATION_PREFIX = "ann_"
#: How many previous alignments the undo stack keeps.
UNDO_DEPTH = 30


@dataclass(frozen=True)
class Session:
    """What the review view shows: the alignment, its review record and analysis, its file."""

    alignment: Alignment
    review: Review
    divergences: Mapping[str, PairDivergence]
    path: Path
    pivot: Document | None = None
    suppress_minor: bool = False

    @property
    def project(self) -> str:
        """The project name recorded in the review."""
        return self.review.meta.project


# --- folders -----------------------------------------------------------------------------


def alignments_dir() -> Path:
    """Folder of alignment files: ``$WORKBENCH_ALIGNMENTS_DIR`` or ``alignments/`` in the cwd."""
    return Path(config.value("alignments_dir"))


def texts_dir() -> Path:
    """Folder of built-in texts: ``$WORKBENCH_TEXTS_DIR``, the repo's ``texts/``, or cwd's."""
    override = config.value("texts_dir")
    if override:
        return Path(override)
    repo_texts = Path(workbench.__file__).resolve().parent.parent / "texts"
    return repo_texts if repo_texts.is_dir() else Path.cwd() / "texts"


# --- the open review -----------------------------------------------------------------------


def current() -> Session | None:
    """The review being worked on, or None before the first alignment."""
    return st.session_state.get(_SESSION)


def set_current(session: Session | None, *, reset_history: bool) -> None:
    """Make ``session`` the open review; a new review (not an edit) drops undo and widgets."""
    st.session_state[_SESSION] = session
    # The project in the URL lets a reloaded page (a new session) reopen the review.
    if session is not None:
        st.query_params["project"] = session.path.stem
    if reset_history:
        st.session_state[_UNDO] = []
        st.session_state[_SAVED] = {}
        st.session_state[_ROW_ERRORS] = {}
        clear_annotation_widgets()


def project_in_url() -> str | None:
    """The project named in the page URL (``?project=...``), if any."""
    value = st.query_params.get("project")
    return str(value) if value else None


def forget_project_in_url() -> None:
    """Drop ``?project=`` from the URL (its file is gone or unreadable)."""
    st.query_params.pop("project", None)


def update_review(review: Review) -> None:
    """Replace the review record of the open session (after an annotation was saved)."""
    session = current()
    if session is not None:
        st.session_state[_SESSION] = replace(session, review=review)


def clear_annotation_widgets() -> None:
    """Forget per-pair widget values so they are rebuilt from the review record."""
    for key in [k for k in st.session_state if str(k).startswith(ANNOTATION_PREFIX)]:
        del st.session_state[key]


# --- undo --------------------------------------------------------------------------------


def push_undo(session: Session) -> None:
    """Remember ``session`` so the next undo returns to it (oldest dropped past UNDO_DEPTH)."""
    stack: list[Session] = st.session_state.setdefault(_UNDO, [])
    stack.append(session)
    del stack[:-UNDO_DEPTH]


def pop_undo() -> Session | None:
    """The session before the last correction, removed from the stack; None if none."""
    stack: list[Session] = st.session_state.get(_UNDO, [])
    return stack.pop() if stack else None


def undo_depth() -> int:
    """How many corrections can be undone."""
    return len(st.session_state.get(_UNDO, []))


# --- saved marks, row errors, notices ------------------------------------------------------


def now_utc() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def mark_saved(pair_id: str) -> None:
    """Record that ``pair_id``'s annotation reached the file just now (HH:MM:SS UTC)."""
    st.session_state.setdefault(_SAVED, {})[pair_id] = now_utc().strftime("%H:%M:%S")
    row_errors().pop(pair_id, None)


def saved_at(pair_id: str) -> str | None:
    """When ``pair_id``'s annotation was last saved in this session, as HH:MM:SS."""
    return st.session_state.get(_SAVED, {}).get(pair_id)


def row_errors() -> dict[str, BaseException]:
    """Errors raised while saving a pair's annotation, by pair id (shown in that row)."""
    return st.session_state.setdefault(_ROW_ERRORS, {})


def request_align() -> None:
    """Ask the next run to align the current inputs (set by the Align and demo buttons)."""
    st.session_state[_ALIGN_REQUESTED] = True


def take_align_request() -> bool:
    """True once after ``request_align``."""
    return bool(st.session_state.pop(_ALIGN_REQUESTED, False))


def set_notice(kind: str, text: str) -> None:
    """A message for the next run to show once (kind: success, info or warning)."""
    st.session_state[_NOTICE] = (kind, text)


def take_notice() -> tuple[str, str] | None:
    """The pending notice, removed."""
    return st.session_state.pop(_NOTICE, None)
