"""The provenance cell of an alignment CSV (``meta``), read without trusting it."""

from __future__ import annotations

from workbench import safejson
from workbench.model import Level
from workbench.review.record import ForwardText, ReviewKind, ReviewMeta, meta_problems
from workbench.store.csv_row import Row
from workbench.store.csv_write import META_KEY_SINCE, META_KEYS

#: The provenance cell is a few kilobytes; anything far larger or deeper is not ours.
MAX_META_CHARS = 65_536
MAX_META_DEPTH = 4


def _shown(value: object) -> str:
    """A value for an error message, cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _meta_values(row: Row, version: int) -> dict[str, object]:
    """The ``meta`` cell as a dict, every key of the file's version present and well typed."""
    try:
        data = safejson.loads(row.get("meta"), max_chars=MAX_META_CHARS, max_depth=MAX_META_DEPTH)
    except safejson.UnsafeJSON as exc:
        raise row.fail("meta", f"cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise row.fail("meta", "is not a JSON object")
    keys = [k for k in META_KEYS if META_KEY_SINCE.get(k, 1) <= version]
    missing = [k for k in keys if k not in data]
    if missing:
        raise row.fail("meta", f"lacks the keys {', '.join(missing)}")
    for key in keys:
        value = data[key]
        if key == "settings":
            ok = isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        elif key.endswith("_units"):
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
        else:
            ok = isinstance(value, str)
        if not ok:
            raise row.fail("meta", f"key {key!r} has an invalid value {_shown(value)}")
    if data["level"] not in tuple(Level):
        raise row.fail("meta", f"level {data['level']!r} is not 'paragraph' or 'sentence'")
    if version >= 3 and data["kind"] not in tuple(ReviewKind):
        shown = ", ".join(repr(k.value) for k in ReviewKind)
        raise row.fail("meta", f"kind {data['kind']!r} is not one of {shown}")
    return data


def parse_meta(row: Row, version: int) -> tuple[ReviewMeta, dict[str, object]]:
    """The provenance of a file of ``version``, and the raw cell (for its unit counts)."""
    data = _meta_values(row, version)
    # Keys newer than the file's version take their default (empty).
    name, sha256, language = (
        str(data.get(k, "")) if version >= 2 else ""
        for k in ("forward_name", "forward_sha256", "forward_language")
    )
    forward = ForwardText(name, sha256, language) if name or sha256 else None
    if version >= 3:
        kind = ReviewKind(data["kind"])
    else:  # before version 3 only a forward translation marked a back-translation review
        kind = ReviewKind.BACK_TRANSLATION if forward else ReviewKind.TRANSLATION
    meta = ReviewMeta(
        format_version=version,
        project=data["project"],
        original_name=data["original_name"],
        translation_name=data["translation_name"],
        original_sha256=data["original_sha256"],
        translation_sha256=data["translation_sha256"],
        original_language=data["original_language"],
        translation_language=data["translation_language"],
        level=Level(data["level"]),
        settings=tuple(data["settings"].items()),
        created_at=data["created_at"],
        tool_version=data["tool_version"],
        kind=kind,
        forward=forward,
    )
    problems = meta_problems(meta)
    if problems:
        raise row.fail("meta", f"key {problems[0][0]!r}: {problems[0][1]}")
    return meta, data
