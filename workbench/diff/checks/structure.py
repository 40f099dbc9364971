"""Findings about a bead's shape rather than its words: unaligned and moved passages."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.model import Finding


def moved_finding(o_ids: Sequence[str], t_ids: Sequence[str]) -> Finding:
    """The finding of a bead matched out of document order (units ``o_ids`` ↔ ``t_ids``)."""
    where = f" ({'+'.join(o_ids)} ↔ {'+'.join(t_ids)})" if o_ids and t_ids else ""
    return Finding(
        "moved",
        f"Matched out of document order{where}: the translation moves this passage",
        severity="minor",
    )


def unaligned_finding(o: str, t: str, o_ids: tuple[str, ...], t_ids: tuple[str, ...]) -> Finding:
    """The finding of a bead with text on one side only (omitted or added)."""
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
