"""Starting a review of a bilingual file (XLIFF 1.2/2.0, TMX): paired as its units are.

No aligner runs: each unit (with ``group``, each group of units) is a pair, and the CAT
units' ids, states and notes are stored with the pairs (``docs/bilingual.md``). The
review is saved like any other (:mod:`workbench.session.core`): the same-texts rule,
the store chosen, the history.
"""

from __future__ import annotations

from pathlib import Path

from workbench.align.prealigned import prealigned
from workbench.model import Level
from workbench.review.build import build_review
from workbench.review.cat import attach_cat, from_bilingual
from workbench.session.core import (
    DIRECT,
    Engine,
    Progress,
    ReviewSession,
    _kept,
    _ordered,
    _quiet,
    _save_new,
)
from workbench.store.protocol import ReviewStore
from workbench.text.bilingual import read_bilingual


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
    stored_in: ReviewStore | None = None,
) -> ReviewSession:
    """Analyse and save a review of the bilingual file ``data`` (named ``name``).

    The same-texts rule is :func:`~workbench.session.core.start_review`'s; annotations
    already stored for these texts win over those a file exported by the workbench carries.
    """
    bilingual = read_bilingual(data, name=name)
    pre = bilingual.documents(group=group)
    kept, backup = _kept(
        path, pre.original, pre.translation, Level.PARAGRAPH, replace=replace, stored_in=stored_in
    )
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
        path=_save_new(review, path, stored_in),
        suppress_minor=suppress_minor,
        kept=sum(1 for p in review.pairs if p.pair_id in kept),
        backup=backup,
        store=stored_in,
    )
