"""Each QA check on hand-built pairs: exact messages, and quiet when nothing differs."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.diff import analyse_pair
from workbench.diff.anchors import number_values
from workbench.diff.checks import (
    check_length,
    check_names,
    check_negation,
    check_numbers,
    check_untranslated,
    check_urls,
)
from workbench.model import Finding


def _messages(findings: list[Finding]) -> list[str]:
    return [f.message for f in findings]


# --- numbers ---------------------------------------------------------------------------


def test_changed_year_is_one_finding_naming_both_values_with_offsets() -> None:
    o, t = "It launched on November 30, 2022.", "It launched on November 30, 2023."
    findings = check_numbers(o, t)
    assert _messages(findings) == ["Number changed: 2022 → 2023"]
    assert findings[0].original_spans == ((28, 32),)
    assert findings[0].translation_spans == ((28, 32),)


def test_numbers_far_apart_are_reported_each_on_its_side() -> None:
    o = "In 2022 the bridge closed, and the long debate about it began that spring."
    t = "The bridge closed, and the long debate about it began that spring of 2023."
    assert _messages(check_numbers(o, t)) == [
        "Number 2022 in the original is missing in the translation",
        "Number 2023 in the translation is missing in the original",
    ]


@pytest.mark.parametrize(
    ("original", "translation"),
    [
        ("3.5 million", "3,5 millions"),
        ("1,000 people", "1 000 personnes"),
        ("1,000 people", "1\u00a0000 personnes"),
        ("1,000 people", "1.000 Leute"),
        ("growth of 50%", "croissance de 50 %"),
        ("the 30th day", "le 30e jour"),
        ("12,345.67 euros", "12 345,67 euros"),
        ("about nine years", "about 9 years"),
    ],
)
def test_same_numbers_in_other_notations_are_quiet(original: str, translation: str) -> None:
    assert check_numbers(original, translation) == []


def test_number_values_keep_both_readings_of_a_three_digit_group() -> None:
    assert number_values("1,000") == {1000.0, 1.0}
    assert number_values("3,5") == {3.5}
    assert number_values("1 200") == {1200.0}


def test_repeated_number_must_appear_as_often() -> None:
    findings = check_numbers("In 2022 and again in 2022.", "In 2022 and again.")
    assert _messages(findings) == ["Number 2022 in the original is missing in the translation"]


def test_percentage_and_ordinal_changes_are_reported() -> None:
    assert _messages(check_numbers("up 40%", "up 45%")) == ["Number changed: 40% → 45%"]
    assert _messages(check_numbers("the 3rd time", "the 4th time")) == ["Number changed: 3rd → 4th"]


def test_number_words_checked_only_on_request() -> None:
    assert check_numbers("nine years", "ten years") == []
    assert _messages(check_numbers("nine years", "ten years", number_words=True)) == [
        "Number changed: nine years → ten years"
    ]


# --- URLs ------------------------------------------------------------------------------


def test_changed_url_is_reported() -> None:
    o = "See https://example.org/a for details."
    t = "See https://example.org/b for details."
    assert _messages(check_urls(o, t)) == [
        "Address https://example.org/a in the original is missing in the translation",
        "Address https://example.org/b in the translation is missing in the original",
    ]
    assert check_urls(o, o) == []


# --- names -----------------------------------------------------------------------------


def test_swapped_name_is_reported_with_its_span() -> None:
    o = "The help from Ron Conway was vital."
    t = "The help from Reid Hoffman was vital."
    findings = check_names(o, t)
    assert _messages(findings) == [
        "Name “Ron Conway” in the original is missing in the translation",
        "Name “Reid Hoffman” in the translation is missing in the original",
    ]
    assert findings[0].original_spans == ((14, 24),)


def test_sentence_initial_common_words_are_not_names() -> None:
    assert check_names("Building a company is hard.", "Creating a company is hard.") == []


def test_strong_names_count_even_at_sentence_start() -> None:
    assert _messages(check_names("OpenAI was small.", "DeepMind was small.")) == [
        "Name “OpenAI” in the original is missing in the translation",
        "Name “DeepMind” in the translation is missing in the original",
    ]


def test_case_change_of_a_name_is_not_a_missing_name() -> None:
    assert check_names("the National Heritage Fund paid", "the national heritage fund paid") == []


def test_quoted_title_missing_is_reported_once() -> None:
    o = 'a book called "The River Remembers" today'
    t = 'a book called "The River Forgets" today'
    assert _messages(check_names(o, t)) == [
        "Quoted title “The River Remembers” in the original is missing in the translation",
        "Quoted title “The River Forgets” in the translation is missing in the original",
    ]
    assert check_names(o, "a book called “The River Remembers” today") == []


def test_cross_language_names_tolerate_accents_and_case() -> None:
    o = "OpenAI launched ChatGPT in November for American users."
    t = "OpenAI a lancé ChatGPT en novembre pour les utilisateurs américains."
    assert check_names(o, t, same_language=False) == []


def test_cross_language_single_name_is_minor_full_name_major() -> None:
    single = check_names("asked Okafor", "a demandé à Okoro", same_language=False)
    assert [(f.message, f.severity) for f in single] == [
        ("Name “Okafor” in the original is missing in the translation", "minor"),
        ("Name “Okoro” in the translation is missing in the original", "minor"),
    ]
    full = check_names("asked Martin Okafor", "a demandé à Martin Okoro", same_language=False)
    assert [f.severity for f in full] == ["major", "major"]


# --- negation --------------------------------------------------------------------------


def test_dropped_not_is_a_negation_flip() -> None:
    findings = check_negation("they were not wrong to ask", "they were wrong to ask")
    assert _messages(findings) == [
        "Negation “not” in the original has no counterpart in the translation"
    ]
    assert findings[0].original_spans == ((10, 13),)


@pytest.mark.parametrize(
    ("original", "translation"),
    [
        ("We don't know.", "We do not know."),
        ("We can't go.", "We cannot go."),
        ("He never came.", "He did not come."),
    ],
)
def test_same_polarity_is_quiet(original: str, translation: str) -> None:
    assert check_negation(original, translation) == []


def test_added_negator_and_affixal_negation() -> None:
    assert _messages(check_negation("They came without a map.", "They came with a map.")) == [
        "Negation “without” in the original has no counterpart in the translation"
    ]
    assert _messages(check_negation("It is possible.", "It is impossible.")) == [
        "Negation flip: “impossible” in the translation stands against “possible” in the original"
    ]


@pytest.mark.parametrize("flip", [False, True], ids=["negated-original", "negated-translation"])
def test_negator_and_affixal_flip_are_both_reported_whichever_side_holds_them(flip) -> None:
    negated, plain = "He did not think it impossible.", "He thought it possible."
    original, translation = (plain, negated) if flip else (negated, plain)
    here, there = ("translation", "original") if flip else ("original", "translation")
    findings = check_negation(original, translation)
    assert _messages(findings) == [
        f"Negation “not” in the {here} has no counterpart in the {there}",
        f"Negation flip: “impossible” in the {here} stands against “possible” in the {there}",
    ]
    start = negated.index("impossible")
    ranges = [f.translation_spans if flip else f.original_spans for f in findings]
    assert ranges[1] == ((start, start + len("impossible")),)
    assert all(not (f.original_spans if flip else f.translation_spans) for f in findings)


def test_negators_inside_skipped_ranges_are_ignored() -> None:
    o = "We went. It was not easy at all. We came back."
    t = "We went. We came back."
    assert check_negation(o, t, original_skip=[(9, 32)]) == []


# --- length and untranslated -------------------------------------------------------------


def test_length_outlier_against_typical_ratio() -> None:
    o = "word " * 40
    findings = check_length(o, "word " * 10, ratio=1.0)
    assert _messages(findings) == [
        "Length ratio 0.25 is far from the document's typical 1.00: "
        "the translation is much shorter than expected"
    ]
    assert check_length(o, "word " * 10, ratio=0.3) == []
    assert check_length("short", "much longer text here", ratio=1.0) == []  # too short to judge


def test_untranslated_only_for_longer_texts() -> None:
    text = "This sentence was left in English."
    assert _messages(check_untranslated(text, text)) == [
        "The translation looks untranslated: 100% identical to the original"
    ]
    assert check_untranslated("OpenAI", "OpenAI") == []
    assert check_untranslated(text, "Cette phrase a été traduite en français.") == []


# --- through analyse_pair: modes, unaligned, moved, bands --------------------------------


def test_unaligned_pairs_have_their_own_band_and_message() -> None:
    sim, band, spans, findings = analyse_pair(
        "A lost paragraph.", "", bead_kind="1:0", unit_ids=(("P5",), ())
    )
    assert (sim, band, spans) == (0.0, "unaligned", ())
    assert _messages(list(findings)) == [
        "P5 of the original has no counterpart in the translation (omitted)"
    ]
    _, band, _, findings = analyse_pair(
        "", "An extra one.", bead_kind="0:1", unit_ids=((), ("P9",))
    )
    assert band == "unaligned"
    assert _messages(list(findings)) == [
        "P9 of the translation has no counterpart in the original (added)"
    ]


def test_moved_bead_is_reported_as_its_own_finding() -> None:
    _, band, _, findings = analyse_pair(
        "Same text here.", "Same text here.", bead_kind="moved", unit_ids=(("P3",), ("P7",))
    )
    assert [(f.check, f.severity) for f in findings] == [("moved", "minor")]
    assert "P3 ↔ P7" in findings[0].message
    assert band == "minor"


def test_crosslingual_mode_runs_only_cross_checks() -> None:
    o = "In 2022 we did not launch it."
    t = "En 2023, nous l'avons lancé."
    _, band, spans, findings = analyse_pair(o, t, mode="crosslingual")
    assert spans == ()
    assert [f.message for f in findings] == ["Number changed: 2022 → 2023"]
    assert band == "major"


def test_trivial_differences_keep_a_pair_out_of_major() -> None:
    o = 'The council said "no" - twice.'
    t = "The Council said “no” — twice"
    sim, band, spans, findings = analyse_pair(o, t)
    assert band == "minor"
    assert [s.kind for s in spans] == ["minor", "minor"]
    assert findings == ()
    assert 90.0 < sim < 100.0  # the dropped full stop counts, case and quote style do not
    sim, band, spans, findings = analyse_pair(o, 'The council said "no" -  twice.')
    assert (sim, band, spans, findings) == (100.0, "identical", (), ())


def test_unknown_mode_is_a_typed_error() -> None:
    from workbench.errors import AlignmentError

    with pytest.raises(AlignmentError, match="Unknown analysis mode “bilingual”"):
        analyse_pair("a", "b", mode="bilingual")


def test_chinese_pair_numbers_and_per_character_diff() -> None:
    sim, band, spans, findings = analyse_pair(
        "我们在2022年发布了模型。", "我们在2023年发布了新模型。", languages=("zh", "zh")
    )
    assert [
        (s.kind, s.original_start, s.original_end, s.translation_start, s.translation_end)
        for s in spans
    ] == [
        ("change", 3, 7, 3, 7),
        ("addition", 11, 11, 11, 12),
    ]
    assert [f.message for f in findings] == ["Number changed: 2022 → 2023"]
    assert band == "major" and 0 < sim < 100


_PIECES = list("abcAB 12,.%\n'\"“”—-我们") + ["not", " the ", "OpenAI", "2022", "«", "»"]
_ANY_TEXT = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@settings(max_examples=150, deadline=None)
@given(_ANY_TEXT, _ANY_TEXT, st.sampled_from(["monolingual", "crosslingual"]))
def test_analyse_pair_never_fails_and_offsets_stay_in_range(o: str, t: str, mode: str) -> None:
    sim, band, spans, findings = analyse_pair(o, t, mode=mode)
    assert 0.0 <= sim <= 100.0
    assert band in ("identical", "minor", "major", "unaligned")
    for s in spans:
        assert 0 <= s.original_start <= s.original_end <= len(o)
        assert 0 <= s.translation_start <= s.translation_end <= len(t)
    for f in findings:
        assert all(0 <= a <= b <= len(o) for a, b in f.original_spans)
        assert all(0 <= a <= b <= len(t) for a, b in f.translation_spans)
    if o == t and o.strip() and mode == "monolingual":
        assert (band, spans, findings) == ("identical", (), ())


def test_names_facing_another_script_are_minor_unless_strong() -> None:
    o = "In 2022, OpenAI launched ChatGPT with Sam Altman."
    t = "2022年，萨姆·奥尔特曼与团队一起发布了产品。"
    findings = check_names(o, t, same_language=False)
    assert [(f.message, f.severity) for f in findings] == [
        ("Name “OpenAI” in the original is missing in the translation", "major"),
        ("Name “ChatGPT” in the original is missing in the translation", "major"),
        ("Name “Sam Altman” in the original is missing in the translation", "minor"),
    ]
