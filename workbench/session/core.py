"""Review sessions: start, resume, correct and annotate a review — the steps the app and the
command line share, so both obey the same rules.

A :class:`ReviewSession` is what a reviewer works on: the alignment, its review record
and analysis, and the file it is saved to. Every function here returns a new session
(sessions are immutable) and writes through the store, which enforces the same-texts
rule: a file is never replaced by a review of other texts (:func:`workbench.store.conflict`).

Aligning and analysing go through an :class:`Engine`; the app passes one that caches
results by content hash, the command line the plain one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from workbench import store
from workbench.align import align, edit, refine_to_sentences
from workbench.diff import analyse, analyse_subset
from workbench.diff.modes import analysis_mode, pivot_note
from workbench.errors import AnnotationError, ReviewConflictError
from workbench.features.reconcile import build_reconciliation_review, reconcile
from workbench.model import (
    ANALYSIS_MODE,
    Alignment,
    Annotation,
    Document,
    Level,
    Mode,
    PairDivergence,
)
from workbench.review.back_translation import carry_forward
from workbench.review.build import build_review
from workbench.review.carry import Carried, carry_annotations
from workbench.review.cat import attach_cat, cat_table
from workbench.review.rebuild import review_to_alignment
from workbench.review.record import Review, ReviewKind
from workbench.store.csv_store import CsvStore
from workbench.store.history import HistoryEntry, structure_version, version_of
from workbench.store.protocol import ReviewStore

logger = logging.getLogger(__name__)

Progress = Callable[[str], None]


def _quiet(_message: str) -> None:
    """A progress callback that says nothing."""


class Engine:
    """How a session aligns and analyses (override to cache; the defaults compute)."""

    def align(
        self,
        original: Document,
        translation: Document,
        *,
        level: Level,
        mode: Mode,
        pivot: Document | None,
    ) -> Alignment:
        """Paragraph alignment, refined to sentences inside pairs for level "sentence"."""
        alignment = align(original, translation, level=Level.PARAGRAPH, mode=mode, pivot=pivot)
        if level == Level.SENTENCE:
            alignment = refine_to_sentences(alignment, pivot=pivot)
        return alignment

    def analyse(
        self, alignment: Alignment, *, pivot: Document | None, suppress_minor: bool
    ) -> dict[str, PairDivergence]:
        """Every pair's analysis, by pair id."""
        found = analyse(alignment, pivot=pivot, suppress_minor=suppress_minor)
        return {d.pair_id: d for d in found}


DIRECT = Engine()


@dataclass(frozen=True)
class ReviewSession:
    """What a reviewer works on: alignment, review record, analysis, and the file."""

    alignment: Alignment
    review: Review
    divergences: Mapping[str, PairDivergence]
    path: Path
    pivot: Document | None = None
    suppress_minor: bool = False
    #: Annotations carried over from a file that already held a review of these texts.
    kept: int = 0
    #: What looked wrong but did not stop the review (shown to the user).
    warnings: tuple[str, ...] = ()
    #: The pairs the last correction made (or undo restored), in document order.
    changed: tuple[str, ...] = ()
    #: What carrying annotations through that correction had to choose.
    notes: tuple[str, ...] = ()
    #: Where a review of other texts was kept when this one replaced it on purpose.
    backup: Path | None = None
    #: The store the review is saved in: None for its alignment file (``path``) in the
    #: CSV store; another store (PostgreSQL) keeps it under the project's name.
    store: ReviewStore | None = None

    @property
    def project(self) -> str:
        """The project name recorded in the review."""
        return self.review.meta.project

    @property
    def kind(self) -> ReviewKind:
        """What is reviewed: a translation, or a back-translation."""
        return self.review.meta.kind


def _ordered(alignment: Alignment, divergences: Mapping[str, PairDivergence]) -> list:
    """Divergences in bead order (the order build_review and the exports expect)."""
    ids = (alignment.pair_id(b) for b in alignment.beads)
    return [divergences[pid] for pid in ids if pid in divergences]


