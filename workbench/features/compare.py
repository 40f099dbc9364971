"""Multi-version comparison: one original, 2–6 translations (or back-translations) of it.

Each version is aligned to the original at paragraph level. The result has one row per
original paragraph with every version's aligned text beside it, a per-row agreement
score between the versions (0–100) and, per version, the divergences from a reference
version (the first, unless chosen otherwise), computed by
:func:`workbench.diff.analyse_pair`.

Agreement of two versions on a row (:func:`agreement`) is the review's own measure
(:mod:`workbench.diff.measures`): similarity when the two versions share a language,
the cross-language score (length agreement with the pair's typical ratio, averaged
with shared numbers and addresses) when they do not. Where the two disagree on a
number, a name or (same language) a negation — a major finding of
:func:`~workbench.diff.checks.check_numbers`, ``check_names`` or ``check_negation``
between them — the agreement is at most ``FACT_AGREEMENT_CAP``: "10 million" against
"100 million" leaves two texts 99 % alike, and must not read as agreement. The checks
that did so are kept per row and pair (``ComparisonRow.pair_checks``).

Both texts empty counts as 100 (both leave the paragraph out). Two versions are
compared over the smallest run of original paragraphs that none of their beads cross
(one paragraph, unless one version merges paragraphs the other keeps apart), on the
run's first row; on the run's later rows that pair has no value (None). A row's
agreement is the mean over the pairs that have a value there (None if none has).

A version's units aligned to several original paragraphs at once (an n:m bead) are
shown on the row of the bead's first original paragraph; the version's cells on the
bead's later rows are empty and marked ``continued``. Units a version adds (0:1
beads) are shown on the row of the preceding original paragraph, as ``added_text``,
apart from the aligned text: they are not part of the agreement or the diff.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

from workbench.align import align
from workbench.align.orphans import pair_orphans
from workbench.diff import analyse_pair, checks
from workbench.diff.measures import cross_language_score, text_similarity, typical_ratio
from workbench.errors import AlignmentError
from workbench.model import UNIT_JOINERS, Alignment, Document, Finding, Level, Mode, Span
from workbench.text.language import same_language

logger = logging.getLogger(__name__)

MIN_VERSIONS = 2
MAX_VERSIONS = 6
#: Rows whose agreement reaches HIGH_AGREEMENT are shown as agreeing (green); rows below
#: LOW_AGREEMENT as disagreeing (orange); the rest in between (yellow). Documented in
#: docs/settings.md; the app and the XLSX export both use :func:`agreement_level`.
HIGH_AGREEMENT = 95.0
LOW_AGREEMENT = 80.0
#: Two versions that disagree on a number, a name or a negation agree at most this much,
#: however alike their texts: below LOW_AGREEMENT, so such a row is shown as disagreeing.
FACT_AGREEMENT_CAP = 75.0
_JOINER = UNIT_JOINERS[Level.PARAGRAPH]


@dataclass(frozen=True)
class VersionCell:
    """One version's text on one row, and how it differs from the reference version.

    ``spans``/``findings`` come from :func:`analyse_pair` with the reference's text as
    the "original" side and this cell's text as the "translation" side; they are empty
    for the reference itself and where either text is missing.
    """

    unit_ids: tuple[str, ...]
    text: str
    continued: bool = False
    added_ids: tuple[str, ...] = ()
    added_text: str = ""
    similarity: float | None = None  # to the reference, 0–100
    band: str = ""
    spans: tuple[Span, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class ComparisonRow:
    """One original paragraph with every version's aligned text beside it."""

    index: int  # 0-based original paragraph
    original_id: str
    original_text: str
    cells: tuple[VersionCell, ...]
    agreement: float | None  # mean of pair_agreement (values that are not None)
    pair_agreement: tuple[float | None, ...]  # one per Comparison.version_pairs
    #: Per version pair, the checks on which the two disagree (see fact_disagreements).
    pair_checks: tuple[tuple[str, ...], ...] = ()

    @property
    def checks(self) -> tuple[str, ...]:
        """Names of the checks that fired on any version against the reference, no repeats."""
        return tuple(dict.fromkeys(f.check for c in self.cells for f in c.findings))

    @property
    def disagreements(self) -> tuple[str, ...]:
        """The checks on which any two versions disagree on this row, no repeats."""
        return tuple(dict.fromkeys(c for names in self.pair_checks for c in names))


