"""URLs and e-mail addresses present on one side only (compared exactly)."""

from __future__ import annotations

from workbench.diff.anchors import find_urls, unmatched_urls
from workbench.diff.checks.base import DEFAULT_LABELS, Labels, missing_on_either_side
from workbench.model import Finding


def check_urls(
    original: str, translation: str, *, labels: Labels = DEFAULT_LABELS
) -> list[Finding]:
    """URLs and e-mail addresses present on one side only (compared exactly)."""
    return missing_on_either_side(
        "urls",
        unmatched_urls(find_urls(original), find_urls(translation)),
        labels,
        lambda url: (f"Address {url[0]}", (url[1], url[2])),
    )
