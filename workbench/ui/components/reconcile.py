"""Back-translation review in the app: the forward-translation input, three columns, the log.

With a forward translation given in the sidebar, "Align" starts a back-translation
review (:mod:`workbench.reconcile`): the second text is the back-translation, aligned
and analysed against the original, and each row shows the forward passage as a third
column with the discrepancy log fields (type, decision, revised forward text,
rationale), saved at once like the other annotation fields.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from workbench import store
from workbench.errors import AlignmentFileError, WorkbenchError
from workbench.model import DECISIONS, DISCREPANCY_TYPES, Annotation, Document
from workbench.review import PairRecord, Review
from workbench.ui import actions, loaders, state
from workbench.ui.components import annotate
from workbench.ui.messages import escape_markdown, show_error

NO_FORWARD, UPLOAD, PASTE = "None", "Upload a file", "Paste text"
#: The forward translation of the demo set (texts/demo/), for the three-text demo.
DEMO_FORWARD = "demo/translation.fr.txt"
DEMO_ORIGINAL = "demo/original.en.txt"
DEMO_BACK = "demo/backtranslation.en.txt"

DISCREPANCY_HELP = (
    "What kind of discrepancy the back-translation shows: omission, addition, meaning "
    "shift, terminology, ambiguity, grammar/style only, or an artefact of the "
    "back-translation itself (the forward translation is fine)."
)
DECISION_HELP = (
    "What was decided about the forward translation: no change needed, revised "
    "(give the revised text), or a query raised with the translator."
)


def is_reconciliation(review: Review) -> bool:
    """True if ``review`` is a back-translation review with a forward translation."""
    return bool(review.meta.forward_name or review.meta.forward_sha256)


# --- sidebar -------------------------------------------------------------------------------


def _describe(doc: Document) -> str:
    return f"✓ {doc.name}: {len(doc.segments)} paragraphs, language {doc.language}"


def forward_input() -> Document | None:
    """The optional forward translation (sidebar): none, an upload, or pasted text."""
    st.session_state.setdefault("forward_source", NO_FORWARD)
    source = st.radio(
        "Forward translation (back-translation review)",
        [NO_FORWARD, UPLOAD, PASTE],
        key="forward_source",
        horizontal=True,
        help="Reviewing a back-translation? Give the translation that was back-translated "
        "(any language). The second text is then read as the back-translation, and each "
        "pair shows the matching forward passage and a discrepancy log.",
    )
    try:
        if source == UPLOAD:
            uploaded = st.file_uploader(
                "Forward translation file",
                key="forward_file",
                help="Plain text, Markdown, Word or HTML, in any language.",
            )
            if uploaded is None:
                return None
            doc = loaders.read_document(uploaded.getvalue(), uploaded.name)
        elif source == PASTE:
            text = st.text_area(
                "Forward translation text",
                key="forward_text",
                height=140,
                placeholder="Paste the forward translation; separate paragraphs with a blank line.",
                on_change=lambda: st.session_state.pop("forward_paste_name", None),
                help="The forward translation the back-translation was made from; it is "
                "shown beside each pair. Press Ctrl+Enter or click elsewhere to apply.",
            )
            if not text.strip():
                return None
            name = st.session_state.get("forward_paste_name") or "pasted-forward.txt"
            doc = loaders.read_pasted(text, name=name)
        else:
            return None
    except Exception as exc:  # shown next to the input, never as a traceback
        show_error(exc, "forward")
        return None
    st.caption(escape_markdown(_describe(doc)))
    return doc


_DEMO_FILES = {"original": DEMO_ORIGINAL, "translation": DEMO_BACK, "forward": DEMO_FORWARD}


def load_demo() -> None:
    """Button callback: the demo original, back-translation and French forward; align."""
    try:
        texts = {k: loaders.read_builtin(v) for k, v in _DEMO_FILES.items()}
    except WorkbenchError as exc:
        st.session_state["demo_error"] = exc
        return
    st.session_state.pop("demo_error", None)
    for side in ("original", "translation", "forward"):
        st.session_state[f"{side}_source"] = PASTE
        st.session_state[f"{side}_text"] = texts[side]
        st.session_state[f"{side}_paste_name"] = Path(_DEMO_FILES[side]).name
    st.session_state["mode"] = "auto"
    st.session_state["project"] = "demo-reconciliation"
    state.request_align()


# --- starting the review -------------------------------------------------------------------


def start_reconciliation(
    original: Document,
    back_translation: Document,
    forward: Document,
    *,
    project: str,
    level: str,
    suppress_minor: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> tuple[state.Session, int]:
    """Align, analyse and save a back-translation review; the session and annotations kept.

    Like ``actions.start_review``: annotations of a file made from the same original,
    back-translation and level are carried over; a file about other texts is refused.
    """
    from workbench.reconcile import build_reconciliation_review, reconcile

    path = actions.project_file(project)
    kept: dict[str, Annotation] = {}
    if path.exists():
        existing = store.load_review(path)
        same = (
            existing.meta.original_sha256 == original.sha256
            and existing.meta.translation_sha256 == back_translation.sha256
            and existing.meta.level == level
        )
        if not same:
            raise AlignmentFileError(
                f"The project “{project}” ({path.name}) already holds another review "
                f"({existing.meta.original_name} ↔ {existing.meta.translation_name}, "
                f"{existing.meta.level} level). Open it from the Projects list, or choose "
                "another project name."
            )
        kept = {pid: a for pid, a in existing.annotations().items() if a != Annotation()}
    progress("Aligning the back-translation with the original…")
    progress(escape_markdown(f"Placing the forward translation ({forward.name}) beside each pair…"))
    result = reconcile(
        original,
        back_translation,
        forward=forward,
        level=level,  # type: ignore[arg-type]
        suppress_minor=suppress_minor,
    )
    review = build_reconciliation_review(result, project=project, annotations=kept)
    progress("Saving the review file…")
    saved = store.save_review(review, root=state.alignments_dir(), path=path)
    session = state.Session(
        alignment=result.alignment,
        review=review,
        divergences={d.pair_id: d for d in result.divergences},
        path=saved,
        suppress_minor=suppress_minor,
    )
    return session, sum(1 for p in review.pairs if p.pair_id in kept)


# --- the review rows -----------------------------------------------------------------------


def column_heads(review: Review) -> None:
    """Which text is in which column, above the rows (names are user text: escaped)."""
    meta = review.meta
    heads = (
        ("Original", meta.original_name, meta.original_language),
        ("Back-translation", meta.translation_name, meta.translation_language),
        ("Forward translation", meta.forward_name, meta.forward_language),
    )
    for col, (role, name, lang) in zip(st.columns(3), heads, strict=True):
        # The style is the review view's (components.review.UI_CSS).
        col.html(
            f'<div class="wbui-colhead">{role} · {html.escape(name)} ({html.escape(lang)})</div>'
        )


def texts(record: PairRecord, original_html: str, back_html: str) -> None:
    """The three columns of one pair: highlighted original and back-translation, forward."""
    left, middle, right = st.columns(3)
    with left:
        st.html(original_html)
    with middle:
        st.html(back_html)
    with right:
        from workbench.render import escape

        if record.forward_text:
            ids = html.escape("+".join(record.forward_ids))
            st.html(
                f'<div class="wb-text" data-forward="{ids}">{escape(record.forward_text)}</div>'
            )
        else:
            st.html('<div class="wb-text wb-empty">(no forward passage)</div>')


def log_fields(record: PairRecord) -> None:
    """The discrepancy log of one pair: type, decision, revised text, rationale (autosaved)."""
    pid, ann = record.pair_id, record.annotation
    kind, decision, revised, rationale = st.columns([2, 2, 4, 4])
    kind.selectbox(
        "Discrepancy",
        DISCREPANCY_TYPES,
        index=annotate.option_index(DISCREPANCY_TYPES, ann.discrepancy),
        format_func=lambda v: v or "—",
        key=annotate.widget_key("discrepancy", pid),
        on_change=annotate.save,
        args=(pid,),
        help=DISCREPANCY_HELP,
    )
    decision.selectbox(
        "Decision",
        DECISIONS,
        index=annotate.option_index(DECISIONS, ann.decision),
        format_func=lambda v: v or "—",
        key=annotate.widget_key("decision", pid),
        on_change=annotate.save,
        args=(pid,),
        help=DECISION_HELP,
    )
    revised.text_area(
        "Revised forward translation",
        value=ann.revised_text,
        key=annotate.widget_key("revised_text", pid),
        on_change=annotate.save,
        args=(pid,),
        height=68,
        placeholder="The corrected forward text, when revised",
        help="Saved when you click elsewhere (or press Ctrl+Enter).",
    )
    rationale.text_area(
        "Rationale",
        value=ann.rationale,
        key=annotate.widget_key("rationale", pid),
        on_change=annotate.save,
        args=(pid,),
        height=68,
        placeholder="Why: where the fault lies, what the translator said",
        help="Saved when you click elsewhere (or press Ctrl+Enter).",
    )


def overview_panel(review: Review) -> None:
    """The discrepancy log in numbers (Overview tab of a back-translation review)."""
    from workbench.reconcile import summarise_reconciliation

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
        st.dataframe(
            [{"type": k or "(not classified)", "pairs": v} for k, v in summary.by_type.items()],
            hide_index=True,
            key="reconcile_by_type",
        )
    with right:
        st.markdown("**By decision**")
        st.dataframe(
            [
                {"decision": k or "(not decided)", "pairs": v}
                for k, v in summary.by_decision.items()
            ],
            hide_index=True,
            key="reconcile_by_decision",
        )
