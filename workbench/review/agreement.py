"""Agreement between reviewers: two or more reviews of the same texts, field by field.

For each annotation field (status, MQM category, severity) the pairs every review shares
are compared: observed agreement, Cohen's kappa (two reviews) or Fleiss' kappa (three or
more, with every pair of reviewers' Cohen's kappa beside it), a confusion table per pair
of reviewers, and the pairs where they disagree. Pure: reviews in, frozen results out
(``docs/agreement.md`` gives the definitions and formulas).

Which pairs count: a pair is compared when every review holds a pair with its id *and*
the same original and translation texts (the alignment may have been corrected in one
review and not another). A compared pair that any reviewer left ``unreviewed`` counts for
no field: its category and severity were not judged either. An empty category or
severity is a value of its own ("no error").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from workbench.errors import AgreementError
from workbench.model import MQM_CATEGORIES, SEVERITIES, STATUSES
from workbench.review.record import PairRecord, Review

#: The annotation fields compared, and each one's vocabulary (the order tables use).
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "status": STATUSES,
    "category": MQM_CATEGORIES,
    "severity": SEVERITIES,
}
FIELDS: tuple[str, ...] = tuple(VOCABULARIES)
#: How an empty category or severity is shown.
NO_ERROR = "(no error)"
#: Characters of each text kept in a disagreement.
EXCERPT_CHARS = 60
# Expected agreement this close to 1 means every rating was one value (kappa's 0/0).
_ONE = 1e-12


@dataclass(frozen=True)
class Disagreement:
    """A compared pair on which the reviewers did not all give the same value."""

    pair_id: str
    values: tuple[str, ...]  # one per reviewer, in reviewer order
    original_text: str  # shortened to EXCERPT_CHARS
    translation_text: str


@dataclass(frozen=True)
class Confusion:
    """Counts of one reviewer's value (rows) against another's (columns)."""

    first: int  # index of the row reviewer
    second: int  # index of the column reviewer
    labels: tuple[str, ...]  # values either used, in vocabulary order
    counts: tuple[tuple[int, ...], ...]  # counts[row][column]


@dataclass(frozen=True)
class PairwiseKappa:
    """Cohen's kappa of two of the reviewers over the compared items."""

    first: int
    second: int
    observed: float | None
    expected: float | None
    kappa: float | None


@dataclass(frozen=True)
class FieldAgreement:
    """Agreement on one field: the figures, the confusions and the disagreements."""

    field: str
    method: str  # "cohen" (two reviews) or "fleiss" (three or more)
    items: int  # pairs compared for this field
    observed: float | None  # p_o (Cohen) or mean pairwise agreement P̄ (Fleiss)
    expected: float | None  # p_e or P̄e
    kappa: float | None  # None when undefined (no item, or p_e = 1 with p_o < 1)
    pairwise: tuple[PairwiseKappa, ...]  # every pair of reviewers (one for two reviews)
    confusions: tuple[Confusion, ...]  # one per pair of reviewers, same order
    disagreements: tuple[Disagreement, ...]


@dataclass(frozen=True)
class Agreement:
    """Agreement between reviews of the same texts, per field."""

    reviewers: tuple[str, ...]  # display names, in the order given
    shared: int  # pairs in every review with the same id and texts
    not_shared: int  # pairs of some review that are not (not compared)
    unreviewed: int  # shared pairs some reviewer left unreviewed (not compared)
    fields: tuple[FieldAgreement, ...]

    def field(self, name: str) -> FieldAgreement:
        """The figures of one field; KeyError if it was not measured."""
        for found in self.fields:
            if found.field == name:
                return found
        raise KeyError(name)

    def as_dict(self) -> dict:
        """Plain data for JSON (values as stored: an empty category is "")."""
        return {
            "reviewers": list(self.reviewers),
            "shared_pairs": self.shared,
            "not_shared_pairs": self.not_shared,
            "unreviewed_pairs": self.unreviewed,
            "fields": {f.field: _field_dict(f, self.reviewers) for f in self.fields},
        }


def value_label(value: str) -> str:
    """How a value is shown: an empty category or severity is "(no error)"."""
    return value or NO_ERROR


def format_kappa(kappa: float | None) -> str:
    """Kappa to 4 decimals, "n/a" when undefined."""
    return "n/a" if kappa is None else f"{kappa:.4f}"


