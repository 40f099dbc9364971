"""Exports are pure functions of the review: the same review gives the same bytes, always."""

from __future__ import annotations

import io
import time
import zipfile

from store_helpers import make_review

from workbench.export import EXPORTS, export
from workbench.model import Annotation


def test_same_review_gives_same_bytes_across_a_clock_tick() -> None:
    review = make_review()
    review = review.with_annotation(
        review.pairs[0].pair_id,
        Annotation(status="major issue", comment="x", updated_at="2026-11-26T07:00:00.000Z"),
    )
    first = {fmt: export(review, fmt) for fmt in EXPORTS}
    time.sleep(1.1)  # zip entries and document properties carry seconds
    changed = [fmt for fmt in EXPORTS if export(review, fmt) != first[fmt]]
    assert changed == []


def test_xlsx_is_dated_by_the_review_not_by_the_clock() -> None:
    review = make_review()
    review = review.with_annotation(
        review.pairs[0].pair_id,
        Annotation(status="ok", updated_at="2026-11-26T07:00:00.000Z"),
    )
    with zipfile.ZipFile(io.BytesIO(export(review, "xlsx"))) as book:
        core = book.read("docProps/core.xml").decode("utf-8")
        assert {info.date_time for info in book.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert "2026-11-26T07:00:00Z" in core
