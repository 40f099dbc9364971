"""The units of XLIFF 1.2, XLIFF 2.0 and TMX 1.4 trees (``docs/bilingual.md``).

Each reader takes the parsed root element and returns the source and target languages
and the units in file order. Inline markup keeps the text a reader sees: the content of
paired tags (``<g>``, ``<pc>``, ``<mrk>``, ``<hi>``) is text, native codes (``<ph>``,
``<bpt>``, ``<ept>``, ``<it>``, ``<ut>``) and placeholders (``<x/>``, ``<sc/>`` …) are not.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from workbench.errors import InputError
from workbench.safejson import UnsafeJSON, loads

XLIFF_1 = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF_1_OTHER = ("urn:oasis:names:tc:xliff:document:1.1", "")
XLIFF_2 = "urn:oasis:names:tc:xliff:document:2.0"
METADATA_2 = "urn:oasis:names:tc:xliff:metadata:2.0"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: Who wrote the notes and the review fields of the workbench's own XLIFF export.
WORKBENCH = "workbench"
#: The context-type prefix of a review field in XLIFF 1.2 (``x-workbench-status``).
CONTEXT_PREFIX = "x-workbench-"
#: Most CAT ids one unit may carry (a grouped pair of the workbench's export).
_MAX_IDS = 1000

# Inline elements whose content is native code, not text (both XLIFF versions, TMX).
_CODES = frozenset({"ph", "bpt", "ept", "it", "ut", "sub"})


@dataclass(frozen=True)
class BilingualUnit:
    """One unit of a bilingual file: its texts and what the CAT tool said about it.

    ``ids`` is the CAT tool's id (several when the unit stands for units a review
    grouped, as the workbench's own XLIFF export writes them; empty for a TMX ``tu``
    without ``tuid``); ``review`` the workbench review fields a file exported by the
    workbench carries (key, value), empty otherwise.
    """

    ids: tuple[str, ...]
    source: str
    target: str
    notes: tuple[str, ...] = ()
    state: str = ""
    group: str = ""
    review: tuple[tuple[str, str], ...] = ()


Reader = Callable[..., tuple[str, str, list[BilingualUnit]]]


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _ns(tag: object) -> str:
    return str(tag)[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""


def root_format(tag: object, version: str) -> str | None:
    """The format a root element names (``xliff-1.2``, ``xliff-2.0``, ``tmx-1.4``), or None."""
    name, ns, major = _local(tag), _ns(tag), version.strip().split(".")[0]
    if name == "xliff" and (ns == XLIFF_1 or (ns in XLIFF_1_OTHER and major == "1")):
        return "xliff-1.2"
    if name == "xliff" and ns == XLIFF_2 and major == "2":
        return "xliff-2.0"
    if name == "tmx" and not ns and major == "1":
        return "tmx-1.4"
    if name in ("xliff", "tmx"):
        return f"{name}-{version.strip() or '?'}"  # a version we do not read
    return None


def inline_text(element: Any) -> str:
    """The text of a source/target/seg element, without native codes and placeholders."""
    parts: list[str] = [element.text or ""]
    for child in element:
        name = _local(child.tag)
        if name == "cp":  # XLIFF 2.0: a character XML cannot hold, by code point
            parts.append(_code_point(child.get("hex", "")))
        elif name not in _CODES and isinstance(child.tag, str):
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _code_point(hex_value: str) -> str:
    try:
        value = int(hex_value, 16)
    except ValueError:
        return ""
    return "\ufffd" if 0xD800 <= value <= 0xDFFF or value > 0x10FFFF else chr(value)


def _children(element: Any, ns: str, name: str) -> Iterator[Any]:
    return element.iterchildren(f"{{{ns}}}{name}" if ns else name)


def _first(element: Any, ns: str, name: str) -> Any:
    return next(_children(element, ns, name), None)


def _ids(own: str, review: dict[str, str], *, where: str) -> tuple[str, ...]:
    """The unit's CAT ids: the workbench's ``cat-ids`` field when present, else its id."""
    raw = review.pop("cat-ids", "")
    if not raw:
        return (own,) if own else ()
    try:
        ids = loads(raw, max_chars=200_000, max_depth=1)
    except UnsafeJSON as exc:
        raise InputError(
            f"{where}: its workbench field 'cat-ids' is not a JSON list ({exc})."
        ) from None
    if (
        not isinstance(ids, list)
        or len(ids) > _MAX_IDS
        or not all(isinstance(i, str) and i for i in ids)
    ):
        raise InputError(f"{where}: its workbench field 'cat-ids' is not a list of ids.")
    return tuple(ids)


# --- XLIFF 1.2 -------------------------------------------------------------------------


def _review_1(unit: Any, ns: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for group in _children(unit, ns, "context-group"):
        name = group.get("name", "")
        # "workbench-UNIT" since the names are unique per file; "workbench" before
        if name != WORKBENCH and not name.startswith(f"{WORKBENCH}-"):
            continue
        for context in _children(group, ns, "context"):
            key = context.get("context-type", "")
            if key.startswith(CONTEXT_PREFIX):
                fields[key.removeprefix(CONTEXT_PREFIX)] = context.text or ""
    return fields


def _unit_1(unit: Any, ns: str, *, group: str, where: str) -> BilingualUnit:
    source = _first(unit, ns, "source")
    target = _first(unit, ns, "target")
    review = _review_1(unit, ns)
    return BilingualUnit(
        ids=_ids(unit.get("id", ""), review, where=where),
        source=inline_text(source) if source is not None else "",
        target=inline_text(target) if target is not None else "",
        notes=tuple(
            n.text or ""
            for n in _children(unit, ns, "note")
            if n.get("from") != WORKBENCH and (n.text or "").strip()
        ),
        state=target.get("state", "") if target is not None else "",
        group=group,
        review=tuple(review.items()),
    )


def read_xliff_1(root: Any, *, name: str) -> tuple[str, str, list[BilingualUnit]]:
    """XLIFF 1.x: every ``<trans-unit>`` of every ``<file>``, grouped by its ``<group>``."""
    ns = _ns(root.tag)
    files = list(_children(root, ns, "file"))
    if not files:
        raise InputError(f"“{name}” is XLIFF 1.2 without a <file> element.")
    units: list[BilingualUnit] = []
    for file in files:
        for tu in file.iter(f"{{{ns}}}trans-unit" if ns else "trans-unit"):
            parent = tu.getparent()
            group = parent.get("id", "") if _local(parent.tag) == "group" else ""
            where = f"“{name}”, trans-unit {tu.get('id', '?')!r}"
            units.append(_unit_1(tu, ns, group=group, where=where))
    return files[0].get("source-language", ""), files[0].get("target-language", ""), units


# --- XLIFF 2.0 -------------------------------------------------------------------------


def _review_2(unit: Any) -> dict[str, str]:
    fields: dict[str, str] = {}
    for meta_group in unit.iter(f"{{{METADATA_2}}}metaGroup"):
        if meta_group.get("category") != WORKBENCH:
            continue
        for meta in _children(meta_group, METADATA_2, "meta"):
            fields[meta.get("type", "")] = meta.text or ""
    return fields


def _notes_2(unit: Any, segments: list[Any]) -> tuple[str, ...]:
    """The unit's notes (and those some writers put in its segments, which 2.0 does not allow)."""
    containers = [_first(e, XLIFF_2, "notes") for e in (unit, *segments)]
    return tuple(
        n.text or ""
        for c in containers
        if c is not None
        for n in _children(c, XLIFF_2, "note")
        if n.get("category") != WORKBENCH and (n.text or "").strip()
    )


