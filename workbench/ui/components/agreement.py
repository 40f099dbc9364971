"""The Overview's agreement panel: this review against another saved review of the same texts.

The other reviews are the files of the alignments folder made from the same original,
translation and level. Nothing is loaded or measured until one is chosen; the panel is
a fragment, so choosing one redraws the panel alone, not the Overview's chart.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from workbench.review.agreement import (
    FIELDS,
    Agreement,
    Confusion,
    FieldAgreement,
    format_kappa,
    measure_agreement,
    value_label,
)
from workbench.session import ReviewSession
from workbench.store import ProjectInfo, Texts, list_projects, load_review
from workbench.ui import state
from workbench.ui.messages import escape_markdown, reported

#: Key of the selectbox holding the chosen review (a project name).
CHOICE_KEY = "agreement_other"
_TITLES = {"status": "Status", "category": "MQM category", "severity": "Severity"}


def same_texts_reviews(session: ReviewSession, folder: Path) -> list[ProjectInfo]:
    """The other saved reviews in ``folder`` of the open review's texts and level."""
    ours = Texts.of(session.review.meta)
    here = session.path.resolve()
    return [
        info
        for info in list_projects(root=folder)
        if info.path.resolve() != here and info.texts == ours
    ]


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f} %"


def summary_frame(result: Agreement) -> pd.DataFrame:
    """One row per field: pairs compared, observed and expected agreement, kappa."""
    return pd.DataFrame(
        {
            "field": [_TITLES.get(f.field, f.field) for f in result.fields],
            "pairs compared": [f.items for f in result.fields],
            "observed agreement": [_percent(f.observed) for f in result.fields],
            "expected by chance": [_percent(f.expected) for f in result.fields],
            "Cohen's kappa": [format_kappa(f.kappa) for f in result.fields],
            "disagreements": [len(f.disagreements) for f in result.fields],
        }
    )


def confusion_frame(confusion: Confusion, reviewers: tuple[str, ...]) -> pd.DataFrame:
    """The confusion table: the first reviewer's values down, the second's across."""
    labels = [value_label(v) for v in confusion.labels]
    frame = pd.DataFrame(list(confusion.counts), index=labels, columns=labels)
    frame.index.name = f"{reviewers[confusion.first]} ↓ / {reviewers[confusion.second]} →"
    return frame


def disagreement_frame(found: FieldAgreement, reviewers: tuple[str, ...]) -> pd.DataFrame:
    """One row per disagreeing pair: its id, each reviewer's value, the short texts."""
    data: dict[str, list[str]] = {"pair": [d.pair_id for d in found.disagreements]}
    for k, name in enumerate(reviewers):
        data[name] = [value_label(d.values[k]) for d in found.disagreements]
    data["original"] = [d.original_text for d in found.disagreements]
    data["translation"] = [d.translation_text for d in found.disagreements]
    return pd.DataFrame(data)


def _field_section(found: FieldAgreement, reviewers: tuple[str, ...]) -> None:
    title = _TITLES.get(found.field, found.field)
    st.markdown(
        f"**{title}** — kappa {format_kappa(found.kappa)}, "
        f"{escape_markdown(_percent(found.observed))} observed over {found.items} pairs"
    )
    if not found.items:
        st.caption("No pair reviewed in both reviews yet.")
        return
    left, right = st.columns([2, 3])
    with left:
        st.dataframe(
            confusion_frame(found.confusions[0], reviewers), key=f"agreement_confusion_{title}"
        )
    with right:
        if found.disagreements:
            st.dataframe(
                disagreement_frame(found, reviewers),
                hide_index=True,
                key=f"agreement_disagreements_{title}",
            )
        else:
            st.caption("The reviewers agree on every pair compared.")


def show(result: Agreement) -> None:
    """The figures of an agreement of two reviews: summary, then each field's tables."""
    st.caption(
        escape_markdown(
            f"{result.shared - result.unreviewed} pairs compared: {result.shared} pairs are in "
            f"both reviews with the same texts, of which {result.unreviewed} were left "
            f"unreviewed by a reviewer and are not counted; {result.not_shared} pairs are "
            "not in both (the alignments differ there)."
        )
    )
    st.dataframe(summary_frame(result), hide_index=True, key="agreement_summary")
    for found in result.fields:
        _field_section(found, result.reviewers)


@st.fragment
def render(session: ReviewSession) -> None:
    """The panel: choose another review of these texts, see how far the two agree."""
    with reported("the agreement with another review"):
        folder = state.alignments_dir()
        others = {info.name: info for info in same_texts_reviews(session, folder)}
        if not others:
            st.info(
                escape_markdown(
                    f"No other review of these texts in {folder.resolve()}: save a second "
                    "reviewer's review under another project name to compare."
                )
            )
            return
        choice = st.selectbox(
            "Compare with",
            options=list(others),
            index=None,
            placeholder="Choose another review of these texts",
            key=CHOICE_KEY,
            help="Saved reviews of the same original and translation (same level) in the "
            "alignments folder. Pairs either reviewer left unreviewed are not counted; "
            "an empty category or severity counts as “no error”.",
        )
        if choice is None:
            return
        other = load_review(others[choice].path)
        result = measure_agreement(
            [session.review, other], names=[session.project, other.meta.project], fields=FIELDS
        )
        show(result)
