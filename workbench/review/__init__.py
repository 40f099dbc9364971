"""The review record (pairs, annotations, provenance): built, rebuilt, summarised.

``record`` holds the data model of a review; ``build`` makes one from an analysed
alignment; ``rebuild`` turns one back into the alignment it came from; ``summary``
counts it (MQM score); ``marks`` builds, checks and describes the errors marked on spans
of a pair; ``back_translation`` holds what only back-translation reviews
have (forward passages, discrepancy log). Files are the store's business
(:mod:`workbench.store`), not this package's.
"""

from workbench.review.build import build_review
from workbench.review.rebuild import review_to_alignment, split_units
from workbench.review.record import (
    FORMAT_VERSION,
    ForwardPassage,
    ForwardText,
    PairRecord,
    Review,
    ReviewKind,
    ReviewMeta,
    annotation_problems,
    check_annotation,
    newer,
    parse_timestamp,
    unit_sort_key,
    utc_now,
)
from workbench.review.summary import ReviewSummary, count_words, effective_severity, summarise

__all__ = [
    "FORMAT_VERSION",
    "ForwardPassage",
    "ForwardText",
    "PairRecord",
    "Review",
    "ReviewKind",
    "ReviewMeta",
    "ReviewSummary",
    "annotation_problems",
    "build_review",
    "check_annotation",
    "count_words",
    "effective_severity",
    "newer",
    "parse_timestamp",
    "review_to_alignment",
    "split_units",
    "summarise",
    "unit_sort_key",
    "utc_now",
]
