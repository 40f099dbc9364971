"""Divergence analysis of an alignment: similarity, band, spans and check findings per bead.

Modes (from ``AlignSettings.mode_used``; empty or "auto" → inferred from the
documents' ``language``/``script``; a pivot document passed to :func:`analyse` turns
"crosslingual" into "pivot"):

* ``monolingual`` — both texts in one language: word diff + every check;
* ``pivot`` — a pivot document (unit-parallel with the original, in the translation's
  language) stands in for the original: the word diff and the same-language checks
  run between the pivot units of each bead and the translation. Spans' and findings'
  *original-side* offsets then index ``PairDivergence.pivot_text``, not
  ``original_text``; the untranslated check still compares original and translation
  (translation-side offsets only);
* ``crosslingual`` — no word diff; only checks that survive translation run: numbers,
  URLs, Latin-script names, length and untranslated.

Similarity (0–100):

* same-language (monolingual, pivot): ``rapidfuzz.fuzz.ratio`` — the normalised Indel
  similarity ×100 — of the two texts' token norms joined by single spaces (so case,
  quote and dash style and spacing do not lower it);
* cross-language: length agreement ``100·min(d, 1/d)`` where ``d`` is the pair's
  length ratio divided by the document's typical ratio, averaged with the share of
  shared anchors (numbers, URLs, Latin-script names) when the pair has any.

Bands (constants below):

* ``unaligned`` — the bead has units on one side only (1:0, 0:1);
* ``major`` — a major finding, or a non-minor span with at least
  ``MAJOR_SPAN_WORDS`` words/numbers over its two sides, or similarity below
  ``MAJOR_SIMILARITY`` (same-language modes);
* ``minor`` — anything else that differs (minor spans or findings, short changes,
  similarity below 100);
* ``identical`` — nothing found (quote/dash style, case-insensitive equal tokens and
  whitespace do not count).
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Sequence

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from workbench.diff import checks
from workbench.diff.spans import diff_spans, token_opcodes, word_count
from workbench.diff.tokens import Token, tokenize
from workbench.errors import AlignmentError
from workbench.model import (
    KIND_ADDED,
    KIND_MOVED,
    KIND_OMITTED,
    KIND_ONE_ONE,
    UNIT_JOINERS,
    Alignment,
    Bead,
    Document,
    Finding,
    PairDivergence,
    Span,
)

log = logging.getLogger(__name__)

MODES = ("monolingual", "pivot", "crosslingual")
#: A non-minor span with at least this many word/number tokens (both sides) is major.
MAJOR_SPAN_WORDS = 3
#: Same-language pairs less similar than this are major whatever their spans.
MAJOR_SIMILARITY = 70.0
#: Pairs shorter than this (non-space characters) do not vote for the typical ratio.
RATIO_MIN_CHARS = 20
#: Negators inside omitted/added passages of at least this many words are not reported
#: by the negation check (the passage itself is already an omission/addition span).
NEGATION_SKIP_WORDS = 4
#: Above this many character pairs (length x length of the two texts, about 100,000
#: characters each) the similarity is computed piece by piece between the diff's equal
#: runs: the exact character-level ratio is quadratic (minutes for a book-long pair).
EXACT_SIMILARITY_CELLS = 10**10

PairResult = tuple[float, str, tuple[Span, ...], tuple[Finding, ...]]


def infer_mode(original: Document, translation: Document, *, pivot: Document | None = None) -> str:
    """Analysis mode from the documents: pivot if given, else same or different language."""
    if pivot is not None:
        return "pivot"
    lo, lt = original.language, translation.language
    if lo != "und" and lt != "und":
        return "monolingual" if lo == lt else "crosslingual"
    return "monolingual" if original.script == translation.script else "crosslingual"


def typical_ratio(alignment: Alignment, *, pivot: Document | None = None) -> float:
    """Median translation/original length ratio over the alignment's 1:1 pairs (1.0 if none)."""
    ratios = []
    for bead in alignment.beads:
        if bead.kind != KIND_ONE_ONE:
            continue
        o, t = alignment.pair_texts(bead)
        if pivot is not None:
            o = _pivot_text(alignment, bead, pivot)
        lo, lt = checks.visible_length(o), checks.visible_length(t)
        if lo >= RATIO_MIN_CHARS and lt >= RATIO_MIN_CHARS:
            ratios.append(lt / lo)
    return statistics.median(ratios) if ratios else 1.0


