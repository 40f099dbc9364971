"""The divergence analysis is pinned: speed work must not change a single output.

The fingerprints in ``tests/data/pinned_divergences.json`` were recorded with
``python -m workbench.bench.pinned_divergences --write``. A deliberate change of the
analysis re-records them in the same commit, with the reason.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from workbench.bench import pinned_divergences as pinned
from workbench.diff import analyse_pair
from workbench.model import Bead, PairDivergence


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads(pinned.PINNED.read_text(encoding="utf-8"))


def test_the_essay_and_its_perturbed_copies_analyse_as_recorded(recorded):
    assert pinned.essay_fingerprints() == recorded["essay"]


def test_the_demo_set_analyses_as_recorded(recorded):
    analyses, alignments = pinned.demo_fingerprints()
    assert alignments == recorded["alignments"]["demo"], "the aligner changed the input"
    assert analyses == recorded["demo"]


def test_the_detection_edits_analyse_as_recorded(recorded):
    analyses, alignments = pinned.detection_fingerprints()
    realigned = [k for k, v in alignments.items() if recorded["alignments"]["detection"][k] != v]
    assert realigned == [], "the aligner changed the input"
    changed = sorted(k for k, v in analyses.items() if recorded["detection"][k] != v)
    assert changed == []
    assert analyses.keys() == recorded["detection"].keys()


def test_a_zipf_like_document_analyses_as_recorded(recorded):
    assert pinned.zipf_fingerprint() == recorded["zipf"][str(pinned.ZIPF_PARAGRAPHS)]


def test_textberg_gold_pairs_analyse_as_recorded(recorded):
    now = pinned.textberg_fingerprints(pinned.default_bench_dir())
    if not now:
        pytest.skip("the shared Text+Berg benchmark is not beside the repository")
    assert now == recorded["textberg"]


def test_a_fingerprint_sees_every_field_that_is_shown():
    original, translation = "It rained 3 times.", "It snowed 4 times."
    similarity, band, spans, findings = analyse_pair(original, translation)
    assert spans and findings
    ids = ("P1",)
    base = PairDivergence(
        "P1", Bead((0,), (0,)), ids, ids, original, translation, similarity, band, spans, findings
    )
    variants = [
        replace(base, pair_id="P2"),
        replace(base, band="identical"),
        replace(base, similarity=similarity + 0.1),
        replace(base, spans=(replace(spans[0], original_end=spans[0].original_end + 1),)),
        replace(base, spans=(replace(spans[0], message="other"),)),
        replace(base, findings=(replace(findings[0], severity="minor"),)),
        replace(base, findings=(replace(findings[0], translation_spans=((0, 1),)),)),
    ]
    prints = {pinned.fingerprint([d]) for d in [base, *variants]}
    assert len(prints) == len(variants) + 1
