"""From a review record back to the Alignment it was built from (ids and texts preserved)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from workbench import config
from workbench.errors import AlignmentFileError
from workbench.model import (
    UNIT_JOINERS,
    Alignment,
    AlignSettings,
    Bead,
    Document,
    Level,
    Mode,
    Segment,
    Sentence,
)
from workbench.review.record import PairRecord, Review, ReviewMeta, unit_sort_key
from workbench.text.language import document_script
from workbench.text.sentences import split_sentences

_KNOWN_SETTINGS = ("level", "mode", "mode_used", "pivot_name", "pivot_sha256")

#: What a side of a pair holds: (unit ids, joined text, unit lengths).
Side = tuple[tuple[str, ...], str, tuple[int, ...]]


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


def side_units(
    review: Review, side: Callable[[PairRecord], Side | None], *, what: str
) -> dict[str, str]:
    """Unit id -> unit text for one side of every pair, split out of the joined texts.

    ``side`` picks (ids, text, unit lengths) from a pair (None to skip it); ``what``
    names the side in the error raised when a text does not fit its unit lengths.
    """
    joiner = UNIT_JOINERS[review.meta.level]
    units: dict[str, str] = {}
    for p in review.pairs:
        picked = side(p)
        if picked is None or not picked[0]:
            continue
        ids, text, lengths = picked
        parts = [text] if len(ids) == 1 else split_units(text, lengths, joiner=joiner)
        if parts is None or len(parts) != len(ids):
            raise AlignmentFileError(
                f"Pair {p.pair_id}: its {what} text cannot be cut into the {len(ids)} units "
                f"{', '.join(ids)} with the unit lengths {list(lengths)}."
            )
        units.update(zip(ids, parts, strict=True))
    return units


def _original_side(p: PairRecord) -> Side:
    return p.original_ids, p.original_text, p.original_unit_lengths


def _translation_side(p: PairRecord) -> Side:
    return p.translation_ids, p.translation_text, p.translation_unit_lengths


def _paragraph(
    pid: str, members: list[tuple[str, str]], *, pos: int, level: str, language: str
) -> tuple[str, tuple[Sentence, ...]]:
    """A paragraph's text and sentences from its units (sentences, or the paragraph itself)."""
    if level == Level.SENTENCE:
        sentences, offset = [], pos
        for k, (uid, text) in enumerate(members):
            if k:
                offset += len(UNIT_JOINERS[Level.SENTENCE])
            sentences.append(Sentence(id=uid, text=text, start=offset, end=offset + len(text)))
            offset += len(text)
        return UNIT_JOINERS[Level.SENTENCE].join(t for _, t in members), tuple(sentences)
    para_text = members[0][1] if members else ""
    sents = tuple(
        Sentence(id=f"{pid}.S{k + 1}", text=para_text[s:e], start=pos + s, end=pos + e)
        for k, (s, e) in enumerate(split_sentences(para_text, language=language))
    )
    return para_text, sents


def _rebuild_document(
    units: Mapping[str, str], *, name: str, sha256: str, language: str, level: str
) -> Document:
    """A Document whose units (at ``level``) are exactly ``units``, ids kept."""
    ordered = sorted(units, key=unit_sort_key)
    paragraphs: dict[int, list[tuple[str, str]]] = {}
    for uid in ordered:
        para, _sent = unit_sort_key(uid)
        paragraphs.setdefault(para, []).append((uid, units[uid]))
    count = max(paragraphs) if paragraphs else 0
    if count > config.MAX_SEGMENTS:  # the reader refuses such ids; never allocate for them
        raise AlignmentFileError(
            f"{name}: paragraph P{count} is beyond the largest document accepted "
            f"({config.MAX_SEGMENTS:,} paragraphs)."
        )
    segments: list[Segment] = []
    pieces: list[str] = []
    pos = 0
    for number in range(1, count + 1):
        if number > 1:
            pos += 2  # paragraphs are separated by a blank line
        members = paragraphs.get(number, [])
        pid = f"P{number}"
        para_text, sents = _paragraph(pid, members, pos=pos, level=level, language=language)
        segments.append(
            Segment(
                id=pid,
                index=number - 1,
                text=para_text,
                start=pos,
                end=pos + len(para_text),
                given_sentences=sents,
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
        script=document_script(text),
        segments=tuple(segments),
        source_format="review",
    )


def settings_from_meta(meta: ReviewMeta) -> AlignSettings:
    """The AlignSettings recorded in ``meta`` (unknown keys go to ``extra``, sorted)."""
    values = dict(meta.settings)
    extra = tuple(sorted((k, v) for k, v in values.items() if k not in _KNOWN_SETTINGS))
    mode_used = values.get("mode_used", "")
    return AlignSettings(
        level=Level(meta.level),
        mode=Mode(values.get("mode", Mode.AUTO)),
        mode_used=Mode(mode_used) if mode_used else "",
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
        units = side_units(
            review,
            _original_side if original else _translation_side,
            what="original" if original else "translation",
        )
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
