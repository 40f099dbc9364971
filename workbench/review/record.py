"""The review record: one :class:`PairRecord` per bead plus provenance (:class:`ReviewMeta`).

A :class:`Review` is what an alignment file holds (see ``docs/alignment-format.md``): the
texts of both sides of every bead, what the analysis found and the reviewer's
annotation. It is self-contained, so :mod:`workbench.review.rebuild` can rebuild the
:class:`~workbench.model.Alignment` it came from and a session can resume exactly.

Its ``kind`` says what is being reviewed. In a plain review the translation side is the
translation under review. In a back-translation review it is the back-translation; the
forward translation (when given) is recorded in ``ReviewMeta.forward`` and beside each
pair as ``PairRecord.forward``, and annotations carry a discrepancy-log entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from workbench import config
from workbench.errors import AlignmentFileError
from workbench.model import (
    DECISIONS,
    DISCREPANCY_TYPES,
    MQM_CATEGORIES,
    SEVERITIES,
    STATUSES,
    Annotation,
    Level,
)
from workbench.review.marks import errors_problems

#: Version of the review record (CSV and JSON); bump it when a column or key is added.
#: 2 added the forward translation of a back-translation review (``forward_*``);
#: 3 added the review kind (``meta.kind``); 4 the errors marked on spans (``errors``);
#: 5 the units of the bilingual file a review was made from (``cat``).
FORMAT_VERSION = 5

_SURROGATE = re.compile("[\ud800-\udfff]")
_UNIT_ID = re.compile(r"^P([1-9][0-9]*)(?:\.S([1-9][0-9]*))?$")


class ReviewKind(StrEnum):
    """What a review compares: a translation with its original, or a back-translation."""

    TRANSLATION = "translation"
    BACK_TRANSLATION = "back-translation"


@dataclass(frozen=True)
class ForwardText:
    """The forward translation a back-translation was made from (provenance)."""

    name: str
    sha256: str
    language: str


@dataclass(frozen=True)
class ForwardPassage:
    """The forward-translation units shown beside one pair of a back-translation review."""

    ids: tuple[str, ...]
    text: str
    # Lengths of the units joined in ``text`` when there are two or more (see PairRecord).
    unit_lengths: tuple[int, ...] = ()


@dataclass(frozen=True)
class CatUnit:
    """A unit of the bilingual (CAT tool) file a review was made from, and where it went.

    ``original``/``translation`` are the review units (``P3``) its source and target
    became ("" for a side it had no text on); units a review grouped share them.
    """

    id: str  # the CAT tool's id ("" for a TMX tu without tuid)
    original: str
    translation: str
    state: str = ""
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class PairRecord:
    """One bead of the review: texts, analysis results and the reviewer's annotation."""

    pair_id: str
    kind: str
    original_ids: tuple[str, ...]
    translation_ids: tuple[str, ...]
    original_text: str
    translation_text: str
    similarity: float
    band: str
    checks: tuple[str, ...]
    check_messages: tuple[str, ...]
    annotation: Annotation
    order: int
    # The aligner's bead score and confidence, kept so the bead is rebuilt exactly.
    score: float = 0.0
    confidence: float = 0.0
    # Lengths (in characters) of the units joined in the texts, when a side has several:
    # the joiner can occur inside a unit, so the texts alone cannot be split back.
    original_unit_lengths: tuple[int, ...] = ()
    translation_unit_lengths: tuple[int, ...] = ()
    #: Back-translation review: the forward passage beside this pair (None elsewhere).
    forward: ForwardPassage | None = None
    #: Review of a bilingual file: the CAT units stored with this pair — those whose
    #: original unit it holds, or whose translation unit when they have no original.
    cat: tuple[CatUnit, ...] = ()


#: The fields of :class:`ReviewMeta` that are plain text (every file format writes them).
META_TEXT_FIELDS: tuple[str, ...] = (
    "project",
    "original_name",
    "translation_name",
    "original_sha256",
    "translation_sha256",
    "original_language",
    "translation_language",
    "level",
    "created_at",
    "tool_version",
)


