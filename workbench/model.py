"""The data model: frozen dataclasses that flow one way.

text -> :class:`Document` (segments with stable ids) -> :class:`Alignment` (beads)
-> :class:`PairDivergence` (spans and check findings) -> :class:`Annotation` -> files.

Nothing here does I/O or heavy work; constructors that compute (segmentation,
alignment, analysis) live in their own modules.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Literal

SegmentKind = Literal["body", "heading", "front"]


class Level(StrEnum):
    """The units aligned: paragraphs, or sentences inside paragraph pairs."""

    PARAGRAPH = "paragraph"
    SENTENCE = "sentence"


class Mode(StrEnum):
    """How two texts are compared.

    A user asks for ``AUTO``, ``MONOLINGUAL`` or ``CROSSLINGUAL`` (:data:`REQUESTED_MODES`);
    the aligner resolves it to ``MONOLINGUAL``, ``PIVOT`` (a machine translation of the
    original stands in for it) or ``CROSSLINGUAL`` (:data:`RESOLVED_MODES`).
    """

    AUTO = "auto"
    MONOLINGUAL = "monolingual"
    PIVOT = "pivot"
    CROSSLINGUAL = "crosslingual"


REQUESTED_MODES: tuple[Mode, ...] = (Mode.AUTO, Mode.MONOLINGUAL, Mode.CROSSLINGUAL)
RESOLVED_MODES: tuple[Mode, ...] = (Mode.MONOLINGUAL, Mode.PIVOT, Mode.CROSSLINGUAL)
#: The review settings' key of the mode the divergences were found in, when it differs
#: from the alignment's ``mode_used`` (a pivot that only guided: compared across languages).
ANALYSIS_MODE = "analysis_mode"

#: How the texts of several units in one bead are joined for display and diffing.
UNIT_JOINERS: Mapping[str, str] = {Level.PARAGRAPH: "\n\n", Level.SENTENCE: " "}

# Bead kinds.
KIND_ONE_ONE = "1:1"
KIND_MANY = "n:m"
KIND_OMITTED = "1:0"  # original unit(s) with no counterpart in the translation
KIND_ADDED = "0:1"  # translation unit(s) with no counterpart in the original
KIND_MOVED = "moved"  # a unit matched with a counterpart out of document order
BEAD_KINDS = (KIND_ONE_ONE, KIND_MANY, KIND_OMITTED, KIND_ADDED, KIND_MOVED)


def sha256_text(text: str) -> str:
    """Hex sha256 of a text's UTF-8 bytes (the hash recorded for normalised documents)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence inside a paragraph; offsets index ``Document.text``."""

    id: str  # "P3.S2"
    text: str
    start: int
    end: int


#: Sentence spans ``(start, end)`` of a paragraph's text (``workbench.text`` gives one).
SentenceSplitter = Callable[[str], Sequence[tuple[int, int]]]


@dataclass(frozen=True, eq=False)
class Segment:
    """A paragraph (or heading, or front-matter line); offsets index ``Document.text``.

    Its sentences are either given, or found by ``splitter`` the first time they are
    asked for: a paragraph-level review never pays for sentence splitting.
    """

    id: str  # "P3" (1-based, stable for a given text)
    index: int  # 0-based position in the document
    text: str
    start: int
    end: int
    kind: SegmentKind = "body"
    given_sentences: tuple[Sentence, ...] | None = field(default=None, repr=False)
    splitter: SentenceSplitter | None = field(default=None, repr=False)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """The sentences (ids ``P3.S1``...), offsets indexing ``Document.text``."""
        if self.given_sentences is not None:
            return self.given_sentences
        if self.splitter is None:
            return ()
        return tuple(
            Sentence(
                id=f"{self.id}.S{k + 1}",
                text=self.text[s:e],
                start=self.start + s,
                end=self.start + e,
            )
            for k, (s, e) in enumerate(self.splitter(self.text))
        )

    def _key(self) -> tuple:
        return (self.id, self.index, self.text, self.start, self.end, self.kind, self.sentences)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Segment):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash((self.id, self.index, self.text, self.start, self.end, self.kind))


@dataclass(frozen=True)
class Document:
    """A normalised text cut into paragraphs and sentences."""

    name: str
    text: str
    sha256: str
    encoding: str
    language: str  # ISO 639-1 guess ("en", "zh", "de", ...) or "und"
    script: str  # dominant script: "Latin", "Han", "Cyrillic", ... or "Unknown"
    segments: tuple[Segment, ...]
    source_format: str = "txt"

    def __len__(self) -> int:
        return len(self.segments)

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """All sentences in document order (built once per document)."""
        return tuple(s for seg in self.segments for s in seg.sentences)

    def units(self, level: Level | str) -> tuple[Segment, ...] | tuple[Sentence, ...]:
        """The alignable units at ``level``: paragraphs or (flattened) sentences."""
        if level == Level.PARAGRAPH:
            return self.segments
        if level == Level.SENTENCE:
            return self.sentences
        raise ValueError(f"unknown level {level!r}")


