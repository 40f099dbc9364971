"""What every check shares: the names of the two sides and how a finding is placed on one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TypeVar

from workbench.model import Finding

T = TypeVar("T")

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


def missing_on_either_side(
    check: str,
    missing: tuple[Iterable[T], Iterable[T]],
    labels: Labels,
    describe: Callable[[T], tuple[str, Range]],
) -> list[Finding]:
    """Findings for items present on one side only: ``missing`` holds the original side's
    items the translation lacks, then the translation side's items the original lacks.

    ``describe(item)`` gives what to call the item ("Number 2022") and where it is.
    """
    findings = []
    for items, (this, that), original in (
        (missing[0], labels, True),
        (missing[1], labels[::-1], False),
    ):
        for item in items:
            what, where = describe(item)
            message = f"{what} in the {this} is missing in the {that}"
            findings.append(on_side(check, message, (where,), original=original))
    return findings
