"""The sidebar: the texts (upload, paste or built-in), the options and the Align button."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from workbench import config
from workbench.model import REQUESTED_MODES, Document, Level, Mode
from workbench.store import project_path, sanitise_project_name
from workbench.ui import loaders, state
from workbench.ui.components.document_input import (
    BUILTIN,
    NONE,
    PASTE,
    UPLOAD,
    bilingual_upload,
    describe,
    document_input,
    preset_paste,
)
from workbench.ui.messages import escape_markdown, kept, reported, show_kept

#: The demo set in texts/demo/: original, French translation, back-translation.
DEMO_ORIGINAL = "demo/original.en.txt"
DEMO_TRANSLATION = "demo/backtranslation.en.txt"
DEMO_FORWARD = "demo/translation.fr.txt"

LEVEL_LABELS = {Level.PARAGRAPH: "Paragraphs", Level.SENTENCE: "Sentences inside paragraph pairs"}
MODE_LABELS = {
    Mode.AUTO: "Automatic",
    Mode.MONOLINGUAL: "Same language (back-translation)",
    Mode.CROSSLINGUAL: "Cross-language",
}
#: Initial widget values (set once per session; widgets then own them).
DEFAULTS = {
    "original_source": UPLOAD,
    "translation_source": BUILTIN,
    "forward_source": NONE,
    "project": "review",
    "reviewer": "",
}


def _defaults() -> dict[str, object]:
    """DEFAULTS, with the project and reviewer of a reloaded page's URL."""
    return {
        **DEFAULTS,
        "project": state.project_in_url() or DEFAULTS["project"],
        "reviewer": state.reviewer_in_url() or DEFAULTS["reviewer"],
    }


def _reviewer_changed() -> None:
    """Reviewer callback: remember the name in the URL (a reload keeps it)."""
    state.remember_reviewer(str(state.widget_value("reviewer", "")))


@dataclass(frozen=True)
class Inputs:
    """What the sidebar holds now: loaded documents (None if missing or unreadable), options."""

    original: Document | None
    translation: Document | None
    pivot: Document | None
    level: Level
    mode: Mode
    suppress_minor: bool
    reviewer: str
    project: str
    project_file: Path | None
    #: The forward translation: given, the review is a back-translation review.
    forward: Document | None = None
    #: A bilingual file given as the original (its bytes and name): a pre-aligned review.
    bilingual: tuple[bytes, str] | None = None

    @property
    def ready(self) -> bool:
        """Both texts are loaded and the project name maps to a file."""
        return (
            self.original is not None
            and self.translation is not None
            and self.project_file is not None
        )


def _load_demo(*, with_forward: bool) -> None:
    """Button callback: fill the inputs with the demo set and ask for an alignment."""
    files = {"original": DEMO_ORIGINAL, "translation": DEMO_TRANSLATION}
    if with_forward:
        files["forward"] = DEMO_FORWARD
    with kept("demo"):
        values: dict[str, object] = {"forward_source": NONE, "mode": Mode.AUTO}
        for key, relative in files.items():
            text = loaders.read_builtin(relative)
            values.update(preset_paste(key, text, name=Path(relative).name))
        values["project"] = "demo-reconciliation" if with_forward else "demo"
        state.set_widgets(values)
        state.request_align()


def _demo_buttons() -> None:
    demo, back = st.columns(2)
    demo.button(
        "Load demo set",
        key="load_demo",
        on_click=_load_demo,
        kwargs={"with_forward": False},
        help="Fill in a short English original and its back-translation from French, "
        "and align them right away.",
        width="stretch",
    )
    back.button(
        "Load back-translation demo (3 texts)",
        key="load_demo_reconcile",
        on_click=_load_demo,
        kwargs={"with_forward": True},
        help="The demo original, its back-translation and the French forward translation: "
        "a three-column back-translation review with a discrepancy log.",
        width="stretch",
    )
    show_kept("demo")


def _texts() -> tuple[Document | None, Document | None, tuple[bytes, str] | None]:
    # Each input in a container of its own: what one shows after a paste or an upload
    # (its summary, a warning) must not move the widgets below it, or the browser would
    # mount them anew and drop what the user is typing there during the rerun.
    with st.container(key="original_input"):
        st.subheader("1 · Original")
        original = document_input(
            "original",
            "original",
            sources=(UPLOAD, PASTE),
            help_text="Upload the original as a file (or a bilingual XLIFF/TMX file holding "
            "both texts), or paste it as text.",
            where="original",
            bilingual=True,
        )
    with st.container(key="translation_input"):
        st.subheader("2 · Translation")
        bilingual = bilingual_upload("original") if original is not None else None
        if bilingual is not None:
            st.caption(
                escape_markdown(
                    f"Taken from the bilingual file {bilingual[1]}: its targets, paired with "
                    "the sources as the CAT tool paired them (no alignment needed)."
                )
            )
            return original, loaders.read_bilingual(*bilingual).translation, bilingual
        translation = document_input(
            "translation",
            "translation",
            sources=(BUILTIN, UPLOAD, PASTE),
            help_text="Upload a file, paste the translation as text, or use the built-in "
            "essay back-translation.",
            where="translation",
        )
    return original, translation, None


