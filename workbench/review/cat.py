"""The CAT units of a review made from a bilingual file: stored, carried, named per pair.

A review of an XLIFF or TMX file keeps, for every unit of the file, its CAT id, state and
notes and the review units its source and target became (:class:`CatUnit`). They are
stored with the pair holding the unit's original side (``PairRecord.cat``, the ``cat``
column), follow that unit through corrections (:func:`attach_cat`), and name the CAT ids
of a pair in exports (:func:`pair_cat_units`). See ``docs/bilingual.md``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from workbench import config
from workbench.model import Annotation
from workbench.review.marks import MarkFormatError, errors_from_json, errors_to_json, text_problems
from workbench.review.record import CatUnit, PairRecord, Review, annotation_problems
from workbench.safejson import UnsafeJSON, loads
from workbench.text.bilingual import Bilingual, PreAligned

_KEYS = ("id", "original", "translation", "state", "notes")
#: Longest CAT id and state kept, in characters (ids are short tokens in every CAT tool).
MAX_CAT_ID_CHARS = 1000
#: Most notes one CAT unit keeps.
MAX_CAT_NOTES = 100


class CatFormatError(ValueError):
    """A ``cat`` cell that is not a list of CAT units; the message says why."""


def cat_to_data(units: Sequence[CatUnit]) -> list[dict[str, object]]:
    """The CAT units as JSON-ready objects (the JSON export's ``cat`` list)."""
    return [
        {
            "id": u.id,
            "original": u.original,
            "translation": u.translation,
            "state": u.state,
            "notes": list(u.notes),
        }
        for u in units
    ]


def cat_to_json(units: Sequence[CatUnit]) -> str:
    """The ``cat`` cell: a JSON list of objects, "" when the pair stores none."""
    if not units:
        return ""
    return json.dumps(cat_to_data(units), ensure_ascii=False, separators=(",", ":"))


def _unit(item: object) -> CatUnit:
    if not isinstance(item, dict) or sorted(item) != sorted(_KEYS):
        raise CatFormatError(f"each CAT unit is an object with the keys {', '.join(_KEYS)}")
    texts = [item[k] for k in ("id", "original", "translation", "state")]
    notes = item["notes"]
    if not all(isinstance(t, str) for t in texts) or not isinstance(notes, list):
        raise CatFormatError("a CAT unit's id, original, translation and state are texts")
    if not all(isinstance(n, str) and len(n) <= config.MAX_NOTE_CHARS for n in notes):
        raise CatFormatError(
            f"a CAT unit's notes are texts of at most {config.MAX_NOTE_CHARS:,} characters"
        )
    if len(notes) > MAX_CAT_NOTES or any(len(t) > MAX_CAT_ID_CHARS for t in texts):
        raise CatFormatError(
            f"a CAT unit holds at most {MAX_CAT_NOTES} notes and ids of at most "
            f"{MAX_CAT_ID_CHARS} characters"
        )
    return CatUnit(
        id=item["id"],
        original=item["original"],
        translation=item["translation"],
        state=item["state"],
        notes=tuple(notes),
    )


def cat_from_json(text: str) -> tuple[CatUnit, ...]:
    """The CAT units of a ``cat`` cell ("" = none); CatFormatError if it is not one."""
    if not text:
        return ()
    try:
        value = loads(text, max_chars=4 * config.MAX_NOTE_CHARS, max_depth=3)
    except UnsafeJSON as exc:
        raise CatFormatError(f"is not a JSON list of CAT units: {exc}") from None
    if not isinstance(value, list) or not value:
        raise CatFormatError("is not a JSON list of CAT units (empty cell = none)")
    return cat_from_data(value)


def cat_from_data(value: object) -> tuple[CatUnit, ...]:
    """The CAT units of a JSON list (as :func:`cat_to_data` makes); CatFormatError if not."""
    if not isinstance(value, list):
        raise CatFormatError("is not a list of CAT units")
    return tuple(_unit(item) for item in value)


def cat_problems(pair: PairRecord) -> list[str]:
    """Why the CAT units stored with ``pair`` do not belong there (empty when they do)."""
    problems = []
    for unit in pair.cat:
        if not unit.original and not unit.translation:
            problems.append(f"CAT unit {unit.id!r} names no review unit")
        elif unit.original and unit.original not in pair.original_ids:
            problems.append(f"CAT unit {unit.id!r} names {unit.original}, not in this pair")
        elif not unit.original and unit.translation not in pair.translation_ids:
            problems.append(f"CAT unit {unit.id!r} names {unit.translation}, not in this pair")
    return problems


def cat_table(review: Review) -> tuple[CatUnit, ...]:
    """Every CAT unit of the review, in the review's order (empty for other reviews)."""
    return tuple(u for p in review.pairs for u in p.cat)


def attach_cat(review: Review, units: Iterable[CatUnit]) -> Review:
    """A copy of ``review`` whose pairs store ``units`` (each with its original unit's pair).

    A unit without an original side goes with the pair holding its translation unit; a
    unit whose review units no pair holds is dropped (it cannot happen after a correction,
    which keeps every unit of both documents).
    """
    by_original = {u: p.pair_id for p in review.pairs for u in p.original_ids}
    by_translation = {u: p.pair_id for p in review.pairs for u in p.translation_ids}
    stored: dict[str, list[CatUnit]] = {}
    for unit in units:
        pid = by_original.get(unit.original) if unit.original else None
        if pid is None and not unit.original:
            pid = by_translation.get(unit.translation)
        if pid is not None:
            stored.setdefault(pid, []).append(unit)
    return Review(
        meta=review.meta,
        pairs=tuple(replace(p, cat=tuple(stored.get(p.pair_id, ()))) for p in review.pairs),
    )


def pair_cat_units(review: Review) -> dict[str, tuple[CatUnit, ...]]:
    """The CAT units each pair shows, by pair id: those with a side among its units.

    After an unlink, a CAT unit's source and target stand in two pairs: both name it.
    """
    original: dict[str, list[CatUnit]] = {}
    translation: dict[str, list[CatUnit]] = {}
    for unit in cat_table(review):
        if unit.original:
            original.setdefault(unit.original, []).append(unit)
        if unit.translation:
            translation.setdefault(unit.translation, []).append(unit)
    out: dict[str, tuple[CatUnit, ...]] = {}
    for pair in review.pairs:
        found = [u for uid in pair.original_ids for u in original.get(uid, ())]
        found += [u for uid in pair.translation_ids for u in translation.get(uid, ())]
        out[pair.pair_id] = tuple(dict.fromkeys(found))
    return out


#: The review fields the workbench's XLIFF export writes for each pair, in that order.
REVIEW_FIELDS = ("status", "category", "severity", "comment", "reviewer", "updated-at", "errors")


def review_fields(annotation: Annotation) -> list[tuple[str, str]]:
    """The annotation as (field, text) pairs, empty fields left out (``status`` always in)."""
    values = {
        "status": annotation.status,
        "category": annotation.category,
        "severity": annotation.severity,
        "comment": annotation.comment,
        "reviewer": annotation.reviewer,
        "updated-at": annotation.updated_at,
        "errors": errors_to_json(annotation.errors),
    }
    return [(k, values[k]) for k in REVIEW_FIELDS if values[k] or k == "status"]


def annotation_from_fields(
    fields: Mapping[str, str], *, texts: tuple[str, str]
) -> Annotation | None:
    """The annotation a file exported by the workbench carries for a pair, or None.

    Fields whose values are not what an annotation allows (an unknown status, errors not
    quoting ``texts`` = (original, translation)) make the whole annotation be ignored:
    the pair then starts unreviewed.
    """
    if not fields.get("status"):
        return None
    try:
        errors = errors_from_json(fields.get("errors", ""))
    except MarkFormatError:
        return None
    annotation = Annotation(
        status=fields.get("status", ""),
        category=fields.get("category", ""),
        severity=fields.get("severity", ""),
        comment=fields.get("comment", ""),
        reviewer=fields.get("reviewer", ""),
        updated_at=fields.get("updated-at", ""),
        errors=errors,
    )
    if annotation_problems(annotation) or text_problems(errors, *texts):
        return None
    return annotation


def _pair_id(o: int | None, t: int | None) -> str:
    return (f"P{o + 1}" if o is not None else "-") + "=" + (f"P{t + 1}" if t is not None else "-")


def from_bilingual(
    bilingual: Bilingual, pre: PreAligned
) -> tuple[tuple[CatUnit, ...], dict[str, Annotation]]:
    """The CAT units of a bilingual file as a review stores them, and the annotations of
    pairs a file exported by the workbench carries (by pair id; the first unit's wins)."""
    units: list[CatUnit] = []
    annotations: dict[str, Annotation] = {}
    for (o, t), members in zip(pre.links, pre.members, strict=True):
        pid = _pair_id(o, t)
        texts = (
            pre.original.segments[o].text if o is not None else "",
            pre.translation.segments[t].text if t is not None else "",
        )
        for k in members:
            unit = bilingual.units[k]
            notes = tuple(n[: config.MAX_NOTE_CHARS] for n in unit.notes)[:MAX_CAT_NOTES]
            for i, cat_id in enumerate(unit.ids or ("",)):
                # a unit standing for several CAT ids (a grouped pair exported) keeps its
                # notes and state with the first
                units.append(
                    CatUnit(
                        id=cat_id[:MAX_CAT_ID_CHARS],
                        original=f"P{o + 1}" if o is not None else "",
                        translation=f"P{t + 1}" if t is not None else "",
                        state=unit.state[:MAX_CAT_ID_CHARS] if i == 0 else "",
                        notes=notes if i == 0 else (),
                    )
                )
            found = annotation_from_fields(dict(unit.review), texts=texts)
            if found is not None and pid not in annotations:
                annotations[pid] = found
    return tuple(units), annotations
