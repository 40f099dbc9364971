"""Pre-aligned documents: paragraph ``k`` of one side is paragraph ``k`` of the other.

A bilingual (CAT tool) file pairs every source segment with its target already, so its
review needs no aligner: :func:`prealigned` links the two Documents as the file does —
a 1:1 bead where both sides have text, a 1:0 bead for a source left untranslated, a 0:1
bead for a target without source. The divergence analysis then runs as for any review.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from workbench.diff import infer_mode
from workbench.errors import AlignmentError
from workbench.model import Alignment, AlignSettings, Bead, Document, Level, Mode

#: ``AlignSettings.extra["aligner"]`` of a pre-aligned review.
PREALIGNED = "prealigned"


def prealigned(
    original: Document,
    translation: Document,
    *,
    links: Sequence[tuple[int | None, int | None]],
    extra: Mapping[str, str] | None = None,
) -> Alignment:
    """The paragraph alignment whose beads are ``links`` (original, translation index; None
    for a side without a unit), in that order, with ``extra`` recorded in its settings.

    AlignmentError when the links do not use every paragraph of both Documents once.
    """
    beads = [
        Bead(() if o is None else (o,), () if t is None else (t,), score=1.0, confidence=1.0)
        for o, t in links
        if o is not None or t is not None
    ]
    for doc, used in (
        (original, [o for o, _ in links if o is not None]),
        (translation, [t for _, t in links if t is not None]),
    ):
        if used != list(range(len(doc.segments))):
            raise AlignmentError(
                f"“{doc.name}” has {len(doc.segments)} units but the pre-aligned links use "
                f"{len(used)}; each unit must be linked once, in order."
            )
    settings = AlignSettings(
        level=Level.PARAGRAPH,
        mode=Mode.AUTO,
        mode_used=infer_mode(original, translation),
        extra=tuple(sorted({**(extra or {}), "aligner": PREALIGNED}.items())),
    )
    return Alignment(original, translation, tuple(beads), settings)
