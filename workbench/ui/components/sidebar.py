"""The sidebar: the two texts (upload, paste or built-in), the options and the Align button."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.model import Document
from workbench.ui import loaders, state
from workbench.ui.components import reconcile
from workbench.ui.messages import escape_markdown, show_error

#: The built-in translation: the essay's back-translation in texts/.
ESSAY_FILE = "reflections-en-backtranslation.txt"
#: The demo set in texts/demo/: original, French translation and its back-translation.
DEMO_ORIGINAL = "demo/original.en.txt"
DEMO_TRANSLATION = "demo/backtranslation.en.txt"

UPLOAD, PASTE, BUILTIN = "Upload a file", "Paste text", "Built-in essay"
FILE_HELP = (
    "Plain text (.txt), Markdown (.md), Word (.docx) or HTML (.html). "
    "Any encoding; up to 20 MB. Paragraphs are separated by blank lines."
)
LEVELS = {"paragraph": "Paragraphs", "sentence": "Sentences inside paragraph pairs"}
MODES = {
    "auto": "Automatic",
    "monolingual": "Same language (back-translation)",
    "crosslingual": "Cross-language",
}


@dataclass(frozen=True)
class Inputs:
    """What the sidebar holds now: loaded documents (None if missing or unreadable), options."""

    original: Document | None
    translation: Document | None
    pivot: Document | None
    level: str
    mode: str
    suppress_minor: bool
    reviewer: str
    project: str
    project_file: Path | None
    #: The forward translation of a back-translation review (components.reconcile).
    forward: Document | None = None

    @property
    def ready(self) -> bool:
        """Both texts are loaded and the project name maps to a file."""
        return (
            self.original is not None
            and self.translation is not None
            and self.project_file is not None
        )


def read_upload(data: bytes, name: str) -> Document:
    """The Document in an uploaded file's bytes (the handler behind every uploader)."""
    return loaders.read_document(data, name)


def _load_demo() -> None:
    """Fill the inputs with the demo set and ask for an alignment (button callback)."""
    try:
        original = loaders.read_builtin(DEMO_ORIGINAL)
        translation = loaders.read_builtin(DEMO_TRANSLATION)
    except WorkbenchError as exc:
        st.session_state["demo_error"] = exc
        return
    st.session_state.pop("demo_error", None)
    st.session_state["original_source"] = PASTE
    st.session_state["original_text"] = original
    st.session_state["original_paste_name"] = Path(DEMO_ORIGINAL).name
    st.session_state["translation_source"] = PASTE
    st.session_state["translation_text"] = translation
    st.session_state["translation_paste_name"] = Path(DEMO_TRANSLATION).name
    st.session_state["mode"] = "auto"
    st.session_state["project"] = "demo"
    st.session_state["forward_source"] = reconcile.NO_FORWARD  # a plain review
    state.request_align()


def _forget_paste_name(side: str) -> None:
    """Text-area callback: once edited, pasted text is no longer the demo file."""
    st.session_state.pop(f"{side}_paste_name", None)


def _describe(doc: Document) -> str:
    return (
        f"✓ {doc.name}: {len(doc.segments)} paragraphs, {len(doc.sentences)} sentences, "
        f"language {doc.language}, {doc.encoding}"
    )


