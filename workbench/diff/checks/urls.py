"""URLs and e-mail addresses present on one side only (compared exactly)."""

from __future__ import annotations

from workbench.diff.anchors import find_urls, unmatched_urls
from workbench.diff.checks.base import DEFAULT_LABELS, Labels, on_side
from workbench.model import Finding


def check_urls(
    original: str, translation: str, *, labels: Labels = DEFAULT_LABELS
) -> list[Finding]:
    """URLs and e-mail addresses present on one side only (compared exactly)."""
    missing_a, missing_b = unmatched_urls(find_urls(original), find_urls(translation))
    findings = []
    for missing, (this, that), original_side in (
        (missing_a, labels, True),
        (missing_b, labels[::-1], False),
    ):
        findings += [
            on_side(
                "urls",
                f"Address {text} in the {this} is missing in the {that}",
                ((start, end),),
                original=original_side,
            )
            for text, start, end in missing
        ]
    return findings