def _kept(
    path: Path,
    original: Document,
    translation: Document,
    level: Level,
    *,
    replace: bool,
    stored_in: ReviewStore | None = None,
) -> tuple[dict[str, Annotation], Path | None]:
    """Annotations to carry over from ``path``, and where a replaced review was kept.

    A file holding a review of other texts is refused (ReviewConflictError) before any
    work is done — unless ``replace``, when it is kept aside as a timestamped backup.
    In another store (``stored_in``, under the name ``path``) it is always refused.
    """
    texts = store.Texts(original.sha256, translation.sha256, str(level))
    if stored_in is not None:
        return _kept_stored(stored_in, str(path), texts), None
    try:
        return store.kept_annotations(path, texts), None
    except ReviewConflictError:
        if not replace:
            raise
    return {}, store.keep_as_backup(path)


def _kept_stored(target: ReviewStore, name: str, texts: store.Texts) -> dict[str, Annotation]:
    if not target.exists(name):
        return {}
    existing = target.open_review(name)
    reason = store.conflict(existing.meta, texts, path=Path(name))
    if reason:
        raise ReviewConflictError(reason)
    return {pid: a for pid, a in existing.annotations().items() if a != Annotation()}


def _save_new(review: Review, path: Path, stored_in: ReviewStore | None) -> Path:
    """Store a new review (merged over a stored one of the same texts); where it is."""
    target = stored_in if stored_in is not None else CsvStore()
    saved = target.create_review(review, who=CORRECTOR, name=str(path) if stored_in else path)
    return Path(saved)


def start_review(
    original: Document,
    translation: Document,
    *,
    path: Path,
    project: str | None = None,
    level: Level = Level.PARAGRAPH,
    mode: Mode = Mode.AUTO,
    pivot: Document | None = None,
    suppress_minor: bool = False,
    replace: bool = False,
    engine: Engine = DIRECT,
    progress: Progress = _quiet,
    stored_in: ReviewStore | None = None,
) -> ReviewSession:
    """Align, analyse and save a new review of ``translation`` in ``path`` (or, with
    ``stored_in``, under the name ``path`` in that store).

    ``project`` names the review (default: the file's stem).
    If ``path`` already holds a review of the same texts and level, its annotations are
    carried over to pairs that still exist; a file holding another review is refused
    (ReviewConflictError) before anything is aligned, or with ``replace`` kept aside
    as ``<file>.replaced-<time>`` (``ReviewSession.backup``).
    """
    level = Level(level)
    kept, backup = _kept(path, original, translation, level, replace=replace, stored_in=stored_in)
    progress("Aligning paragraphs" + (" and sentences" if level == Level.SENTENCE else "") + "…")
    alignment = engine.align(original, translation, level=level, mode=Mode(mode), pivot=pivot)
    progress(f"Analysing {len(alignment)} pairs…")
    divergences = engine.analyse(alignment, pivot=pivot, suppress_minor=suppress_minor)
    note = pivot_note(alignment, pivot)
    compared = analysis_mode(alignment, pivot)
    review = build_review(
        alignment,
        _ordered(alignment, divergences),
        project=project or path.stem,
        annotations=kept,
        analysis_mode=compared if compared != alignment.settings.mode_used else "",
    )
    progress("Saving the review file…")
    saved = _save_new(review, path, stored_in)
    return ReviewSession(
        alignment=alignment,
        review=review,
        divergences=divergences,
        path=saved,
        pivot=pivot,
        suppress_minor=suppress_minor,
        kept=sum(1 for p in review.pairs if p.pair_id in kept),
        warnings=(note,) if note else (),
        backup=backup,
        store=stored_in,
    )


