"""Everything the app keeps between runs, behind small helpers: the one door to session state.

Components never index ``st.session_state`` themselves. App data (the open review, the
undo stack, saved marks, errors waiting to be shown, the comparison) lives under the
``wb_`` keys below; widget values live under the widgets' own keys and are read or
preset through :func:`widget_value` and :func:`set_widgets`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import streamlit as st

import workbench
from workbench import config
from workbench.features.compare import Comparison
from workbench.review.record import Review
from workbench.session import ReviewSession

# App data in st.session_state.
_SESSION = "wb_session"
_UNDO = "wb_undo"
_SAVED = "wb_saved"
_ERRORS = "wb_errors"
_ALIGN_REQUESTED = "wb_align_requested"
_COMPARE_REQUESTED = "wb_compare_requested"
_COMPARISON = "wb_comparison"
_NOTICE = "wb_notice"
_OUTCOME = "wb_outcome"
_FOCUS = "wb_focus"
_SCROLL = "wb_scroll"
_NAV_NOTE = "wb_nav_note"
_STICKY = "wb_sticky"
_EXPANDED = "wb_expanded"
_BULK = "wb_bulk"
_FULL_RERUN = "wb_full_rerun"

#: The app's tabs, in order, and the key of their widget (the open tab's name).
TABS = ("Review", "Overview", "Export", "Projects", "Compare versions")
TAB_KEY = "main_tabs"

#: Prefix of every per-pair annotation widget key (``ann_status_<pair id>`` ...).
ANNOTATION_PREFIX = "ann_"
#: How many previous alignments the undo stack keeps.
UNDO_DEPTH = 30


# --- folders -----------------------------------------------------------------------------


def alignments_dir() -> Path:
    """Folder of alignment files: ``$WORKBENCH_ALIGNMENTS_DIR`` or ``alignments/`` in the cwd."""
    return config.alignments_dir()


def texts_dir() -> Path:
    """Folder of built-in texts: ``$WORKBENCH_TEXTS_DIR``, the repo's ``texts/``, or cwd's."""
    override = config.value("texts_dir")
    if override:
        return Path(override)
    repo_texts = Path(workbench.__file__).resolve().parent.parent / "texts"
    return repo_texts if repo_texts.is_dir() else Path.cwd() / "texts"


# --- widget values -----------------------------------------------------------------------


def widget_value(key: str, default: Any = None) -> Any:
    """The value the widget ``key`` holds now (``default`` before it was drawn)."""
    return st.session_state.get(key, default)


def set_widgets(values: Mapping[str, Any]) -> None:
    """Preset widget values (before the widgets are drawn in this run, e.g. in a callback)."""
    for key, value in values.items():
        st.session_state[key] = value


def set_widget_defaults(values: Mapping[str, Any]) -> None:
    """Give widgets their first value once per session; afterwards the widgets own them."""
    for key, value in values.items():
        st.session_state.setdefault(key, value)


def forget_widgets(keys: Iterable[str]) -> None:
    """Drop widget values so the widgets are rebuilt from their defaults."""
    for key in keys:
        st.session_state.pop(key, None)


def clear_annotation_widgets() -> None:
    """Forget per-pair widget values so they are rebuilt from the review record."""
    forget_widgets([k for k in st.session_state if str(k).startswith(ANNOTATION_PREFIX)])


# --- the open review -----------------------------------------------------------------------


def current() -> ReviewSession | None:
    """The review being worked on, or None before the first alignment."""
    return st.session_state.get(_SESSION)


def set_current(session: ReviewSession, *, reset_history: bool) -> None:
    """Make ``session`` the open review; a new review (not an edit) drops undo and widgets."""
    st.session_state[_SESSION] = session
    # The project in the URL lets a reloaded page (a new session) reopen the review.
    st.query_params["project"] = session.path.stem
    if reset_history:
        # a review just aligned or opened is shown at once
        st.session_state[TAB_KEY] = TABS[0]
        for key in (_OUTCOME, _FOCUS, _SCROLL, _BULK):
            st.session_state.pop(key, None)
        st.session_state[_STICKY] = set()
        st.session_state[_EXPANDED] = set()
        st.session_state[_UNDO] = []
        st.session_state[_SAVED] = {}
        st.session_state[_ERRORS] = {}
        clear_annotation_widgets()


def update_review(review: Review) -> None:
    """Replace the review record of the open session (after an annotation was saved)."""
    session = current()
    if session is not None:
        st.session_state[_SESSION] = replace(session, review=review)


def project_in_url() -> str | None:
    """The project named in the page URL (``?project=...``), if any."""
    value = st.query_params.get("project")
    return str(value) if value else None


def forget_project_in_url() -> None:
    """Drop ``?project=`` from the URL (its file is gone or unreadable)."""
    st.query_params.pop("project", None)


def reviewer_in_url() -> str:
    """The reviewer named in the page URL (``?reviewer=...``), "" if none."""
    value = st.query_params.get("reviewer")
    return str(value).strip() if value else ""


def remember_reviewer(name: str) -> None:
    """Keep the reviewer's name in the URL, so that a reloaded page still knows it."""
    if name.strip():
        st.query_params["reviewer"] = name.strip()
    else:
        st.query_params.pop("reviewer", None)


# --- undo --------------------------------------------------------------------------------


def push_undo(session: ReviewSession) -> None:
    """Remember ``session`` so the next undo returns to it (oldest dropped past UNDO_DEPTH)."""
    stack: list[ReviewSession] = st.session_state.setdefault(_UNDO, [])
    stack.append(session)
    del stack[:-UNDO_DEPTH]


