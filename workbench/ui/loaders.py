"""Cached calls into the core: reading documents, aligning, analysing.

Results are keyed by content hashes and options, so a rerun (every click in Streamlit)
costs a cache look-up. Arguments whose names start with ``_`` are not hashed by
Streamlit; the hash arguments next to them stand for them.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from workbench.errors import InputError
from workbench.model import Alignment, Document, PairDivergence
from workbench.ui import state


@st.cache_data(show_spinner=False, max_entries=64)
def read_document(data: bytes, name: str) -> Document:
    """The Document in uploaded or pasted bytes (raises the ingest module's typed errors)."""
    from workbench.ingest import load_document

    return load_document(data, name=name)


def read_pasted(text: str, *, name: str) -> Document:
    """The Document of text pasted into a text area (normalised like a .txt upload)."""
    return read_document(text.encode("utf-8"), name)


@st.cache_data(show_spinner=False, max_entries=8)
def align_documents(
    original_sha256: str,
    translation_sha256: str,
    pivot_sha256: str,
    level: str,
    mode: str,
    _original: Document,
    _translation: Document,
    _pivot: Document | None,
) -> Alignment:
    """Align two documents (paragraphs, then sentences inside pairs for level "sentence")."""
    from workbench.align import align, refine_to_sentences

    alignment = align(_original, _translation, level="paragraph", mode=mode, pivot=_pivot)
    if level == "sentence":
        alignment = refine_to_sentences(alignment, pivot=_pivot)
    return alignment


def _alignment_key(alignment: Alignment) -> str:
    """A text that identifies an alignment: both hashes, settings and every bead."""
    return "|".join(
        (
            alignment.original_sha256,
            alignment.translation_sha256,
            repr(sorted(alignment.settings.as_dict().items())),
            alignment.notation(),
            ",".join(b.kind for b in alignment.beads),
        )
    )


@st.cache_data(show_spinner=False, max_entries=8)
def _analyse_cached(
    key: str, suppress_minor: bool, _alignment: Alignment, _pivot: Document | None
) -> list[PairDivergence]:
    from workbench.diff import analyse

    return analyse(_alignment, pivot=_pivot, suppress_minor=suppress_minor)


def analyse_all(
    alignment: Alignment, *, pivot: Document | None = None, suppress_minor: bool = False
) -> dict[str, PairDivergence]:
    """The analysis of every pair of ``alignment``, by pair id."""
    key = _alignment_key(alignment) + "|pivot:" + (pivot.sha256 if pivot is not None else "")
    divergences = _analyse_cached(key, suppress_minor, alignment, pivot)
    return {d.pair_id: d for d in divergences}


def analyse_some(
    alignment: Alignment,
    pair_ids: set[str],
    *,
    pivot: Document | None = None,
    suppress_minor: bool = False,
) -> dict[str, PairDivergence]:
    """The analysis of only the beads of ``alignment`` whose pair id is in ``pair_ids``.

    The touched beads are analysed as a small alignment of their own, with the whole
    document's typical length ratio, so they are judged as in a full analysis.
    """
    from workbench.diff import analyse, typical_ratio

    beads = tuple(b for b in alignment.beads if alignment.pair_id(b) in pair_ids)
    if not beads:
        return {}
    # The pivot counts for the ratio unless the alignment was made as same-language.
    ratio_pivot = pivot if alignment.settings.mode_used != "monolingual" else None
    ratio = typical_ratio(alignment, pivot=ratio_pivot)
    part = replace(alignment, beads=beads)
    found = analyse(part, pivot=pivot, suppress_minor=suppress_minor, ratio=ratio)
    return {d.pair_id: d for d in found}


def read_builtin(relative: str) -> str:
    """A built-in text (the essay, the demo set) from the texts folder, as text."""
    path = state.texts_dir() / relative
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(
            f"The built-in text {relative} was not found in {state.texts_dir()} "
            f"({exc.strerror or exc}). Upload or paste a text instead."
        ) from exc