def _segments_2(unit: Any, *, name: str) -> list[BilingualUnit]:
    uid = unit.get("id", "")
    segments = list(_children(unit, XLIFF_2, "segment"))
    parent = unit.getparent()
    group = parent.get("id", "") if _local(parent.tag) == "group" else ""
    notes = _notes_2(unit, segments)
    review = _review_2(unit)
    ids = _ids(uid, review, where=f"“{name}”, unit {uid!r}")
    out = []
    for k, segment in enumerate(segments):
        source = _first(segment, XLIFF_2, "source")
        target = _first(segment, XLIFF_2, "target")
        if len(segments) > 1:  # translate-toolkit's ids of the segments of one unit
            sid = segment.get("id") or f"segment-{k + 1}"
            ids, group = (f"{uid}::{sid}",), uid
        out.append(
            BilingualUnit(
                ids=ids,
                source=inline_text(source) if source is not None else "",
                target=inline_text(target) if target is not None else "",
                notes=notes if k == 0 else (),
                state=segment.get("state", ""),
                group=group,
                review=tuple(review.items()) if k == 0 else (),
            )
        )
    return out


def read_xliff_2(root: Any, *, name: str) -> tuple[str, str, list[BilingualUnit]]:
    """XLIFF 2.x: every ``<segment>`` of every ``<unit>`` (a unit of several is a group)."""
    units: list[BilingualUnit] = []
    for unit in root.iter(f"{{{XLIFF_2}}}unit"):
        units.extend(_segments_2(unit, name=name))
    return root.get("srcLang", ""), root.get("trgLang", ""), units


