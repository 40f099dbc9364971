"""The latency benchmark's pure helpers: percentiles, the table cells, the documents.

The browser run itself is a script (``python -m workbench.bench --latency``), not a test.
"""

from __future__ import annotations

import pytest

from workbench.bench.latency import (
    LARGE_COPIES,
    essay_original,
    essay_paragraphs,
    large_texts,
    ratio,
)
from workbench.bench.latency_actions import Samples, css_key, percentile
from workbench.text import segment_text


def test_percentile_interpolates_between_closest_ranks() -> None:
    values = [5.0, 1.0, 3.0, 2.0, 4.0]
    assert percentile(values, 50) == 3.0
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 5.0
    assert percentile(values, 95) == pytest.approx(4.8)
    assert percentile([1.0, 2.0], 50) == 1.5
    assert percentile([7.0], 95) == 7.0
    twenty = [float(k) for k in range(1, 21)]
    assert percentile(twenty, 95) == pytest.approx(19.05)


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)


def test_cells_and_ratio() -> None:
    after = Samples([0.1, 0.2, 0.3])
    before = Samples([0.4, 0.4, 0.4])
    assert after.cells().split() == ["200", "290", "3"]
    assert ratio(after, before) == " 0.50"
    assert Samples(missing=True).cells().split() == ["n/a"]
    assert Samples(errors=["Timeout"]).cells().split() == ["err"]
    assert ratio(after, Samples(missing=True)) == ""
    assert ratio(None, before) == ""


def test_css_key_matches_streamlit_classes() -> None:
    assert css_key("row_P3=P3+P4") == "st-key-row_P3-P3-P4"


def test_essay_original_is_a_deterministic_perturbed_copy() -> None:
    paragraphs = essay_paragraphs()
    assert len(paragraphs) == 37
    first = essay_original(paragraphs)
    assert first == essay_original(paragraphs)
    assert first != "\n\n".join(paragraphs)
    assert 30 <= len(segment_text(first).segments) <= 45


def test_large_texts_have_over_a_thousand_distinct_paragraphs() -> None:
    paragraphs = essay_paragraphs()
    original, translation = large_texts(paragraphs)
    assert (original, translation) == large_texts(paragraphs)  # deterministic
    units = original.split("\n\n")
    assert len(units) == LARGE_COPIES * len(paragraphs) >= 1000
    assert len(set(units)) == len(units)  # every paragraph is tagged
    assert units[0].startswith("[1.1] ") and units[-1].startswith(f"[{LARGE_COPIES}.37] ")
    translated = translation.split("\n\n")
    assert abs(len(translated) - len(units)) <= 2 * LARGE_COPIES
    same = set(units) & set(translated)
    # odd copies keep most paragraphs word for word, even copies are lightly edited
    assert len(units) // 4 < len(same) < len(units)


def test_large_texts_scale_with_copies() -> None:
    paragraphs = essay_paragraphs()[:5]
    original, _ = large_texts(paragraphs, copies=3)
    assert len(original.split("\n\n")) == 15