def _document_input(side: str, *, builtin: bool) -> Document | None:
    """One text: a source choice, then an uploader, a text area or the built-in essay."""
    label = "original" if side == "original" else "translation"
    options = [BUILTIN, UPLOAD, PASTE] if builtin else [UPLOAD, PASTE]
    source = st.radio(
        f"Where the {label} comes from",
        options,
        key=f"{side}_source",
        horizontal=True,
        help=f"Upload a file, paste the {label} as text"
        + (", or use the built-in essay back-translation." if builtin else "."),
    )
    try:
        if source == BUILTIN:
            doc = loaders.read_document(
                loaders.read_builtin(ESSAY_FILE).encode("utf-8"), ESSAY_FILE
            )
        elif source == UPLOAD:
            uploaded = st.file_uploader(
                f"{label.capitalize()} file", key=f"{side}_file", help=FILE_HELP
            )
            if uploaded is None:
                return None
            doc = read_upload(uploaded.getvalue(), uploaded.name)
        else:
            text = st.text_area(
                f"{label.capitalize()} text",
                key=f"{side}_text",
                height=180,
                placeholder=f"Paste the {label} here; separate paragraphs with a blank line.",
                help="Pasted text is read like a .txt file. Press Ctrl+Enter or click "
                "elsewhere to apply.",
                on_change=_forget_paste_name,
                args=(side,),
            )
            if not text.strip():
                return None
            name = st.session_state.get(f"{side}_paste_name") or f"pasted-{label}.txt"
            doc = loaders.read_pasted(text, name=name)
    except Exception as exc:  # shown next to the input, never as a traceback
        show_error(exc, side)
        return None
    st.caption(escape_markdown(_describe(doc)))
    return doc


def _pivot_input() -> Document | None:
    uploaded = st.file_uploader(
        "Pivot translation (optional)",
        key="pivot_file",
        help="A third text that helps the alignment, e.g. the French translation when "
        "comparing an English original with its English back-translation.",
    )
    if uploaded is None:
        return None
    try:
        doc = read_upload(uploaded.getvalue(), uploaded.name)
    except Exception as exc:
        show_error(exc, "pivot")
        return None
    st.caption(escape_markdown(_describe(doc)))
    return doc


def _project_input() -> tuple[str, Path | None]:
    from workbench.ui.actions import project_file

    project = st.text_input(
        "Project name",
        key="project",
        help="Names the review file in the alignments folder. Annotations are saved there "
        "as you work, so you can close the browser and resume later.",
    )
    try:
        path = project_file(project)
    except Exception as exc:
        show_error(exc, "project")
        return project, None
    st.caption(f"Saved as **{escape_markdown(path.name)}** in {escape_markdown(str(path.parent))}")
    return project, path


#: Initial widget values (set once per session; widgets then own them).
DEFAULTS = {
    "original_source": UPLOAD,
    "translation_source": BUILTIN,
    "project": "review",
    "reviewer": "",
}


def render() -> Inputs:
    """Draw the sidebar and return the inputs it holds."""
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value)
    st.title("Workbench")
    st.caption("Align an original with its translation, see what differs, review and export.")
    st.button(
        "Load demo set",
        key="load_demo",
        on_click=_load_demo,
        help="Fill in a short English original and its back-translation from French, "
        "and align them right away.",
        width="stretch",
    )
    st.button(
        "Load back-translation demo (3 texts)",
        key="load_demo_reconcile",
        on_click=reconcile.load_demo,
        help="The demo original, its back-translation and the French forward translation: "
        "a three-column back-translation review with a discrepancy log.",
        width="stretch",
    )
    demo_error = st.session_state.get("demo_error")
    if demo_error is not None:
        show_error(demo_error, "original")

    st.subheader("1 · Original")
    original = _document_input("original", builtin=False)
    st.subheader("2 · Translation")
    translation = _document_input("translation", builtin=True)

    st.subheader("3 · Options")
    level = st.selectbox(
        "Alignment level",
        list(LEVELS),
        format_func=LEVELS.__getitem__,
        key="level",
        help="Paragraphs: one row per paragraph pair. Sentences: paragraphs are aligned "
        "first, then sentences are paired inside each paragraph pair.",
    )
    mode = st.selectbox(
        "Comparison mode",
        list(MODES),
        format_func=MODES.__getitem__,
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
    pivot = _pivot_input()
    forward = reconcile.forward_input()
    reviewer = st.text_input(
        "Reviewer",
        key="reviewer",
        help="Your name or initials, saved with every annotation you make.",
    )
    project, path = _project_input()
    inputs = Inputs(
        original=original,
        translation=translation,
        pivot=pivot,
        level=level,
        mode=mode,
        suppress_minor=suppress_minor,
        reviewer=reviewer.strip(),
        project=project,
        project_file=path,
        forward=forward,
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
