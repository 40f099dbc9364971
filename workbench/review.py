"""The review record: one :class:`PairRecord` per bead plus provenance, and its summary.

A :class:`Review` is what the alignment CSV file holds (see ``docs/alignment-format.md``):
the texts of both sides of every bead, what the analysis found, and the reviewer's
annotation. It is self-contained, so :func:`review_to_alignment` can rebuild the
:class:`~workbench.model.Alignment` it came from and a session can resume exactly.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from workbench import __version__
from workbench.errors import AlignmentFileError
from workbench.model import (
    DECISIONS,
    DISCREPANCY_TYPES,
    MQM_CATEGORIES,
    MQM_WEIGHTS,
    SEVERITIES,
    STATUSES,
    UNIT_JOINERS,
    Alignment,
    AlignSettings,
    Annotation,
    Bead,
    Document,
    PairDivergence,
    Segment,
    Sentence,
)

logger = logging.getLogger(__name__)

#: Version of the review record (CSV and JSON); bump it when a column is added or changes.
#: 2 added the forward translation of a back-translation review (``forward_*``).
FORMAT_VERSION = 2

#: Severity implied by a status when the reviewer left the severity empty.
STATUS_SEVERITY: Mapping[str, str] = {
    "minor issue": "minor",
    "major issue": "major",
    "critical": "critical",
}

_UNIT_ID = re.compile(r"^P([1-9][0-9]*)(?:\.S([1-9][0-9]*))?$")
_KNOWN_SETTINGS = ("level", "mode", "mode_used", "pivot_name", "pivot_sha256")


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
    # Back-translation review (``workbench.reconcile``): the forward-translation units
    # matching this bead's back-translation units, and their text (joined like the others).
    forward_ids: tuple[str, ...] = ()
    forward_text: str = ""
    forward_unit_lengths: tuple[int, ...] = ()


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
    level: str
    settings: tuple[tuple[str, str], ...]
    created_at: str
    tool_version: str
    # Back-translation review: the forward translation shown beside each pair (empty
    # in a plain review, where "translation" is the translation under review).
    forward_name: str = ""
    forward_sha256: str = ""
    forward_language: str = ""


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


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds, e.g. ``2026-11-26T06:30:00.123Z``."""
    # Milliseconds, not seconds: merges decide by updated_at, and two tabs can write
    # within the same second.
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_timestamp(value: str) -> datetime | None:
    """An ISO 8601 timestamp as an aware datetime (naive ones taken as UTC); None if invalid."""
    if not value:
        return None
    try:
        stamp = datetime.fromisoformat(value)
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def newer(a: Annotation, b: Annotation) -> bool:
    """True if ``a`` was updated strictly later than ``b`` (missing timestamps are oldest)."""
    ta, tb = parse_timestamp(a.updated_at), parse_timestamp(b.updated_at)
    if ta is None:
        return False
    return tb is None or ta > tb


def annotation_problems(annotation: Annotation) -> list[tuple[str, str]]:
    """(field, message) for every field of ``annotation`` outside its allowed values."""
    problems = []
    if annotation.status not in STATUSES:
        problems.append(("status", _not_one_of(annotation.status, "a status", STATUSES)))
    if annotation.category not in MQM_CATEGORIES:
        problems.append(
            ("category", _not_one_of(annotation.category, "an MQM category", MQM_CATEGORIES))
        )
    if annotation.severity not in SEVERITIES:
        problems.append(("severity", _not_one_of(annotation.severity, "a severity", SEVERITIES)))
    if annotation.discrepancy not in DISCREPANCY_TYPES:
        problems.append(
            (
                "discrepancy",
                _not_one_of(annotation.discrepancy, "a discrepancy type", DISCREPANCY_TYPES),
            )
        )
    if annotation.decision not in DECISIONS:
        problems.append(("decision", _not_one_of(annotation.decision, "a decision", DECISIONS)))
    if annotation.updated_at and parse_timestamp(annotation.updated_at) is None:
        problems.append(
            (
                "updated_at",
                f"{annotation.updated_at!r} is not an ISO 8601 time "
                "(expected e.g. '2026-11-26T06:30:00Z')",
            )
        )
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


