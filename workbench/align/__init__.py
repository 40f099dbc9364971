"""Alignment of an original with its translation: beads at paragraph or sentence level.

Public API: :func:`align` (documents -> :class:`~workbench.model.Alignment`),
:func:`refine_to_sentences` (paragraph alignment -> sentence alignment inside each
paragraph group) and :func:`align_units` (plain strings -> beads).
"""

from __future__ import annotations

from workbench.align.api import align, refine_to_sentences
from workbench.align.core import align_units, align_units_detailed

__all__ = ["align", "align_units", "align_units_detailed", "refine_to_sentences"]
