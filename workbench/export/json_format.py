"""JSON export of a review, and reading it back (a documented, versioned schema).

Schema (see ``docs/alignment-format.md``)::

    {"format_version": 2,
     "meta": {"project": …, "original_name": …, …, "settings": {key: value}},
     "pairs": [{"pair_id": …, "order": 0, "kind": "1:1", "original_ids": ["P1"], …,
                "annotation": {"status": …, "category": …, …}}, …]}
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import Any

from workbench.errors import AlignmentFileError
from workbench.model import BANDS, BEAD_KINDS, Annotation
from workbench.review import (
    FORMAT_VERSION,
    PairRecord,
    Review,
    ReviewMeta,
    annotation_problems,
)

_TUPLE_FIELDS = (
    "original_ids",
    "translation_ids",
    "checks",
    "check_messages",
    "original_unit_lengths",
    "translation_unit_lengths",
    "forward_ids",
    "forward_unit_lengths",
)
# Fields added after version 1, with the value a file of an older version implies.
_META_DEFAULTS = {"forward_name": "", "forward_sha256": "", "forward_language": ""}
_PAIR_DEFAULTS: dict[str, Any] = {
    "forward_ids": (),
    "forward_text": "",
    "forward_unit_lengths": (),
}


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review as plain JSON-ready data (the schema of :func:`to_json`)."""
    meta = asdict(review.meta)
    meta["settings"] = dict(review.meta.settings)
    meta.pop("format_version")  # written as the current version, at the top level
    pairs = []
    for pair in review.pairs:
        item = asdict(pair)
        for name in _TUPLE_FIELDS:
            item[name] = list(item[name])
        pairs.append(item)
    return {"format_version": FORMAT_VERSION, "meta": meta, "pairs": pairs}


def to_json(review: Review) -> bytes:
    """The review as UTF-8 JSON (indented, keys in a fixed order, ids stable)."""
    text = json.dumps(review_to_dict(review), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def _fail(where: str, message: str) -> AlignmentFileError:
    return AlignmentFileError(f"JSON review, {where}: {message}.")


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    # bool is an int subclass; a JSON true is never a valid number here.
    if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
        raise _fail(where, f"{value!r} is not of the expected type")
    return value


def from_json(data: bytes) -> Review:
    """Read a review written by :func:`to_json`; AlignmentFileError if it is malformed."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AlignmentFileError(f"Not a JSON review: {exc}.") from None
    _expect(doc, dict, "top level")
    version = _expect(doc.get("format_version"), int, "format_version")
    if version > FORMAT_VERSION:
        raise AlignmentFileError(
            f"This JSON review is in format version {version}, newer than this workbench "
            f"can read (up to version {FORMAT_VERSION}); update workbench to open it."
        )
    raw_meta = _expect(doc.get("meta"), dict, "meta")
    meta_kwargs: dict[str, Any] = {"format_version": version}
    for f in fields(ReviewMeta):
        if f.name == "format_version":
            continue
        if f.name not in raw_meta and f.name in _META_DEFAULTS:
            meta_kwargs[f.name] = _META_DEFAULTS[f.name]
            continue
        if f.name not in raw_meta:
            raise _fail("meta", f"the key {f.name!r} is missing")
        value = raw_meta[f.name]
        if f.name == "settings":
            _expect(value, dict, "meta.settings")
            value = tuple((str(k), _expect(v, str, f"meta.settings.{k}")) for k, v in value.items())
        else:
            _expect(value, str, f"meta.{f.name}")
        meta_kwargs[f.name] = value
    pairs = []
    for n, item in enumerate(_expect(doc.get("pairs"), list, "pairs")):
        where = f"pairs[{n}]"
        _expect(item, dict, where)
        pairs.append(_pair(item, where))
    ids = [p.pair_id for p in pairs]
    if len(set(ids)) != len(ids):
        raise _fail("pairs", "a pair id appears twice")
    return Review(meta=ReviewMeta(**meta_kwargs), pairs=tuple(sorted(pairs, key=lambda p: p.order)))


def _pair(item: dict[str, Any], where: str) -> PairRecord:
    kwargs: dict[str, Any] = {}
    for f in fields(PairRecord):
        if f.name not in item:
            if f.name in ("score", "confidence"):
                kwargs[f.name] = 0.0
                continue
            if f.name.endswith("_unit_lengths"):
                kwargs[f.name] = ()
                continue
            if f.name in _PAIR_DEFAULTS:
                kwargs[f.name] = _PAIR_DEFAULTS[f.name]
                continue
            raise _fail(where, f"the key {f.name!r} is missing")
        value = item[f.name]
        if f.name == "annotation":
            _expect(value, dict, f"{where}.annotation")
            known = {a.name for a in fields(Annotation)}
            ann = Annotation(
                **{
                    k: _expect(v, str, f"{where}.annotation.{k}")
                    for k, v in value.items()
                    if k in known
                }
            )
            problems = annotation_problems(ann)
            if problems:
                raise _fail(f"{where}.annotation.{problems[0][0]}", problems[0][1])
            value = ann
        elif f.name in _TUPLE_FIELDS:
            item_type = int if f.name.endswith("_lengths") else str
            value = tuple(
                _expect(v, item_type, f"{where}.{f.name}") for v in _expect(value, list, where)
            )
        elif f.name in ("similarity", "score", "confidence"):
            value = float(_expect(value, (int, float), f"{where}.{f.name}"))
        elif f.name == "order":
            value = _expect(value, int, f"{where}.order")
        else:
            value = _expect(value, str, f"{where}.{f.name}")
        kwargs[f.name] = value
    if kwargs["kind"] not in BEAD_KINDS:
        raise _fail(f"{where}.kind", f"{kwargs['kind']!r} is not a bead kind")
    if kwargs["band"] not in BANDS:
        raise _fail(f"{where}.band", f"{kwargs['band']!r} is not a band")
    return PairRecord(**kwargs)