def _pivot_text(alignment: Alignment, bead: Bead, pivot: Document) -> str:
    units = pivot.units(alignment.level)
    return UNIT_JOINERS[alignment.level].join(units[i].text for i in bead.original)


def _resolve_mode(alignment: Alignment, pivot: Document | None) -> str:
    mode = alignment.settings.mode_used
    if mode in ("", "auto"):
        return infer_mode(alignment.original, alignment.translation, pivot=pivot)
    if mode == "crosslingual" and pivot is not None:
        return "pivot"  # a pivot passed explicitly is meant to be used
    if mode not in MODES:
        raise AlignmentError(
            f"Unknown analysis mode “{mode}”; expected one of: {', '.join(MODES)}."
        )
    if mode == "pivot" and pivot is None:
        # the alignment was made with a pivot the caller did not pass: compare what we can
        log.warning("alignment says mode 'pivot' but no pivot was given; using crosslingual")
        return "crosslingual"
    return mode


def analyse(
    alignment: Alignment,
    *,
    pivot: Document | None = None,
    suppress_minor: bool = False,
    ratio: float | None = None,
) -> list[PairDivergence]:
    """One :class:`PairDivergence` per bead, in bead order.

    ``ratio`` is the typical translation/original length ratio for the length check;
    by default the median over this alignment's 1:1 pairs. Pass the whole document's
    value (:func:`typical_ratio`) when analysing only some beads after an edit, so the
    recomputed pairs are judged as in the full analysis.
    """
    mode = _resolve_mode(alignment, pivot)
    if mode == "pivot" and pivot is not None:
        n_pivot = len(pivot.units(alignment.level))
        n_orig = len(alignment.original.units(alignment.level))
        if n_pivot != n_orig:
            unit = "paragraphs" if alignment.level == "paragraph" else "sentences"
            raise AlignmentError(
                f"The pivot “{pivot.name}” has {n_pivot} {unit} but the original has "
                f"{n_orig}; a pivot must have one {unit[:-1]} per {unit[:-1]} of the original."
            )
    use_pivot = pivot if mode == "pivot" else None
    if ratio is None:
        ratio = typical_ratio(alignment, pivot=use_pivot)
    languages = (
        (use_pivot or alignment.original).language,
        alignment.translation.language,
    )
    out = []
    for bead in alignment.beads:
        o_text, t_text = alignment.pair_texts(bead)
        o_ids, t_ids = alignment.unit_ids(bead)
        p_text = _pivot_text(alignment, bead, use_pivot) if use_pivot is not None else ""
        similarity, band, spans, findings = analyse_pair(
            o_text,
            t_text,
            mode=mode,
            ratio=ratio,
            suppress_minor=suppress_minor,
            pivot_text=p_text,
            bead_kind=bead.kind,
            unit_ids=(o_ids, t_ids),
            languages=languages,
        )
        out.append(
            PairDivergence(
                pair_id=alignment.pair_id(bead),
                bead=bead,
                original_ids=o_ids,
                translation_ids=t_ids,
                original_text=o_text,
                translation_text=t_text,
                similarity=similarity,
                band=band,
                spans=spans,
                findings=findings,
                pivot_text=p_text,
            )
        )
    return out


