"""Perturbation suite: the essay against 200+ perturbed copies with known gold beads."""

from __future__ import annotations

import logging

import pytest

from workbench.align import align
from workbench.align.core import align_units_detailed
from workbench.bench.perturb import perturb
from workbench.text import document_from_units, segment_text

log = logging.getLogger(__name__)

CASES = 220


@pytest.fixture(scope="module")
def essay_paragraphs(essay_path) -> list[str]:
    doc = segment_text(essay_path.read_text(encoding="utf-8"), name=essay_path.name)
    return [s.text for s in doc.segments]


def test_essay_has_the_expected_paragraphs(essay_paragraphs):
    assert len(essay_paragraphs) == 37


def test_perturbation_suite_recovers_at_least_98_percent_of_beads(essay_paragraphs, capsys):
    hits = total = 0
    exact_cases = 0
    ops_seen: set[str] = set()
    for seed in range(CASES):
        case = perturb(essay_paragraphs, seed=seed, operations=3)
        ops_seen.update(op.split("@")[0] for op in case.operations)
        result = align_units_detailed(case.original, case.translation, detect_moves=True)
        got = {(b.original, b.translation, b.kind) for b in result.beads}
        gold = set(case.gold)
        hits += len(gold & got)
        total += len(gold)
        exact_cases += gold == got
    rate = hits / total
    with capsys.disabled():
        print(
            f"\nperturbation suite: {hits}/{total} beads exact ({rate:.4f}), "
            f"{exact_cases}/{CASES} cases exact"
        )
    assert ops_seen == {"merge", "split", "delete", "insert", "swap"}
    assert rate >= 0.98


def test_swapped_paragraphs_become_moved_beads_in_original_order(essay_paragraphs):
    paras = list(essay_paragraphs)
    translation = list(paras)
    translation[5], translation[30] = paras[30], paras[5]
    result = align_units_detailed(paras, translation, detect_moves=True)
    moved = [b for b in result.beads if b.kind == "moved"]
    assert [(b.original, b.translation) for b in moved] == [((5,), (30,)), ((30,), (5,))]
    order = [b.original[0] for b in result.beads if b.original]
    assert order == sorted(order)
    assert not [b for b in result.beads if b.kind in ("1:0", "0:1")]


def test_identical_documents_align_one_to_one(essay_path):
    doc = segment_text(essay_path.read_text(encoding="utf-8"), name="essay")
    alignment = align(doc, doc)
    assert [(b.original, b.translation) for b in alignment.beads] == [
        ((i,), (i,)) for i in range(len(doc))
    ]
    assert alignment.settings.mode_used == "monolingual"
    assert all(b.score > 0.9 for b in alignment.beads)


def test_sentence_level_alignment_of_whole_documents(essay_path):
    doc = segment_text(essay_path.read_text(encoding="utf-8"), name="essay")
    sentences = [s.text for s in doc.sentences]
    # drop sentence 10 and join sentences 20 and 21 in the "translation"
    trans_units = sentences[:10] + sentences[11:20] + [sentences[20] + " " + sentences[21]]
    trans_units += sentences[22:]
    trans = document_from_units(trans_units, name="t", split=False)
    alignment = align(doc, trans, level="sentence")
    pairs = {(b.original, b.translation) for b in alignment.beads}
    assert alignment.level == "sentence" and alignment.settings.level == "sentence"
    assert ((10,), ()) in pairs
    assert ((20, 21), (19,)) in pairs
    assert ((9,), (9,)) in pairs and ((22,), (20,)) in pairs
    assert len(pairs) == len(sentences) - 1
