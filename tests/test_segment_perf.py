"""Segmentation speed on a 10,000-paragraph document (opt-in: ``pytest -m slow``)."""

from __future__ import annotations

import logging
import random
import time
from pathlib import Path

import pytest

from workbench.segment import _sentence_spans, segment_text, split_sentences

ESSAY = Path(__file__).resolve().parent.parent / "texts" / "reflections-en-backtranslation.txt"
log = logging.getLogger(__name__)


def ten_thousand_paragraphs() -> str:
    """10,000 distinct paragraphs of 2-5 real sentences each (about 3.9 M characters)."""
    paragraphs = [p for p in ESSAY.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    pool = [p[s:e] for p in paragraphs for s, e in split_sentences(p)]
    rng = random.Random(0)
    return "\n\n".join(
        " ".join(rng.choice(pool) for _ in range(rng.randint(2, 5))) for _ in range(10_000)
    )


@pytest.mark.slow
def test_ten_thousand_paragraphs_segment_in_seconds():
    text = ten_thousand_paragraphs()
    _sentence_spans.cache_clear()  # measure real work, not the per-paragraph cache
    started = time.perf_counter()
    doc = segment_text(text, name="big")
    elapsed = time.perf_counter() - started
    log.warning("segmented %d paragraphs in %.2f s", len(doc.segments), elapsed)
    assert len(doc.segments) == 10_000
    assert all(seg.sentences for seg in doc.segments)
    # ~3 s measured on the 2-core dev machine under load; pysbd alone takes ~7 s
    assert elapsed < 10
