"""The one document input of the app: a source choice, then an uploader, a text area or a
built-in text. The sidebar, the back-translation review and the comparison all use it.

Widget keys derive from ``key``: ``<key>_source`` (the choice), ``<key>_file`` (the
uploader), ``<key>_text`` (the text area) and ``<key>_paste_name`` (the file name a demo
gave the pasted text). Errors are shown next to the input, through ``ui.messages``.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from workbench.model import Document
from workbench.text.bilingual import bilingual_format
from workbench.ui import loaders, state
from workbench.ui.messages import escape_markdown, reported

UPLOAD, PASTE, BUILTIN, NONE = "Upload a file", "Paste text", "Built-in essay", "None"
#: The built-in translation: the essay's back-translation in texts/.
ESSAY_FILE = "reflections-en-backtranslation.txt"
FILE_HELP = (
    "Plain text (.txt), Markdown (.md), Word (.docx), HTML (.html) or PDF (.pdf, with a "
    "text layer: scans need OCR first). Any encoding; up to 20 MB. Paragraphs are "
    "separated by blank lines (in a PDF, rebuilt from the layout)."
)


#: Up to this many paragraphs, the line under an input also counts the sentences.
#: Sentences are split only when needed; counting them in a long document would split
#: them all on upload (seconds) for a paragraph-level review that never uses them.
COUNT_SENTENCES_UP_TO = 1000


def describe(doc: Document) -> str:
    """One line about a loaded document, shown under its input."""
    sentences = (
        f", {len(doc.sentences)} sentences" if len(doc.segments) <= COUNT_SENTENCES_UP_TO else ""
    )
    return (
        f"✓ {doc.name}: {len(doc.segments)} paragraphs{sentences}, "
        f"language {doc.language}, {doc.encoding}"
    )


def preset_paste(key: str, text: str, *, name: str) -> dict[str, str]:
    """Widget values that make input ``key`` hold ``text`` pasted as file ``name`` (demos)."""
    return {f"{key}_source": PASTE, f"{key}_text": text, f"{key}_paste_name": name}


def _forget_paste_name(key: str) -> None:
    """Text-area callback: once edited, pasted text is no longer the demo file."""
    state.forget_widgets([f"{key}_paste_name"])


#: What the original's uploader adds: a bilingual file holds the translation too.
BILINGUAL_HELP = (
    " Or a bilingual file from a CAT tool — XLIFF 1.2/2.0 (.xlf, .xliff) or TMX (.tmx): "
    "its units are reviewed as they are paired, and the translation is taken from it."
)


def _uploaded(key: str, label: str, help_text: str) -> Document | None:
    uploaded = st.file_uploader(label, key=f"{key}_file", help=help_text)
    if uploaded is None:
        return None
    data = uploaded.getvalue()
    if bilingual_format(data) is not None:
        return loaders.read_bilingual(data, uploaded.name).original
    return loaders.read_document(data, uploaded.name)


def bilingual_upload(key: str) -> tuple[bytes, str] | None:
    """The bytes and name of the file uploaded for input ``key`` when it is bilingual."""
    uploaded = state.widget_value(f"{key}_file")
    if uploaded is None or state.widget_value(f"{key}_source") != UPLOAD:
        return None
    data = uploaded.getvalue()
    return (data, uploaded.name) if bilingual_format(data) is not None else None


def _pasted(key: str, label: str, *, default_name: str, placeholder: str, height: int):
    text = st.text_area(
        label,
        key=f"{key}_text",
        height=height,
        placeholder=placeholder,
        help="Pasted text is read like a .txt file. Press Ctrl+Enter or click elsewhere to apply.",
        on_change=_forget_paste_name,
        args=(key,),
    )
    if not text.strip():
        return None
    name = state.widget_value(f"{key}_paste_name") or default_name
    return loaders.read_pasted(text, name=name)


def document_input(
    key: str,
    what: str,
    *,
    sources: Sequence[str] = (UPLOAD, PASTE),
    help_text: str,
    where: str,
    height: int = 180,
    bilingual: bool = False,
) -> Document | None:
    """One text: a source choice, then its widget; the Document, or None if not (yet) given.

    ``what`` names the text in labels ("original", "forward translation"); ``where`` is
    the place errors name (a key of ``ui.messages.PLACES``); ``bilingual``: the uploader
    says it takes a bilingual file too (any upload that is one is read as one).
    """
    state.set_widget_defaults({f"{key}_source": sources[0]})
    source = st.radio(
        f"Where the {what} comes from",
        list(sources),
        key=f"{key}_source",
        horizontal=True,
        help=help_text,
    )
    doc = None
    with reported(where):
        if source == UPLOAD:
            help_file = FILE_HELP + (BILINGUAL_HELP if bilingual else "")
            doc = _uploaded(key, f"{what.capitalize()} file", help_file)
        elif source == PASTE:
            doc = _pasted(
                key,
                f"{what.capitalize()} text",
                default_name=f"pasted-{what.split()[0]}.txt",
                placeholder=f"Paste the {what} here; separate paragraphs with a blank line.",
                height=height,
            )
        elif source == BUILTIN:
            doc = loaders.read_pasted(loaders.read_builtin(ESSAY_FILE), name=ESSAY_FILE)
    if doc is not None:
        st.caption(escape_markdown(describe(doc)))
    return doc


def documents_input(key: str, *, minimum: int, maximum: int, where: str) -> list[Document]:
    """Several texts at once: uploaded together, or pasted one per text area."""
    state.set_widget_defaults({f"{key}_source": UPLOAD, f"{key}_count": minimum})
    source = st.radio(
        "Where the versions come from",
        [UPLOAD, PASTE],
        key=f"{key}_source",
        horizontal=True,
        help=f"Upload {minimum}–{maximum} translations of the original at once, or paste each.",
    )
    docs: list[Document] = []
    if source == UPLOAD:
        files = st.file_uploader(
            f"Versions ({minimum} to {maximum} files)",
            key=f"{key}_files",
            accept_multiple_files=True,
            help="Translations or back-translations of the original, in any language.",
        )
        for uploaded in files or []:
            with reported(where):
                docs.append(loaders.read_document(uploaded.getvalue(), uploaded.name))
        return docs
    count = st.number_input(
        "Number of versions",
        min_value=minimum,
        max_value=maximum,
        step=1,
        key=f"{key}_count",
        help=f"How many versions to paste ({minimum}–{maximum}).",
    )
    columns = st.columns(min(int(count), 3))
    for k in range(int(count)):
        with columns[k % len(columns)], reported(where):
            doc = _pasted(
                f"{key}_{k}",
                f"Version {k + 1}",
                default_name=f"version-{k + 1}.txt",
                placeholder="Paste a version of the original.",
                height=120,
            )
            if doc is not None:
                docs.append(doc)
    return docs
