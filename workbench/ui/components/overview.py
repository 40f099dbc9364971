"""The Overview tab: review progress, similarity along the document, counts, MQM score."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from workbench.model import BANDS
from workbench.review.back_translation import summarise_reconciliation
from workbench.review.record import Review
from workbench.review.summary import summarise
from workbench.review.verdict import band_label, compares_text, verdict
from workbench.session import ReviewSession
from workbench.ui.components import agreement

#: Band colours, the same hues as the row badges.
BAND_COLOURS = {
    "identical": "#2e7d32",
    "minor": "#f2a900",
    "major": "#c62828",
    "unaligned": "#5e35b1",
}


#: The chart's measure, by whether the review's similarities compare texts: across
#: languages the similarity is the agreement of lengths and anchors (numbers, names).
MEASURE_TITLES = {True: "Similarity (%)", False: "Agreement of lengths and anchors (%)"}
CHART_TITLES = {True: "Similarity along the document", False: "Agreement along the document"}


def similarity_chart(review: Review) -> alt.LayerChart:
    """Similarity of every pair in document order, coloured by band (across languages,
    the agreement of lengths and anchors, and bands named as the rows name them)."""
    texts = compares_text(review.meta.settings)
    data = pd.DataFrame(
        {
            "pair": [p.order + 1 for p in review.pairs],
            "similarity": [p.similarity for p in review.pairs],
            "band": [band_label(p.band, text_similarity=texts) for p in review.pairs],
            "why": [
                verdict(p.band, p.similarity, p.checks, text_similarity=texts).why
                for p in review.pairs
            ],
            "units": [
                f"{'+'.join(p.original_ids) or '—'} ↔ {'+'.join(p.translation_ids) or '—'}"
                for p in review.pairs
            ],
        }
    )
    named = {band_label(b, text_similarity=texts): b for b in BANDS}
    bands = [n for n in named if n in set(data["band"])] or list(named)
    x = alt.X(
        "pair:Q",
        title="Pair (document order)",
        scale=alt.Scale(domain=[1, max(2, len(data))], nice=False),
        axis=alt.Axis(tickMinStep=1, format="d"),
    )
    y = alt.Y("similarity:Q", title=MEASURE_TITLES[texts], scale=alt.Scale(domain=[0, 100]))
    base = alt.Chart(data, height=260)
    # A faint line guides the eye along the document; the dots carry the band colour.
    line = base.mark_line(color="#b0b7c3", strokeWidth=1).encode(x=x, y=y)
    dots = base.mark_circle(size=45, opacity=0.9).encode(
        x=x,
        y=y,
        color=alt.Color(
            "band:N",
            title="Band",
            scale=alt.Scale(
                domain=bands, range=[BAND_COLOURS.get(named[b], "#777") for b in bands]
            ),
        ),
        tooltip=["pair:Q", "units:N", "why:N", "band:N", "similarity:Q"],
    )
    return line + dots


def _table(counts: dict[str, int], *, label: str) -> pd.DataFrame:
    return pd.DataFrame({label: list(counts), "pairs": list(counts.values())})


def discrepancy_panel(review: Review) -> None:
    """The discrepancy log in numbers (a back-translation review's Overview)."""
    summary = summarise_reconciliation(review)
    st.subheader("Discrepancy log")
    cols = st.columns(4)
    cols[0].metric(
        "Logged",
        summary.logged,
        help="Pairs with a discrepancy type or an issue status (minor, major, critical).",
    )
    cols[1].metric("Forward revised", summary.revised)
    cols[2].metric("Queries raised", summary.open_queries)
    cols[3].metric("Not decided", summary.undecided, help="Logged pairs without a decision.")
    left, right = st.columns(2)
    with left:
        st.markdown("**By discrepancy type**")
        types = {k or "(not classified)": v for k, v in summary.by_type.items()}
        st.dataframe(_table(types, label="type"), hide_index=True, key="reconcile_by_type")
    with right:
        st.markdown("**By decision**")
        decisions = {k or "(not decided)": v for k, v in summary.by_decision.items()}
        st.dataframe(
            _table(decisions, label="decision"), hide_index=True, key="reconcile_by_decision"
        )


def render(session: ReviewSession) -> None:
    """The Overview tab."""
    review = session.review
    summary = summarise(review)
    done = summary.reviewed / summary.pairs if summary.pairs else 0.0
    st.progress(done, text=f"Reviewed {summary.reviewed} of {summary.pairs} pairs")
    cols = st.columns(4)
    cols[0].metric("Pairs", summary.pairs, help="Rows of the review (beads of the alignment).")
    cols[1].metric("Reviewed", summary.reviewed, help="Pairs with a status other than unreviewed.")
    cols[2].metric(
        "MQM score",
        "—" if summary.mqm_score is None else f"{summary.mqm_score:.2f}",
        help="MQM 2.0: 100 × (1 − penalty / words), over the words of reviewed pairs. "
        "Shown once a pair with words has been reviewed.",
    )
    cols[3].metric(
        "Penalty points",
        summary.penalty,
        help=f"Severity weights summed over reviewed pairs ({summary.words} words reviewed).",
    )
    st.subheader(CHART_TITLES[compares_text(review.meta.settings)])
    st.altair_chart(similarity_chart(review), width="stretch")
    left, middle, right = st.columns(3)
    with left:
        st.markdown("**By status**")
        st.dataframe(_table(dict(summary.by_status), label="status"), hide_index=True)
    with middle:
        st.markdown("**By MQM category**")
        if summary.by_category:
            st.dataframe(_table(dict(summary.by_category), label="category"), hide_index=True)
        else:
            st.caption("No category chosen yet.")
    with right:
        st.markdown("**By band**")
        st.dataframe(_table(dict(summary.by_band), label="band"), hide_index=True)
    if review.meta.is_back_translation:
        discrepancy_panel(review)
    st.subheader("Agreement with another review")
    agreement.render(session)
