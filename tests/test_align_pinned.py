"""The aligner's output is pinned: speed work must not change a single bead.

The fingerprints in ``tests/data/pinned_alignments.json`` were recorded with
``python -m workbench.bench.pinned --write``. A deliberate change of the aligner's
output re-records them in the same commit, with the benchmark figures that justify it.
"""

from __future__ import annotations

import json

import pytest

from workbench.bench import pinned


@pytest.fixture(scope="module")
def recorded() -> dict:
    return json.loads(pinned.PINNED.read_text(encoding="utf-8"))


def test_every_perturbation_case_aligns_as_recorded(recorded):
    now = pinned.perturbation_fingerprints()
    changed = [
        k for k, (a, b) in enumerate(zip(now, recorded["perturbation"], strict=True)) if a != b
    ]
    assert changed == [], f"perturbation cases aligned differently: {changed}"


def test_whole_documents_align_as_recorded(recorded):
    now = pinned.document_fingerprints()
    assert now == recorded["documents"]


def test_textberg_aligns_as_recorded(recorded):
    now = pinned.textberg_fingerprints(pinned.default_bench_dir())
    if not now:
        pytest.skip("the shared Text+Berg benchmark is not beside the repository")
    assert now == recorded["textberg"]


def test_a_fingerprint_sees_a_changed_score():
    from workbench.model import Bead

    beads = [Bead((0,), (0,), score=0.9, confidence=0.8)]
    moved = [Bead((0,), (0,), score=0.9001, confidence=0.8)]
    assert pinned.fingerprint(beads) != pinned.fingerprint(moved)