def _one_line(message: str) -> str:
    # check_messages are stored newline-separated, so a message is kept on one line.
    return " ".join(message.split("\n")).replace("\r", " ")


def build_review(
    alignment: Alignment,
    divergences: Sequence[PairDivergence],
    *,
    project: str,
    annotations: Mapping[str, Annotation] | None = None,
    created_at: str | None = None,
) -> Review:
    """The review record of an analysed alignment, with any known annotations attached.

    ``divergences`` are matched to beads by pair id; a bead without one gets similarity
    0, band "unaligned" for 1:0/0:1 beads (else "major") and no checks. Annotations of
    pair ids not in the alignment are dropped; pairs without one get ``Annotation()``.
    """
    by_id = {d.pair_id: d for d in divergences}
    annotations = annotations or {}
    dropped = set(annotations) - {alignment.pair_id(b) for b in alignment.beads}
    if dropped:
        logger.info("dropping %d annotations of pairs not in the alignment", len(dropped))
    pairs = []
    for order, bead in enumerate(alignment.beads):
        pid = alignment.pair_id(bead)
        o_ids, t_ids = alignment.unit_ids(bead)
        o_text, t_text = alignment.pair_texts(bead)
        div = by_id.get(pid)
        if div is not None:
            similarity, band = float(div.similarity), div.band
            checks = div.checks
            messages = tuple(_one_line(f.message) for f in div.findings)
        else:
            similarity = 0.0
            band = "unaligned" if not (bead.original and bead.translation) else "major"
            checks, messages = (), ()
        pairs.append(
            PairRecord(
                pair_id=pid,
                kind=bead.kind,
                original_ids=o_ids,
                translation_ids=t_ids,
                original_text=o_text,
                translation_text=t_text,
                # Two decimals is the precision the record keeps (and shows).
                similarity=round(similarity, 2),
                band=band,
                checks=tuple(checks),
                check_messages=messages,
                annotation=annotations.get(pid, Annotation()),
                order=order,
                score=float(bead.score),
                confidence=float(bead.confidence),
                original_unit_lengths=_unit_lengths(
                    alignment.original, alignment.level, bead.original
                ),
                translation_unit_lengths=_unit_lengths(
                    alignment.translation, alignment.level, bead.translation
                ),
            )
        )
    meta = ReviewMeta(
        format_version=FORMAT_VERSION,
        project=project,
        original_name=alignment.original.name,
        translation_name=alignment.translation.name,
        original_sha256=alignment.original.sha256,
        translation_sha256=alignment.translation.sha256,
        original_language=alignment.original.language,
        translation_language=alignment.translation.language,
        level=alignment.level,
        settings=tuple(alignment.settings.as_dict().items()),
        created_at=created_at or utc_now(),
        tool_version=__version__,
    )
    return Review(meta=meta, pairs=tuple(pairs))


def _unit_lengths(doc: Document, level: str, indices: tuple[int, ...]) -> tuple[int, ...]:
    if len(indices) < 2:
        return ()
    units = doc.units(level)  # type: ignore[arg-type]
    return tuple(len(units[i].text) for i in indices)


# --- rebuilding the alignment ---------------------------------------------------------


def unit_sort_key(unit_id: str) -> tuple[int, int]:
    """Sort key of a unit id: ``P3`` -> (3, 0), ``P3.S2`` -> (3, 2); ValueError if malformed."""
    m = _UNIT_ID.match(unit_id)
    if not m:
        raise ValueError(f"{unit_id!r} is not a unit id (expected e.g. 'P3' or 'P3.S2')")
    return int(m.group(1)), int(m.group(2) or 0)


def split_units(text: str, lengths: Sequence[int], *, joiner: str) -> list[str] | None:
    """The unit texts joined in ``text``, cut by their ``lengths``; None if they do not fit."""
    if not lengths:
        return [text]
    parts, pos = [], 0
    for k, n in enumerate(lengths):
        if k:
            if text[pos : pos + len(joiner)] != joiner:
                return None
            pos += len(joiner)
        parts.append(text[pos : pos + n])
        pos += n
    fits = pos == len(text) and all(len(p) == n for p, n in zip(parts, lengths, strict=True))
    return parts if fits else None


