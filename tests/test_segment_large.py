"""A 10,000-paragraph document is segmented completely (its speed: scripts/bench_limits.py)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from workbench.text import segment_text, split_sentences
from workbench.text.sentences import _sentence_spans

ESSAY = Path(__file__).resolve().parent.parent / "texts" / "reflections-en-backtranslation.txt"


def ten_thousand_paragraphs() -> str:
    """10,000 distinct paragraphs of 2-5 real sentences each (about 3.9 M characters)."""
    paragraphs = [p for p in ESSAY.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    pool = [p[s:e] for p in paragraphs for s, e in split_sentences(p)]
    rng = random.Random(0)
    return "\n\n".join(
        " ".join(rng.choice(pool) for _ in range(rng.randint(2, 5))) for _ in range(10_000)
    )


@pytest.mark.slow
def test_ten_thousand_paragraphs_all_get_their_sentences():
    text = ten_thousand_paragraphs()
    _sentence_spans.cache_clear()  # real work, not the per-paragraph cache
    doc = segment_text(text, name="big")
    assert len(doc.segments) == 10_000
    assert all(seg.sentences for seg in doc.segments)
    # every non-space character of every paragraph lies in exactly one sentence
    for seg in doc.segments[::97]:
        covered = "".join(s.text for s in seg.sentences)
        assert covered.replace(" ", "") == seg.text.replace(" ", "").replace("\n", "")


def test_a_paragraph_level_document_is_never_split_into_sentences():
    # sentences are split when first asked for (sentence level, display), not on reading
    from workbench.align import align
    from workbench.ui.components.document_input import COUNT_SENTENCES_UP_TO, describe

    paragraphs = [
        f"Sentence one of {k}. Sentence two of {k}." for k in range(COUNT_SENTENCES_UP_TO + 1)
    ]
    doc = segment_text("\n\n".join(paragraphs), name="long.txt")
    align(doc, doc)
    assert "long.txt: 1001 paragraphs, language" in describe(doc)
    assert not any("sentences" in vars(seg) for seg in doc.segments)  # never computed
    assert len(doc.segments[0].sentences) == 2  # and found on demand
    assert "sentences" in vars(doc.segments[0])
