"""What the buttons do: each action calls the core and the store and returns a new Session.

No alignment, diff or file logic lives here; this module only sequences core calls
(align -> analyse -> build review -> save) and keeps annotations across corrections.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from pathlib import Path

from workbench import store
from workbench.align import edit
from workbench.errors import AlignmentFileError
from workbench.model import Alignment, Annotation, Document, PairDivergence
from workbench.reconcile import carry_forward
from workbench.review import Review, build_review, review_to_alignment
from workbench.ui import loaders
from workbench.ui.state import Session, alignments_dir

logger = logging.getLogger(__name__)


def _ordered(alignment: Alignment, divergences: Mapping[str, PairDivergence]) -> list:
    """Divergences in bead order (the order build_review and the exports expect)."""
    out = []
    for bead in alignment.beads:
        div = divergences.get(alignment.pair_id(bead))
        if div is not None:
            out.append(div)
    return out


def project_file(project: str) -> Path:
    """The alignment file a project name maps to (raises ProjectNameError if unusable)."""
    return store.project_path(project, root=alignments_dir())


def start_review(
    original: Document,
    translation: Document,
    *,
    project: str,
    level: str,
    mode: str,
    pivot: Document | None = None,
    suppress_minor: bool = False,
    progress: Callable[[str], None] = lambda _msg: None,
) -> tuple[Session, int]:
    """Align, analyse and save a new review; returns it and how many annotations were kept.

    If the project's file already holds a review of the same two texts, its annotations
    are carried over to pairs that still exist; a file about other texts is never
    overwritten.
    """
    path = project_file(project)
    kept: dict[str, Annotation] = {}
    if path.exists():
        existing = store.load_review(path)
        same = (
            existing.meta.original_sha256 == original.sha256
            and existing.meta.translation_sha256 == translation.sha256
        )
        if not same:
            raise AlignmentFileError(
                f"The project “{project}” ({path.name}) already holds a review of other "
                f"texts ({existing.meta.original_name} ↔ {existing.meta.translation_name}). "
                "Open it from the Projects list, or choose another project name."
            )
        if existing.meta.level != level:
            raise AlignmentFileError(
                f"The project “{project}” ({path.name}) holds a {existing.meta.level}-level "
                f"review of these texts; aligning them by {level} would replace it. "
                "Open it from the Projects list, or choose another project name."
            )
        kept = {pid: a for pid, a in existing.annotations().items() if a != Annotation()}
    progress("Aligning paragraphs" + (" and sentences" if level == "sentence" else "") + "…")
    alignment = loaders.align_documents(
        original.sha256,
        translation.sha256,
        pivot.sha256 if pivot is not None else "",
        level,
        mode,
        original,
        translation,
        pivot,
    )
    progress(f"Analysing {len(alignment)} pairs…")
    divergences = loaders.analyse_all(alignment, pivot=pivot, suppress_minor=suppress_minor)
    review = build_review(
        alignment, _ordered(alignment, divergences), project=project, annotations=kept
    )
    progress("Saving the review file…")
    saved = store.save_review(review, root=alignments_dir(), path=path)
    restored = sum(1 for p in review.pairs if p.pair_id in kept)
    session = Session(
        alignment=alignment,
        review=review,
        divergences=divergences,
        path=saved,
        pivot=pivot,
        suppress_minor=suppress_minor,
    )
    return session, restored


def save_annotation(session: Session, pair_id: str, annotation: Annotation) -> Review:
    """Write one pair's annotation to the session's file at once; the updated review."""
    return store.save_annotation(session.path, pair_id, annotation, root=alignments_dir())


def apply_edit(session: Session, operation: str, *args: int) -> Session:
    """Apply a correction (merge, split, unlink or link), re-analyse touched pairs, save."""
    operations: dict[str, Callable[..., Alignment]] = {
        "merge": edit.merge_with_next,
        "split": edit.split,
        "unlink": edit.unlink,
        "link": edit.link,
    }
    before = session.alignment
    after = operations[operation](before, *args)
    touched = edit.touched_pair_ids(before, after)
    divergences = {
        pid: div
        for pid, div in session.divergences.items()
        if pid not in touched and pid in {after.pair_id(b) for b in after.beads}
    }
    divergences.update(
        loaders.analyse_some(
            after, touched, pivot=session.pivot, suppress_minor=session.suppress_minor
        )
    )
    return _saved_session(session, after, divergences, session.review.annotations())


def undo(current: Session, previous: Session) -> Session:
    """Go back to ``previous``'s alignment, keeping the latest annotation of every pair."""
    annotations = previous.review.annotations()
    annotations.update(
        {pid: a for pid, a in current.review.annotations().items() if pid in annotations}
    )
    return _saved_session(current, previous.alignment, previous.divergences, annotations)


def _saved_session(
    session: Session,
    alignment: Alignment,
    divergences: Mapping[str, PairDivergence],
    annotations: Mapping[str, Annotation],
) -> Session:
    review = build_review(
        alignment,
        _ordered(alignment, divergences),
        project=session.project,
        annotations=annotations,
        created_at=session.review.meta.created_at,
    )
    # A back-translation review keeps its forward passages through corrections.
    review = carry_forward(review, source=session.review)
    path = store.save_review(review, root=alignments_dir(), path=session.path)
    return Session(
        alignment=alignment,
        review=review,
        divergences=dict(divergences),
        path=path,
        pivot=session.pivot,
        suppress_minor=session.suppress_minor,
    )


def open_project(
    path: Path, *, pivot: Document | None = None, suppress_minor: bool = False
) -> Session:
    """Restore a saved review exactly: the file's pairs and annotations, fresh highlights.

    ``pivot`` is used for the highlights only if it is the pivot the review was made with
    (same sha256); the file records the pivot's hash, not its text.
    """
    review = store.load_review(path)
    alignment = review_to_alignment(review)
    recorded = alignment.settings.pivot_sha256
    use_pivot = pivot if pivot is not None and recorded and pivot.sha256 == recorded else None
    divergences = loaders.analyse_all(alignment, pivot=use_pivot, suppress_minor=suppress_minor)
    return Session(
        alignment=alignment,
        review=review,
        divergences=divergences,
        path=Path(path),
        pivot=use_pivot,
        suppress_minor=suppress_minor,
    )


def hash_mismatches(
    session: Session, *, original: Document | None, translation: Document | None
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