def _side_units(review: Review, *, original: bool) -> dict[str, str]:
    """Unit id -> unit text for one side, split out of the joined pair texts."""
    joiner = UNIT_JOINERS[review.meta.level]
    units: dict[str, str] = {}
    for p in review.pairs:
        ids = p.original_ids if original else p.translation_ids
        text = p.original_text if original else p.translation_text
        lengths = p.original_unit_lengths if original else p.translation_unit_lengths
        if not ids:
            continue
        parts = [text] if len(ids) == 1 else split_units(text, lengths, joiner=joiner)
        if parts is None or len(parts) != len(ids):
            raise AlignmentFileError(
                f"Pair {p.pair_id}: its {'original' if original else 'translation'} text "
                f"cannot be cut into the {len(ids)} units {', '.join(ids)} "
                f"with the unit lengths {list(lengths)}."
            )
        units.update(zip(ids, parts, strict=True))
    return units


def _rebuild_document(
    units: Mapping[str, str], *, name: str, sha256: str, language: str, level: str
) -> Document:
    """A Document whose units (at ``level``) are exactly ``units``, ids kept."""
    from workbench.segment import script_of, split_sentences  # local: pysbd is heavy

    ordered = sorted(units, key=unit_sort_key)
    paragraphs: dict[int, list[tuple[str, str]]] = {}
    for uid in ordered:
        para, _sent = unit_sort_key(uid)
        paragraphs.setdefault(para, []).append((uid, units[uid]))
    count = max(paragraphs) if paragraphs else 0
    segments: list[Segment] = []
    pieces: list[str] = []
    pos = 0
    for number in range(1, count + 1):
        if number > 1:
            pos += 2  # paragraphs are separated by a blank line
        members = paragraphs.get(number, [])
        pid = f"P{number}"
        if level == "sentence":
            sentences, offset = [], pos
            for k, (uid, text) in enumerate(members):
                if k:
                    offset += len(UNIT_JOINERS["sentence"])
                sentences.append(Sentence(id=uid, text=text, start=offset, end=offset + len(text)))
                offset += len(text)
            para_text = UNIT_JOINERS["sentence"].join(t for _, t in members)
            sents = tuple(sentences)
        else:
            para_text = members[0][1] if members else ""
            sents = tuple(
                Sentence(id=f"{pid}.S{k + 1}", text=para_text[s:e], start=pos + s, end=pos + e)
                for k, (s, e) in enumerate(split_sentences(para_text, language=language))
            )
        segments.append(
            Segment(
                id=pid,
                index=number - 1,
                text=para_text,
                start=pos,
                end=pos + len(para_text),
                sentences=sents,
            )
        )
        pieces.append(para_text)
        pos += len(para_text)
    text = "\n\n".join(pieces)
    return Document(
        name=name,
        text=text,
        sha256=sha256,
        encoding="utf-8",
        language=language,
        script=script_of(text[:20000]),
        segments=tuple(segments),
        source_format="review",
    )


def settings_from_meta(meta: ReviewMeta) -> AlignSettings:
    """The AlignSettings recorded in ``meta`` (unknown keys go to ``extra``, sorted)."""
    values = dict(meta.settings)
    extra = tuple(sorted((k, v) for k, v in values.items() if k not in _KNOWN_SETTINGS))
    return AlignSettings(
        level=meta.level,  # type: ignore[arg-type]
        mode=values.get("mode", "auto"),
        mode_used=values.get("mode_used", ""),
        pivot_name=values.get("pivot_name", ""),
        pivot_sha256=values.get("pivot_sha256", ""),
        extra=extra,
    )


