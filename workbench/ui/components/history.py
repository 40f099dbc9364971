"""A pair's history in its card: who changed what, when, old → new (``docs/history.md``).

Read only when the reviewer turns its switch on: the history is a file (or a query) per pair,
not worth reading for every row on every rerun.
"""

from __future__ import annotations

import streamlit as st

from workbench import session as sessions
from workbench.review.record import PairRecord
from workbench.ui.messages import reported

#: Longest old or new value shown in a cell (the whole value is in the history file).
SHOWN_CHARS = 200


def _short(value: str) -> str:
    return value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"


def switch(record: PairRecord) -> bool:
    """The "History" switch of a pair; True when it is on."""
    return st.toggle(
        "History",
        key=f"history_{record.pair_id}",
        help="Who changed this pair, when, and what it was before: every annotation change "
        "and every correction that made or removed it (also `workbench history FILE "
        "--pair ID`).",
    )


def table(session: sessions.ReviewSession, record: PairRecord) -> None:
    """The pair's changes as a table, oldest first (drawn when its switch is on)."""
    with reported("history"):
        entries = sessions.pair_history(session, record.pair_id)
        if not entries:
            st.caption("No changes recorded for this pair yet.")
            return
        st.dataframe(
            [
                {
                    "when (UTC)": e.at[:23].replace("T", " "),
                    "who": e.who,
                    "field": e.field,
                    "old": _short(e.old),
                    "new": _short(e.new),
                }
                for e in entries
            ],
            hide_index=True,
            use_container_width=True,
        )