def analyse_pair(
    original_text: str,
    translation_text: str,
    *,
    mode: str = "monolingual",
    ratio: float | None = None,
    suppress_minor: bool = False,
    pivot_text: str = "",
    bead_kind: str = KIND_ONE_ONE,
    unit_ids: tuple[Sequence[str], Sequence[str]] = ((), ()),
    languages: tuple[str, str] = ("en", "en"),
    number_words: bool = False,
) -> PairResult:
    """(similarity, band, spans, findings) for one pair of texts.

    With ``mode="pivot"`` and a ``pivot_text``, the diff and the same-language checks
    compare ``pivot_text`` with the translation, and original-side offsets index
    ``pivot_text``. ``ratio`` is the document's typical length ratio (1.0 if None).
    ``suppress_minor`` drops ``minor`` spans (case, punctuation, spelling variants);
    findings are kept.
    """
    if mode not in MODES:
        raise AlignmentError(
            f"Unknown analysis mode “{mode}”; expected one of: {', '.join(MODES)}."
        )
    o_ids, t_ids = tuple(unit_ids[0]), tuple(unit_ids[1])
    one_sided = not original_text.strip() or not translation_text.strip()
    if bead_kind in (KIND_OMITTED, KIND_ADDED) or one_sided:
        return (
            0.0,
            "unaligned",
            (),
            (_unaligned_finding(original_text, translation_text, o_ids, t_ids),),
        )
    ratio = 1.0 if ratio is None or ratio <= 0 else ratio
    findings: list[Finding] = []
    if bead_kind == KIND_MOVED:
        where = f" ({'+'.join(o_ids)} ↔ {'+'.join(t_ids)})" if o_ids and t_ids else ""
        findings.append(
            Finding(
                "moved",
                f"Matched out of document order{where}: the translation moves this passage",
                severity="minor",
            )
        )
    if mode == "pivot" and not pivot_text.strip():
        log.debug("pivot mode without pivot text for this pair; comparing across languages")
        mode = "crosslingual"
    if mode == "crosslingual":
        spans: tuple[Span, ...] = ()
        findings += _cross_checks(
            original_text,
            translation_text,
            ratio=ratio,
            languages=languages,
            number_words=number_words,
        )
        similarity = _cross_similarity(
            original_text, translation_text, ratio=ratio, findings=findings
        )
    else:
        labels = ("pivot", "translation") if mode == "pivot" else ("original", "translation")
        source = pivot_text if mode == "pivot" else original_text
        lang = languages[1] if mode == "pivot" else languages[0]
        a, b = tokenize(source), tokenize(translation_text)
        spans = diff_spans(
            source,
            translation_text,
            original_tokens=a,
            translation_tokens=b,
            suppress_minor=suppress_minor,
            labels=labels,
        )
        findings += _same_language_checks(
            source,
            translation_text,
            a,
            b,
            spans,
            ratio=ratio,
            language=lang,
            labels=labels,
            number_words=number_words,
        )
        if mode == "pivot":
            findings += checks.check_untranslated(original_text, translation_text)
        similarity = _similarity(a, b)
        return similarity, _band(similarity, spans, findings, a, b), spans, tuple(findings)
    band = _band(similarity, spans, findings, (), (), cross=True)
    return similarity, band, spans, tuple(findings)


def _unaligned_finding(o: str, t: str, o_ids: tuple[str, ...], t_ids: tuple[str, ...]) -> Finding:
    if o.strip() and not t.strip():
        ids = "+".join(o_ids) or "This passage"
        return Finding(
            "unaligned",
            f"{ids} of the original has no counterpart in the translation (omitted)",
            original_spans=((0, len(o)),),
        )
    ids = "+".join(t_ids) or "This passage"
    return Finding(
        "unaligned",
        f"{ids} of the translation has no counterpart in the original (added)",
        translation_spans=((0, len(t)),),
    )


