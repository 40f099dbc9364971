"""Cross-language pairs whose translation is (nearly) identical to the original."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from workbench.diff.checks.base import DEFAULT_LABELS, Labels
from workbench.model import Finding
from workbench.text.normalise import comparison_form

#: Cross-language pairs whose normalised texts are at least this similar (fuzz.ratio)
#: are reported as untranslated.
UNTRANSLATED_SIMILARITY = 90.0
#: Untranslated check skips originals with fewer words in lower case: names, lists of
#: names, numbers and headings are written the same in every language.
UNTRANSLATED_MIN_WORDS = 3


def check_untranslated(
    original: str, translation: str, *, labels: Labels = DEFAULT_LABELS
) -> list[Finding]:
    """Cross-language pairs whose translation is (nearly) identical to the original."""
    words = re.findall(r"[^\W\d_]+", original)
    if sum(1 for w in words if not w[0].isupper()) < UNTRANSLATED_MIN_WORDS:
        return []
    score = fuzz.ratio(comparison_form(original), comparison_form(translation))
    if score < UNTRANSLATED_SIMILARITY:
        return []
    return [
        Finding(
            "untranslated",
            f"The {labels[1]} looks untranslated: {score:.0f}% identical to the {labels[0]}",
            translation_spans=((0, len(translation)),),
        )
    ]