def pop_undo() -> ReviewSession | None:
    """The session before the last correction, removed from the stack; None if none."""
    stack: list[ReviewSession] = st.session_state.get(_UNDO, [])
    return stack.pop() if stack else None


def undo_depth() -> int:
    """How many corrections can be undone."""
    return len(st.session_state.get(_UNDO, []))


# --- saved marks, errors, notices ------------------------------------------------------------


def mark_saved(pair_id: str) -> None:
    """Record that ``pair_id``'s annotation reached the file just now (HH:MM:SS UTC); the
    pair stays on the page until the page changes, even if it no longer passes the filter."""
    st.session_state.setdefault(_SAVED, {})[pair_id] = datetime.now(UTC).strftime("%H:%M:%S")
    st.session_state.setdefault(_STICKY, set()).add(pair_id)


def saved_at(pair_id: str) -> str | None:
    """When ``pair_id``'s annotation was last saved in this session, as HH:MM:SS."""
    return st.session_state.get(_SAVED, {}).get(pair_id)


def keep_error(slot: str, exc: BaseException) -> None:
    """Keep an error raised in a callback until the place ``slot`` shows it."""
    st.session_state.setdefault(_ERRORS, {})[slot] = exc


def kept_error(slot: str) -> BaseException | None:
    """The error kept for ``slot``, if any (it stays until :func:`clear_error`)."""
    return st.session_state.get(_ERRORS, {}).get(slot)


def clear_error(slot: str) -> None:
    """Forget the error kept for ``slot`` (the step succeeded)."""
    st.session_state.get(_ERRORS, {}).pop(slot, None)


def set_outcome(pair_ids: tuple[str, ...], text: str) -> None:
    """What the last correction did, shown beside the first pair it changed."""
    st.session_state[_OUTCOME] = (pair_ids, text)


def outcome() -> tuple[tuple[str, ...], str] | None:
    """The last correction's changed pairs and message, if any."""
    return st.session_state.get(_OUTCOME)


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


# --- the page of rows ----------------------------------------------------------------------


def sticky() -> frozenset[str]:
    """Pairs annotated since the page was drawn: they stay until the page changes."""
    return frozenset(st.session_state.get(_STICKY, ()))


def page_changed() -> None:
    """The page, filter or page size changed: annotated rows no longer stay."""
    st.session_state[_STICKY] = set()


def focus() -> str | None:
    """The pair "next/previous divergence" went to last, if any."""
    return st.session_state.get(_FOCUS)


def set_focus(pair_id: str | None) -> None:
    """Go to ``pair_id`` (next/previous divergence); the next page run scrolls to it."""
    st.session_state[_FOCUS] = pair_id
    st.session_state[_SCROLL] = pair_id is not None


def set_nav_note(text: str) -> None:
    """Why "next divergence" did not move (shown once beside its buttons)."""
    st.session_state[_NAV_NOTE] = text


def take_nav_note() -> str | None:
    """The pending note of :func:`set_nav_note`, removed."""
    return st.session_state.pop(_NAV_NOTE, None)


def take_scroll() -> bool:
    """True once after :func:`set_focus`: the page should scroll to the focused pair."""
    return bool(st.session_state.pop(_SCROLL, False))


def is_expanded(pair_id: str) -> bool:
    """True when the reviewer opened a compact row as a full card."""
    return pair_id in st.session_state.get(_EXPANDED, ())


def toggle_expanded(pair_id: str) -> None:
    """Open a compact row as a full card, or fold it back."""
    expanded: set[str] = st.session_state.setdefault(_EXPANDED, set())
    expanded.symmetric_difference_update({pair_id})


def set_bulk(previous: Mapping[str, Any], text: str) -> None:
    """Remember the annotations a bulk verdict replaced (for its undo), and what it did."""
    st.session_state[_BULK] = (dict(previous), text)


def bulk() -> tuple[dict[str, Any], str] | None:
    """The last bulk verdict's replaced annotations and message, if it can be undone."""
    return st.session_state.get(_BULK)


def clear_bulk() -> None:
    """The last bulk verdict was undone (or can no longer be)."""
    st.session_state.pop(_BULK, None)


def request_full_rerun() -> None:
    """Ask for a rerun of the whole app (a callback inside a fragment changed the review's
    shape, e.g. a correction); see :func:`full_rerun_if_requested`."""
    st.session_state[_FULL_RERUN] = True


def full_rerun_if_requested() -> None:
    """Rerun the whole app now if a callback asked for it (call at a fragment's start)."""
    if st.session_state.pop(_FULL_RERUN, False):
        st.rerun(scope="app")


# --- the version comparison -------------------------------------------------------------------


def request_comparison() -> None:
    """Ask the next run to compare the versions on the Compare tab."""
    st.session_state[_COMPARE_REQUESTED] = True


def take_comparison_request() -> bool:
    """True once after ``request_comparison``."""
    return bool(st.session_state.pop(_COMPARE_REQUESTED, False))


def comparison() -> Comparison | None:
    """The last comparison made in this session."""
    return st.session_state.get(_COMPARISON)


def set_comparison(result: Comparison | None) -> None:
    """Keep (or drop, with None) the comparison shown on the Compare tab."""
    if result is None:
        st.session_state.pop(_COMPARISON, None)
    else:
        st.session_state[_COMPARISON] = result
