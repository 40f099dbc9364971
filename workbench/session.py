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
from workbench.align.prealigned import prealigned
from workbench.diff import analyse, analyse_subset
from workbench.errors import AnnotationError, ReviewConflictError, SheetImportError
from workbench.export.sheet_merge import SheetMerge, merge_sheet
from workbench.export.sheet_read import read_sheet
from workbench.features.reconcile import build_reconciliation_review, reconcile
from workbench.model import Alignment, Annotation, Document, Level, Mode, PairDivergence
from workbench.review.back_translation import carry_forward
from workbench.review.build import build_review
from workbench.review.carry import Carried, carry_annotations
from workbench.review.cat import attach_cat, cat_table, from_bilingual
from workbench.review.rebuild import review_to_alignment
from workbench.review.record import Review, ReviewKind, utc_now
from workbench.text.bilingual import read_bilingual

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
    path: Path, original: Document, translation: Document, level: Level, *, replace: bool
) -> tuple[dict[str, Annotation], Path | None]:
    """Annotations to carry over from ``path``, and where a replaced review was kept.

    A file holding a review of other texts is refused (ReviewConflictError) before any
    work is done — unless ``replace``, when it is kept aside as a timestamped backup.
    """
    texts = store.Texts(original.sha256, translation.sha256, str(level))
    try:
        return store.kept_annotations(path, texts), None
    except ReviewConflictError:
        if not replace:
            raise
    return {}, store.keep_as_backup(path)


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
) -> ReviewSession:
    """Align, analyse and save a new review of ``translation`` in ``path``.

    ``project`` names the review (default: the file's stem).
    If ``path`` already holds a review of the same texts and level, its annotations are
    carried over to pairs that still exist; a file holding another review is refused
    (ReviewConflictError) before anything is aligned, or with ``replace`` kept aside
    as ``<file>.replaced-<time>`` (``ReviewSession.backup``).
    """
    level = Level(level)
    kept, backup = _kept(path, original, translation, level, replace=replace)
    progress("Aligning paragraphs" + (" and sentences" if level == Level.SENTENCE else "") + "…")
    alignment = engine.align(original, translation, level=level, mode=Mode(mode), pivot=pivot)
    progress(f"Analysing {len(alignment)} pairs…")
    divergences = engine.analyse(alignment, pivot=pivot, suppress_minor=suppress_minor)
    review = build_review(
        alignment,
        _ordered(alignment, divergences),
        project=project or path.stem,
        annotations=kept,
    )
    progress("Saving the review file…")
    saved = store.save_review(review, path=path)
    return ReviewSession(
        alignment=alignment,
        review=review,
        divergences=divergences,
        path=saved,
        pivot=pivot,
        suppress_minor=suppress_minor,
        kept=sum(1 for p in review.pairs if p.pair_id in kept),
        backup=backup,
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
) -> ReviewSession:
    """Align, analyse and save a back-translation review (forward passages beside pairs).

    The same-texts rule is the same as :func:`start_review`'s: annotations of a file made
    from the same original, back-translation and level are kept, another file is refused.
    """
    level = Level(level)
    kept, backup = _kept(path, original, back_translation, level, replace=replace)
    progress("Aligning the back-translation with the original…")
    if forward is not None:
        progress(f"Placing the forward translation ({forward.name}) beside each pair…")
    result = reconcile(
        original, back_translation, forward=forward, level=level, suppress_minor=suppress_minor
    )
    review = build_reconciliation_review(result, project=project or path.stem, annotations=kept)
    progress("Saving the review file…")
    saved = store.save_review(review, path=path)
    return ReviewSession(
        alignment=result.alignment,
        review=review,
        divergences={d.pair_id: d for d in result.divergences},
        path=saved,
        suppress_minor=suppress_minor,
        kept=sum(1 for p in review.pairs if p.pair_id in kept),
        warnings=result.warnings,
        backup=backup,
    )


def open_review(
    path: Path,
    *,
    pivot: Document | None = None,
    suppress_minor: bool = False,
    engine: Engine = DIRECT,
) -> ReviewSession:
    """Restore a saved review exactly: the file's pairs and annotations, fresh highlights.

    ``pivot`` is used for the highlights only if it is the pivot the review was made with
    (same sha256); the file records the pivot's hash, not its text.
    """
    review = store.load_review(path)
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
    )


def save_annotation(session: ReviewSession, pair_id: str, annotation: Annotation) -> Review:
    """Write one pair's annotation to the session's file at once; the updated review.

    An annotation must name its reviewer: a review trail with blank names is worthless
    to whoever has to answer for it (AnnotationError otherwise).
    """
    return save_annotations(session, {pair_id: annotation})


def save_annotations(session: ReviewSession, annotations: Mapping[str, Annotation]) -> Review:
    """Write several pairs' annotations in one write (a bulk verdict or its undo); the
    updated review. Every annotation must name its reviewer, as in :func:`save_annotation`.
    """
    if any(not a.reviewer.strip() for a in annotations.values()):
        raise AnnotationError(
            "Enter your name as Reviewer before annotating: every annotation records who "
            "made it. Nothing was saved."
        )
    return store.save_annotations(session.path, annotations)


#: The corrections a reviewer can make, by name (see :mod:`workbench.align.edit`).
CORRECTIONS: Mapping[str, Callable[..., Alignment]] = {
    "merge": edit.merge_with_next,
    "split": edit.split,
    "unlink": edit.unlink,
    "link": edit.link,
}