@dataclass(frozen=True, slots=True)
class Bead:
    """A link between a group of original units and a group of translation units.

    Indices are 0-based positions in ``Document.units(level)``; either side may be
    empty (an omission or an addition). ``score`` is the bead's cost-derived match
    score in [0, 1]; ``confidence`` how sure the aligner is of this bead in [0, 1].
    """

    original: tuple[int, ...]
    translation: tuple[int, ...]
    score: float = 0.0
    confidence: float = 0.0
    kind: str = ""

    def __post_init__(self) -> None:
        if not self.kind:
            object.__setattr__(self, "kind", bead_kind(self.original, self.translation))

    def __str__(self) -> str:
        return notation(self.original, self.translation)


def bead_kind(original: tuple[int, ...], translation: tuple[int, ...]) -> str:
    """The kind of an in-order bead from the sizes of its two sides."""
    if not original and not translation:
        raise ValueError("a bead needs at least one unit")
    if not translation:
        return KIND_OMITTED
    if not original:
        return KIND_ADDED
    if len(original) == 1 and len(translation) == 1:
        return KIND_ONE_ONE
    return KIND_MANY


def notation(original: tuple[int, ...], translation: tuple[int, ...]) -> str:
    """Standard bead notation, e.g. ``[0,1]:[2]`` (0-based indices)."""
    return "[" + ",".join(map(str, original)) + "]:[" + ",".join(map(str, translation)) + "]"


@dataclass(frozen=True)
class AlignSettings:
    """Options that produced an alignment (recorded with it, and in saved files)."""

    level: Level = Level.PARAGRAPH
    mode: Mode = Mode.AUTO  # requested (one of REQUESTED_MODES)
    mode_used: Mode | Literal[""] = ""  # what it resolved to (RESOLVED_MODES); "" = unknown
    pivot_name: str = ""  # file name of the pivot translation, if any
    pivot_sha256: str = ""
    extra: tuple[tuple[str, str], ...] = ()  # further settings as sorted (key, value) text pairs

    def as_dict(self) -> dict[str, str]:
        """All settings as a flat str->str mapping (for files and signatures)."""
        out = {
            "level": str(self.level),
            "mode": str(self.mode),
            "mode_used": str(self.mode_used),
            "pivot_name": self.pivot_name,
            "pivot_sha256": self.pivot_sha256,
        }
        out.update(dict(self.extra))
        return out


