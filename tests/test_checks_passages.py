"""Passages named as checks, quiet differences kept minor, and the negation counts."""

from __future__ import annotations

import pytest

from workbench.diff import analyse_pair
from workbench.diff.checks import check_negation
from workbench.diff.checks.passages import excerpt
from workbench.text.normalise import expand_contractions, spelling_key

BASE = "I try to remind myself of this every day. The rest of the paragraph stays the same."


def _checks(original: str, translation: str) -> list[tuple[str, str]]:
    _, _, _, findings = analyse_pair(original, translation)
    return [(f.check, f.message) for f in findings]


def test_a_dropped_sentence_is_an_omission_check_quoting_it() -> None:
    translation = "The rest of the paragraph stays the same."
    assert _checks(BASE, translation) == [
        ("omission", "Missing in the translation: “I try to remind myself of this every day.”")
    ]


def test_an_added_clause_is_an_addition_check() -> None:
    translation = BASE.replace("every day.", "every day, especially when it rains.")
    assert _checks(BASE, translation) == [
        ("addition", "Added in the translation: “especially when it rains”")
    ]


def test_a_replaced_sentence_is_one_replaced_check_even_across_a_shared_article() -> None:
    o = "You are being invited to take part in a research study. Before you decide, read on."
    t = "A good pair of walking boots is worth every penny on a hike. Before you decide, read on."
    _, band, spans, findings = analyse_pair(o, t)
    assert [s.kind for s in spans] == ["change"]
    assert [f.check for f in findings] == ["replaced"]
    assert findings[0].message.startswith(
        "Replaced in the translation: “You are being invited to take part in a research study”"
    )
    assert band == "major"


def test_short_changes_are_no_passage_check() -> None:
    assert _checks("It was worth as much as that.", "It mattered as much as that.") == []


def test_excerpts_are_cut_at_a_word() -> None:
    text = "word " * 30
    cut = excerpt(text, 22)
    assert cut.endswith("…") and len(cut) <= 23 and " " not in cut[-2:]
    assert excerpt(", especially then") == "especially then"


@pytest.mark.parametrize(
    ("original", "translation", "why"),
    [
        ("I think that's okay.", "I think that is okay.", "Contraction"),
        ("It's been long.", "It has been long.", "Contraction"),
        ("They'd gone.", "They had gone.", "Contraction"),
        ("Send an e-mail today.", "Send an email today.", "Hyphenation"),
        ("We co-operate fully.", "We cooperate fully.", "Hyphenation"),
        ("Visit our web site now.", "Visit our website now.", "Hyphenation"),
    ],
)
def test_contractions_and_hyphenation_are_minor_with_their_reason(
    original: str, translation: str, why: str
) -> None:
    _, band, spans, findings = analyse_pair(original, translation)
    assert (band, findings) == ("minor", ())
    assert [s.kind for s in spans] == ["minor"]
    assert spans[0].message.startswith(f"{why}: ")


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("colour", "color"),
        ("neighbours", "neighbors"),
        ("organisation", "organization"),
        ("analysed", "analyzed"),
        ("centre", "center"),
        ("metres", "meters"),
        ("travelled", "traveled"),
        ("catalogue", "catalog"),
        ("programme", "program"),
        ("licence", "license"),
    ],
)
def test_british_and_american_spellings_share_a_key(british: str, american: str) -> None:
    assert spelling_key(british) == spelling_key(american)


@pytest.mark.parametrize(("a", "b"), [("four", "for"), ("filled", "filed"), ("hour", "hor")])
def test_short_words_keep_their_own_key(a: str, b: str) -> None:
    assert spelling_key(a) != spelling_key(b)


def test_contractions_spell_out_in_comparison_forms() -> None:
    assert expand_contractions("it's fine, don't worry, we can't") == (
        "it is fine, do not worry, we can not"
    )


def test_affixal_negation_counts_a_flip_when_both_forms_occur() -> None:
    o = "It is now possible to rename a channel, which was impossible before."
    t = "It is now possible to rename a channel, which was possible before."
    assert [f.message for f in check_negation(o, t)] == [
        "Negation flip: “impossible” in the original stands against “possible” in the translation"
    ]
    assert check_negation("a non-profit body", "a nonprofit body") == []
