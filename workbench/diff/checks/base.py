"""What every check shares: the names of the two sides and how a finding is placed on one."""

from __future__ import annotations

from workbench.model import Finding

Labels = tuple[str, str]
#: How messages name the two sides; a pivot comparison says "pivot" for the first.
DEFAULT_LABELS: Labels = ("original", "translation")
Range = tuple[int, int]


def on_side(
    check: str,
    message: str,
    ranges: tuple[Range, ...],
    *,
    original: bool,
    severity: str = "major",
) -> Finding:
    """A finding whose character ranges lie on the original side (else the translation's)."""
    return Finding(
        check,
        message,
        severity=severity,
        original_spans=ranges if original else (),
        translation_spans=() if original else ranges,
    )