# --- TMX 1.4 ---------------------------------------------------------------------------


def _tuv_language(tuv: Any) -> str:
    return (tuv.get(_XML_LANG) or tuv.get("lang") or "").strip()


def _same_language(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a.split("-")[0] == b.split("-")[0]


def _tu(tu: Any, source_language: str) -> tuple[str, BilingualUnit]:
    """(target language, unit) of one ``<tu>``: the tuv in the source language is its source."""
    tuvs = list(_children(tu, "", "tuv"))
    source_tuv = next(
        (t for t in tuvs if _same_language(_tuv_language(t), source_language)),
        tuvs[0] if tuvs else None,
    )
    target_tuv = next((t for t in tuvs if t is not source_tuv), None)

    def text(tuv: Any) -> str:
        seg = _first(tuv, "", "seg") if tuv is not None else None
        return inline_text(seg) if seg is not None else ""

    unit = BilingualUnit(
        ids=(tu.get("tuid"),) if tu.get("tuid") else (),
        source=text(source_tuv),
        target=text(target_tuv),
        notes=tuple(n.text or "" for n in _children(tu, "", "note") if (n.text or "").strip()),
    )
    return (_tuv_language(target_tuv) if target_tuv is not None else ""), unit


def read_tmx(root: Any, *, name: str) -> tuple[str, str, list[BilingualUnit]]:
    """TMX 1.x: every ``<tu>``; the source is the tuv in the header's ``srclang``."""
    header = _first(root, "", "header")
    body = _first(root, "", "body")
    if body is None:
        raise InputError(f"“{name}” is TMX without a <body> element.")
    source_language = header.get("srclang", "") if header is not None else ""
    if source_language.lower() == "*all*":
        source_language = ""
    units, targets = [], []
    for tu in _children(body, "", "tu"):
        if not source_language:
            first = _first(tu, "", "tuv")
            source_language = _tuv_language(first) if first is not None else ""
        target_language, unit = _tu(tu, source_language)
        units.append(unit)
        targets.append(target_language)
    target = max(set(targets), key=targets.count) if any(targets) else ""
    return source_language, target, units


#: The reader of each format :func:`root_format` names.
FORMATS: dict[str, Reader] = {
    "xliff-1.2": read_xliff_1,
    "xliff-2.0": read_xliff_2,
    "tmx-1.4": read_tmx,
}