@dataclass(frozen=True)
class ReviewMeta:
    """Provenance of a review: what was aligned, how, when and by which tool version."""

    format_version: int
    project: str
    original_name: str
    translation_name: str
    original_sha256: str
    translation_sha256: str
    original_language: str
    translation_language: str
    level: Level
    settings: tuple[tuple[str, str], ...]
    created_at: str
    tool_version: str
    kind: ReviewKind = ReviewKind.TRANSLATION
    #: Back-translation review: the forward translation, when one was given.
    forward: ForwardText | None = None

    @property
    def is_back_translation(self) -> bool:
        """True for a back-translation review (the translation side is the back-translation)."""
        return self.kind == ReviewKind.BACK_TRANSLATION


@dataclass(frozen=True)
class Review:
    """A whole review: provenance plus one record per bead, in document order."""

    meta: ReviewMeta
    pairs: tuple[PairRecord, ...]
    _index: Mapping[str, int] = field(default=None, init=False, repr=False, compare=False)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {p.pair_id: i for i, p in enumerate(self.pairs)})

    def __len__(self) -> int:
        return len(self.pairs)

    def by_id(self, pair_id: str) -> PairRecord:
        """The record of ``pair_id``; KeyError if the review has no such pair."""
        return self.pairs[self._index[pair_id]]

    def position(self, pair_id: str) -> int:
        """Where ``pair_id`` stands in ``pairs``; KeyError if the review has no such pair."""
        return self._index[pair_id]

    def __contains__(self, pair_id: object) -> bool:
        return pair_id in self._index

    def with_annotation(self, pair_id: str, annotation: Annotation) -> Review:
        """A copy of the review with one pair's annotation replaced."""
        i = self._index[pair_id]
        pairs = list(self.pairs)
        pairs[i] = replace(pairs[i], annotation=annotation)
        return Review(meta=self.meta, pairs=tuple(pairs))

    def with_annotations(self, annotations: Mapping[str, Annotation]) -> Review:
        """A copy with several annotations replaced (ids not in the review are ignored)."""
        pairs = tuple(
            replace(p, annotation=annotations[p.pair_id]) if p.pair_id in annotations else p
            for p in self.pairs
        )
        return Review(meta=self.meta, pairs=pairs)

    def annotations(self) -> dict[str, Annotation]:
        """Every pair's annotation by pair id."""
        return {p.pair_id: p.annotation for p in self.pairs}