def _same_language_checks(
    o: str,
    t: str,
    a: list[Token],
    b: list[Token],
    spans: tuple[Span, ...],
    *,
    ratio: float,
    language: str,
    labels: tuple[str, str],
    number_words: bool,
) -> list[Finding]:
    # negators inside a dropped or added clause are explained by that span; a lone
    # dropped "not" (a short span) is exactly the flip the negation check is for
    o_skip = [
        (s.original_start, s.original_end)
        for s in spans
        if s.kind == "omission"
        and word_count(a, s.original_start, s.original_end) >= NEGATION_SKIP_WORDS
    ]
    t_skip = [
        (s.translation_start, s.translation_end)
        for s in spans
        if s.kind == "addition"
        and word_count(b, s.translation_start, s.translation_end) >= NEGATION_SKIP_WORDS
    ]
    found: list[Finding] = []
    found += checks.check_numbers(
        o,
        t,
        languages=(language, language),
        number_words=number_words,
        labels=labels,
        original_tokens=a,
        translation_tokens=b,
    )
    found += checks.check_urls(o, t, labels=labels)
    found += checks.check_names(
        o, t, same_language=True, labels=labels, original_tokens=a, translation_tokens=b
    )
    found += checks.check_negation(
        o,
        t,
        language=language,
        labels=labels,
        original_tokens=a,
        translation_tokens=b,
        original_skip=o_skip,
        translation_skip=t_skip,
    )
    found += checks.check_length(o, t, ratio=ratio, labels=labels)
    return found


def _cross_checks(
    o: str, t: str, *, ratio: float, languages: tuple[str, str], number_words: bool
) -> list[Finding]:
    found: list[Finding] = []
    found += checks.check_numbers(o, t, languages=languages, number_words=number_words)
    found += checks.check_urls(o, t)
    found += checks.check_names(o, t, same_language=False)
    found += checks.check_length(o, t, ratio=ratio)
    found += checks.check_untranslated(o, t)
    return found


def _similarity(a: Sequence[Token], b: Sequence[Token]) -> float:
    joined_a, joined_b = " ".join(t.norm for t in a), " ".join(t.norm for t in b)
    if len(joined_a) * len(joined_b) <= EXACT_SIMILARITY_CELLS:
        return round(fuzz.ratio(joined_a, joined_b), 1)
    # Indel distance summed over the stretches between equal token runs: an alignment
    # of the two texts, so at least the exact distance, and equal to it in practice
    # (the runs are where the exact alignment matches too). Each token carries its
    # separating space, as in the joined texts.
    distance = 0
    for tag, i1, i2, j1, j2 in token_opcodes(a, b):
        if tag != "equal":
            piece_a = "".join(t.norm + " " for t in a[i1:i2])
            piece_b = "".join(t.norm + " " for t in b[j1:j2])
            distance += Indel.distance(piece_a, piece_b)
    total = len(joined_a) + len(joined_b)
    return round(100.0 * max(0.0, 1.0 - distance / total), 1)


def _cross_similarity(o: str, t: str, *, ratio: float, findings: Sequence[Finding]) -> float:
    lo, lt = checks.visible_length(o), checks.visible_length(t)
    d = (lt / lo) / ratio if lo and lt else 0.0
    length_score = 100.0 * min(d, 1 / d) if d else 0.0
    anchors = checks.count_anchors(o) + checks.count_anchors(t)
    if not anchors:
        return round(length_score, 1)
    # every number/URL finding is one anchor present on one side only
    unmatched = sum(1 for f in findings if f.check in ("numbers", "urls"))
    anchor_score = 100.0 * max(0, anchors - unmatched) / anchors
    return round((length_score + anchor_score) / 2, 1)


def _band(
    similarity: float,
    spans: Sequence[Span],
    findings: Sequence[Finding],
    a: Sequence[Token],
    b: Sequence[Token],
    *,
    cross: bool = False,
) -> str:
    if any(f.severity == "major" for f in findings):
        return "major"
    if not cross and similarity < MAJOR_SIMILARITY:
        return "major"
    for s in spans:
        if s.kind == "minor":
            continue
        words = word_count(a, s.original_start, s.original_end) + word_count(
            b, s.translation_start, s.translation_end
        )
        if words >= MAJOR_SPAN_WORDS:
            return "major"
    if spans or findings or (not cross and similarity < 100):
        return "minor"
    return "identical"
