"""Projects tab: import a spreadsheet a reviewer edited outside the app (XLSX, CSV for Excel)."""

from __future__ import annotations

import streamlit as st

from workbench import session as sessions
from workbench.ui import loaders, state
from workbench.ui.components.sidebar import Inputs
from workbench.ui.messages import escape_markdown, reported

_WHERE = "the spreadsheet import"
UPLOAD_HELP = (
    "An Excel workbook or CSV for Excel exported from a review (Export tab) and edited by a "
    "reviewer. Statuses, categories, severities and comments (and a back-translation "
    "review's log) are merged into the review the sheet was exported from; errors marked "
    "on spans, pairs not in the sheet and newer edits in the app are kept. "
    "(Command line: `workbench import FILE`.)"
)
REVIEWER_HELP = (
    "The name recorded on every merged annotation. Leave it empty to take the name the "
    "reviewer typed in each edited row's reviewer cell."
)
PARTIAL_HELP = (
    "Import the valid rows even if other rows have invalid cells (those are listed). "
    "Unticked, a sheet with any invalid cell imports nothing."
)


def _problem_rows(outcome: sessions.ImportOutcome) -> list[dict[str, str]]:
    merge = outcome.merge
    rows = [
        {"kind": "invalid cell", "where": p.ref, "column": p.column, "problem": p.message}
        for p in merge.invalid
    ]
    rows += [
        {"kind": "texts changed", "where": p.ref, "column": p.column, "problem": p.message}
        for p in merge.changed
    ]
    rows += [
        {"kind": "conflict", "where": c.ref, "column": c.pair_id, "problem": str(c)}
        for c in merge.conflicts
    ]
    return rows


def _show(outcome: sessions.ImportOutcome) -> None:
    counts = escape_markdown(f"{outcome.path.name}: {outcome.merge.counts()}.")
    if outcome.blocked:
        st.error(
            counts + " Nothing was imported: correct the cells listed, or tick "
            "“Import the valid rows”.",
            icon="⚠️",
        )
    elif outcome.merge.lines():
        st.warning(counts, icon="⚠️")
    else:
        st.success(counts)
    rows = _problem_rows(outcome)
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch")


def _refresh_open_review(outcome: sessions.ImportOutcome) -> None:
    """Show the merged annotations at once when the imported review is the open one."""
    current = state.current()
    if outcome.written and current is not None and current.path.resolve() == outcome.path.resolve():
        state.update_review(outcome.review)
        state.clear_annotation_widgets()


def render(inputs: Inputs) -> None:
    """The import panel: upload, reviewer name, partial, Import; then what happened."""
    st.subheader("Import a reviewed spreadsheet")
    upload = st.file_uploader(
        "Reviewed spreadsheet", type=["xlsx", "csv"], key="sheet_import_file", help=UPLOAD_HELP
    )
    reviewer = st.text_input(
        "Reviewer of the sheet",
        value=inputs.reviewer,
        key="sheet_import_reviewer",
        help=REVIEWER_HELP,
    )
    partial = st.checkbox("Import the valid rows", key="sheet_import_partial", help=PARTIAL_HELP)
    clicked = st.button(
        "Import",
        key="sheet_import_go",
        disabled=upload is None,
        help="Merge the sheet into its review file now.",
    )
    if not clicked or upload is None:
        return
    outcome = None
    with reported(_WHERE):
        outcome = sessions.import_sheet(
            upload.getvalue(),
            name=upload.name,
            reviewer=reviewer,
            partial=partial,
            root=state.alignments_dir(),
            stored_in=loaders.team_store(),
        )
    if outcome is not None:
        _refresh_open_review(outcome)
        _show(outcome)
