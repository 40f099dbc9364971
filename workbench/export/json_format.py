"""JSON export of a review, and reading it back (a documented, versioned schema).

Schema (see ``docs/alignment-format.md``)::

    {"format_version": 5,
     "meta": {"project": …, "original_name": …, …, "settings": {key: value},
              "kind": "translation", "forward_name": "", …},
     "pairs": [{"pair_id": …, "order": 0, "kind": "1:1", "original_ids": ["P1"], …,
                "forward_ids": [], "forward_text": "", "forward_unit_lengths": [],
                "cat": [{"id": "u1", "original": "P1", "translation": "P1",
                         "state": "translated", "notes": []}],
                "annotation": {"status": …, "category": …, …, "discrepancy": "", …,
                               "errors": [{"category": …, "severity": …, "side": …,
                                           "start": 0, "end": 5, "quote": …,
                                           "comment": …}]}}, …]}

The layout is flat, like the CSV record's columns: a review without a forward
translation or a discrepancy log has those keys empty. Files of older versions are
read with the missing keys at their defaults.
"""

from __future__ import annotations

import json
from typing import Any

from workbench import config, safejson
from workbench.errors import AlignmentFileError
from workbench.export.cells import utf8
from workbench.model import BANDS, BEAD_KINDS, Annotation, DiscrepancyEntry, Level
from workbench.review.cat import CatFormatError, cat_from_data, cat_problems, cat_to_data
from workbench.review.marks import (
    MarkFormatError,
    errors_from_data,
    errors_to_data,
    text_problems,
)
from workbench.review.record import (
    FORMAT_VERSION,
    META_TEXT_FIELDS,
    ForwardPassage,
    ForwardText,
    PairRecord,
    Review,
    ReviewKind,
    ReviewMeta,
    annotation_problems,
    meta_problems,
)

_META_TEXT = META_TEXT_FIELDS
#: Nesting of the schema: top level, pairs, a pair, its annotation, its errors, an error.
MAX_DEPTH = 6
_FORWARD_META = ("forward_name", "forward_sha256", "forward_language")
_ANNOTATION = ("status", "category", "severity", "comment", "reviewer", "updated_at")
_LOG = ("discrepancy", "decision", "revised_text", "rationale")
_PAIR_TEXT = ("pair_id", "kind", "original_text", "translation_text", "band")
_PAIR_LISTS = (
    "original_ids",
    "translation_ids",
    "checks",
    "check_messages",
    "original_unit_lengths",
    "translation_unit_lengths",
)
_OPTIONAL_LISTS = ("original_unit_lengths", "translation_unit_lengths")


def _meta_dict(meta: ReviewMeta) -> dict[str, Any]:
    out: dict[str, Any] = {key: str(getattr(meta, key)) for key in _META_TEXT}
    out["settings"] = dict(meta.settings)
    out["kind"] = str(meta.kind)
    forward = meta.forward
    out["forward_name"] = forward.name if forward else ""
    out["forward_sha256"] = forward.sha256 if forward else ""
    out["forward_language"] = forward.language if forward else ""
    return out


