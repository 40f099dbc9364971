"""Multi-version comparison: one original, 2–6 translations (or back-translations) of it.

Each version is aligned to the original at paragraph level. The result has one row per
original paragraph with every version's aligned text beside it, a per-row agreement
score between the versions (0–100) and, per version, the divergences from a reference
version (the first, unless chosen otherwise), computed by
:func:`workbench.diff.analyse_pair`.

Agreement of two versions on a row:

* same language: ``rapidfuzz.fuzz.ratio`` of the two texts' token norms joined by
  spaces (what the divergence analysis calls similarity), so case, quote and dash
  style and spacing do not count;
* different languages: length agreement ``100·min(d, 1/d)`` where ``d`` is the row's
  length ratio divided by the two versions' whole-document ratio, averaged with the
  share of shared numbers when either side has any.

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
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from rapidfuzz import fuzz

from workbench.align import align
from workbench.diff import analyse_pair, tokenize
from workbench.diff.checks import number_values, visible_length
from workbench.errors import AlignmentError
from workbench.model import UNIT_JOINERS, Alignment, Document, Finding, Span
from workbench.reconcile import pair_orphans

logger = logging.getLogger(__name__)

MIN_VERSIONS = 2
MAX_VERSIONS = 6
_JOINER = UNIT_JOINERS["paragraph"]
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


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

    @property
    def checks(self) -> tuple[str, ...]:
        """Names of the checks that fired on any version against the reference, no repeats."""
        return tuple(dict.fromkeys(f.check for c in self.cells for f in c.findings))


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


# Each row's text is compared with every other version's: tokenise it once.
@lru_cache(maxsize=4096)
def _norms(text: str) -> str:
    return " ".join(t.norm for t in tokenize(text))


@lru_cache(maxsize=4096)
def _numbers(text: str) -> frozenset[float]:
    values: set[float] = set()
    for token in tokenize(text):
        if token.kind == "number":
            match = _DIGITS.match(token.norm)
            if match:
                values |= {v for v in number_values(match.group()) if v == v}  # drop NaN
    return frozenset(values)


def fuzzy_agreement(a: str, b: str) -> float:
    """Same-language agreement of two texts, 0–100 (token norms, ``fuzz.ratio``)."""
    if not a.strip() and not b.strip():
        return 100.0
    return round(fuzz.ratio(_norms(a), _norms(b)), 1)


def length_anchor_agreement(a: str, b: str, *, ratio: float = 1.0) -> float:
    """Cross-language agreement, 0–100: length agreement given ``ratio``, and shared numbers."""
    la, lb = visible_length(a), visible_length(b)
    if not la and not lb:
        return 100.0
    if not la or not lb:
        return 0.0
    d = (lb / la) / (ratio if ratio > 0 else 1.0)
    length_score = 100.0 * min(d, 1 / d)
    na, nb = _numbers(a), _numbers(b)
    if not na and not nb:
        return round(length_score, 1)
    anchor_score = 100.0 * len(na & nb) / len(na | nb)
    return round((length_score + anchor_score) / 2, 1)


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


def _same_language(a: Document, b: Document) -> bool:
    if a.language != "und" and b.language != "und":
        return a.language == b.language
    return a.script == b.script


def _ratio(la: int, lb: int) -> float:
    return lb / la if la and lb else 1.0


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
    alignments = []
    for version in versions:
        al = align(original, version, level="paragraph")
        if link_orphans:
            al = pair_orphans(al, same_language=_same_language(original, version))
        alignments.append(al)
    pairs = tuple(combinations(range(count), 2))
    same = tuple(_same_language(versions[i], versions[j]) for i, j in pairs)
    lengths = [visible_length(v.text) for v in versions]
    ratios = tuple(_ratio(lengths[i], lengths[j]) for i, j in pairs)
    slots = [_slots(al) for al in alignments]
    runs = {(i, j): _runs(slots[i], slots[j]) for i, j in pairs}
    ref_doc = versions[reference]
    rows = []
    for p, segment in enumerate(original.segments):
        texts = [_text(versions[v], slots[v][p].units) for v in range(count)]
        continued = [slots[v][p].continued and not slots[v][p].units for v in range(count)]
        cells = []
        for v in range(count):
            slot = slots[v][p]
            cell = VersionCell(
                unit_ids=_ids(versions[v], slot.units),
                text=texts[v],
                continued=continued[v],
                added_ids=_ids(versions[v], slot.added),
                added_text=_text(versions[v], slot.added),
            )
            end = runs[(min(v, reference), max(v, reference))][p] if v != reference else None
            # The diff's offsets index this row's texts: it is computed only when the
            # run the two versions are compared over is wholly on this row.
            if end is not None and (
                end == p
                or (
                    _run_text(versions[v], slots[v], p, end) == texts[v]
                    and _run_text(ref_doc, slots[reference], p, end) == texts[reference]
                )
            ):
                cell = _with_diff(
                    cell,
                    texts[reference],
                    same_language=_same_language(ref_doc, versions[v]),
                    ratio=_ratio(lengths[reference], lengths[v]),
                    languages=(ref_doc.language, versions[v].language),
                    suppress_minor=suppress_minor,
                )
            cells.append(cell)
        pair_agreement: list[float | None] = []
        for k, (i, j) in enumerate(pairs):
            end = runs[(i, j)][p]
            if end is None:
                pair_agreement.append(None)
                continue
            a = _run_text(versions[i], slots[i], p, end)
            b = _run_text(versions[j], slots[j], p, end)
            if same[k]:
                pair_agreement.append(fuzzy_agreement(a, b))
            else:
                pair_agreement.append(length_anchor_agreement(a, b, ratio=ratios[k]))
        rated = [a for a in pair_agreement if a is not None]
        rows.append(
            ComparisonRow(
                index=p,
                original_id=segment.id,
                original_text=segment.text,
                cells=tuple(cells),
                agreement=round(statistics.fmean(rated), 1) if rated else None,
                pair_agreement=tuple(pair_agreement),
            )
        )
    logger.info("compared %d versions over %d paragraphs", count, len(rows))
    return Comparison(
        original=original,
        versions=tuple(versions),
        alignments=tuple(alignments),
        rows=tuple(rows),
        reference=reference,
        version_pairs=pairs,
        same_language=same,
    )


def _with_diff(
    cell: VersionCell,
    reference_text: str,
    *,
    same_language: bool,
    ratio: float,
    languages: tuple[str, str],
    suppress_minor: bool,
) -> VersionCell:
    """``cell`` with its similarity, band, spans and findings against the reference text."""
    if not cell.text.strip() and not reference_text.strip():
        return cell
    similarity, band, spans, findings = analyse_pair(
        reference_text,
        cell.text,
        mode="monolingual" if same_language else "crosslingual",
        ratio=ratio,
        suppress_minor=suppress_minor,
        languages=languages,
    )
    return VersionCell(
        unit_ids=cell.unit_ids,
        text=cell.text,
        continued=cell.continued,
        added_ids=cell.added_ids,
        added_text=cell.added_text,
        similarity=similarity,
        band=band,
        spans=spans,
        findings=findings,
    )


def reference_spans(row: ComparisonRow) -> tuple[tuple[int, int, str, str], ...]:
    """Highlights of the reference cell: every version's reference-side spans and findings."""
    out: list[tuple[int, int, str, str]] = []
    for cell in row.cells:
        for s in cell.spans:
            if s.original_start == s.original_end and s.kind == "minor":
                continue
            out.append((s.original_start, s.original_end, s.kind, s.message))
        for f in cell.findings:
            out.extend((a, b, "check", f.message) for a, b in f.original_spans)
    return tuple(dict.fromkeys(out))