def apply_correction(session: ReviewSession, operation: str, *args: int) -> ReviewSession:
    """Apply a correction (merge, split, unlink or link), re-analyse touched pairs, save."""
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
    return _saved(session, after, divergences, carried, touched)


def undo(current: ReviewSession, previous: ReviewSession) -> ReviewSession:
    """Go back to ``previous``'s alignment, keeping the latest annotation of every pair."""
    carried = carry_annotations(
        previous.alignment, current.review, base=previous.review.annotations()
    )
    touched = edit.touched_pair_ids(current.alignment, previous.alignment)
    return _saved(current, previous.alignment, previous.divergences, carried, touched)


def _saved(
    session: ReviewSession,
    alignment: Alignment,
    divergences: Mapping[str, PairDivergence],
    carried: Carried,
    touched: set[str],
) -> ReviewSession:
    review = build_review(
        alignment,
        _ordered(alignment, divergences),
        project=session.project,
        annotations=carried.annotations,
        created_at=session.review.meta.created_at,
        kind=session.kind,
    )
    if session.kind == ReviewKind.BACK_TRANSLATION:
        # the forward passages follow the back-translation units through corrections
        review = carry_forward(review, source=session.review)
    # the CAT units of a bilingual file follow their review units through corrections
    review = attach_cat(review, cat_table(session.review))
    path = store.save_review(review, path=session.path)
    return ReviewSession(
        alignment=alignment,
        review=review,
        divergences=dict(divergences),
        path=path,
        pivot=session.pivot,
        suppress_minor=session.suppress_minor,
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


@dataclass(frozen=True)
class ImportOutcome:
    """What importing a reviewer's spreadsheet did (or, with ``dry_run``, would do)."""

    path: Path  # the review file merged into
    merge: SheetMerge  # counts, merged annotations, every problem reported
    review: Review  # the review after the import (as it was, if nothing was written)
    written: bool  # True when annotations were saved
    #: True when invalid cells stopped the import (nothing is imported without ``partial``).
    blocked: bool


def import_sheet(
    data: bytes,
    *,
    name: str,
    into: Path | None = None,
    reviewer: str | None = None,
    partial: bool = False,
    dry_run: bool = False,
    root: Path | None = None,
) -> ImportOutcome:
    """Merge a reviewer's XLSX or CSV-for-Excel (``data``, file ``name``) into its review.

    ``into``: the review file (default: the project the sheet names, in ``root`` or the
    alignments folder). Invalid cells stop the whole import (``blocked``) unless
    ``partial``, which imports the valid rows. The merged annotations are saved in one
    write under the file's lock (``store.save_annotations``); pairs not in the sheet,
    errors marked on spans and newer edits in the file are kept (``export.sheet_merge``).
    SheetImportError when the file is no such sheet or belongs to another review.
    """
    sheet = read_sheet(data, name=name)
    if into is None:
        project = sheet.identity.get("project", "")
        if not project:
            raise SheetImportError(f"{name} names no project; say which review to merge into.")
        into = store.project_path(project, root=root)
    review = store.load_review(into)
    merge = merge_sheet(
        review, sheet, reviewer=(reviewer or "").strip() or None, now=utc_now(), target=into.name
    )
    blocked = bool(merge.invalid) and not partial
    written = not (blocked or dry_run) and bool(merge.annotations)
    if written:
        # the file may have changed since it was read: only these pairs' rows are replaced
        review = store.save_annotations(into, merge.annotations)
    return ImportOutcome(into, merge, review, written, blocked)


def start_bilingual_review(
    data: bytes,
    *,
    name: str,
    path: Path,
    project: str | None = None,
    group: bool = False,
    suppress_minor: bool = False,
    replace: bool = False,
    engine: Engine = DIRECT,
    progress: Progress = _quiet,
) -> ReviewSession:
    """Analyse and save a review of a bilingual file (XLIFF 1.2/2.0, TMX) as it pairs units.

    No aligner runs: each unit (``group``: each group of units) is a pair, and the CAT
    units' ids, states and notes are stored with the pairs (``docs/bilingual.md``). The
    same-texts rule is :func:`start_review`'s; annotations already in ``path`` win over
    those a file exported by the workbench carries.
    """
    bilingual = read_bilingual(data, name=name)
    pre = bilingual.documents(group=group)
    kept, backup = _kept(path, pre.original, pre.translation, Level.PARAGRAPH, replace=replace)
    extra = {
        "bilingual_format": bilingual.format,
        "bilingual_source_language": bilingual.source_language,
        "bilingual_target_language": bilingual.target_language,
        "bilingual_grouped": "yes" if group else "no",
    }
    alignment = prealigned(pre.original, pre.translation, links=pre.links, extra=extra)
    progress(f"Analysing {len(alignment)} pairs of {name}…")
    divergences = engine.analyse(alignment, pivot=None, suppress_minor=suppress_minor)
    units, carried = from_bilingual(bilingual, pre)
    review = build_review(
        alignment,
        _ordered(alignment, divergences),
        project=project or path.stem,
        annotations={**carried, **kept},
    )
    review = attach_cat(review, units)
    progress("Saving the review file…")
    return ReviewSession(
        alignment=alignment,
        review=review,
        divergences=divergences,
        path=store.save_review(review, path=path),
        suppress_minor=suppress_minor,
        kept=sum(1 for p in review.pairs if p.pair_id in kept),
        backup=backup,
    )
