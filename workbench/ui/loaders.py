"""Cached calls into the core: reading documents, aligning, analysing.

Results are keyed by content hashes and options, so a rerun (every click in Streamlit)
costs a cache look-up. Documents, alignments and analyses are frozen, so they are
cached as resources (shared, not copied). Arguments whose names start with ``_`` are
not hashed by Streamlit; the hash arguments next to them stand for them.
"""

from __future__ import annotations

import streamlit as st

from workbench import config
from workbench.errors import InputError
from workbench.model import Alignment, Document, Level, Mode, PairDivergence
from workbench.review.attribution import PairAttribution, attribute_pair
from workbench.review.record import PairRecord, ReviewMeta
from workbench.session import DIRECT, Engine
from workbench.store.protocol import ReviewStore
from workbench.store.select import is_postgres, open_store
from workbench.text import bilingual, load_document
from workbench.text.bilingual import PreAligned
from workbench.ui import state


@st.cache_resource(show_spinner=False, max_entries=64)
def read_document(data: bytes, name: str) -> Document:
    """The Document in uploaded or pasted bytes (raises the reader's typed errors)."""
    return load_document(data, name=name)


@st.cache_resource(show_spinner=False, max_entries=16)
def read_bilingual(data: bytes, name: str) -> PreAligned:
    """The two Documents of an uploaded bilingual file (raises the reader's typed errors)."""
    return bilingual.read_bilingual(data, name=name).documents()


def read_pasted(text: str, *, name: str) -> Document:
    """The Document of text pasted into a text area (normalised like a .txt upload)."""
    return read_document(text.encode("utf-8"), name)


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


@st.cache_resource(show_spinner=False, max_entries=8)
def _aligned(
    original_sha256: str,
    translation_sha256: str,
    pivot_sha256: str,
    level: str,
    mode: str,
    _original: Document,
    _translation: Document,
    _pivot: Document | None,
) -> Alignment:
    return DIRECT.align(_original, _translation, level=Level(level), mode=Mode(mode), pivot=_pivot)


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


@st.cache_resource(show_spinner=False, max_entries=8)
def _analysed(
    key: str, suppress_minor: bool, _alignment: Alignment, _pivot: Document | None
) -> dict[str, PairDivergence]:
    return DIRECT.analyse(_alignment, pivot=_pivot, suppress_minor=suppress_minor)


class CachedEngine(Engine):
    """The session engine with every result cached by content hash."""

    def align(
        self,
        original: Document,
        translation: Document,
        *,
        level: Level,
        mode: Mode,
        pivot: Document | None,
    ) -> Alignment:
        """The cached alignment of two documents with these options."""
        pivot_sha = pivot.sha256 if pivot is not None else ""
        return _aligned(
            original.sha256,
            translation.sha256,
            pivot_sha,
            str(level),
            str(mode),
            original,
            translation,
            pivot,
        )

    def analyse(
        self, alignment: Alignment, *, pivot: Document | None, suppress_minor: bool
    ) -> dict[str, PairDivergence]:
        """The cached analysis of every pair, by pair id (a copy: callers may change it)."""
        key = _alignment_key(alignment) + "|pivot:" + (pivot.sha256 if pivot is not None else "")
        return dict(_analysed(key, suppress_minor, alignment, pivot))


ENGINE = CachedEngine()

#: Bead positions by pair id of the last few alignments shown (each held, so its id
#: cannot be reused while it is here).
_BEAD_INDEXES: dict[int, tuple[Alignment, dict[str, int]]] = {}
_BEAD_INDEXES_KEPT = 16


def bead_index(alignment: Alignment) -> dict[str, int]:
    """Where each pair's bead stands in ``alignment`` (computed once per alignment)."""
    hit = _BEAD_INDEXES.get(id(alignment))
    if hit is not None and hit[0] is alignment:
        return hit[1]
    index = {alignment.pair_id(b): k for k, b in enumerate(alignment.beads)}
    while len(_BEAD_INDEXES) >= _BEAD_INDEXES_KEPT:
        del _BEAD_INDEXES[next(iter(_BEAD_INDEXES))]
    _BEAD_INDEXES[id(alignment)] = (alignment, index)
    return index


@st.cache_resource(show_spinner=False, max_entries=512)
def _attributed(
    key: tuple[str, ...], _record: PairRecord, _meta: ReviewMeta
) -> PairAttribution | None:
    return attribute_pair(_record, _meta)


def attribution(record: PairRecord, meta: ReviewMeta) -> PairAttribution | None:
    """Who introduced each discrepancy of a back-translation pair (cached by its texts)."""
    forward = meta.forward.language if meta.forward is not None else ""
    key = (
        record.original_text,
        record.translation_text,
        record.forward.text if record.forward is not None else "",
        str(meta.kind),
        meta.original_language,
        forward,
    )
    return _attributed(key, record, meta)


@st.cache_resource(show_spinner=False)
def _team_store(spec: str) -> ReviewStore:
    return open_store(spec)


def team_store() -> ReviewStore | None:
    """The shared review database when ``WORKBENCH_STORE`` names one (one connection
    pool per server process), else None: reviews are files in the alignments folder."""
    spec = config.value("store")
    return _team_store(spec) if is_postgres(spec) else None
