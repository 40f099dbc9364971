"""analyse() over whole alignments: the essay with four planted changes, modes, pivot."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.diff import alignment_ratio, analyse, infer_mode
from workbench.errors import AlignmentError
from workbench.model import Alignment, AlignSettings, Bead, PairDivergence
from workbench.text import document_from_units, segment_text

# The four planted changes: (kind, original words, perturbed words).
NUMBER = (
    "officially launched it on November 30, 2022.",
    "officially launched it on November 30, 2023.",
)
DROPPED = " What surprised us was that this release became that turning point."
CLAUSE = (
    "making the right choices has never been easy.",
    "making the right choices has never been easy, especially when the whole world is watching.",
)
NAME = ("Ron Conway and Brian Chesky", "Ron Conway and Brian Armstrong")


def _perturb(text: str) -> str:
    for old, new in (NUMBER, (DROPPED, ""), CLAUSE, NAME):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _above_minor(div: PairDivergence) -> bool:
    return any(s.kind != "minor" for s in div.spans) or any(
        f.severity == "major" for f in div.findings
    )


def _one_to_one(original, translation, **kw) -> Alignment:  # noqa: ANN001
    beads = tuple(Bead((i,), (i,)) for i in range(len(original)))
    return Alignment(original, translation, beads, **kw)


def _check_the_four(divs: list[PairDivergence]) -> None:
    flagged = {d.pair_id: d for d in divs if _above_minor(d)}
    by_text = {
        "number": next(d for d in divs if "November 30" in d.original_text),
        "dropped": next(d for d in divs if DROPPED.strip() in d.original_text),
        "clause": next(d for d in divs if CLAUSE[0] in d.original_text),
        "name": next(d for d in divs if NAME[0] in d.original_text),
    }
    assert set(flagged) == {d.pair_id for d in by_text.values()}
    assert all(d.band == "major" for d in by_text.values())

    number = by_text["number"]
    assert [f.message for f in number.findings] == ["Number changed: 2022 → 2023"]
    assert [
        (s.kind, number.original_text[s.original_start : s.original_end]) for s in number.spans
    ] == [("change", "2022")]

    dropped = by_text["dropped"]
    assert [
        (s.kind, dropped.original_text[s.original_start : s.original_end]) for s in dropped.spans
    ] == [("omission", DROPPED.strip())]
    # the omission is named as a check, so a spreadsheet reader sees why the pair is major
    assert [(f.check, f.message) for f in dropped.findings] == [
        (
            "omission",
            "Missing in the translation: “What surprised us was that this release became that "
            "turning…”",
        )
    ]

    clause = by_text["clause"]
    added = [clause.translation_text[s.translation_start : s.translation_end] for s in clause.spans]
    assert [s.kind for s in clause.spans] == ["addition"]
    assert added == [", especially when the whole world is watching"]
    assert [(f.check, f.message) for f in clause.findings] == [
        ("addition", "Added in the translation: “especially when the whole world is watching”")
    ]

    name = by_text["name"]
    assert [
        (s.kind, name.original_text[s.original_start : s.original_end]) for s in name.spans
    ] == [("change", "Chesky")]
    assert [f.message for f in name.findings] == [
        "Name “Brian Chesky” in the original is missing in the translation",
        "Name “Brian Armstrong” in the translation is missing in the original",
    ]
    # everything else is untouched
    others = [d for d in divs if d.pair_id not in flagged]
    assert others and all(d.band == "identical" and not d.spans and not d.findings for d in others)


def test_essay_with_four_planted_changes_reports_exactly_those(essay_path: Path) -> None:
    text = essay_path.read_text(encoding="utf-8")
    original = segment_text(text, name="essay")
    changed = segment_text(_perturb(text), name="perturbed")
    assert len(original) == len(changed) == 37
    divs = analyse(_one_to_one(original, changed))
    assert [d.pair_id for d in divs] == [f"P{i}=P{i}" for i in range(1, 38)]
    _check_the_four(divs)


def test_essay_through_the_aligner(essay_path: Path) -> None:
    align = pytest.importorskip("workbench.align").align
    text = essay_path.read_text(encoding="utf-8")
    alignment = align(segment_text(text, name="essay"), segment_text(_perturb(text), name="p"))
    assert all(b.kind == "1:1" for b in alignment.beads)
    _check_the_four(analyse(alignment))


def test_offsets_index_the_pair_texts(essay_path: Path) -> None:
    text = essay_path.read_text(encoding="utf-8")
    alignment = _one_to_one(segment_text(text), segment_text(_perturb(text)))
    for div, bead in zip(analyse(alignment), alignment.beads, strict=True):
        assert (div.original_text, div.translation_text) == alignment.pair_texts(bead)
        for s in div.spans:
            assert s.original_end <= len(div.original_text)
            assert s.translation_end <= len(div.translation_text)


def test_suppress_minor_removes_minor_spans() -> None:
    o = document_from_units(["The council met.", "Nothing changed here at all."], language="en")
    t = document_from_units(["The Council met.", "Nothing changed here at all."], language="en")
    alignment = _one_to_one(o, t)
    assert [d.band for d in analyse(alignment)] == ["minor", "identical"]
    assert [d.spans for d in analyse(alignment, suppress_minor=True)] == [(), ()]


def test_merge_split_and_unaligned_beads() -> None:
    o = document_from_units(
        ["One two three.", "Four five six.", "Seven.", "Lost text."], language="en"
    )
    t = document_from_units(
        ["One two three. Four five six.", "Seven.", "Extra text."], language="en"
    )
    beads = (Bead((0, 1), (0,)), Bead((2,), (1,)), Bead((3,), ()), Bead((), (2,)))
    divs = analyse(Alignment(o, t, beads))
    assert [d.pair_id for d in divs] == ["P1+P2=P1", "P3=P2", "P4=-", "-=P3"]
    assert [d.band for d in divs] == ["identical", "identical", "unaligned", "unaligned"]
    assert divs[2].findings[0].message == (
        "P4 of the original has no counterpart in the translation (omitted)"
    )
    assert divs[3].findings[0].message == (
        "P3 of the translation has no counterpart in the original (added)"
    )


def test_mode_inference_and_crosslingual_analysis() -> None:
    en = document_from_units(["In 2022 OpenAI launched ChatGPT for everyone."], language="en")
    fr = document_from_units(["En 2023, OpenAI a lancé ChatGPT pour tout le monde."], language="fr")
    assert infer_mode(en, en) == "monolingual"
    assert infer_mode(en, fr) == "crosslingual"
    assert infer_mode(en, fr, pivot=en) == "pivot"
    (div,) = analyse(_one_to_one(en, fr))
    assert div.spans == ()
    assert [f.message for f in div.findings] == ["Number changed: 2022 → 2023"]
    settings = AlignSettings(mode_used="monolingual")
    (forced,) = analyse(_one_to_one(en, fr, settings=settings))
    assert forced.spans  # monolingual mode diffs words even across languages


def test_pivot_mode_diffs_pivot_against_translation() -> None:
    fr = document_from_units(
        ["Ils n'avaient pas tort de poser la question.", "Le pont a rouvert en 2024."],
        language="fr",
    )
    pivot = document_from_units(
        ["They were not wrong to ask the question.", "The bridge reopened in 2024."], language="en"
    )
    back = document_from_units(
        ["They were wrong to ask the question.", "The bridge reopened in 2024."], language="en"
    )
    divs = analyse(_one_to_one(fr, back), pivot=pivot)
    first = divs[0]
    assert first.original_text == fr.segments[0].text
    assert first.pivot_text == pivot.segments[0].text
    assert [(s.kind, first.pivot_text[s.original_start : s.original_end]) for s in first.spans] == [
        ("omission", "not")
    ]
    assert [f.message for f in first.findings] == [
        "Negation “not” in the pivot has no counterpart in the translation"
    ]
    assert divs[1].band == "identical"


def test_pivot_with_other_unit_count_is_a_typed_error() -> None:
    o = document_from_units(["Un.", "Deux."], language="fr")
    pivot = document_from_units(["One."], language="en", name="pivot.txt")
    with pytest.raises(AlignmentError, match="pivot “pivot.txt” has 1 paragraphs"):
        analyse(_one_to_one(o, o), pivot=pivot)


def test_typical_ratio_is_median_of_one_to_one_pairs() -> None:
    o = document_from_units(["a" * 40, "b" * 40, "c" * 40], language="en")
    t = document_from_units(["a" * 40, "b" * 60, "c" * 80], language="en")
    assert alignment_ratio(_one_to_one(o, t)) == 1.5


def test_explicit_ratio_is_used_for_the_length_check() -> None:
    o = document_from_units(["word " * 20], language="en")
    t = document_from_units(["word " * 20 + "more " * 30], language="en")
    alignment = _one_to_one(o, t)
    # its own ratio: no length outlier (the added words are an addition either way)
    assert [f.check for f in analyse(alignment)[0].findings] == ["addition"]
    (div,) = analyse(alignment, ratio=1.0)
    assert [f.check for f in div.findings] == ["addition", "length"]
    assert div.findings[1].message.startswith(
        "Length ratio 2.50 is far from the document's typical 1.00"
    )