def shorten(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# --- kappas ------------------------------------------------------------------------------


def _kappa(observed: float, expected: float) -> float | None:
    """(p_o − p_e) / (1 − p_e); when p_e = 1, 1.0 if p_o = 1 else undefined."""
    if expected >= 1 - _ONE:
        return 1.0 if observed >= 1 - _ONE else None
    return (observed - expected) / (1 - expected)


def cohen(first: Sequence[str], second: Sequence[str]) -> PairwiseKappa:
    """Cohen's kappa of two raters' values for the same items (indices 0 and 1)."""
    n = len(first)
    if n == 0:
        return PairwiseKappa(0, 1, None, None, None)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    rows, columns = Counter(first), Counter(second)
    expected = sum(rows[v] * columns[v] for v in rows) / (n * n)
    return PairwiseKappa(0, 1, observed, expected, _kappa(observed, expected))


def fleiss(ratings: Sequence[Sequence[str]]) -> tuple[float | None, float | None, float | None]:
    """(P̄, P̄e, kappa) of items each rated by the same number (≥ 2) of raters."""
    if not ratings:
        return None, None, None
    raters = len(ratings[0])
    totals: Counter[str] = Counter()
    agreement = 0.0
    for item in ratings:
        counts = Counter(item)
        totals.update(counts)
        agreement += (sum(c * c for c in counts.values()) - raters) / (raters * (raters - 1))
    observed = agreement / len(ratings)
    all_ratings = len(ratings) * raters
    expected = sum((c / all_ratings) ** 2 for c in totals.values())
    return observed, expected, _kappa(observed, expected)


# --- which pairs are compared ------------------------------------------------------------


def _check_same_texts(reviews: Sequence[Review], names: Sequence[str]) -> None:
    """AgreementError naming both reviews if one reviews other texts than the first."""
    base = reviews[0].meta
    for review, name in zip(reviews[1:], names[1:], strict=True):
        meta = review.meta
        differs = [
            f"the {side} differs ({theirs[:12]}… against {ours[:12]}…)"
            for side, ours, theirs in (
                ("original", base.original_sha256, meta.original_sha256),
                ("translation", base.translation_sha256, meta.translation_sha256),
            )
            if ours != theirs
        ]
        if meta.level != base.level:
            differs.append(f"it is a {meta.level}-level review, the other {base.level}-level")
        if differs:
            raise AgreementError(
                f"“{name}” (project “{meta.project}”, {meta.original_name} ↔ "
                f"{meta.translation_name}) does not review the same texts as “{names[0]}” "
                f"(project “{base.project}”, {base.original_name} ↔ {base.translation_name}): "
                + "; ".join(differs)
                + ". Agreement compares reviews of the same original and translation."
            )


def _key(pair: PairRecord) -> tuple[str, str]:
    return pair.original_text, pair.translation_text


def shared_pairs(reviews: Sequence[Review]) -> list[str]:
    """Ids of the pairs every review holds with the same texts, in the first's order."""
    first, others = reviews[0], reviews[1:]
    return [
        p.pair_id
        for p in first.pairs
        if all(p.pair_id in r and _key(r.by_id(p.pair_id)) == _key(p) for r in others)
    ]


def _names(reviews: Sequence[Review], names: Sequence[str] | None) -> tuple[str, ...]:
    """Display names, made distinct ("name (2)") when two are the same."""
    given = [r.meta.project for r in reviews] if names is None else list(names)
    if len(given) != len(reviews):
        raise ValueError(f"{len(given)} names for {len(reviews)} reviews")
    seen: Counter[str] = Counter()
    distinct = []
    for name in given:
        seen[name] += 1
        distinct.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return tuple(distinct)


# --- per field ---------------------------------------------------------------------------


def _labels(field: str, values: Sequence[str]) -> tuple[str, ...]:
    vocabulary = VOCABULARIES[field]
    used = set(values)
    return tuple(v for v in vocabulary if v in used) + tuple(sorted(used - set(vocabulary)))


def _confusion(field: str, first: int, second: int, rows: Sequence[Sequence[str]]) -> Confusion:
    a = [r[first] for r in rows]
    b = [r[second] for r in rows]
    labels = _labels(field, a + b)
    pairs = Counter(zip(a, b, strict=True))
    counts = tuple(tuple(pairs[(x, y)] for y in labels) for x in labels)
    return Confusion(first, second, labels, counts)


def _pairwise(first: int, second: int, rows: Sequence[Sequence[str]]) -> PairwiseKappa:
    found = cohen([r[first] for r in rows], [r[second] for r in rows])
    return PairwiseKappa(first, second, found.observed, found.expected, found.kappa)


def field_agreement(
    field: str, pairs: Sequence[Sequence[PairRecord]], *, raters: int
) -> FieldAgreement:
    """Agreement on ``field`` over compared pairs (one record per reviewer for each)."""
    rows = [tuple(getattr(p.annotation, field) for p in records) for records in pairs]
    couples = list(combinations(range(raters), 2))
    pairwise = tuple(_pairwise(i, j, rows) for i, j in couples)
    if raters == 2:
        method, observed, expected, kappa = (
            "cohen",
            pairwise[0].observed,
            pairwise[0].expected,
            pairwise[0].kappa,
        )
    else:
        method = "fleiss"
        observed, expected, kappa = fleiss(rows)
    disagreements = tuple(
        Disagreement(
            records[0].pair_id,
            values,
            shorten(records[0].original_text),
            shorten(records[0].translation_text),
        )
        for records, values in zip(pairs, rows, strict=True)
        if len(set(values)) > 1
    )
    return FieldAgreement(
        field=field,
        method=method,
        items=len(rows),
        observed=observed,
        expected=expected,
        kappa=kappa,
        pairwise=pairwise,
        confusions=tuple(_confusion(field, i, j, rows) for i, j in couples),
        disagreements=disagreements,
    )


def measure_agreement(
    reviews: Sequence[Review],
    *,
    names: Sequence[str] | None = None,
    fields: Sequence[str] = FIELDS,
) -> Agreement:
    """Agreement of two or more reviews of the same texts on ``fields``.

    ``names`` are how the reviewers are shown (default: the project names). Raises
    AgreementError for fewer than two reviews, reviews of different texts or levels,
    and reviews that share no pair.
    """
    if len(reviews) < 2:
        raise AgreementError(
            f"Agreement needs two or more reviews of the same texts; {len(reviews)} given."
        )
    unknown = [f for f in fields if f not in VOCABULARIES]
    if unknown:
        raise AgreementError(
            f"Cannot measure agreement on {', '.join(map(repr, unknown))}: "
            f"the fields are {', '.join(FIELDS)}."
        )
    shown = _names(reviews, names)
    _check_same_texts(reviews, shown)
    ids = shared_pairs(reviews)
    if not ids:
        raise AgreementError(
            f"The reviews {', '.join(f'“{n}”' for n in shown)} share no pair (the same pair "
            "id with the same texts): their alignments differ everywhere, so nothing can "
            "be compared."
        )
    every = {p.pair_id for r in reviews for p in r.pairs}
    records = [tuple(r.by_id(pid) for r in reviews) for pid in ids]
    judged = [rs for rs in records if all(p.annotation.status != "unreviewed" for p in rs)]
    return Agreement(
        reviewers=shown,
        shared=len(ids),
        not_shared=len(every) - len(ids),
        unreviewed=len(records) - len(judged),
        fields=tuple(field_agreement(f, judged, raters=len(reviews)) for f in fields),
    )


# --- plain data ----------------------------------------------------------------------------


def _field_dict(found: FieldAgreement, reviewers: Sequence[str]) -> dict:
    return {
        "method": found.method,
        "items": found.items,
        "observed": found.observed,
        "expected": found.expected,
        "kappa": found.kappa,
        "pairwise": [
            {
                "reviewers": [reviewers[k.first], reviewers[k.second]],
                "observed": k.observed,
                "expected": k.expected,
                "kappa": k.kappa,
            }
            for k in found.pairwise
        ],
        "confusions": [
            {
                "rows": reviewers[c.first],
                "columns": reviewers[c.second],
                "labels": list(c.labels),
                "counts": [list(row) for row in c.counts],
            }
            for c in found.confusions
        ],
        "disagreements": [
            {
                "pair_id": d.pair_id,
                "values": dict(zip(reviewers, d.values, strict=True)),
                "original_text": d.original_text,
                "translation_text": d.translation_text,
            }
            for d in found.disagreements
        ],
    }
