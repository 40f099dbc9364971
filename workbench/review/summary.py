"""A review in numbers: counts by status, category and band, MQM penalty and score."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from workbench.model import MQM_WEIGHTS, STATUSES, Annotation
from workbench.review.record import PairRecord, Review

#: Severity implied by a status when the reviewer left the severity empty.
STATUS_SEVERITY: Mapping[str, str] = {
    "minor issue": "minor",
    "major issue": "major",
    "critical": "critical",
}

# CJK ideographs and kana are written without spaces: each counts as one word.
_CJK_CHAR = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]"
)
_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


def count_words(text: str) -> int:
    """Words in ``text``: letter/digit runs, plus one per CJK ideograph or kana."""
    cjk = len(_CJK_CHAR.findall(text))
    return cjk + len(_WORD.findall(_CJK_CHAR.sub(" ", text)))


def effective_severity(annotation: Annotation) -> str:
    """The annotation's severity, or the one its status implies when none was chosen."""
    return annotation.severity or STATUS_SEVERITY.get(annotation.status, "")


def counted_errors(annotation: Annotation) -> list[tuple[str, str]]:
    """(category, severity) of every error the MQM score counts for one pair.

    A pair that lists errors counts each of them; its pair-level category and severity
    are then a summary, not one more error. A pair without a list counts as before
    format version 4: one error of its category and effective severity ("" when none).
    """
    if annotation.errors:
        return [(e.category, e.severity) for e in annotation.errors]
    return [(annotation.category, effective_severity(annotation))]


@dataclass(frozen=True)
class ReviewSummary:
    """Counts and the MQM score of a review.

    ``words`` is the translation word count of the *reviewed* pairs (status other than
    "unreviewed"), counted by :func:`count_words`: the MQM score is normalised by the
    amount of text actually evaluated. ``mqm_score`` is None while nothing with words
    has been reviewed.
    """

    pairs: int
    reviewed: int
    by_status: Mapping[str, int]
    by_category: Mapping[str, int]
    by_band: Mapping[str, int]
    penalty: int
    words: int
    mqm_score: float | None
    most_divergent: tuple[PairRecord, ...]
    words_total: int = 0

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict (most divergent pairs by id, similarity and band)."""
        return {
            "pairs": self.pairs,
            "reviewed": self.reviewed,
            "by_status": dict(self.by_status),
            "by_category": dict(self.by_category),
            "by_band": dict(self.by_band),
            "penalty": self.penalty,
            "words": self.words,
            "words_total": self.words_total,
            "mqm_score": self.mqm_score,
            "most_divergent": [
                {
                    "pair_id": p.pair_id,
                    "order": p.order,
                    "similarity": p.similarity,
                    "band": p.band,
                    "checks": list(p.checks),
                    "status": p.annotation.status,
                }
                for p in self.most_divergent
            ],
        }


def summarise(review: Review, *, top: int = 5) -> ReviewSummary:
    """Counts by status, category and band, the MQM penalty and score, most divergent pairs.

    MQM 2.0: penalty = sum of severity weights (neutral 0, minor 1, major 5, critical 25)
    of every error of the reviewed pairs (:func:`counted_errors`); score = 100 × (1 −
    penalty / words). ``by_category`` counts errors, not pairs.
    """
    by_status = Counter({s: 0 for s in STATUSES})
    by_category: Counter[str] = Counter()
    by_band: Counter[str] = Counter()
    penalty = words = words_total = reviewed = 0
    for p in review.pairs:
        ann = p.annotation
        by_status[ann.status] += 1
        by_band[p.band] += 1
        n = count_words(p.translation_text)
        words_total += n
        if ann.status == "unreviewed":
            continue
        reviewed += 1
        words += n
        for category, severity in counted_errors(ann):
            if category:
                by_category[category] += 1
            penalty += MQM_WEIGHTS.get(severity, 0)
    score = round(100.0 * (1.0 - penalty / words), 2) if words else None
    ranked = sorted(review.pairs, key=lambda p: (p.similarity, p.order))
    return ReviewSummary(
        pairs=len(review.pairs),
        reviewed=reviewed,
        by_status=dict(by_status),
        by_category=dict(by_category),
        by_band=dict(by_band),
        penalty=penalty,
        words=words,
        mqm_score=score,
        most_divergent=tuple(ranked[:top]),
        words_total=words_total,
    )