def start_back_translation_review(
    original: Document,
    back_translation: Document,
    *,
    path: Path,
    project: str | None = None,
    forward: Document | None = None,
    level: Level = Level.PARAGRAPH,
    suppress_minor: bool = False,
    replace: bool = False,
    progress: Progress = _quiet,
    stored_in: ReviewStore | None = None,
) -> ReviewSession:
    """Align, analyse and save a back-translation review (forward passages beside pairs).

    The same-texts rule is the same as :func:`start_review`'s: annotations of a file made
    from the same original, back-translation and level are kept, another file is refused.
    """
    level = Level(level)
    kept, backup = _kept(
        path, original, back_translation, level, replace=replace, stored_in=stored_in
    )
    progress("Aligning the back-translation with the original…")
    if forward is not None:
        progress(f"Placing the forward translation ({forward.name}) beside each pair…")
    result = reconcile(
        original, back_translation, forward=forward, level=level, suppress_minor=suppress_minor
    )
    review = build_reconciliation_review(result, project=project or path.stem, annotations=kept)
    progress("Saving the review file…")
    saved = _save_new(review, path, stored_in)
    return ReviewSession(
        alignment=result.alignment,
        review=review,
        divergences={d.pair_id: d for d in result.divergences},
        path=saved,
        suppress_minor=suppress_minor,
        kept=sum(1 for p in review.pairs if p.pair_id in kept),
        warnings=result.warnings,
        backup=backup,
        store=stored_in,
    )


def open_review(
    path: Path,
    *,
    pivot: Document | None = None,
    suppress_minor: bool = False,
    engine: Engine = DIRECT,
    stored_in: ReviewStore | None = None,
) -> ReviewSession:
    """Restore a saved review exactly: the file's pairs and annotations, fresh highlights.

    ``pivot`` is used for the highlights only if it is the pivot the review was made with
    (same sha256); the file records the pivot's hash, not its text. ``stored_in``: a store
    other than the CSV files (PostgreSQL), holding the review under the name ``path``.
    """
    review = store.load_review(path) if stored_in is None else stored_in.open_review(str(path))
    alignment = review_to_alignment(review)
    recorded = alignment.settings.pivot_sha256
    use_pivot = pivot if pivot is not None and recorded and pivot.sha256 == recorded else None
    divergences = engine.analyse(alignment, pivot=use_pivot, suppress_minor=suppress_minor)
    return ReviewSession(
        alignment=alignment,
        review=review,
        divergences=divergences,
        path=Path(path),
        pivot=use_pivot,
        suppress_minor=suppress_minor,
        store=stored_in,
    )


def _target(session: ReviewSession) -> tuple[ReviewStore, str | Path]:
    """The session's store and the review's key in it (its file, or its name)."""
    if session.store is None:
        return CsvStore(), session.path
    return session.store, str(session.path)


def stored_review(session: ReviewSession) -> Review:
    """The review as stored now (with what other reviewers saved since it was opened)."""
    target, key = _target(session)
    return target.open_review(key)


def save_annotation(session: ReviewSession, pair_id: str, annotation: Annotation) -> Review:
    """Write one pair's annotation to the session's file at once; the updated review.

    An annotation must name its reviewer: a review trail with blank names is worthless
    to whoever has to answer for it (AnnotationError otherwise). The pair must still hold
    the annotation the session shows: if another reviewer saved it meanwhile, nothing is
    saved and EditConflictError carries both values.
    """
    return save_annotations(session, {pair_id: annotation})


def save_annotations(session: ReviewSession, annotations: Mapping[str, Annotation]) -> Review:
    """Write several pairs' annotations in one write (a bulk verdict or its undo); the
    updated review. Every annotation must name its reviewer, and every pair must still
    hold the annotation the session shows, as in :func:`save_annotation` (all or nothing).
    The change is appended to the review's history.
    """
    if any(not a.reviewer.strip() for a in annotations.values()):
        raise AnnotationError(
            "Enter your name as Reviewer before annotating: every annotation records who "
            "made it. Nothing was saved."
        )
    bases = {
        pid: version_of(session.review.by_id(pid).annotation)
        for pid in annotations
        if pid in session.review
    }
    target, key = _target(session)
    return target.save_annotations(key, annotations, bases=bases)


