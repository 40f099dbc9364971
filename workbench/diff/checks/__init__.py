"""Per-pair checks in the style of QA tools (Xbench, Verifika), one module per check.

Every check is a function ``check_x(original, translation, *, ...)`` comparing the two
texts of one pair and returning :class:`~workbench.model.Finding` objects whose ranges
index those texts; messages name what fired ("Number 2022 in the original is missing
in the translation"). ``labels`` names the two sides (a pivot comparison says "pivot").

To add a check: a module here with its ``check_x``, exported below, and a call in
:mod:`workbench.diff.analyse` for the modes it applies to (same-language pairs get
every check; cross-language pairs only those that survive translation).
"""

from workbench.diff.checks.base import DEFAULT_LABELS, Labels
from workbench.diff.checks.length import check_length
from workbench.diff.checks.names import check_names, extract_names
from workbench.diff.checks.negation import check_negation
from workbench.diff.checks.numbers import check_numbers
from workbench.diff.checks.passages import check_passages
from workbench.diff.checks.structure import moved_finding, unaligned_finding
from workbench.diff.checks.untranslated import check_untranslated
from workbench.diff.checks.urls import check_urls

__all__ = [
    "DEFAULT_LABELS",
    "Labels",
    "check_length",
    "check_names",
    "check_negation",
    "check_numbers",
    "check_passages",
    "check_untranslated",
    "check_urls",
    "extract_names",
    "moved_finding",
    "unaligned_finding",
]
