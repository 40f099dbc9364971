"""Reviewer corrections of an alignment: merge, split, unlink and link beads.

Every operation is a pure function: it takes an :class:`Alignment` and returns a new
one, so a caller keeps the previous alignments as an undo stack. Beads an operation
creates are the reviewer's decision: they get score and confidence 1.0 and a kind
from :func:`workbench.model.bead_kind`. Beads an edit does not touch are kept as they
are, so their pair ids (derived from unit ids) and the annotations keyed on them survive.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace

from workbench.errors import AlignmentError
from workbench.model import KIND_MOVED, Alignment, Bead, bead_kind

logger = logging.getLogger(__name__)

__all__ = [
    "link",
    "merge_with_next",
    "sort_beads",
    "split",
    "touched_pair_ids",
    "unaligned_units",
    "unlink",
]


def _decided(original: Iterable[int], translation: Iterable[int]) -> Bead:
    """A bead chosen by the reviewer: sorted sides, full score and confidence."""
    o = tuple(sorted(set(original)))
    t = tuple(sorted(set(translation)))
    return Bead(o, t, score=1.0, confidence=1.0, kind=bead_kind(o, t))


def _check_index(alignment: Alignment, index: int, *, what: str = "pair") -> Bead:
    """The bead at ``index``, or an AlignmentError that says which range is valid."""
    count = len(alignment.beads)
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < count:
        raise AlignmentError(
            f"There is no {what} number {index!r} to edit: the alignment has {count} pairs "
            f"(valid numbers are 0 to {count - 1})."
            if count
            else f"There is no {what} number {index!r} to edit: the alignment is empty."
        )
    return alignment.beads[index]


def _describe(alignment: Alignment, bead: Bead) -> str:
    """A bead as the reviewer sees it, e.g. ``P3 ↔ P3+P4``."""
    o_ids, t_ids = alignment.unit_ids(bead)
    return f"{'+'.join(o_ids) or '—'} ↔ {'+'.join(t_ids) or '—'}"


def sort_beads(beads: Sequence[Bead]) -> tuple[Bead, ...]:
    """Beads in document order: by original position, unpaired additions by translation order.

    Beads that have original units are ordered by their first original unit. An addition
    (no original units) goes before the first in-order bead whose translation side starts
    after it. Where the order is a matter of taste (an omission next to an addition) or
    deliberately broken (a moved bead, whose translation side is out of order), the beads
    keep the order they had in ``beads``, so moved beads stay where they are.
    """
    rank = {id(b): k for k, b in enumerate(beads)}
    with_original = sorted((b for b in beads if b.original), key=lambda b: b.original[0])
    additions = sorted((b for b in beads if not b.original), key=lambda b: b.translation[0])
    out: list[Bead] = []
    i = j = 0
    while i < len(with_original) and j < len(additions):
        bead, added = with_original[i], additions[j]
        if bead.translation and bead.kind != KIND_MOVED:
            addition_first = added.translation[0] < bead.translation[0]
        else:
            addition_first = rank[id(added)] < rank[id(bead)]
        if addition_first:
            out.append(added)
            j += 1
        else:
            out.append(bead)
            i += 1
    out.extend(with_original[i:])
    out.extend(additions[j:])
    return tuple(out)


def _rebuilt(alignment: Alignment, beads: Iterable[Bead]) -> Alignment:
    """A new alignment with ``beads`` in document order and the same documents and settings."""
    return replace(alignment, beads=sort_beads(list(beads)))


def merge_with_next(alignment: Alignment, index: int) -> Alignment:
    """Merge bead ``index`` with the bead after it: the union of both sides, kind recomputed."""
    first = _check_index(alignment, index)
    if index + 1 >= len(alignment.beads):
        raise AlignmentError(
            f"Pair {_describe(alignment, first)} is the last one: there is no next pair "
            "to merge it with."
        )
    second = alignment.beads[index + 1]
    merged = _decided(first.original + second.original, first.translation + second.translation)
    beads = [*alignment.beads[:index], merged, *alignment.beads[index + 2 :]]
    logger.debug("merged beads %d and %d into %s", index, index + 1, merged)
    return _rebuilt(alignment, beads)


def split(alignment: Alignment, index: int) -> Alignment:
    """Split a group back into its units: units paired 1:1 in order, leftovers as 1:0 or 0:1."""
    bead = _check_index(alignment, index)
    if len(bead.original) <= 1 and len(bead.translation) <= 1:
        raise AlignmentError(
            f"Pair {_describe(alignment, bead)} holds a single unit on each side: "
            "there is no group to split. Use “unlink” to separate the two sides."
        )
    o, t = bead.original, bead.translation
    common = min(len(o), len(t))
    parts = [_decided((o[k],), (t[k],)) for k in range(common)]
    parts += [_decided((i,), ()) for i in o[common:]]
    parts += [_decided((), (i,)) for i in t[common:]]
    beads = [*alignment.beads[:index], *parts, *alignment.beads[index + 1 :]]
    return _rebuilt(alignment, beads)


def unlink(alignment: Alignment, index: int) -> Alignment:
    """Undo a link: the bead's original units become 1:0 beads, its translation units 0:1."""
    bead = _check_index(alignment, index)
    if not bead.original or not bead.translation:
        raise AlignmentError(
            f"Pair {_describe(alignment, bead)} is not linked to anything: "
            "only a pair with text on both sides can be unlinked."
        )
    parts = [_decided((i,), ()) for i in bead.original]
    parts += [_decided((), (i,)) for i in bead.translation]
    beads = [*alignment.beads[:index], *parts, *alignment.beads[index + 1 :]]
    return _rebuilt(alignment, beads)


