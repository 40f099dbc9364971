"""Which analysis a pair gets: same language, across languages, or through a pivot.

A pivot is a translation of the original into the translation's language, unit by unit.
A *reference* pivot (a trusted translation, the English text a back-translation is
checked against) is compared with the translation word by word. A pivot that differs
from the translation in wording on a typical pair — a machine translation next to a
human one — only *guides*: it helped the alignment, and its word differences are the
two translators' choices, not errors (a machine-translated pivot left 369 of 381 gold
pairs of the Text+Berg dev set "major"). Then original and translation are compared
across languages, as without a pivot.
"""

from __future__ import annotations

import logging
import statistics

from workbench.diff.measures import similarity
from workbench.diff.tokens import tokenize
from workbench.errors import AlignmentError
from workbench.model import RESOLVED_MODES, UNIT_JOINERS, Alignment, Bead, Document, Mode
from workbench.text.language import same_language

log = logging.getLogger(__name__)

#: A pivot whose pairs are typically (median) less alike than this to the translation
#: (0-100, the analysis' similarity) only guides the alignment (see the module).
PIVOT_REFERENCE_SIMILARITY = 75.0
#: The pivot's typical similarity is measured on at most this many pairs, evenly spread.
PIVOT_SAMPLE_PAIRS = 200


def infer_mode(original: Document, translation: Document, *, pivot: Document | None = None) -> Mode:
    """Analysis mode from the documents: pivot if given, else same or different language."""
    if pivot is not None:
        return Mode.PIVOT
    same = same_language(
        (original.language, translation.language), (original.script, translation.script)
    )
    return Mode.MONOLINGUAL if same else Mode.CROSSLINGUAL


def check_mode(mode: str) -> Mode:
    """``mode`` as a :class:`Mode`; a typed error for an unknown one."""
    if mode not in RESOLVED_MODES:
        raise AlignmentError(
            f"Unknown analysis mode “{mode}”; expected one of: {', '.join(RESOLVED_MODES)}."
        )
    return Mode(mode)


def resolve_mode(alignment: Alignment, pivot: Document | None) -> Mode:
    """The mode the alignment was made in, given whether a pivot is passed now."""
    mode = alignment.settings.mode_used
    if mode in ("", Mode.AUTO):
        return infer_mode(alignment.original, alignment.translation, pivot=pivot)
    if mode == Mode.CROSSLINGUAL and pivot is not None:
        return Mode.PIVOT  # a pivot passed explicitly is meant to be used
    mode = check_mode(mode)
    if mode == Mode.PIVOT and pivot is None:
        # the alignment was made with a pivot the caller did not pass: compare what we can
        log.warning("alignment says mode 'pivot' but no pivot was given; using crosslingual")
        return Mode.CROSSLINGUAL
    return mode


def check_pivot(alignment: Alignment, pivot: Document) -> None:
    """A typed error unless the pivot has one unit per unit of the original."""
    n_pivot = len(pivot.units(alignment.level))
    n_orig = len(alignment.original.units(alignment.level))
    if n_pivot != n_orig:
        unit = f"{alignment.level}s"
        raise AlignmentError(
            f"The pivot “{pivot.name}” has {n_pivot} {unit} but the original has "
            f"{n_orig}; a pivot must have one {unit[:-1]} per {unit[:-1]} of the original."
        )


def pivot_text(alignment: Alignment, bead: Bead, pivot: Document) -> str:
    """The pivot's units for the bead's original units, joined."""
    units = pivot.units(alignment.level)
    return UNIT_JOINERS[alignment.level].join(units[i].text for i in bead.original)


#: Similarities of pivot and translation pairs already measured, by (pivot, translation,
#: level, bead): after an edit only the beads it made are measured again. Emptied when
#: it holds ``_MEASURED_LIMIT`` of them.
_MEASURED: dict[tuple[str, str, str, tuple[int, ...], tuple[int, ...]], float] = {}
_MEASURED_LIMIT = 100_000


def pivot_similarity(alignment: Alignment, pivot: Document) -> float:
    """The pivot's typical similarity to the translation: the median over up to
    ``PIVOT_SAMPLE_PAIRS`` pairs with both sides, evenly spread (100.0 without any).

    Each pair is measured once per pivot and translation (the analysis of the pairs an
    edit touches asks again for the whole alignment: 52 ms for the 381 Text+Berg pairs)."""
    beads = [b for b in alignment.beads if b.original and b.translation]
    if not beads:
        return 100.0
    if len(_MEASURED) >= _MEASURED_LIMIT:
        _MEASURED.clear()
    step = max(1, len(beads) // PIVOT_SAMPLE_PAIRS)
    documents = (pivot.sha256, alignment.translation.sha256, str(alignment.level))
    scores = []
    for bead in beads[::step]:
        key = (*documents, bead.original, bead.translation)
        if key not in _MEASURED:
            translation = alignment.pair_texts(bead)[1]
            pair = tokenize(pivot_text(alignment, bead, pivot)), tokenize(translation)
            _MEASURED[key] = similarity(*pair)
        scores.append(_MEASURED[key])
    return float(statistics.median(scores))


def pivot_guides(alignment: Alignment, pivot: Document) -> bool:
    """Whether the pivot only guides: its :func:`pivot_similarity` is below
    ``PIVOT_REFERENCE_SIMILARITY``."""
    typical = pivot_similarity(alignment, pivot)
    if typical < PIVOT_REFERENCE_SIMILARITY:
        log.info("the pivot is %.1f %% alike the translation: it guides the alignment", typical)
        return True
    return False


def analysis_mode(
    alignment: Alignment, pivot: Document | None, *, guides: bool | None = None
) -> Mode:
    """The mode the analysis compares in: the alignment's, except that a pivot which only
    guides leaves the pairs compared across languages. ``guides`` says whether it does
    when the caller knows (default: :func:`pivot_guides`).

    With a pivot passed, the alignment's mode is the pivot's or the same language's
    (:func:`resolve_mode`): "across languages" with a pivot means that it only guides."""
    mode = resolve_mode(alignment, pivot)
    if mode == Mode.PIVOT and pivot is not None:
        check_pivot(alignment, pivot)
        if guides if guides is not None else pivot_guides(alignment, pivot):
            return Mode.CROSSLINGUAL
    return mode


def pivot_note(alignment: Alignment, pivot: Document | None) -> str:
    """A sentence for the reviewer when ``pivot`` only guides (it is then not compared
    with the translation, which they may expect); "" otherwise."""
    if pivot is None or analysis_mode(alignment, pivot) != Mode.CROSSLINGUAL:
        return ""
    return (
        f"The pivot “{pivot.name}” is worded unlike the translation (a typical pair is "
        f"{pivot_similarity(alignment, pivot):.0f} % alike, as a machine translation beside "
        "a human one is): it guided the alignment, and the checks compare the original with "
        "the translation directly."
    )