def _pivot_input() -> Document | None:
    uploaded = st.file_uploader(
        "Pivot translation (optional)",
        key="pivot_file",
        help="A third text that helps the alignment: the original translated into the "
        "translation's language, unit by unit (e.g. a machine translation). When it is "
        "worded like the translation it is also compared with it word by word; when it is "
        "worded otherwise on most pairs (a machine translation beside a human one) it only "
        "guides the alignment, and the checks compare the original with the translation.",
    )
    doc = None
    if uploaded is not None:
        with reported("pivot"):
            doc = loaders.read_document(uploaded.getvalue(), uploaded.name)
    if doc is not None:
        st.caption(escape_markdown(describe(doc)))
    return doc


def _options() -> tuple[Level, Mode, bool]:
    level = st.selectbox(
        "Alignment level",
        list(Level),
        format_func=LEVEL_LABELS.__getitem__,
        key="level",
        help="Paragraphs: one row per paragraph pair. Sentences: paragraphs are aligned "
        "first, then sentences are paired inside each paragraph pair.",
    )
    mode = st.selectbox(
        "Comparison mode",
        list(REQUESTED_MODES),
        format_func=MODE_LABELS.__getitem__,
        key="mode",
        help="Automatic picks from the detected languages. Same language compares words "
        "directly (a back-translation with its original); cross-language relies on "
        "lengths, numbers and names.",
    )
    suppress_minor = st.checkbox(
        "Hide minor differences",
        key="suppress_minor",
        help="Do not highlight punctuation, case and spacing differences.",
    )
    return Level(level), Mode(mode), suppress_minor


def _project_input() -> tuple[str, Path | None]:
    project = st.text_input(
        "Project name",
        key="project",
        help="Names the review file in the alignments folder. Annotations are saved there "
        "as you work, so you can close the browser and resume later.",
    )
    path = None
    with reported("project"):
        if loaders.team_store() is not None:  # a review's name in the shared database
            path = Path(sanitise_project_name(project))
        else:
            path = project_path(project, root=state.alignments_dir())
    return project, path


def _who_and_where() -> tuple[str, str, Path | None]:
    """Reviewer and project name side by side, where the review file goes below them."""
    who, where = st.columns(2)
    reviewer = who.text_input(
        "Reviewer",
        key="reviewer",
        max_chars=config.MAX_NAME_CHARS,
        on_change=_reviewer_changed,
        help="Your name or initials, saved with every annotation you make (needed to "
        "annotate). It is kept in the page's address, so a reload remembers it.",
    )
    with where:
        project, path = _project_input()
    if path is not None and path.is_absolute():  # below both columns, at the sidebar's width
        st.caption(
            f"Saved as **{escape_markdown(path.name)}** in {escape_markdown(str(path.parent))}"
        )
    elif path is not None:
        st.caption(f"Saved as **{escape_markdown(str(path))}** in the shared review database")
    return reviewer, project, path


def render() -> Inputs:
    """Draw the sidebar and return the inputs it holds."""
    state.set_widget_defaults(_defaults())
    st.title(
        "Workbench",
        help="Align an original with its translation, see what differs, review and export.",
    )
    with st.container(key="demo_buttons"):
        _demo_buttons()
    original, translation, bilingual = _texts()
    # Folded, so that the Align button stays in view on a laptop screen.
    with st.expander("3 · Options", key="options_expander"):
        level, mode, suppress_minor = _options()
        pivot = _pivot_input()
        forward = document_input(
            "forward",
            "forward translation",
            sources=(NONE, UPLOAD, PASTE),
            help_text="Reviewing a back-translation? Give the translation that was "
            "back-translated (any language). The second text is then read as the "
            "back-translation, and each pair shows the matching forward passage and a "
            "discrepancy log.",
            where="forward",
            height=140,
        )
    reviewer, project, path = _who_and_where()
    inputs = Inputs(
        original,
        translation,
        pivot,
        level,
        mode,
        suppress_minor,
        reviewer.strip(),
        project,
        path,
        forward,
        bilingual=bilingual,
    )
    st.button(
        "Align",
        key="align",
        type="primary",
        on_click=state.request_align,
        disabled=not inputs.ready,
        help="Align the two texts, analyse every pair and save the review file."
        if inputs.ready
        else "Give both texts and a project name first.",
        width="stretch",
    )
    return inputs
