"""The detection benchmark's generators and judge (workbench.bench.detection)."""

from __future__ import annotations

import random
import re

import pytest

from workbench.bench.detection import (
    EXPECTED_CHECK,
    LOUD,
    QUIET,
    Outcome,
    cases,
    judge,
    load_sources,
    summary,
)

SOURCES = load_sources()


def _letters(text: str) -> str:
    return re.sub(r"[^\w]", "", text.replace("_", "")).casefold()


def test_every_text_of_the_benchmark_is_loaded_with_its_names() -> None:
    assert len(SOURCES) >= 5
    for source in SOURCES:
        assert len(source.paragraphs) >= 8, source.name
        text = "\n\n".join(source.paragraphs)
        missing = [n for n in (*source.names.people, *source.names.words) if n not in text]
        assert missing == [], source.name


@pytest.mark.parametrize("category", [*LOUD, *QUIET])
def test_every_generator_changes_the_text_and_says_where(category: str) -> None:
    generate = LOUD.get(category) or QUIET[category]
    made = 0
    for source in SOURCES:
        for seed in range(3):
            edit = generate(source.paragraphs, random.Random(f"{category}/{seed}"), source.names)
            if edit is None:
                continue
            made += 1
            assert edit.paragraphs != source.paragraphs
            assert all(0 <= i < len(source.paragraphs) for i in edit.original_index)
            assert all(0 <= i < len(edit.paragraphs) for i in edit.edited_index)
    assert made >= 6, category  # material in most texts


@pytest.mark.parametrize("category", ["typography", "line-wraps", "quote-punctuation"])
def test_typographic_edits_keep_every_letter_and_digit(category: str) -> None:
    for source in SOURCES:
        edit = QUIET[category](source.paragraphs, random.Random(category), source.names)
        if edit is not None:
            (i,) = edit.original_index
            assert _letters(edit.paragraphs[i]) == _letters(source.paragraphs[i])


@pytest.mark.parametrize("category", ["numbers-digits", "years", "percentages", "versions"])
def test_number_edits_change_the_digits(category: str) -> None:
    for source in SOURCES:
        edit = LOUD[category](source.paragraphs, random.Random(category), source.names)
        if edit is not None:
            (i,) = edit.original_index
            before = re.findall(r"\d+", source.paragraphs[i])
            assert re.findall(r"\d+", edit.paragraphs[i]) != before


def test_name_edits_change_a_known_name() -> None:
    for source in SOURCES:
        for category in ("name-other", "name-letter", "name-surname"):
            edit = LOUD[category](source.paragraphs, random.Random(category), source.names)
            if edit is not None:
                old = edit.description.split(" → ")[0]
                assert old in (*source.names.people, *source.names.words)


def test_the_judge_finds_a_changed_number_and_keeps_a_contraction_quiet() -> None:
    demo = next(s for s in SOURCES if s.name.endswith("original.en.txt"))
    loud = LOUD["numbers-digits"](demo.paragraphs, random.Random(1), demo.names)
    quiet = QUIET["contractions"](demo.paragraphs, random.Random(1), demo.names)
    assert loud is not None and quiet is not None
    found = judge("numbers-digits", demo, 1, loud)
    assert found.flagged and "numbers" in found.checks
    kept = judge("contractions", demo, 1, quiet)
    assert not kept.flagged and kept.checks == ()


def test_cases_are_distinct_and_summary_counts_them() -> None:
    demo = [s for s in SOURCES if s.name.endswith("original.en.txt")]
    outcomes = cases("dropped-clause", demo, seeds=2)
    assert len({o.description for o in outcomes}) == len(outcomes) == 2
    rows = summary(outcomes)
    assert rows["dropped-clause"]["cases"] == 2
    assert rows["dropped-clause"]["flagged"] == sum(o.flagged for o in outcomes)


def test_summary_separates_found_labelled_and_missed() -> None:
    def outcome(flagged: bool, checks: tuple[str, ...]) -> Outcome:
        return Outcome("units", "loud", "t", 0, "", flagged, checks, ())

    rows = summary([outcome(True, ("numbers",)), outcome(True, ()), outcome(False, ())])
    row = rows["units"]
    assert (row["cases"], row["flagged"], row["labelled"]) == (3, 2, 1)
    assert dict(row["checks"]) == {"numbers": 1, "(no check)": 1, "(missed)": 1}
    assert EXPECTED_CHECK["units"] == "numbers"
