"""Divergence analysis: tokens with offsets, a fuzzy word diff, QA checks, similarity bands.

Public API: :func:`analyse` (a whole alignment), :func:`analyse_pair` (one pair, e.g.
to recompute pairs touched by an edit) and :func:`tokenize`.
"""

from __future__ import annotations

from workbench.diff.analyse import (
    MAJOR_SIMILARITY,
    MAJOR_SPAN_WORDS,
    MODES,
    analyse,
    analyse_pair,
    infer_mode,
    typical_ratio,
)
from workbench.diff.tokens import Token, tokenize

__all__ = [
    "MAJOR_SIMILARITY",
    "MAJOR_SPAN_WORDS",
    "MODES",
    "Token",
    "analyse",
    "analyse_pair",
    "infer_mode",
    "tokenize",
    "typical_ratio",
]