# --- time stamps and annotation values ---------------------------------------------------


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds, e.g. ``2026-11-26T06:30:00.123Z``."""
    # Milliseconds, not seconds: merges decide by updated_at, and two tabs can write
    # within the same second.
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_timestamp(value: str) -> datetime | None:
    """An ISO 8601 timestamp as an aware datetime (naive ones taken as UTC); None if invalid.

    A time that has no UTC equivalent in the calendar (``9999-12-31T23:59:59-05:00``) is
    invalid too: every consumer converts to UTC.
    """
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value)
        stamp = stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
        stamp.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    return stamp


def newer(a: Annotation, b: Annotation) -> bool:
    """True if ``a`` was updated strictly later than ``b`` (missing timestamps are oldest)."""
    ta, tb = parse_timestamp(a.updated_at), parse_timestamp(b.updated_at)
    if ta is None:
        return False
    return tb is None or ta > tb


#: (field, what it is, allowed values) of every annotation field with a closed vocabulary.
_VOCABULARIES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("status", "a status", STATUSES),
    ("category", "an MQM category", MQM_CATEGORIES),
    ("severity", "a severity", SEVERITIES),
    ("discrepancy", "a discrepancy type", DISCREPANCY_TYPES),
    ("decision", "a decision", DECISIONS),
)


def annotation_problems(annotation: Annotation) -> list[tuple[str, str]]:
    """(field, message) for every field of ``annotation`` outside its allowed values."""
    log = annotation.log
    values = {
        "status": annotation.status,
        "category": annotation.category,
        "severity": annotation.severity,
        "discrepancy": log.discrepancy if log else "",
        "decision": log.decision if log else "",
    }
    problems = [
        (name, _not_one_of(values[name], what, allowed))
        for name, what, allowed in _VOCABULARIES
        if values[name] not in allowed
    ]
    if annotation.updated_at and parse_timestamp(annotation.updated_at) is None:
        problems.append(
            (
                "updated_at",
                f"{annotation.updated_at[:40]!r} is not an ISO 8601 time in UTC's range "
                "(expected e.g. '2026-11-26T06:30:00Z')",
            )
        )
    problems += _length_problems(annotation)
    return problems + errors_problems(annotation.errors)


def _length_problems(annotation: Annotation) -> list[tuple[str, str]]:
    """Free-text fields longer than the limits of ``workbench.config`` (reader and writer)."""
    log = annotation.log
    limits = {
        "comment": (annotation.comment, config.MAX_NOTE_CHARS),
        "reviewer": (annotation.reviewer, config.MAX_NAME_CHARS),
        "revised_text": (log.revised_text if log else "", config.MAX_NOTE_CHARS),
        "rationale": (log.rationale if log else "", config.MAX_NOTE_CHARS),
    }
    problems = [
        (name, f"{len(value):,} characters are more than the {limit:,} a {name} may hold")
        for name, (value, limit) in limits.items()
        if len(value) > limit
    ]
    return problems + [
        (name, "holds a lone surrogate, which is not a character and cannot be stored")
        for name, (value, _) in limits.items()
        if _SURROGATE.search(value)
    ]


_LANGUAGE = re.compile(r"^(?:[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*)?$")
_SHA256 = re.compile(r"^(?:[0-9a-f]{64})?$")


def meta_problems(meta: ReviewMeta) -> list[tuple[str, str]]:
    """(field, message) for every provenance value a reader must not trust."""
    forward = meta.forward
    languages = {
        "original_language": meta.original_language,
        "translation_language": meta.translation_language,
        "forward_language": forward.language if forward else "",
    }
    hashes = {
        "original_sha256": meta.original_sha256,
        "translation_sha256": meta.translation_sha256,
        "forward_sha256": forward.sha256 if forward else "",
    }
    problems = [
        (name, f"{value[:20]!r} is not a language code (expected e.g. 'en', 'zh-Hant', 'und')")
        for name, value in languages.items()
        if not _LANGUAGE.match(value)
    ]
    problems += [
        (name, f"{value[:20]!r} is not a sha256 (64 lowercase hex digits)")
        for name, value in hashes.items()
        if not _SHA256.match(value)
    ]
    if meta.created_at and parse_timestamp(meta.created_at) is None:
        problems.append(("created_at", f"{meta.created_at[:40]!r} is not an ISO 8601 time"))
    return problems


def check_annotation(annotation: Annotation) -> None:
    """Raise AlignmentFileError if the annotation cannot be stored (e.g. an unknown status)."""
    problems = annotation_problems(annotation)
    if problems:
        raise AlignmentFileError(
            "Cannot store this annotation: "
            + "; ".join(f"{name}: {msg}" for name, msg in problems)
            + "."
        )


def _not_one_of(value: str, what: str, allowed: Sequence[str]) -> str:
    shown = ", ".join(repr(a) for a in allowed)
    return f"{value!r} is not {what} (expected one of {shown})"


def unit_sort_key(unit_id: str) -> tuple[int, int]:
    """Sort key of a unit id: ``P3`` -> (3, 0), ``P3.S2`` -> (3, 2); ValueError if malformed."""
    m = _UNIT_ID.match(unit_id)
    if not m:
        raise ValueError(f"{unit_id!r} is not a unit id (expected e.g. 'P3' or 'P3.S2')")
    return int(m.group(1)), int(m.group(2) or 0)
