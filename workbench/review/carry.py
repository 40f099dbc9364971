"""Carrying annotations through a correction of the alignment: nothing a reviewer wrote is lost.

A pair an edit leaves alone keeps its pair id and so its annotation. A pair the edit
makes new gets the annotations of the old pairs it shares a unit with: a split or an
unlink gives each part the group's annotation; a merge (or a link) combines them — the
most severe verdict is kept with its category and severity, and every comment and
rationale is kept, each labelled with the old pair id, and every error marked on a span
moves with its quotation into the new pair that holds it. When combining had to choose
between different verdicts, or an error's quotation is in no new pair (it spanned a
split), a note says so, for the reviewer to see.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from workbench.model import STATUSES, Alignment, Annotation, DiscrepancyEntry, ErrorMark
from workbench.review.marks import describe, refit
from workbench.review.record import Review, newer


@dataclass(frozen=True)
class Carried:
    """Annotations by pair id of the new alignment, and notes on what combining chose."""

    annotations: dict[str, Annotation]
    notes: tuple[str, ...] = ()


def _rank(annotation: Annotation) -> int:
    return STATUSES.index(annotation.status) if annotation.status in STATUSES else 0


def _labelled(parts: Sequence[tuple[str, str]]) -> str:
    """Texts of several pairs in one, each labelled with its pair id ("" when all empty)."""
    kept = [(pid, text) for pid, text in parts if text.strip()]
    if len(kept) == 1:
        return kept[0][1]
    return " · ".join(f"[{pid}] {text}" for pid, text in kept)


def _combined_log(chosen: Annotation, items: Sequence[tuple[str, Annotation]]) -> DiscrepancyEntry:
    logs = [(pid, a.log) for pid, a in items if a.log is not None]
    first = chosen.log or next((log for _, log in logs), None) or DiscrepancyEntry()
    return DiscrepancyEntry(
        discrepancy=first.discrepancy,
        decision=first.decision,
        revised_text="\n\n".join(log.revised_text for _, log in logs if log.revised_text),
        rationale=_labelled([(pid, log.rationale) for pid, log in logs]),
    )


def combine(items: Sequence[tuple[str, Annotation]]) -> tuple[Annotation, str]:
    """One annotation for several old pairs ``(pair id, annotation)``; and a note ("" if lossless).

    The most severe status wins, with its category and severity; comments and
    rationales are all kept, labelled; the latest reviewer and time are kept.
    """
    if len({a for _, a in items}) == 1:  # one annotation, or copies of one (a relink)
        return items[0][1], ""
    chosen_id, chosen = max(items, key=lambda item: _rank(item[1]))
    latest = max((a for _, a in items), key=lambda a: a.updated_at)
    annotation = Annotation(
        status=chosen.status,
        category=chosen.category,
        severity=chosen.severity,
        comment=_labelled([(pid, a.comment) for pid, a in items]),
        reviewer=latest.reviewer,
        updated_at=latest.updated_at,
        log=_combined_log(chosen, items),
        errors=tuple(dict.fromkeys(e for _, a in items for e in a.errors)),
    )
    verdict = (chosen.status, chosen.category, chosen.severity)
    others = [
        f"{pid}: {a.status}" + (f", {a.category}" if a.category else "")
        for pid, a in items
        if (a.status, a.category, a.severity) != verdict
    ]
    if not others:
        return annotation, ""
    return annotation, f"kept the verdict of {chosen_id} ({chosen.status}); " + (
        "; ".join(others) + " (comments of all kept)"
    )


def _overlaps(source: Review) -> dict[tuple[int, str], list[str]]:
    """(side, unit id) -> the source pairs holding that unit."""
    holders: dict[tuple[int, str], list[str]] = {}
    for p in source.pairs:
        for side, ids in enumerate((p.original_ids, p.translation_ids)):
            for uid in ids:
                holders.setdefault((side, uid), []).append(p.pair_id)
    return holders


def _latest_base(
    alignment: Alignment, source: Review, base: Mapping[str, Annotation]
) -> dict[str, Annotation]:
    """Per source pair, the newest ``base`` annotation among the new pairs it overlaps."""
    target: dict[tuple[int, str], str] = {}
    for bead in alignment.beads:
        pid = alignment.pair_id(bead)
        for side, ids in enumerate(alignment.unit_ids(bead)):
            for uid in ids:
                target[(side, uid)] = pid
    latest: dict[str, Annotation] = {}
    for p in source.pairs:
        covered = {
            target[(side, uid)]
            for side, ids in enumerate((p.original_ids, p.translation_ids))
            for uid in ids
            if (side, uid) in target
        }
        known = [base[t] for t in covered if t in base and base[t] != Annotation()]
        if known:
            latest[p.pair_id] = max(known, key=lambda a: a.updated_at)
    return latest


def carry_annotations(
    alignment: Alignment, source: Review, *, base: Mapping[str, Annotation] | None = None
) -> Carried:
    """Annotations for every pair of ``alignment``, carried from ``source``.

    A pair id found in ``source`` keeps its annotation. Another pair keeps ``base``'s
    annotation for it (undo returning to older pairs) unless an overlapping source pair
    was annotated after every ``base`` annotation it covers; otherwise it gets the
    overlapping source pairs' annotations, combined. Pairs with nothing to carry get none.
    """
    holders = _overlaps(source)
    base = base or {}
    latest = _latest_base(alignment, source, base)
    annotations: dict[str, Annotation] = {}
    notes: list[str] = []
    refitted = _Refitted()
    for bead in alignment.beads:
        pid = alignment.pair_id(bead)
        if pid in source:
            annotations[pid] = source.by_id(pid).annotation
            continue
        o_ids, t_ids = alignment.unit_ids(bead)
        found = dict.fromkeys(
            h
            for side, ids in ((0, o_ids), (1, t_ids))
            for uid in ids
            for h in holders.get((side, uid), ())
        )
        items = [(h, source.by_id(h).annotation) for h in found]
        # without a base every annotation is fresh; with one, only those made after it
        fresh = [
            (h, a)
            for h, a in items
            if a != Annotation() and (h not in latest or newer(a, latest[h]))
        ]
        own = base.get(pid)
        if own is not None and own != Annotation() and not fresh:
            annotations[pid] = own
        elif fresh:
            annotations[pid], note = combine(fresh)
            if note:
                notes.append(f"{pid}: {note}")
        if pid in annotations:
            annotations[pid] = refitted.fit(annotations[pid], *alignment.pair_texts(bead))
    return Carried(annotations, tuple(notes) + refitted.notes())


class _Refitted:
    """Errors moved into the texts of new pairs, and those no new pair quotes any more."""

    def __init__(self) -> None:
        self.placed: set[ErrorMark] = set()
        self.lost: dict[ErrorMark, None] = {}

    def fit(self, annotation: Annotation, original_text: str, translation_text: str) -> Annotation:
        """``annotation`` with its errors placed in the pair's texts (those that fit)."""
        if not annotation.errors:
            return annotation
        placed, lost = refit(annotation.errors, original_text, translation_text)
        self.placed.update(set(annotation.errors) - set(lost))
        self.lost.update(dict.fromkeys(lost))
        return replace(annotation, errors=placed)

    def notes(self) -> tuple[str, ...]:
        """One note per error whose quotation is in no pair after the correction."""
        return tuple(
            f"dropped the error {describe(mark, limit=40)}: no pair quotes it any more"
            for mark in self.lost
            if mark not in self.placed
        )
