"""Which pairs a reviewer sees and visits: filters, pages, compact rows, the next divergence,
and the identical pairs a bulk verdict marks OK.

Plain functions over a :class:`~workbench.review.record.Review`; the app's Review tab and
its tests call them, so what is filtered, paged and visited is decided in one place.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from workbench.model import KIND_MANY, KIND_MOVED, KIND_ONE_ONE, STATUSES
from workbench.review.record import PairRecord, Review

SHOW_ALL = "All pairs"
SHOW_DIVERGENT = "Divergent only"
SHOW_UNREVIEWED = "Unreviewed"
SHOW_STATUS = "By status"
SHOW_CATEGORY = "By category"
SHOW_OPTIONS = (SHOW_ALL, SHOW_DIVERGENT, SHOW_UNREVIEWED, SHOW_STATUS, SHOW_CATEGORY)
NO_CATEGORY = "(no category)"
#: Page sizes a reviewer can choose; the first is the default.
PAGE_SIZES = (20, 10, 50, 100)
#: The status a bulk verdict gives identical pairs.
OK = STATUSES[1]


def is_divergent(record: PairRecord) -> bool:
    """A pair worth a look: its texts differ, a check fired, or it was moved."""
    return record.band != "identical" or bool(record.checks) or record.kind == KIND_MOVED


def is_compact(record: PairRecord) -> bool:
    """A pair shown as a compact row: identical or minor, no check fired, not moved, and
    nothing written on it but a status.

    Everything else (major, unaligned, a check, a move, a comment or category) is a card.
    """
    ann = record.annotation
    linked = record.kind in (KIND_ONE_ONE, KIND_MANY)
    written = ann.category or ann.severity or ann.comment or ann.log is not None
    return linked and record.band in ("identical", "minor") and not record.checks and not written


def needs_review(record: PairRecord) -> bool:
    """A divergent pair nobody has judged yet: where "next divergence" goes."""
    return is_divergent(record) and record.annotation.status == STATUSES[0]


@dataclass(frozen=True)
class Filter:
    """What the Review tab shows: a view (``SHOW_OPTIONS``), its status or category, a search."""

    show: str = SHOW_ALL
    status: str = ""
    category: str = ""
    search: str = ""

    def matches(self, record: PairRecord) -> bool:
        """True when ``record`` passes the filter."""
        ann = record.annotation
        if self.show == SHOW_DIVERGENT and not is_divergent(record):
            return False
        if self.show == SHOW_UNREVIEWED and ann.status != STATUSES[0]:
            return False
        if self.show == SHOW_STATUS and ann.status != self.status:
            return False
        wanted = "" if self.category == NO_CATEGORY else self.category
        if self.show == SHOW_CATEGORY and ann.category != wanted:
            return False
        needle = self.search.strip().casefold()
        if needle:
            haystack = (record.original_text, record.translation_text, record.pair_id, ann.comment)
            return any(needle in h.casefold() for h in haystack)
        return True


def filtered(review: Review, view: Filter, *, keep: Collection[str] = ()) -> list[PairRecord]:
    """The review's records that pass ``view``, in document order, plus those in ``keep``
    (pairs annotated since the page was drawn stay until the page changes)."""
    return [r for r in review.pairs if r.pair_id in keep or view.matches(r)]


def page_count(rows: int, size: int) -> int:
    """How many pages ``rows`` rows fill (at least one)."""
    return max(1, math.ceil(rows / size))


def page_of(position: int, size: int) -> int:
    """The 1-based page that shows the row at 0-based ``position``."""
    return position // size + 1


def page_rows(rows: Sequence[PairRecord], page: int, size: int) -> Sequence[PairRecord]:
    """The rows of 1-based ``page`` (pages past the end are clamped to the last)."""
    page = min(max(1, page), page_count(len(rows), size))
    start = (page - 1) * size
    return rows[start : start + size]


def next_divergence(
    rows: Sequence[PairRecord], *, after: str | None, backwards: bool = False
) -> PairRecord | None:
    """The next unreviewed divergent pair in ``rows`` after the pair ``after`` (before it
    with ``backwards``), or from the first (last) row when ``after`` is None or not in
    ``rows``; None when there is none in that direction."""
    order = list(reversed(rows)) if backwards else list(rows)
    ids = [r.pair_id for r in order]
    start = ids.index(after) + 1 if after in ids else 0
    return next((r for r in order[start:] if needs_review(r)), None)


def identical_unreviewed(records: Sequence[PairRecord]) -> list[PairRecord]:
    """The pairs a bulk "mark identical pairs OK" changes: identical, no check fired,
    not moved, still unreviewed."""
    return [
        r
        for r in records
        if r.band == "identical"
        and not r.checks
        and r.kind != KIND_MOVED
        and r.annotation.status == STATUSES[0]
    ]