@dataclass(frozen=True)
class Alignment:
    """Beads in document order linking two documents at one level."""

    original: Document
    translation: Document
    beads: tuple[Bead, ...]
    settings: AlignSettings = field(default_factory=AlignSettings)

    @property
    def level(self) -> Level:
        return self.settings.level

    @property
    def original_sha256(self) -> str:
        return self.original.sha256

    @property
    def translation_sha256(self) -> str:
        return self.translation.sha256

    def __iter__(self) -> Iterator[Bead]:
        return iter(self.beads)

    def __len__(self) -> int:
        return len(self.beads)

    def unit_ids(self, bead: Bead) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Stable unit ids on both sides, e.g. (("P3",), ("P3", "P4"))."""
        o_units = self.original.units(self.level)
        t_units = self.translation.units(self.level)
        return (
            tuple(o_units[i].id for i in bead.original),
            tuple(t_units[i].id for i in bead.translation),
        )

    def pair_id(self, bead: Bead) -> str:
        """Stable pair id derived from unit ids: ``P3=P3+P4``, ``P5=-``, ``-=P9``.

        It stays the same across reloads and for every bead an edit does not touch.
        """
        o_ids, t_ids = self.unit_ids(bead)
        return ("+".join(o_ids) or "-") + "=" + ("+".join(t_ids) or "-")

    def pair_texts(self, bead: Bead) -> tuple[str, str]:
        """The texts of both sides of a bead, units joined per ``UNIT_JOINERS``."""
        joiner = UNIT_JOINERS[self.level]
        o_units = self.original.units(self.level)
        t_units = self.translation.units(self.level)
        return (
            joiner.join(o_units[i].text for i in bead.original),
            joiner.join(t_units[i].text for i in bead.translation),
        )

    def notation(self) -> str:
        """All beads, one per line, in ``[i,j]:[k]`` notation."""
        return "\n".join(str(b) for b in self.beads)


# --- divergence analysis -------------------------------------------------------------

SPAN_KINDS = ("omission", "addition", "change", "minor")
BANDS = ("identical", "minor", "major", "unaligned")


@dataclass(frozen=True, slots=True)
class Span:
    """A divergent stretch of a pair, with character offsets into both pair texts.

    ``kind`` is one of ``SPAN_KINDS``; ``op`` the difflib opcode it came from
    (``replace``/``delete``/``insert``/``equal``). An empty range (start == end)
    marks the insertion point on the side that has nothing.
    """

    kind: str
    op: str
    original_start: int
    original_end: int
    translation_start: int
    translation_end: int
    message: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    """One check that fired on a pair, e.g. a number present on one side only."""

    check: str  # "numbers", "names", "negation", "length", "untranslated", "unaligned", "moved"
    message: str
    severity: str = "major"  # "minor" | "major"
    original_spans: tuple[tuple[int, int], ...] = ()
    translation_spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class PairDivergence:
    """Everything the analysis found for one bead."""

    pair_id: str
    bead: Bead
    original_ids: tuple[str, ...]
    translation_ids: tuple[str, ...]
    original_text: str
    translation_text: str
    similarity: float  # 0-100
    band: str  # one of BANDS
    spans: tuple[Span, ...] = ()
    findings: tuple[Finding, ...] = ()
    #: In pivot mode, the pivot units of the bead (joined like the original's); when
    #: non-empty, original-side offsets of ``spans`` and ``findings`` index this text,
    #: not ``original_text``.
    pivot_text: str = ""

    @property
    def checks(self) -> tuple[str, ...]:
        """Names of the checks that fired, in order, without repeats."""
        return tuple(dict.fromkeys(f.check for f in self.findings))


# --- review annotations --------------------------------------------------------------

STATUSES = ("unreviewed", "ok", "minor issue", "major issue", "critical")
MQM_CATEGORIES = (
    "",
    "Accuracy/Mistranslation",
    "Accuracy/Omission",
    "Accuracy/Addition",
    "Accuracy/Untranslated",
    "Terminology",
    "Linguistic conventions",
    "Style",
    "Locale conventions",
    "Other",
)
SEVERITIES = ("", "neutral", "minor", "major", "critical")
#: MQM 2.0 penalty weights per severity.
MQM_WEIGHTS: Mapping[str, int] = {"neutral": 0, "minor": 1, "major": 5, "critical": 25}

#: Back-translation review: what kind of discrepancy a pair shows.
DISCREPANCY_TYPES = (
    "",
    "omission",
    "addition",
    "meaning shift",
    "terminology",
    "ambiguity",
    "grammar/style only",
    "back-translation artefact",
)
#: Back-translation review: what was decided about the forward translation.
DECISIONS = ("", "no change needed", "forward translation revised", "query raised")


@dataclass(frozen=True)
class DiscrepancyEntry:
    """One pair's line in a back-translation review's discrepancy log."""

    discrepancy: str = ""  # one of DISCREPANCY_TYPES
    decision: str = ""  # one of DECISIONS
    revised_text: str = ""  # the revised forward translation, when revised
    rationale: str = ""

    @property
    def is_empty(self) -> bool:
        """True when nothing has been logged."""
        return not (self.discrepancy or self.decision or self.revised_text or self.rationale)


#: The sides of a pair an error can be marked on (which text its offsets index).
ERROR_SIDES = ("translation", "original")


@dataclass(frozen=True)
class ErrorMark:
    """One MQM error a reviewer marked in a pair, on a stretch of one side's text.

    ``start``/``end`` index the pair's ``original_text`` or ``translation_text`` (code
    points) as ``side`` says, and ``quote`` is the text between them, kept beside the
    offsets so that a file stays readable and a reader can check both agree.
    """

    category: str  # one of MQM_CATEGORIES, not empty
    severity: str  # one of SEVERITIES, not empty
    side: str  # one of ERROR_SIDES
    start: int
    end: int
    quote: str
    comment: str = ""


@dataclass(frozen=True)
class Annotation:
    """A reviewer's judgement of one pair.

    ``status`` is the verdict on the whole pair; ``category``/``severity`` its single
    pair-level error (the only kind before format version 4); ``errors`` the errors
    marked on spans, each counted on its own. When a pair lists errors, they are what
    the MQM score counts, not its pair-level category and severity
    (``review.summary.counted_errors``).

    ``log`` is the discrepancy-log entry of a back-translation review; None in a plain
    review and wherever nothing was logged (an empty entry is stored as None).
    """

    status: str = "unreviewed"
    category: str = ""
    severity: str = ""
    comment: str = ""
    reviewer: str = ""
    updated_at: str = ""  # ISO 8601, UTC, e.g. "2026-11-26T06:30:00Z"
    log: DiscrepancyEntry | None = None
    errors: tuple[ErrorMark, ...] = ()

    def __post_init__(self) -> None:
        if self.log is not None and self.log.is_empty:
            object.__setattr__(self, "log", None)
