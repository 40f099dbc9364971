"""The checks run on one pair, by mode: every check within one language, fewer across.

Which checks run where is described in :mod:`workbench.diff.analyse`; each check is in
:mod:`workbench.diff.checks`.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.diff import checks
from workbench.diff.checks.name_evidence import DocumentNames
from workbench.diff.tokens import Token, tokenize
from workbench.model import Finding, Span

Range = tuple[int, int]


def same_language_checks(
    o: str,
    t: str,
    tokens: tuple[list[Token], list[Token]],
    spans: tuple[Span, ...],
    *,
    skip: tuple[Sequence[Range], Sequence[Range]],
    span_words: Sequence[tuple[int, int]] | None = None,
    ratio: float,
    language: str,
    labels: checks.Labels,
    number_words: bool,
    name_evidence: tuple[DocumentNames, DocumentNames] | None,
) -> list[Finding]:
    """Findings of every same-language check: numbers, addresses, names, negation,
    passages, length (the analysis does not ask for identical texts: on them only the
    length check can find anything, see ``analyse._same_language_pair``).
    ``skip`` holds each side's ranges where the negation check does not look;
    ``span_words`` the spans' word counts if the caller has them
    (:func:`~workbench.diff.spans.span_words`)."""
    a, b = tokens
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
        o,
        t,
        same_language=True,
        labels=labels,
        original_tokens=a,
        translation_tokens=b,
        languages=(language, language),
        evidence=name_evidence,
    )
    found += checks.check_negation(
        o,
        t,
        language=language,
        labels=labels,
        original_tokens=a,
        translation_tokens=b,
        original_skip=skip[0],
        translation_skip=skip[1],
    )
    found += checks.check_passages(o, t, spans, tokens, labels=labels, words=span_words)
    found += checks.check_length(o, t, ratio=ratio, labels=labels)
    return found


def cross_checks(
    o: str,
    t: str,
    *,
    ratio: float,
    spread: float | None = None,
    languages: tuple[str, str],
    number_words: bool,
    name_evidence: tuple[DocumentNames, DocumentNames] | None,
) -> list[Finding]:
    """Findings of the checks that survive translation: numbers, addresses, Latin-script
    names, length (with the document's ``spread``) and untranslated text."""
    a, b = tokenize(o), tokenize(t)
    found: list[Finding] = []
    found += checks.check_numbers(
        o,
        t,
        languages=languages,
        number_words=number_words,
        original_tokens=a,
        translation_tokens=b,
    )
    found += checks.check_urls(o, t)
    found += checks.check_names(
        o,
        t,
        same_language=False,
        original_tokens=a,
        translation_tokens=b,
        languages=languages,
        evidence=name_evidence,
    )
    found += checks.check_length(o, t, ratio=ratio, spread=spread)
    found += checks.check_untranslated(o, t)
    return found