def _pair_dict(pair: PairRecord) -> dict[str, Any]:
    out: dict[str, Any] = {key: getattr(pair, key) for key in _PAIR_TEXT}
    out["order"] = pair.order
    out["similarity"] = pair.similarity
    out["score"] = pair.score
    out["confidence"] = pair.confidence
    for key in _PAIR_LISTS:
        out[key] = list(getattr(pair, key))
    forward = pair.forward
    out["forward_ids"] = list(forward.ids) if forward else []
    out["forward_text"] = forward.text if forward else ""
    out["forward_unit_lengths"] = list(forward.unit_lengths) if forward else []
    out["cat"] = cat_to_data(pair.cat)
    ann = pair.annotation
    log = ann.log or DiscrepancyEntry()
    annotation = {key: getattr(ann, key) for key in _ANNOTATION}
    annotation.update({key: getattr(log, key) for key in _LOG})
    annotation["errors"] = errors_to_data(ann.errors)
    out["annotation"] = annotation
    return out


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review as plain JSON-ready data (the schema of :func:`to_json`)."""
    return {
        "format_version": FORMAT_VERSION,
        "meta": _meta_dict(review.meta),
        "pairs": [_pair_dict(p) for p in review.pairs],
    }


def to_json(review: Review) -> bytes:
    """The review as UTF-8 JSON (indented, keys in a fixed order, ids stable)."""
    text = json.dumps(review_to_dict(review), ensure_ascii=False, indent=1)
    return utf8(text + "\n")


# --- reading ---------------------------------------------------------------------------


def _fail(where: str, message: str) -> AlignmentFileError:
    return AlignmentFileError(f"JSON review, {where}: {message}.")


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    # bool is an int subclass; a JSON true is never a valid number here.
    if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
        raise _fail(where, f"{value!r} is not of the expected type")
    return value


def _text(data: dict[str, Any], key: str, where: str, *, default: str | None = None) -> str:
    if key not in data:
        if default is None:
            raise _fail(where, f"the key {key!r} is missing")
        return default
    return _expect(data[key], str, f"{where}.{key}")


def _list(data: dict[str, Any], key: str, item: type, where: str, *, optional: bool) -> tuple:
    if key not in data:
        if optional:
            return ()
        raise _fail(where, f"the key {key!r} is missing")
    values = _expect(data[key], list, f"{where}.{key}")
    return tuple(_expect(v, item, f"{where}.{key}") for v in values)


def _meta(raw: dict[str, Any], version: int) -> ReviewMeta:
    values = {key: _text(raw, key, "meta") for key in _META_TEXT}
    if values["level"] not in tuple(Level):
        raise _fail("meta.level", f"{values['level']!r} is not 'paragraph' or 'sentence'")
    settings = _expect(raw.get("settings"), dict, "meta.settings")
    forward = [_text(raw, key, "meta", default="") for key in _FORWARD_META]
    kind = _text(raw, "kind", "meta", default="")
    if not kind:  # before version 3 only a forward translation marked a back-translation
        kind = ReviewKind.BACK_TRANSLATION if forward[0] or forward[1] else ReviewKind.TRANSLATION
    if kind not in tuple(ReviewKind):
        raise _fail("meta.kind", f"{kind!r} is not a review kind")
    meta = ReviewMeta(
        format_version=version,
        **{k: v for k, v in values.items() if k != "level"},
        level=Level(values["level"]),
        settings=tuple(
            (str(k), _expect(v, str, f"meta.settings.{k}")) for k, v in settings.items()
        ),
        kind=ReviewKind(kind),
        forward=ForwardText(*forward) if forward[0] or forward[1] else None,
    )
    problems = meta_problems(meta)
    if problems:
        raise _fail(f"meta.{problems[0][0]}", problems[0][1])
    return meta


def _annotation(raw: Any, where: str) -> Annotation:
    raw = _expect(raw, dict, where)
    blank = Annotation()
    values = {
        key: _text(raw, key, where, default=getattr(blank, key, "")) for key in _ANNOTATION + _LOG
    }
    try:
        errors = errors_from_data(raw.get("errors", []))
    except MarkFormatError as exc:
        raise _fail(f"{where}.errors", str(exc)) from None
    annotation = Annotation(
        **{key: values[key] for key in _ANNOTATION},
        log=DiscrepancyEntry(**{key: values[key] for key in _LOG}),
        errors=errors,
    )
    problems = annotation_problems(annotation)
    if problems:
        raise _fail(f"{where}.{problems[0][0]}", problems[0][1])
    return annotation


def _number(item: dict[str, Any], key: str, where: str, *, default: float | None) -> float:
    if key not in item and default is not None:
        return default
    return float(_expect(item.get(key), (int, float), f"{where}.{key}"))


def _pair(item: dict[str, Any], where: str) -> PairRecord:
    texts = {key: _text(item, key, where) for key in _PAIR_TEXT}
    lists = {
        key: _list(
            item,
            key,
            int if key.endswith("_lengths") else str,
            where,
            optional=key in _OPTIONAL_LISTS,
        )
        for key in _PAIR_LISTS
    }
    if texts["kind"] not in BEAD_KINDS:
        raise _fail(f"{where}.kind", f"{texts['kind']!r} is not a bead kind")
    if texts["band"] not in BANDS:
        raise _fail(f"{where}.band", f"{texts['band']!r} is not a band")
    annotation = _annotation(item.get("annotation"), f"{where}.annotation")
    problems = text_problems(annotation.errors, texts["original_text"], texts["translation_text"])
    if problems:
        raise _fail(f"{where}.annotation.errors", problems[0])
    forward_ids = _list(item, "forward_ids", str, where, optional=True)
    forward = ForwardPassage(
        forward_ids,
        _text(item, "forward_text", where, default=""),
        _list(item, "forward_unit_lengths", int, where, optional=True),
    )
    try:
        cat = cat_from_data(item.get("cat", []))
    except CatFormatError as exc:
        raise _fail(f"{where}.cat", str(exc)) from None
    pair = PairRecord(
        **texts,
        **lists,
        similarity=_number(item, "similarity", where, default=None),
        annotation=annotation,
        order=_expect(item.get("order"), int, f"{where}.order"),
        score=_number(item, "score", where, default=0.0),
        confidence=_number(item, "confidence", where, default=0.0),
        forward=forward if forward_ids else None,
        cat=cat,
    )
    problems = cat_problems(pair)
    if problems:
        raise _fail(f"{where}.cat", problems[0])
    return pair


def from_json(data: bytes) -> Review:
    """Read a review written by :func:`to_json`; AlignmentFileError if it is malformed."""
    try:
        # both texts of every pair, JSON-escaped: a few times the largest document
        doc = safejson.loads(
            data.decode("utf-8-sig"), max_chars=8 * config.MAX_CHARS, max_depth=MAX_DEPTH
        )
    except (UnicodeDecodeError, safejson.UnsafeJSON) as exc:
        raise AlignmentFileError(f"Not a JSON review: {exc}.") from None
    _expect(doc, dict, "top level")
    version = _expect(doc.get("format_version"), int, "format_version")
    if version > FORMAT_VERSION:
        raise AlignmentFileError(
            f"This JSON review is in format version {version}, newer than this workbench "
            f"can read (up to version {FORMAT_VERSION}); update workbench to open it."
        )
    meta = _meta(_expect(doc.get("meta"), dict, "meta"), version)
    pairs = []
    for n, item in enumerate(_expect(doc.get("pairs"), list, "pairs")):
        pairs.append(_pair(_expect(item, dict, f"pairs[{n}]"), f"pairs[{n}]"))
    ids = [p.pair_id for p in pairs]
    if len(set(ids)) != len(ids):
        raise _fail("pairs", "a pair id appears twice")
    return Review(meta=meta, pairs=tuple(sorted(pairs, key=lambda p: p.order)))