def review_history(session: ReviewSession) -> list[HistoryEntry]:
    """Every change of the session's review, oldest first (``docs/history.md``)."""
    target, key = _target(session)
    return target.history(key)


def pair_history(session: ReviewSession, pair_id: str) -> list[HistoryEntry]:
    """Who changed ``pair_id`` (its annotation, or the alignment around it), oldest first."""
    target, key = _target(session)
    return target.history(key, pair_id=pair_id)


#: Who the history names for a correction made without a reviewer's name.
CORRECTOR = "workbench"

#: The corrections a reviewer can make, by name (see :mod:`workbench.align.edit`).
CORRECTIONS: Mapping[str, Callable[..., Alignment]] = {
    "merge": edit.merge_with_next,
    "split": edit.split,
    "unlink": edit.unlink,
    "link": edit.link,
}


def apply_correction(
    session: ReviewSession, operation: str, *args: int, who: str = ""
) -> ReviewSession:
    """Apply a correction (merge, split, unlink or link), re-analyse touched pairs, save;
    ``who`` made it (for the history; default ``CORRECTOR``)."""
    before = session.alignment
    after = CORRECTIONS[operation](before, *args)
    touched = edit.touched_pair_ids(before, after)
    live = {after.pair_id(b) for b in after.beads}
    divergences = {
        pid: div for pid, div in session.divergences.items() if pid not in touched and pid in live
    }
    fresh = analyse_subset(
        after, touched, pivot=session.pivot, suppress_minor=session.suppress_minor
    )
    divergences.update({d.pair_id: d for d in fresh})
    carried = carry_annotations(after, session.review)
    return _saved(session, after, divergences, carried, touched, who=who)


def undo(current: ReviewSession, previous: ReviewSession, *, who: str = "") -> ReviewSession:
    """Go back to ``previous``'s alignment, keeping the latest annotation of every pair."""
    carried = carry_annotations(
        previous.alignment, current.review, base=previous.review.annotations()
    )
    touched = edit.touched_pair_ids(current.alignment, previous.alignment)
    return _saved(current, previous.alignment, previous.divergences, carried, touched, who=who)


def _saved(
    session: ReviewSession,
    alignment: Alignment,
    divergences: Mapping[str, PairDivergence],
    carried: Carried,
    touched: set[str],
    *,
    who: str,
) -> ReviewSession:
    review = build_review(
        alignment,
        _ordered(alignment, divergences),
        project=session.project,
        annotations=carried.annotations,
        created_at=session.review.meta.created_at,
        kind=session.kind,
        analysis_mode=dict(session.review.meta.settings).get(ANALYSIS_MODE, ""),
    )
    if session.kind == ReviewKind.BACK_TRANSLATION:
        # the forward passages follow the back-translation units through corrections
        review = carry_forward(review, source=session.review)
    # the CAT units of a bilingual file follow their review units through corrections
    review = attach_cat(review, cat_table(session.review))
    target, key = _target(session)
    base = structure_version(session.review)  # the alignment this correction started from
    target.save_structure(key, review, who=who or CORRECTOR, base=base)
    return ReviewSession(
        alignment=alignment,
        review=review,
        divergences=dict(divergences),
        path=session.path,
        pivot=session.pivot,
        suppress_minor=session.suppress_minor,
        store=session.store,
        changed=tuple(p.pair_id for p in review.pairs if p.pair_id in touched),
        notes=carried.notes,
    )


def hash_mismatches(
    session: ReviewSession, *, original: Document | None, translation: Document | None
) -> list[str]:
    """Which loaded documents differ from the texts the open review was made from."""
    meta = session.review.meta
    problems = []
    if original is not None and original.sha256 != meta.original_sha256:
        problems.append(f"the original now loaded ({original.name}) is not “{meta.original_name}”")
    if translation is not None and translation.sha256 != meta.translation_sha256:
        problems.append(
            f"the translation now loaded ({translation.name}) is not “{meta.translation_name}”"
        )
    return problems
