"""The "Compare versions" tab: one original and 2–6 versions, paragraph by paragraph.

Every version is aligned to the original (:mod:`workbench.features.compare`); the page shows a
heat-map of agreement along the document, one row per original paragraph with the
versions side by side and their disagreements with the reference version highlighted
(escaped HTML built with :mod:`workbench.render`), and CSV/XLSX downloads.
"""

from __future__ import annotations

import html
from pathlib import Path

import altair as alt
import pandas as pd
import streamlit as st

from workbench.features.compare import (
    HIGH_AGREEMENT,
    LOW_AGREEMENT,
    MAX_VERSIONS,
    MIN_VERSIONS,
    Comparison,
    ComparisonRow,
    agreement_level,
    compare,
)
from workbench.features.comparison_table import comparison_to_csv, comparison_to_xlsx
from workbench.render import escape, side_specs, text_block
from workbench.review.verdict import check_phrase, verdict
from workbench.ui import loaders, state
from workbench.ui.components.document_input import (
    PASTE,
    UPLOAD,
    document_input,
    documents_input,
    preset_paste,
)
from workbench.ui.messages import escape_markdown, kept, reported, show_kept

#: The demo comparison: the demo original with its two English back-translations.
DEMO_FILES = (
    "demo/original.en.txt",
    "demo/backtranslation.en.txt",
    "demo/alternative.en.txt",
)
SHOW_ALL, SHOW_DISAGREE = "All paragraphs", "Where versions differ"
_SLOT = "compare"

CSS = """
.wbcmp-head{display:flex;gap:.6rem;align-items:center;font-size:.9rem;margin-bottom:.2rem}
.wbcmp-id{font-weight:600}
.wbcmp-agree{border-radius:.6rem;padding:.05rem .55rem;font-size:.8rem;border:1px solid #0002}
.wbcmp-high{background:#e3f3e6;color:#1b5e20}
.wbcmp-mid{background:#fff4d6;color:#7a5200}
.wbcmp-low{background:#fde2e1;color:#8e1b14}
.wbcmp-none{background:#eee;color:#555}
.wbcmp-label{font-size:.8rem;color:#555;margin-bottom:.2rem}
"""


def load_demo() -> None:
    """Button callback: the demo original and its two back-translations; compare at once."""
    with kept("cmp_demo"):
        texts = [loaders.read_builtin(name) for name in DEMO_FILES]
        values: dict[str, object] = {
            **preset_paste("cmp_original", texts[0], name=Path(DEMO_FILES[0]).name),
            "cmp_versions_source": PASTE,
            "cmp_versions_count": len(texts) - 1,
            "cmp_reference": 0,
        }
        for k, (name, text) in enumerate(zip(DEMO_FILES[1:], texts[1:], strict=True)):
            values[f"cmp_versions_{k}_text"] = text
            values[f"cmp_versions_{k}_paste_name"] = Path(name).name
        state.set_widgets(values)
        state.request_comparison()


def _run(original, versions, reference: int) -> None:  # noqa: ANN001 - Documents
    """Compare the versions (errors kept for the tab to show)."""
    state.set_comparison(None)
    with kept(_SLOT), st.spinner("Aligning every version with the original…"):
        state.set_comparison(compare(original, versions, reference=reference))


def _agreement_class(value: float | None) -> str:
    return f"wbcmp-{agreement_level(value) or 'none'}"


