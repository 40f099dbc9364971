"""Across languages nothing is called "identical" and no score is called a text similarity.

A French translation beside its English original is not identical to it, and the score
of a cross-language pair is the agreement of its lengths and anchors (numbers, names),
not how alike two texts are: the compact rows, the Overview's chart and its legend say so.
"""

from __future__ import annotations

from pathlib import Path

from workbench.bench.paths import TEXTS
from workbench.review.verdict import compares_text
from workbench.session.core import start_review
from workbench.text import load_document
from workbench.ui.components.overview import similarity_chart
from workbench.ui.components.pair_html import compact_html

DEMO = TEXTS / "demo"


def _encoding(review) -> dict:  # noqa: ANN001 - a Review
    return similarity_chart(review).to_dict()["layer"][1]["encoding"]


def test_a_cross_language_review_names_its_bands_and_measure_for_what_they_are(
    tmp_path: Path,
) -> None:
    original = load_document(DEMO / "original.en.txt")
    french = load_document(DEMO / "translation.fr.txt")
    review = start_review(original, french, path=tmp_path / "fr.csv").review
    assert not compares_text(review.meta.settings)
    quiet = next(p for p in review.pairs if p.band == "identical")
    row = compact_html(quiet, None, text_similarity=False)
    assert ">no difference found</span>" in row and ">identical</span>" not in row
    encoding = _encoding(review)
    assert encoding["y"]["title"] == "Agreement of lengths and anchors (%)"
    assert "no difference found" in encoding["color"]["scale"]["domain"]
    assert "identical" not in encoding["color"]["scale"]["domain"]


def test_a_same_language_review_keeps_identical_and_similarity(tmp_path: Path) -> None:
    original = load_document(DEMO / "original.en.txt")
    back = load_document(DEMO / "backtranslation.en.txt")
    review = start_review(original, back, path=tmp_path / "bt.csv").review
    assert compares_text(review.meta.settings)
    quiet = next(p for p in review.pairs if p.band == "identical")
    assert ">identical</span>" in compact_html(quiet, None, text_similarity=True)
    encoding = _encoding(review)
    assert encoding["y"]["title"] == "Similarity (%)"
    assert "identical" in encoding["color"]["scale"]["domain"]