def _unit_count(alignment: Alignment, side: str) -> int:
    doc = alignment.original if side == "original" else alignment.translation
    return len(doc.units(alignment.level))


def _bead_holding(alignment: Alignment, side: str, unit: int) -> int | None:
    """Index of the bead that holds ``unit`` on ``side``, or None when no bead does."""
    for k, bead in enumerate(alignment.beads):
        if unit in getattr(bead, side):
            return k
    return None


def unaligned_units(alignment: Alignment, side: str) -> tuple[int, ...]:
    """Unit indices on ``side`` ("original" or "translation") not linked to the other side."""
    if side not in ("original", "translation"):
        raise ValueError(f"side must be 'original' or 'translation', not {side!r}")
    other = "translation" if side == "original" else "original"
    linked: set[int] = set()
    for bead in alignment.beads:
        if getattr(bead, other):
            linked.update(getattr(bead, side))
    return tuple(i for i in range(_unit_count(alignment, side)) if i not in linked)


def link(alignment: Alignment, original_index: int, translation_index: int) -> Alignment:
    """Link an unaligned original unit with an unaligned translation unit as a 1:1 bead.

    Indices are unit positions in ``Document.units(level)``. Either unit already linked
    to the other side is refused: unlink its pair first.
    """
    level = alignment.level
    for side, unit in (("original", original_index), ("translation", translation_index)):
        count = _unit_count(alignment, side)
        if isinstance(unit, bool) or not isinstance(unit, int) or not 0 <= unit < count:
            raise AlignmentError(
                f"The {side} has no {level} number {unit!r}: it has {count} {level}s "
                f"(valid numbers are 0 to {count - 1})."
            )
    o_units = alignment.original.units(level)
    t_units = alignment.translation.units(level)
    beads = list(alignment.beads)
    o_holder = _bead_holding(alignment, "original", original_index)
    t_holder = _bead_holding(alignment, "translation", translation_index)
    if o_holder is not None and beads[o_holder].translation:
        raise AlignmentError(
            f"Original {o_units[original_index].id} is already linked "
            f"(pair {_describe(alignment, beads[o_holder])}): unlink that pair first."
        )
    if t_holder is not None and beads[t_holder].original:
        raise AlignmentError(
            f"Translation {t_units[translation_index].id} is already linked "
            f"(pair {_describe(alignment, beads[t_holder])}): unlink that pair first."
        )
    # Take each unit out of the unaligned bead that held it; the rest of that bead stays.
    drop: set[int] = set()
    for holder, side, unit in (
        (o_holder, "original", original_index),
        (t_holder, "translation", translation_index),
    ):
        if holder is None:
            continue
        rest = tuple(i for i in getattr(beads[holder], side) if i != unit)
        if rest:
            o, t = (rest, ()) if side == "original" else ((), rest)
            beads[holder] = replace(beads[holder], original=o, translation=t, kind=bead_kind(o, t))
        else:
            drop.add(holder)
    kept = [b for k, b in enumerate(beads) if k not in drop]
    return _rebuilt(alignment, [*kept, _decided((original_index,), (translation_index,))])


def touched_pair_ids(before: Alignment, after: Alignment) -> set[str]:
    """Pair ids of ``after`` whose bead is new or changed since ``before``.

    Beads an edit left alone keep their pair id and sides, so only these ids need a new
    analysis; annotations of every other pair id of ``after`` remain valid.
    """
    old = {before.pair_id(b): (b.original, b.translation, b.kind) for b in before.beads}
    return {
        after.pair_id(b)
        for b in after.beads
        if old.get(after.pair_id(b)) != (b.original, b.translation, b.kind)
    }