def _agreement_text(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


#: Pixel height of one paragraph's row in the heat-map (long documents get a scroll bar).
HEATMAP_ROW_PX = 22
#: Cells show their value as text up to this many paragraphs.
HEATMAP_LABELS_MAX = 60
#: Heat-map colours by agreement: below LOW_AGREEMENT, up to HIGH_AGREEMENT, up to 100,
#: and 100 itself (Okabe–Ito hues, the badges' order: disagree, in between, agree, same).
HEATMAP_COLOURS = ("#D55E00", "#F0E442", "#8FD3BF", "#009E73")


def disagreement_text(names: tuple[str, ...]) -> str:
    """What two versions disagree on, e.g. "number changed, negation flipped" ("" if nothing)."""
    return ", ".join(check_phrase(name) for name in names)


def heatmap_scale() -> alt.Scale:
    """The heat-map's colour scale: one colour per agreement level, and one for 100.

    A continuous scale over the values shown painted 99.7 and 100 alike; these steps are
    the badges' thresholds, so a row that disagrees on a number (at most
    FACT_AGREEMENT_CAP) stands out however alike the texts are.
    """
    return alt.Scale(
        type="threshold", domain=[LOW_AGREEMENT, HIGH_AGREEMENT, 100.0], range=HEATMAP_COLOURS
    )


def heatmap(result: Comparison) -> alt.LayerChart:
    """An Altair heat-map of agreement: original paragraphs × version pairs."""
    records = []
    for row in result.rows:
        for k, value in enumerate(row.pair_agreement):
            facts = row.pair_checks[k] if k < len(row.pair_checks) else ()
            records.append(
                {
                    "paragraph": row.original_id,
                    "versions": result.pair_label(k),
                    "agreement": value,
                    "shown": _agreement_text(value),
                    "why": disagreement_text(facts) or "—",
                }
            )
    frame = pd.DataFrame.from_records(records)
    order = [r.original_id for r in result.rows]
    base = alt.Chart(frame).encode(
        x=alt.X(
            "versions:N",
            title="Version pair",
            axis=alt.Axis(labelAngle=0, labelLimit=320, orient="top"),
        ),
        y=alt.Y("paragraph:N", sort=order, title="Original paragraph"),
    )
    cells = base.mark_rect(stroke="white", strokeWidth=0.5).encode(
        color=alt.Color("agreement:Q", title="Agreement", scale=heatmap_scale()),
        tooltip=[
            alt.Tooltip("paragraph:N", title="Paragraph"),
            alt.Tooltip("versions:N", title="Versions"),
            alt.Tooltip("shown:N", title="Agreement"),
            alt.Tooltip("why:N", title="Disagree on"),
        ],
    )
    layers = [cells]
    if len(order) <= HEATMAP_LABELS_MAX:
        # white text on the two dark colours (disagreeing, and 100)
        white = (
            f"datum.agreement !== null && (datum.agreement < {LOW_AGREEMENT} "
            "|| datum.agreement >= 100)"
        )
        layers.append(
            base.mark_text(fontSize=11).encode(
                text="shown:N",
                color=alt.condition(white, alt.value("white"), alt.value("black")),
            )
        )
    return alt.layer(*layers).properties(height=alt.Step(HEATMAP_ROW_PX), width="container")


def cell_specs(result: Comparison, row: ComparisonRow, version: int) -> list:
    """Highlights of one cell: the version side of its diff against the reference, or, on
    the reference, the reference side of every version's diff."""
    if version != result.reference:
        cell = row.cells[version]
        return side_specs(cell.spans, cell.findings, "translation")
    specs = [s for c in row.cells for s in side_specs(c.spans, c.findings, "original")]
    return list(dict.fromkeys(specs))


def cell_html(result: Comparison, row: ComparisonRow, version: int) -> str:
    """Escaped HTML of one cell with its disagreements highlighted."""
    cell = row.cells[version]
    if cell.continued:
        return text_block("", empty="(continued from the row above)")
    body = text_block(cell.text, cell_specs(result, row, version))
    if cell.added_text:
        body += (
            '<div class="wb-pivot"><div class="wb-pivot-label">added after this paragraph ('
            + escape("+".join(cell.added_ids))
            + f')</div><div class="wb-text">{escape(cell.added_text)}</div></div>'
        )
    return body


def row_head_html(row: ComparisonRow) -> str:
    """A row's header: id, the agreement badge (what the versions disagree on first)."""
    checks = ", ".join(row.checks)
    why = disagreement_text(row.disagreements)
    badge = f"agreement {_agreement_text(row.agreement)}"
    if why:
        badge = f"{why} · {badge}"
    return (
        f'<div class="wbcmp-head" data-row="{html.escape(row.original_id)}" '
        f'data-level="{agreement_level(row.agreement) or "none"}">'
        f'<span class="wbcmp-id">{html.escape(row.original_id)}</span>'
        f'<span class="wbcmp-agree {_agreement_class(row.agreement)}">{html.escape(badge)}</span>'
        + (f"<span>checks: {html.escape(checks)}</span>" if checks else "")
        + "</div>"
    )


def cell_label(result: Comparison, row: ComparisonRow, version: int) -> str:
    """A cell's label: the version's name, and against the reference why it differs and
    how alike the texts are (``"b.txt · number changed · major · text 99.7 % alike"``)."""
    label = result.versions[version].name
    if version == result.reference:
        return label + " (reference)"
    cell = row.cells[version]
    if cell.similarity is None:
        return label
    ref = result.reference
    pair = (min(ref, version), max(ref, version))
    same = result.same_language[result.version_pairs.index(pair)]
    said = verdict(
        cell.band,
        cell.similarity,
        [f.check for f in cell.findings],
        spans=cell.spans,
        text_similarity=same,
    )
    return f"{label} · {said.label}"


def _row(result: Comparison, row: ComparisonRow) -> None:
    with st.container(border=True, key=f"cmp_row_{row.original_id}"):
        st.html(row_head_html(row))
        cols = st.columns(1 + len(result.versions))
        with cols[0]:
            st.html(
                '<div class="wbcmp-label">original</div>'
                f'<div class="wb-text">{escape(row.original_text)}</div>'
            )
        for k in range(len(result.versions)):
            with cols[k + 1]:
                st.html(
                    f'<div class="wbcmp-label">{escape(cell_label(result, row, k))}</div>'
                    + cell_html(result, row, k)
                )


def _downloads(result: Comparison) -> None:
    stem = Path(result.original.name).stem or "comparison"
    left, middle, right = st.columns(3)
    left.download_button(
        "Download comparison CSV",
        data=lambda: comparison_to_csv(result),
        file_name=f"{stem}.comparison.csv",
        mime="text/csv",
        key="cmp_download_csv",
        help=(
            "The raw table for scripts and CSV readers, one row per original paragraph: "
            "each version's text and the agreement scores. Not for opening in Excel: "
            "use the CSV for Excel or the workbook."
        ),
        on_click="ignore",
        width="stretch",
    )
    middle.download_button(
        "Download comparison CSV for Excel",
        data=lambda: comparison_to_csv(result, excel=True),
        file_name=f"{stem}.comparison.excel.csv",
        mime="text/csv",
        key="cmp_download_csv_excel",
        help=(
            "The same table as a CSV to open in a spreadsheet: with a byte-order mark, and "
            "cells that could run as formulas (starting with =, +, -, @) shown as text."
        ),
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        "Download comparison Excel workbook",
        data=lambda: comparison_to_xlsx(result),
        file_name=f"{stem}.comparison.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="cmp_download_xlsx",
        help="The same table as an Excel workbook, with cells safe from formula injection.",
        on_click="ignore",
        width="stretch",
    )


def _results(result: Comparison) -> None:
    st.html(f"<style>{CSS}</style>")
    rated = [r for r in result.rows if r.agreement is not None]
    a, b, c = st.columns(3)
    a.metric("Paragraphs", len(result.rows))
    b.metric("Versions", len(result.versions))
    c.metric("Mean agreement", _agreement_text(result.mean_agreement))
    least = result.least_agreeing(3)
    if least:
        st.caption(
            escape_markdown(
                "Least agreeing: "
                + ", ".join(f"{r.original_id} ({_agreement_text(r.agreement)})" for r in least)
                + f" — of {len(rated)} rated paragraphs."
            )
        )
    st.altair_chart(heatmap(result), key="cmp_heatmap", width="stretch")
    _downloads(result)
    table = [
        {
            "paragraph": r.original_id,
            "agreement": r.agreement,
            **{result.pair_label(k): v for k, v in enumerate(r.pair_agreement)},
        }
        for r in result.rows
    ]
    st.dataframe(table, key="cmp_table", hide_index=True, width="stretch")
    show = st.radio(
        "Show",
        [SHOW_ALL, SHOW_DISAGREE],
        key="cmp_show",
        horizontal=True,
        help="All paragraphs, or only those where the versions are not identical.",
    )
    rows = [
        r
        for r in result.rows
        if show == SHOW_ALL or (r.agreement is not None and r.agreement < 100) or r.checks
    ]
    if not rows:
        st.info("All versions agree on every paragraph.")
    for row in rows:
        _row(result, row)


def _inputs() -> tuple:
    original = document_input(
        "cmp_original",
        "original",
        sources=(UPLOAD, PASTE),
        help_text="Upload the original as a file (.txt, .md, .docx, .html) or paste it.",
        where="original",
        height=140,
    )
    versions = documents_input(
        "cmp_versions", minimum=MIN_VERSIONS, maximum=MAX_VERSIONS, where="compare"
    )
    reference = 0
    names = [d.name for d in versions]
    if names:
        if state.widget_value("cmp_reference", 0) >= len(names):
            state.set_widgets({"cmp_reference": 0})
        reference = st.selectbox(
            "Reference version",
            list(range(len(names))),
            format_func=lambda k: f"{k + 1} · {names[k]}",
            key="cmp_reference",
            help="The version the others are diffed against (highlights).",
        )
    return original, versions, int(reference)


def render() -> None:
    """The Compare versions tab."""
    st.caption(
        "Compare 2 to 6 translations or back-translations of one original, paragraph by "
        "paragraph. The command line does the same: `workbench compare`."
    )
    st.button(
        "Load demo versions",
        key="cmp_demo",
        on_click=load_demo,
        help="The demo original with its two English back-translations.",
    )
    show_kept("cmp_demo", "demo")
    original, versions, reference = _inputs()
    ready = original is not None and MIN_VERSIONS <= len(versions) <= MAX_VERSIONS
    st.button(
        "Compare",
        key="cmp_run",
        type="primary",
        on_click=state.request_comparison,
        disabled=not ready,
        help="Align every version with the original and compare them."
        if ready
        else f"Give the original and {MIN_VERSIONS} to {MAX_VERSIONS} versions first.",
    )
    if state.take_comparison_request() and original is not None:
        _run(original, versions, reference)
    show_kept(_SLOT, "compare")
    result = state.comparison()
    if result is not None:
        with reported("compare"):
            _results(result)