def review_to_alignment(review: Review) -> Alignment:
    """The Alignment a review was built from: both Documents and the beads, ids preserved.

    Unit texts come from the records; paragraphs are rebuilt in id order and joined by
    blank lines, so ``Document.text`` may differ from the original normalised text in
    layout, while ``Document.sha256`` is the recorded hash of that original text.
    """
    meta = review.meta
    if meta.level not in UNIT_JOINERS:
        raise AlignmentFileError(
            f"Unknown alignment level {meta.level!r} (expected 'paragraph' or 'sentence')."
        )
    docs = []
    for original in (True, False):
        units = _side_units(review, original=original)
        docs.append(
            _rebuild_document(
                units,
                name=meta.original_name if original else meta.translation_name,
                sha256=meta.original_sha256 if original else meta.translation_sha256,
                language=meta.original_language if original else meta.translation_language,
                level=meta.level,
            )
        )
    original_doc, translation_doc = docs
    o_index = {u.id: i for i, u in enumerate(original_doc.units(meta.level))}
    t_index = {u.id: i for i, u in enumerate(translation_doc.units(meta.level))}
    beads = tuple(
        Bead(
            original=tuple(o_index[u] for u in p.original_ids),
            translation=tuple(t_index[u] for u in p.translation_ids),
            score=p.score,
            confidence=p.confidence,
            kind=p.kind,
        )
        for p in sorted(review.pairs, key=lambda p: p.order)
    )
    return Alignment(
        original=original_doc,
        translation=translation_doc,
        beads=beads,
        settings=settings_from_meta(meta),
    )


# --- summary ---------------------------------------------------------------------------

# CJK ideographs and kana are written without spaces: each counts as one word.
_CJK_CHAR = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words in ``text``: letter/digit runs, plus one per CJK ideograph or kana."""
    cjk = len(_CJK_CHAR.findall(text))
    return cjk + len(_WORD.findall(_CJK_CHAR.sub(" ", text)))


def effective_severity(annotation: Annotation) -> str:
    """The annotation's severity, or the one its status implies when none was chosen."""
    return annotation.severity or STATUS_SEVERITY.get(annotation.status, "")


@dataclass(frozen=True)
class ReviewSummary:
    """Counts and the MQM score of a review.

    ``words`` is the translation word count of the *reviewed* pairs (status other than
    "unreviewed"), counted by :func:`count_words`: the MQM score is normalised by the
    amount of text actually evaluated. ``mqm_score`` is None while nothing with words
    has been reviewed.
    """

    pairs: int
    reviewed: int
    by_status: Mapping[str, int]
    by_category: Mapping[str, int]
    by_band: Mapping[str, int]
    penalty: int
    words: int
    mqm_score: float | None
    most_divergent: tuple[PairRecord, ...]
    words_total: int = 0

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (most divergent pairs by id, similarity and band)."""
        return {
            "pairs": self.pairs,
            "reviewed": self.reviewed,
            "by_status": dict(self.by_status),
            "by_category": dict(self.by_category),
            "by_band": dict(self.by_band),
            "penalty": self.penalty,
            "words": self.words,
            "words_total": self.words_total,
            "mqm_score": self.mqm_score,
            "most_divergent": [
                {
                    "pair_id": p.pair_id,
                    "order": p.order,
                    "similarity": p.similarity,
                    "band": p.band,
                    "checks": list(p.checks),
                    "status": p.annotation.status,
                }
                for p in self.most_divergent
            ],
        }


def summarise(review: Review, *, top: int = 5) -> ReviewSummary:
    """Counts by status, category and band, the MQM penalty and score, most divergent pairs.

    MQM 2.0: penalty = sum of severity weights (neutral 0, minor 1, major 5, critical 25)
    over reviewed pairs; score = 100 × (1 − penalty / words).
    """
    by_status = Counter({s: 0 for s in STATUSES})
    by_category: Counter[str] = Counter()
    by_band: Counter[str] = Counter()
    penalty = words = words_total = reviewed = 0
    for p in review.pairs:
        ann = p.annotation
        by_status[ann.status] += 1
        by_band[p.band] += 1
        n = count_words(p.translation_text)
        words_total += n
        if ann.status == "unreviewed":
            continue
        reviewed += 1
        words += n
        if ann.category:
            by_category[ann.category] += 1
        penalty += MQM_WEIGHTS.get(effective_severity(ann), 0)
    score = round(100.0 * (1.0 - penalty / words), 2) if words else None
    ranked = sorted(review.pairs, key=lambda p: (p.similarity, p.order))
    return ReviewSummary(
        pairs=len(review.pairs),
        reviewed=reviewed,
        by_status=dict(by_status),
        by_category=dict(by_category),
        by_band=dict(by_band),
        penalty=penalty,
        words=words,
        mqm_score=score,
        most_divergent=tuple(ranked[:top]),
        words_total=words_total,
    )