def cell_spans(cell: VersionCell) -> tuple[tuple[int, int, str, str], ...]:
    """Highlights of a non-reference cell: its version-side spans and findings."""
    out: list[tuple[int, int, str, str]] = []
    for s in cell.spans:
        if s.translation_start == s.translation_end and s.kind == "minor":
            continue
        out.append((s.translation_start, s.translation_end, s.kind, s.message))
    for f in cell.findings:
        out.extend((a, b, "check", f.message) for a, b in f.translation_spans)
    return tuple(out)


def cell_html(comparison: Comparison, row: ComparisonRow, version: int) -> str:
    """Escaped HTML of one cell with its disagreements highlighted (``workbench.render``)."""
    from workbench.render import escape, highlight_html

    cell = row.cells[version]
    if cell.continued:
        return '<div class="wb-text wb-empty">(continued from the row above)</div>'
    specs = reference_spans(row) if version == comparison.reference else cell_spans(cell)
    body = (
        f'<div class="wb-text">{highlight_html(cell.text, specs)}</div>'
        if cell.text
        else '<div class="wb-text wb-empty">(nothing)</div>'
    )
    if cell.added_text:
        body += (
            '<div class="wb-pivot"><div class="wb-pivot-label">added after this paragraph ('
            + escape("+".join(cell.added_ids))
            + f')</div><div class="wb-text">{escape(cell.added_text)}</div></div>'
        )
    return body
