"""The demo set in texts/demo: every known discrepancy is found, nothing else above minor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.diff import analyse
from workbench.model import Alignment, Bead, Document, PairDivergence
from workbench.text import segment_text

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"
MANIFEST = json.loads((DEMO / "discrepancies.json").read_text(encoding="utf-8"))


def _doc(role: str) -> Document:
    name = MANIFEST["files"][role]
    return segment_text((DEMO / name).read_text(encoding="utf-8"), name=name)


def _index(ids: list[str]) -> tuple[int, ...]:
    return tuple(int(i[1:]) - 1 for i in ids)


def _alignment(a: Document, b: Document, beads: list[dict], keys: tuple[str, str]) -> Alignment:
    return Alignment(a, b, tuple(Bead(_index(x[keys[0]]), _index(x[keys[1]])) for x in beads))


def _above_minor(div: PairDivergence) -> bool:
    return any(s.kind != "minor" for s in div.spans) or any(
        f.severity == "major" for f in div.findings
    )


def _overlaps(start: int, end: int, text: str, words: str) -> bool:
    """The span [start, end) touches the (unique) occurrence of ``words`` in ``text``."""
    if not words:
        return False
    at = text.find(words)
    assert at >= 0 and text.count(words) == 1, words
    return start < at + len(words) and at < end if end > start else at <= start <= at + len(words)


def _check_found(
    divs: dict[str, PairDivergence], item: dict, sides: tuple[str, str]
) -> set[tuple[str, int]]:
    """Assert ``item`` is found in its pair; return the (pair id, span index) that found it."""
    pair_id = "+".join(item[sides[0]]) + "=" + "+".join(item[sides[1]])
    div = divs[pair_id]
    a_words, b_words = item[f"{sides[0]}_words"], item[f"{sides[1]}_words"]
    used = set()
    for kind in item["detected_by"]["spans"]:
        hits = [
            k
            for k, s in enumerate(div.spans)
            if s.kind == kind
            and (
                _overlaps(s.original_start, s.original_end, div.original_text, a_words)
                or _overlaps(s.translation_start, s.translation_end, div.translation_text, b_words)
            )
        ]
        assert hits, f"{item['id']}: no {kind} span on {a_words!r}/{b_words!r} in {pair_id}"
        used.update((pair_id, k) for k in hits)
    for check in item["detected_by"]["checks"]:
        assert check in div.checks, f"{item['id']}: check {check} did not fire in {pair_id}"
    return used


def test_manifest_beads_match_the_files() -> None:
    o, bt = _doc("original"), _doc("backtranslation")
    assert len(o) == 10 and len(bt) == 10
    covered_o = sorted(i for b in MANIFEST["expected_beads"] for i in _index(b["original"]))
    covered_b = sorted(i for b in MANIFEST["expected_beads"] for i in _index(b["backtranslation"]))
    assert covered_o == list(range(10)) and covered_b == list(range(10))


def test_backtranslation_discrepancies_are_found_and_nothing_else() -> None:
    alignment = _alignment(
        _doc("original"),
        _doc("backtranslation"),
        MANIFEST["expected_beads"],
        ("original", "backtranslation"),
    )
    divs = {d.pair_id: d for d in analyse(alignment)}
    assert "P2+P3=P2" in divs and "P5=P4+P5" in divs  # the merge and the split
    explained: set[tuple[str, int]] = set()
    textual = [d for d in MANIFEST["discrepancies"] if d["detected_by"]["spans"]]
    assert len(textual) == 7
    for item in textual:
        explained |= _check_found(divs, item, ("original", "backtranslation"))
    discrepancy_pairs = {
        "+".join(d["original"]) + "=" + "+".join(d["backtranslation"]) for d in textual
    }
    for pair_id, div in divs.items():
        if pair_id not in discrepancy_pairs:
            assert not _above_minor(div), (pair_id, div.spans, div.findings)
            continue
        extra = [
            s
            for k, s in enumerate(div.spans)
            if s.kind != "minor" and (pair_id, k) not in explained
        ]
        assert extra == [], pair_id
        assert div.band == "major", pair_id


def test_alternative_differences_are_found_and_nothing_else() -> None:
    alt = MANIFEST["alternative"]
    alignment = _alignment(
        _doc("backtranslation"),
        _doc("alternative"),
        alt["expected_beads"],
        ("backtranslation", "alternative"),
    )
    divs = {d.pair_id: d for d in analyse(alignment)}
    explained: set[tuple[str, int]] = set()
    for item in alt["differences"]:
        explained |= _check_found(divs, item, ("backtranslation", "alternative"))
    listed = {
        "+".join(d["backtranslation"]) + "=" + "+".join(d["alternative"])
        for d in alt["differences"]
    }
    for pair_id, div in divs.items():
        if pair_id not in listed:
            assert div.band == "identical", pair_id
        else:
            assert all(
                s.kind == "minor" or (pair_id, k) in explained for k, s in enumerate(div.spans)
            )


def test_french_translation_raises_only_its_planted_finding() -> None:
    o, fr = _doc("original"), _doc("translation")
    assert (o.language, fr.language) == ("en", "fr")
    alignment = _alignment(o, fr, MANIFEST["translation_beads"], ("original", "translation"))
    divs = {d.pair_id: d for d in analyse(alignment)}
    planted = {
        "+".join(d["original"]) + "=" + "+".join(d["translation"]): d
        for d in MANIFEST["translation_discrepancies"]
    }
    assert list(planted) == ["P9=P9"]
    for pair_id, div in divs.items():
        assert div.spans == ()  # cross-language: no word diff
        if pair_id not in planted:
            assert div.findings == (), pair_id
            continue
        item = planted[pair_id]
        assert list(div.checks) == item["detected_by"]["checks"]
        found = [div.original_text[s:e] for f in div.findings for s, e in f.original_spans]
        found += [div.translation_text[s:e] for f in div.findings for s, e in f.translation_spans]
        assert sorted(found) == sorted([item["original_words"], item["translation_words"]])


def test_aligner_recovers_the_expected_beads() -> None:
    align = pytest.importorskip("workbench.align").align
    alignment = align(_doc("original"), _doc("backtranslation"))
    got = [(list(alignment.unit_ids(b)[0]), list(alignment.unit_ids(b)[1])) for b in alignment]
    want = [(b["original"], b["backtranslation"]) for b in MANIFEST["expected_beads"]]
    assert got == want
