"""The one place where errors become messages in the app.

Library errors (:class:`workbench.errors.WorkbenchError`) carry a title and a message
written for the user; this module shows them with ``st.error``. Anything else is a bug:
it is logged with its traceback and the user sees a short apology, never a traceback.

Two ways in: :func:`reported` wraps a block drawn now and shows its error in place;
:func:`kept` wraps a widget callback (which runs before the page is drawn) and keeps
its error for :func:`show_kept` to show where it belongs. No component catches
exceptions itself.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.ui import state

logger = logging.getLogger(__name__)

#: Characters Streamlit's markdown would interpret (emphasis, links, emoji, maths, HTML).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")

#: Where an error happened, as the user would name it (keys used by the components).
PLACES = {
    "original": "the original",
    "translation": "the translation",
    "pivot": "the pivot translation",
    "align": "the alignment",
    "project": "the project name",
    "annotation": "saving the annotation",
    "edit": "the correction",
    "resume": "opening the project",
    "export": "the export",
    "overview": "the overview",
    "forward": "the forward translation",
    "compare": "the version comparison",
    "demo": "loading the demo texts",
    "history": "the pair's history",
}


def escape_markdown(text: str) -> str:
    """``text`` with every markdown-active character backslash-escaped (shown literally)."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text).replace("\n", "  \n")


def error_text(exc: BaseException, where: str | None = None) -> tuple[str, str]:
    """(title, message) for ``exc`` as shown to the user; unexpected errors get a generic text."""
    if isinstance(exc, WorkbenchError):
        return exc.title, exc.message
    place = PLACES.get(where or "", where or "this step")
    return (
        "Unexpected problem",
        f"Something went wrong with {place} ({type(exc).__name__}). "
        "Your saved annotations are safe; please try again or report this.",
    )


def show_error(exc: BaseException, where: str | None = None, *, container=None) -> None:
    """Show ``exc`` as an error banner (in ``container`` if given); log unexpected ones."""
    if not isinstance(exc, WorkbenchError):
        logger.error("unexpected error in %s", where or "app", exc_info=exc)
    title, message = error_text(exc, where)
    target = container if container is not None else st
    target.error(f"**{escape_markdown(title)}** — {escape_markdown(message)}", icon="⚠️")


def show_warning(message: str, *, container=None) -> None:
    """A warning banner whose text is shown literally (no markdown interpretation)."""
    target = container if container is not None else st
    target.warning(escape_markdown(message), icon="⚠️")


@contextmanager
def reported(where: str, *, container=None) -> Iterator[None]:
    """Run a block; show any error it raises as a message instead of a traceback."""
    try:
        yield
    except Exception as exc:  # the app never shows a traceback; show_error logs real bugs
        show_error(exc, where, container=container)


@contextmanager
def kept(slot: str) -> Iterator[None]:
    """Run a callback's work; keep its error for :func:`show_kept`, forget an older one."""
    try:
        yield
    except Exception as exc:  # shown by show_kept on the next run, never as a traceback
        state.keep_error(slot, exc)
    else:
        state.clear_error(slot)


def show_kept(slot: str, where: str | None = None, *, container=None) -> bool:
    """Show the error a callback kept under ``slot`` (True if there was one)."""
    exc = state.kept_error(slot)
    if exc is None:
        return False
    show_error(exc, where or slot, container=container)
    return True
