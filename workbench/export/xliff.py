"""XLIFF export: each pair a unit, the review as notes, so the translator opens it in a CAT tool.

XLIFF 2.0 (default) or 1.2, built with ``lxml`` (never by string templates). Each pair is
one unit — its id the CAT tool's id when the review came from a bilingual file, else
the review's own (``P3``) — with the reviewer's verdict, comment and errors as notes for
the translator (``category``/``from`` ``workbench``) and the same fields machine-readably
(XLIFF 2.0: the Metadata module, ``<mda:metaGroup category="workbench">``; 1.2: a
``<context-group name="workbench-UNIT">``), which :mod:`workbench.text.bilingual` reads back.
See ``docs/bilingual.md``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from workbench.errors import ExportError
from workbench.review.cat import pair_cat_units, review_fields
from workbench.review.marks import describe
from workbench.review.record import CatUnit, PairRecord, Review
from workbench.text.bilingual_formats import (
    CONTEXT_PREFIX,
    METADATA_2,
    WORKBENCH,
    XLIFF_1,
    XLIFF_2,
)

#: The XLIFF versions written (``workbench export --xliff-version``).
XLIFF_VERSIONS = ("2.0", "1.2")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
# An XML NMTOKEN (what XLIFF 2.0 ids are), kept to the characters CAT tools agree on.
_NMTOKEN = re.compile(r"^[\w.:-]+$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_STATES_2 = ("initial", "translated", "reviewed", "final")
# XLIFF 1.2 target states as 2.0 states, and back.
_STATE_1_TO_2 = {
    "new": "initial",
    "needs-translation": "initial",
    "signed-off": "reviewed",
    "final": "final",
}
_STATE_2_TO_1 = {"initial": "needs-translation", "reviewed": "signed-off", "final": "final"}
_STATES_1 = frozenset(
    {
        "final",
        "needs-adaptation",
        "needs-l10n",
        "needs-review-adaptation",
        "needs-review-l10n",
        "needs-review-translation",
        "needs-translation",
        "new",
        "signed-off",
        "translated",
    }
)


def _clean(text: str) -> str:
    """Text XML can hold: characters it cannot (and lone surrogates) are replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _language(review: Review, side: str) -> str:
    settings = dict(review.meta.settings)
    tag = settings.get(f"bilingual_{side}_language", "") or getattr(
        review.meta, "original_language" if side == "source" else "translation_language"
    )
    return tag if _LANGUAGE_TAG.match(tag) and tag != "und" else "und"


def _plain_id(pair: PairRecord) -> str:
    """The review's own id of a pair as a unit id: ``P3`` for ``P3=P3``, else its pair id."""
    if pair.original_ids == pair.translation_ids:
        return ".".join(pair.original_ids)
    return pair.pair_id.replace("=", "_").replace("+", ".")


