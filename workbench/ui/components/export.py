"""The Export tab: one download button per format the review's kind offers."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workbench.errors import ProjectNameError
from workbench.export import EXPORTS, XLIFF_VERSIONS, export, formats_for
from workbench.review.record import Review
from workbench.session import ReviewSession, review_history
from workbench.store import sanitise_project_name
from workbench.store.history import encode_history

HELP = {
    "csv": "The review record itself (UTF-8), the same file as in the alignments folder.",
    "csv-excel": "The same record with a BOM and cells Excel cannot mistake for formulas.",
    "xlsx": "An Excel workbook: one row per pair, with status, category and comment.",
    "tmx": "Translation memory (TMX 1.4) of the aligned pairs, for CAT tools.",
    "xliff": "Bilingual XLIFF for the translator's CAT tool: a unit per pair (the CAT tool's "
    "ids when the review came from an XLIFF or TMX file), the verdict, comment and errors "
    "as notes. Version as chosen above.",
    "json": "The whole review as JSON, with provenance and every annotation.",
    "mqm": "MQM error annotations as tab-separated values, one line per issue.",
    "html": "A self-contained report with highlighted differences, to share or print.",
    "reconciliation-xlsx": "Back-translation reconciliation report: summary and discrepancy "
    "log (type, decision, revised forward text, rationale) as an Excel workbook.",
    "reconciliation-docx": "The reconciliation report as a Word document, to file or sign.",
}


MAJOR_PAIRS_HELP = (
    "Reconciliation reports: besides the discrepancy log, list every pair the analysis "
    "marks major (or without counterpart) that nobody has logged yet, with why it is "
    "flagged and, given the forward translation, which side introduced it. Untick for "
    "the log alone. (Command line: `workbench export --logged-only`.)"
)


XLIFF_VERSION_HELP = (
    "XLIFF 2.0 (memoQ, Phrase, Trados 2022 and newer) or 1.2 (every CAT tool, OmegaT and "
    "older Trados among them). (Command line: `workbench export --xliff-version`.)"
)


def export_bytes(
    session: ReviewSession,
    fmt: str,
    *,
    major_pairs: bool = True,
    xliff_version: str = XLIFF_VERSIONS[0],
) -> bytes:
    """The bytes a download of ``fmt`` delivers (the same function the CLI uses)."""
    ordered = [
        session.divergences[p.pair_id]
        for p in session.review.pairs
        if p.pair_id in session.divergences
    ]
    return export(
        session.review,
        fmt,
        divergences=ordered,
        major_pairs=major_pairs,
        xliff_version=xliff_version,
    )


def file_name(review: Review, fmt: str) -> str:
    """Download file name: the project's safe name plus the format's extension."""
    try:
        stem = sanitise_project_name(review.meta.project)
    except ProjectNameError:  # an old file's project name may not sanitise; still name it
        stem = "review"
    return f"{stem}{EXPORTS[fmt].extension}"


def _deferred(session: ReviewSession, fmt: str, **options: object) -> Callable[[], bytes]:
    # Built only when clicked: seven formats of a long review on every rerun would be slow.
    return lambda: export_bytes(session, fmt, **options)


def history_bytes(session: ReviewSession) -> bytes:
    """The review's history as the sidecar CSV (``docs/history.md``)."""
    return encode_history(review_history(session), header=True)


def _history_button(session: ReviewSession) -> None:
    try:
        stem = sanitise_project_name(session.review.meta.project)
    except ProjectNameError:
        stem = "review"
    st.download_button(
        "Download the history (CSV)",
        data=lambda: history_bytes(session),
        file_name=f"{stem}.history.csv",
        mime="text/csv",
        key="export_history",
        help="The audit trail to hand in with an export: who changed what, when, old → new "
        "(also `workbench history FILE --format csv`).",
        on_click="ignore",
        width="stretch",
    )


def render(session: ReviewSession) -> None:
    """The Export tab."""
    st.caption(
        "Every download reflects the review as it is now, annotations included. "
        "The command line makes the same files: `workbench export`."
    )
    formats = formats_for(session.review)
    major_pairs = True
    if any("major_pairs" in EXPORTS[fmt].options for fmt in formats):
        major_pairs = st.checkbox(
            "Reports list every major pair, not only logged ones",
            value=True,
            key="export_major_pairs",
            help=MAJOR_PAIRS_HELP,
        )
    xliff_version = XLIFF_VERSIONS[0]
    if "xliff" in formats:
        xliff_version = (
            st.segmented_control(
                "XLIFF version",
                XLIFF_VERSIONS,
                default=XLIFF_VERSIONS[0],
                key="export_xliff_version",
                help=XLIFF_VERSION_HELP,
            )
            or XLIFF_VERSIONS[0]
        )
    cols = st.columns(2)
    for k, fmt in enumerate(formats):
        spec = EXPORTS[fmt]
        with cols[k % 2]:
            st.download_button(
                f"Download {spec.label}",
                data=_deferred(session, fmt, major_pairs=major_pairs, xliff_version=xliff_version),
                file_name=file_name(session.review, fmt),
                mime=spec.mime,
                key=f"export_{fmt}",
                help=HELP.get(fmt, f"{spec.label} ({spec.extension})."),
                on_click="ignore",
                width="stretch",
            )
    with cols[len(formats) % 2]:
        _history_button(session)
