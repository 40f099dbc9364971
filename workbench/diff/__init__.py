"""Divergence analysis: tokens with offsets, a fuzzy word diff, QA checks, similarity bands.

Public API: :func:`analyse` (a whole alignment), :func:`analyse_pair` (one pair, e.g.
to recompute pairs touched by an edit) and :func:`tokenize`. The measures (similarity,
length ratio, cross-language score) are defined once in :mod:`workbench.diff.measures`;
which analysis a pair gets (same language, across languages, through a pivot that is a
reference or only guides) is :mod:`workbench.diff.modes`.
"""

from __future__ import annotations

from workbench.diff.analyse import (
    MAJOR_SIMILARITY,
    MAJOR_SPAN_WORDS,
    alignment_ratio,
    analyse,
    analyse_pair,
    analyse_subset,
)
from workbench.diff.modes import infer_mode
from workbench.diff.tokens import Token, tokenize

__all__ = [
    "MAJOR_SIMILARITY",
    "MAJOR_SPAN_WORDS",
    "Token",
    "alignment_ratio",
    "analyse",
    "analyse_pair",
    "analyse_subset",
    "infer_mode",
    "tokenize",
]