def unit_ids(review: Review) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Per pair id: (the unit id written, the CAT ids the pair shows), ids unique in the file.

    The unit id is the pair's first CAT id when it is a valid id, else the review's own;
    a repeat (the source and target of one CAT unit unlinked into two pairs) gets ``_2``.
    """
    cat = pair_cat_units(review)
    used: set[str] = set()
    out = {}
    for pair in review.pairs:
        ids = tuple(dict.fromkeys(u.id for u in cat.get(pair.pair_id, ()) if u.id))
        base = ids[0] if ids and _NMTOKEN.match(ids[0]) else _plain_id(pair)
        unit_id, n = base, 1
        while unit_id in used:
            n += 1
            unit_id = f"{base}_{n}"
        used.add(unit_id)
        out[pair.pair_id] = (unit_id, ids)
    return out


def _workbench_notes(pair: PairRecord) -> list[str]:
    """What the translator reads: the verdict, the comment, each error, the checks."""
    ann = pair.annotation
    notes = []
    if ann.status != "unreviewed":
        verdict = " · ".join(x for x in (ann.status, ann.category, ann.severity) if x)
        notes.append(f"Review: {verdict}" + (f" — {ann.reviewer}" if ann.reviewer else ""))
    if ann.comment:
        notes.append(f"Comment: {ann.comment}")
    notes += [f"Error: {describe(mark)}" for mark in ann.errors]
    notes += [f"Check: {message}" for message in pair.check_messages]
    return notes


def _fields(pair: PairRecord, unit_id: str, ids: tuple[str, ...]) -> list[tuple[str, str]]:
    fields = [("pair", pair.pair_id)]
    if ids and ids != (unit_id,):
        fields.append(("cat-ids", json.dumps(list(ids), ensure_ascii=False)))
    return fields + review_fields(pair.annotation)


def _state(pair: PairRecord, cat: tuple[CatUnit, ...], *, version: str) -> str:
    """The unit's state: the verdict when there is one, else the CAT tool's, else by target."""
    status = pair.annotation.status
    original = next((u.state for u in cat if u.state), "")
    if version == "2.0":
        known = original if original in _STATES_2 else _STATE_1_TO_2.get(original, "")
        if not pair.translation_text:
            return "initial"
        if status == "ok":
            return "final" if known == "final" else "reviewed"
        if status != "unreviewed":
            return "translated"
        return known or "translated"
    known = original if original in _STATES_1 else _STATE_2_TO_1.get(original, "")
    if status == "ok":
        return "final" if known == "final" else "signed-off"
    if status != "unreviewed":
        return "needs-review-translation"
    return known or "translated"


def _unit_2(etree: Any, parent: Any, pair: PairRecord, cat: tuple[CatUnit, ...], ids: Any) -> None:
    unit_id, cat_ids = ids
    unit = etree.SubElement(parent, f"{{{XLIFF_2}}}unit", id=unit_id)
    metadata = etree.SubElement(unit, f"{{{METADATA_2}}}metadata")
    group = etree.SubElement(metadata, f"{{{METADATA_2}}}metaGroup", category=WORKBENCH)
    for key, value in _fields(pair, unit_id, cat_ids):
        etree.SubElement(group, f"{{{METADATA_2}}}meta", type=key).text = _clean(value)
    notes = [(n, "") for u in cat for n in u.notes] + [
        (n, WORKBENCH) for n in _workbench_notes(pair)
    ]
    if notes:
        container = etree.SubElement(unit, f"{{{XLIFF_2}}}notes")
        for text, category in notes:
            note = etree.SubElement(container, f"{{{XLIFF_2}}}note")
            if category:
                note.set("category", category)
            note.text = _clean(text)
    segment = etree.SubElement(unit, f"{{{XLIFF_2}}}segment")
    state = _state(pair, cat, version="2.0")
    segment.set("state", state)
    if pair.annotation.status not in ("unreviewed", "ok"):
        segment.set("subState", f"{WORKBENCH}:{pair.annotation.status.replace(' ', '-')}")
    etree.SubElement(segment, f"{{{XLIFF_2}}}source").text = _clean(pair.original_text)
    if pair.translation_text:
        etree.SubElement(segment, f"{{{XLIFF_2}}}target").text = _clean(pair.translation_text)


def _unit_1(etree: Any, parent: Any, pair: PairRecord, cat: tuple[CatUnit, ...], ids: Any) -> None:
    unit_id, cat_ids = ids
    unit = etree.SubElement(parent, f"{{{XLIFF_1}}}trans-unit", id=unit_id)
    unit.set(_XML_SPACE, "preserve")
    if pair.annotation.status == "ok":
        unit.set("approved", "yes")
    etree.SubElement(unit, f"{{{XLIFF_1}}}source").text = _clean(pair.original_text)
    if pair.translation_text:
        target = etree.SubElement(unit, f"{{{XLIFF_1}}}target")
        target.text = _clean(pair.translation_text)
        target.set("state", _state(pair, cat, version="1.2"))
    # context-group names are unique in an XLIFF 1.2 document (the schema's
    # U_context-group_name), so each unit's group carries the unit id
    group = etree.SubElement(
        unit, f"{{{XLIFF_1}}}context-group", name=f"{WORKBENCH}-{unit_id}", purpose="information"
    )
    for key, value in _fields(pair, unit_id, cat_ids):
        context = etree.SubElement(
            group, f"{{{XLIFF_1}}}context", {"context-type": CONTEXT_PREFIX + key}
        )
        context.text = _clean(value)
    for text in (n for u in cat for n in u.notes):
        etree.SubElement(unit, f"{{{XLIFF_1}}}note").text = _clean(text)
    for text in _workbench_notes(pair):
        etree.SubElement(unit, f"{{{XLIFF_1}}}note", {"from": WORKBENCH}).text = _clean(text)


def to_xliff(review: Review, *, version: str = "2.0") -> bytes:
    """The review as XLIFF ``version`` (2.0 or 1.2): a unit per pair, the review in notes."""
    if version not in XLIFF_VERSIONS:
        raise ExportError(
            f"XLIFF version {version!r} is not written (expected one of "
            f"{', '.join(XLIFF_VERSIONS)})."
        )
    from lxml import etree  # slow import: only for this export

    source, target = _language(review, "source"), _language(review, "target")
    name = _clean(review.meta.original_name) or "original"
    if version == "2.0":
        nsmap = {None: XLIFF_2, "mda": METADATA_2}
        root = etree.Element(f"{{{XLIFF_2}}}xliff", nsmap=nsmap, version="2.0", srcLang=source)
        root.set("trgLang", target)
        body = etree.SubElement(root, f"{{{XLIFF_2}}}file", id="f1", original=name)
        body.set(_XML_SPACE, "preserve")
        write = _unit_2
    else:
        root = etree.Element(f"{{{XLIFF_1}}}xliff", nsmap={None: XLIFF_1}, version="1.2")
        file = etree.SubElement(root, f"{{{XLIFF_1}}}file", original=name, datatype="plaintext")
        file.set("source-language", source)
        file.set("target-language", target)
        body = etree.SubElement(file, f"{{{XLIFF_1}}}body")
        write = _unit_1
    ids = unit_ids(review)
    cat = pair_cat_units(review)
    for pair in review.pairs:
        write(etree, body, pair, cat.get(pair.pair_id, ()), ids[pair.pair_id])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
