"""Review sessions: what the app and the command line share.

``core`` starts, opens, corrects, undoes and annotates a review; ``bilingual`` starts
one from a CAT tool's bilingual file; ``sheets`` imports a reviewer's spreadsheet. All
write through the store chosen (``WORKBENCH_STORE``), which keeps the same-texts rule,
the pairs' versions and the history.
"""

from workbench.session.bilingual import start_bilingual_review
from workbench.session.core import (
    CORRECTIONS,
    CORRECTOR,
    DIRECT,
    Engine,
    Progress,
    ReviewSession,
    apply_correction,
    hash_mismatches,
    open_review,
    pair_history,
    review_history,
    save_annotation,
    save_annotations,
    start_back_translation_review,
    start_review,
    stored_review,
    undo,
)
from workbench.session.sheets import ImportOutcome, import_sheet

__all__ = [
    "CORRECTIONS",
    "CORRECTOR",
    "DIRECT",
    "Engine",
    "ImportOutcome",
    "Progress",
    "ReviewSession",
    "apply_correction",
    "hash_mismatches",
    "import_sheet",
    "open_review",
    "pair_history",
    "review_history",
    "save_annotation",
    "save_annotations",
    "start_back_translation_review",
    "start_bilingual_review",
    "start_review",
    "stored_review",
    "undo",
]