@dataclass(frozen=True)
class Comparison:
    """One original, its versions, each version's alignment to it, and the rows."""

    original: Document
    versions: tuple[Document, ...]
    alignments: tuple[Alignment, ...]
    rows: tuple[ComparisonRow, ...]
    reference: int = 0
    version_pairs: tuple[tuple[int, int], ...] = ()
    #: Whether each version pair shares a language (fuzzy agreement) or not (length/anchors).
    same_language: tuple[bool, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The versions' names, in order."""
        return tuple(v.name for v in self.versions)

    @property
    def mean_agreement(self) -> float | None:
        """Mean row agreement over rows that have one (None if none has)."""
        values = [r.agreement for r in self.rows if r.agreement is not None]
        return round(statistics.fmean(values), 1) if values else None

    def least_agreeing(self, n: int = 3) -> tuple[ComparisonRow, ...]:
        """The ``n`` rows with the lowest agreement (rows without one are left out)."""
        rated = [r for r in self.rows if r.agreement is not None]
        return tuple(sorted(rated, key=lambda r: (r.agreement, r.index))[:n])

    def pair_label(self, k: int) -> str:
        """A short label of version pair ``k``, e.g. ``"A ↔ B"`` (version names)."""
        i, j = self.version_pairs[k]
        return f"{self.versions[i].name} ↔ {self.versions[j].name}"


# --- agreement -------------------------------------------------------------------------


def fact_disagreements(
    a: str, b: str, *, same_language: bool, languages: tuple[str, str] = ("en", "en")
) -> tuple[str, ...]:
    """The checks with a major finding between two versions' texts: numbers, names and,
    in one language, negation (the checks of :mod:`workbench.diff.checks`)."""
    found = checks.check_numbers(a, b, languages=languages)
    found += checks.check_names(a, b, same_language=same_language)
    if same_language:
        found += checks.check_negation(a, b, language=languages[0])
    return tuple(dict.fromkeys(f.check for f in found if f.severity == "major"))


def _rated(
    a: str, b: str, *, same_language: bool, ratio: float, languages: tuple[str, str]
) -> tuple[float, tuple[str, ...]]:
    """(agreement, the checks that capped it) of two versions' texts."""
    if not a.strip() and not b.strip():
        return 100.0, ()
    score = text_similarity(a, b) if same_language else cross_language_score(a, b, ratio=ratio)
    facts = fact_disagreements(a, b, same_language=same_language, languages=languages)
    return (min(score, FACT_AGREEMENT_CAP) if facts else score), facts


def agreement(
    a: str,
    b: str,
    *,
    same_language: bool,
    ratio: float = 1.0,
    languages: tuple[str, str] = ("en", "en"),
) -> float:
    """Agreement of two versions' texts, 0–100; both empty counts as 100 (both leave it out).

    At most FACT_AGREEMENT_CAP where they disagree on a number, a name or a negation.
    """
    return _rated(a, b, same_language=same_language, ratio=ratio, languages=languages)[0]


def agreement_level(value: float | None) -> str | None:
    """ "high", "mid" or "low" by HIGH_AGREEMENT and LOW_AGREEMENT (None without a value)."""
    if value is None:
        return None
    if value >= HIGH_AGREEMENT:
        return "high"
    return "low" if value < LOW_AGREEMENT else "mid"


# --- building the rows -----------------------------------------------------------------


@dataclass
class _Slot:
    units: list[int]
    continued: bool
    added: list[int]
    last: int  # the last original paragraph of the bead shown on this row (or continued)


def _slots(alignment: Alignment) -> list[_Slot]:
    """Per original paragraph: the version units shown on its row."""
    n = len(alignment.original.segments)
    slots = [_Slot([], False, [], p) for p in range(n)]
    last = -1  # the original paragraph before an addition
    for bead in alignment.beads:
        if bead.original:
            first = min(bead.original)
            slots[first].units.extend(bead.translation)
            if bead.translation:
                for other in bead.original:
                    slots[other].last = max(slots[other].last, max(bead.original))
                    if other != first:
                        slots[other].continued = True
            last = max(last, max(bead.original))
        else:
            slots[max(last, 0)].added.extend(bead.translation)
    for slot in slots:
        slot.units.sort()
    return slots


def _runs(first: list[_Slot], second: list[_Slot]) -> list[int | None]:
    """Per row: the last row of the run two versions are compared over, None inside a run."""
    out: list[int | None] = []
    end = -1
    for p in range(len(first)):
        if p <= end:
            out.append(None)
            continue
        end = max(first[p].last, second[p].last)
        q = p
        while q < end:  # a bead inside the run may reach further
            q += 1
            end = max(end, first[q].last, second[q].last)
        out.append(end)
    return out


def _run_text(doc: Document, slots: list[_Slot], start: int, end: int) -> str:
    return _text(doc, sorted(u for p in range(start, end + 1) for u in slots[p].units))


def _text(doc: Document, units: Sequence[int]) -> str:
    return _JOINER.join(doc.segments[i].text for i in units)


def _ids(doc: Document, units: Sequence[int]) -> tuple[str, ...]:
    return tuple(doc.segments[i].id for i in units)


def _documents_agree(a: Document, b: Document) -> bool:
    return same_language((a.language, b.language), (a.script, b.script))


@dataclass(frozen=True)
class _Layout:
    """Every version's units per original paragraph, and what each version pair shares."""

    versions: tuple[Document, ...]
    slots: tuple[list[_Slot], ...]
    texts: tuple[tuple[str, ...], ...]  # per version, its text on each row
    runs: dict[tuple[int, int], list[int | None]]
    ratios: dict[tuple[int, int], float]  # (i, j) -> typical length ratio of j over i

    def same_language(self, i: int, j: int) -> bool:
        """Whether versions ``i`` and ``j`` are compared word for word."""
        return _documents_agree(self.versions[i], self.versions[j])

    def run_text(self, v: int, start: int, end: int) -> str:
        """Version ``v``'s text over the rows ``start..end``."""
        return _run_text(self.versions[v], self.slots[v], start, end)


def _layout(original: Document, versions: Sequence[Document], alignments: Sequence[Alignment]):
    """The rows' layout: slots, row texts, runs and ratios of every version pair."""
    slots = tuple(_slots(al) for al in alignments)
    texts = tuple(
        tuple(_text(doc, slot.units) for slot in doc_slots)
        for doc, doc_slots in zip(versions, slots, strict=True)
    )
    count = len(versions)
    runs = {(i, j): _runs(slots[i], slots[j]) for i, j in combinations(range(count), 2)}
    ratios = {
        (i, j): typical_ratio(zip(texts[i], texts[j], strict=True))
        for i in range(count)
        for j in range(count)
        if i != j
    }
    return _Layout(tuple(versions), slots, texts, runs, ratios)


def _cell(layout: _Layout, p: int, v: int, *, reference: int, suppress_minor: bool) -> VersionCell:
    """Version ``v``'s cell on row ``p``, with its diff against the reference when it fits."""
    doc, slot, text = layout.versions[v], layout.slots[v][p], layout.texts[v][p]
    cell = VersionCell(
        unit_ids=_ids(doc, slot.units),
        text=text,
        continued=slot.continued and not slot.units,
        added_ids=_ids(doc, slot.added),
        added_text=_text(doc, slot.added),
    )
    if v == reference:
        return cell
    end = layout.runs[(min(v, reference), max(v, reference))][p]
    ref_text = layout.texts[reference][p]
    # The diff's offsets index this row's texts: it is computed only when the run the
    # two versions are compared over is wholly on this row.
    if end is None or (
        end != p
        and (layout.run_text(v, p, end) != text or layout.run_text(reference, p, end) != ref_text)
    ):
        return cell
    if not text.strip() and not ref_text.strip():
        return cell
    similarity, band, spans, findings = analyse_pair(
        ref_text,
        text,
        mode=Mode.MONOLINGUAL if layout.same_language(reference, v) else Mode.CROSSLINGUAL,
        ratio=layout.ratios[(reference, v)],
        suppress_minor=suppress_minor,
        languages=(layout.versions[reference].language, doc.language),
    )
    return replace(cell, similarity=similarity, band=band, spans=spans, findings=findings)


def _pair_agreements(
    layout: _Layout, p: int, pairs: Sequence[tuple[int, int]]
) -> tuple[tuple[float | None, ...], tuple[tuple[str, ...], ...]]:
    """Each version pair's agreement on row ``p`` (None inside a run that started earlier)
    and the checks on which the pair disagrees there."""
    values: list[float | None] = []
    facts: list[tuple[str, ...]] = []
    for i, j in pairs:
        end = layout.runs[(i, j)][p]
        if end is None:
            values.append(None)
            facts.append(())
            continue
        value, found = _rated(
            layout.run_text(i, p, end),
            layout.run_text(j, p, end),
            same_language=layout.same_language(i, j),
            ratio=layout.ratios[(i, j)],
            languages=(layout.versions[i].language, layout.versions[j].language),
        )
        values.append(value)
        facts.append(found)
    return tuple(values), tuple(facts)


def _aligned(original: Document, version: Document, *, link_orphans: bool) -> Alignment:
    alignment = align(original, version, level=Level.PARAGRAPH)
    if link_orphans:
        same = _documents_agree(original, version)
        alignment = pair_orphans(alignment, same_language=same)
    return alignment


def compare(
    original: Document,
    versions: Sequence[Document],
    *,
    reference: int = 0,
    suppress_minor: bool = False,
    link_orphans: bool = True,
) -> Comparison:
    """Align every version to ``original`` and compare the versions row by row.

    Raises AlignmentError for fewer than 2 or more than 6 versions, or a reference
    index that names no version.
    """
    count = len(versions)
    if not MIN_VERSIONS <= count <= MAX_VERSIONS:
        raise AlignmentError(
            f"A comparison needs {MIN_VERSIONS} to {MAX_VERSIONS} versions of the original; "
            f"{count} were given."
        )
    if isinstance(reference, bool) or not 0 <= reference < count:
        raise AlignmentError(
            f"The reference version must be a number from 1 to {count}; got {reference + 1}."
        )
    alignments = tuple(_aligned(original, v, link_orphans=link_orphans) for v in versions)
    layout = _layout(original, versions, alignments)
    pairs = tuple(combinations(range(count), 2))
    rows = []
    for p, segment in enumerate(original.segments):
        cells = tuple(
            _cell(layout, p, v, reference=reference, suppress_minor=suppress_minor)
            for v in range(count)
        )
        pair_agreement, pair_checks = _pair_agreements(layout, p, pairs)
        rated = [a for a in pair_agreement if a is not None]
        rows.append(
            ComparisonRow(
                index=p,
                original_id=segment.id,
                original_text=segment.text,
                cells=cells,
                agreement=round(statistics.fmean(rated), 1) if rated else None,
                pair_agreement=pair_agreement,
                pair_checks=pair_checks,
            )
        )
    logger.info("compared %d versions over %d paragraphs", count, len(rows))
    return Comparison(
        original=original,
        versions=tuple(versions),
        alignments=alignments,
        rows=tuple(rows),
        reference=reference,
        version_pairs=pairs,
        same_language=tuple(layout.same_language(i, j) for i, j in pairs),
    )
