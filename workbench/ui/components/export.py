"""The Export tab: one download button per format of ``workbench.export.EXPORTS``."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workbench.export import EXPORTS, export
from workbench.review import Review
from workbench.store import sanitise_project_name
from workbench.ui import state

HELP = {
    "csv": "The review record itself (UTF-8), the same file as in the alignments folder.",
    "csv-excel": "The same record with a BOM and cells Excel cannot mistake for formulas.",
    "xlsx": "An Excel workbook: one row per pair, with status, category and comment.",
    "tmx": "Translation memory (TMX 1.4) of the aligned pairs, for CAT tools.",
    "json": "The whole review as JSON, with provenance and every annotation.",
    "mqm": "MQM error annotations as tab-separated values, one line per issue.",
    "html": "A self-contained report with highlighted differences, to share or print.",
    "reconciliation-xlsx": "Back-translation reconciliation report: summary and discrepancy "
    "log (type, decision, revised forward text, rationale) as an Excel workbook.",
    "reconciliation-docx": "The reconciliation report as a Word document, to file or sign.",
}


def export_bytes(session: state.Session, fmt: str) -> bytes:
    """The bytes a download of ``fmt`` delivers (the same function the CLI uses)."""
    ordered = [
        session.divergences[pid]
        for pid in (p.pair_id for p in session.review.pairs)
        if pid in session.divergences
    ]
    return export(session.review, fmt, divergences=ordered)


def file_name(review: Review, fmt: str) -> str:
    """Download file name: the project's safe name plus the format's extension."""
    try:
        stem = sanitise_project_name(review.meta.project)
    except Exception:  # an old file's project name may not sanitise; still offer a name
        stem = "review"
    return f"{stem}{EXPORTS[fmt].extension}"


def offered(review: Review) -> list[str]:
    """The formats offered for ``review``: reconciliation reports only for a reconciliation."""
    from workbench.ui.components.reconcile import is_reconciliation

    three = is_reconciliation(review)
    return [fmt for fmt in EXPORTS if three or not fmt.startswith("reconciliation-")]


def _deferred(session: state.Session, fmt: str) -> Callable[[], bytes]:
    # Built only when clicked: seven formats of a long review on every rerun would be slow.
    return lambda: export_bytes(session, fmt)


def render(session: state.Session) -> None:
    """The Export tab."""
    st.caption(
        "Every download reflects the review as it is now, annotations included. "
        "The command line makes the same files: `workbench export`."
    )
    cols = st.columns(2)
    for k, fmt in enumerate(offered(session.review)):
        spec = EXPORTS[fmt]
        with cols[k % 2]:
            st.download_button(
                f"Download {spec.label}",
                data=_deferred(session, fmt),
                file_name=file_name(session.review, fmt),
                mime=spec.mime,
                key=f"export_{fmt}",
                help=HELP.get(fmt, f"{spec.label} ({spec.extension})."),
                on_click="ignore",
                width="stretch",
            )
