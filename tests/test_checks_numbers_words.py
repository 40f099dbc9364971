"""The numbers check beyond digits: number words, ordinals, dates, units, scales, locales."""

from __future__ import annotations

import pytest

from workbench.diff import analyse_pair
from workbench.diff.anchors import find_quantities
from workbench.diff.checks import check_numbers
from workbench.diff.quantities import roman_value, word_numbers
from workbench.diff.tokens import tokenize


def _messages(original: str, translation: str, **options) -> list[str]:
    return [f.message for f in check_numbers(original, translation, **options)]


def _values(text: str, language: str = "en") -> list[float]:
    return [w.value for w in word_numbers(tokenize(text), language)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nine", 9),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("one hundred and twenty-three", 123),
        ("three thousand five hundred", 3500),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half", 0.5),
        ("a third", 1 / 3),
        ("two thirds", 2 / 3),
        ("a hundred", 100),
        ("the twenty-first", 21),
        ("the fifth", 5),
    ],
)
def test_number_phrases_are_read_as_one_value(text: str, value: float) -> None:
    assert _values(text) == [pytest.approx(value)]


def test_separate_numbers_stay_separate_and_weak_words_are_marked() -> None:
    assert _values("two or three") == [2, 3]
    found = word_numbers(tokenize("no one came at first"), "en")
    assert [(w.value, w.weak) for w in found] == [(1, True), (1, True)]


def test_german_compounds_and_roman_numerals() -> None:
    assert _values("die vier Achttausender", "de") == [4, 8000]
    assert [roman_value(w, "fr") for w in ("I", "IV", "XIV", "MIT")] == [1, 4, 14, None]
    assert roman_value("I", "en") is None  # the pronoun


@pytest.mark.parametrize(
    ("original", "translation", "language"),
    [
        ("Sales rose by ten PER CENT last year.", "Sales rose by ten PER CENT this year.", "en"),
        ("Il a vu THOUSAND OAKS hier.", "Il a vu THOUSAND OAKS demain.", "fr"),
        ("Vimos MILLE LACS y HUNDERT.", "Vimos MILLE LACS.", "es"),
    ],
)
def test_a_scale_word_of_another_language_in_capitals_is_no_number(
    original: str, translation: str, language: str
) -> None:
    # a word in capitals is tried as a number; "CENT" in English, "THOUSAND" in French
    # are scale words of other languages: they used to stop the analysis (KeyError)
    assert _values(original, language) == _values(translation, language)
    similarity, _, _, findings = analyse_pair(original, translation, languages=(language, language))
    assert 0 < similarity < 100
    assert not [f for f in findings if f.check == "numbers"]
    assert _values("THE HUNDRED DAYS") == [100]  # in its own language it is one


def test_a_number_word_replaced_is_one_finding_naming_both() -> None:
    o, t = "about nine years ago", "about ten years ago"
    _, band, _, findings = analyse_pair(o, t)
    assert [f.message for f in findings] == ["Number changed: nine years → ten years"]
    assert findings[0].original_spans == ((6, 16),)
    assert findings[0].translation_spans == ((6, 15),)
    assert band == "major"


@pytest.mark.parametrize(
    ("original", "translation", "message"),
    [
        ("the third visit", "the fourth visit", "Number changed: third → fourth"),
        ("a dozen boats", "a third boats", "Number changed: a dozen → a third"),
        ("Half of them came.", "A quarter of them came.", "Number changed: Half → A quarter"),
        ("on 14 February 2025", "on 14 March 2025", "Date changed: February → March"),
        ("open Monday to Friday", "open Monday to Thursday", "Date changed: Friday → Thursday"),
        ("take 5 mg daily", "take 5 g daily", "Number changed: 5 mg → 5 g"),
        ("costs £25 a visit", "costs €25 a visit", "Number changed: £25 → €25"),
        ("about 1.2 million", "about 1.2 billion", "Number changed: 1.2 million → 1.2 billion"),
    ],
)
def test_changed_words_dates_units_and_scales_are_reported(
    original: str, translation: str, message: str
) -> None:
    assert _messages(original, translation, number_words=True) == [message]


@pytest.mark.parametrize(
    ("original", "translation"),
    [
        ("84 metres long", "84 meters long"),
        ("5 mg", "5 milligrams"),
        ("1.2 million", "1,200,000"),
        ("nine years", "9 years"),
        ("in 1952 and 1953", "en 1952/53"),
        ("um 15.30 Uhr", "vers 15 h 30"),
    ],
)
def test_the_same_quantity_written_otherwise_is_quiet(original: str, translation: str) -> None:
    assert check_numbers(original, translation, number_words=True) == []


@pytest.mark.parametrize(
    ("original", "translation", "languages"),
    [
        ("Die Kote ist 8847,60 m.", "La cote est de 8847,6 m.", ("de", "fr")),
        ("The summit is 8847.60 m high.", "Le sommet culmine à 8847,6 m.", ("en", "fr")),
        ("Es waren 3 500 Träger.", "Il y avait 3.500 porteurs.", ("de", "fr")),
        ("There were 3,500 porters.", "Es waren 3.500 Träger.", ("en", "de")),
        ("There were 3,500 porters.", "Il y avait 3 500 porteurs.", ("en", "fr")),
        ("im Lager 3", "au camp III", ("de", "fr")),
        ("die vier Achttausender", "les quatre « 8000 »", ("de", "fr")),
    ],
)
def test_locale_formats_of_one_value_are_equal_across_languages(
    original: str, translation: str, languages: tuple[str, str]
) -> None:
    assert check_numbers(original, translation, languages=languages) == []


def test_a_repeated_year_may_be_said_once_in_another_language() -> None:
    de = "Im Juli 1956 und noch einmal im Juli 1956 stiegen sie auf."
    fr = "En juillet 1956, ils montèrent deux fois."
    assert check_numbers(de, fr, languages=("de", "fr")) == []
    # within one language a number written twice must still appear twice
    assert _messages("In 2022 and again in 2022.", "In 2022 and again.") == [
        "Number 2022 in the original is missing in the translation"
    ]


def test_quantities_carry_their_unit_and_kind() -> None:
    found = find_quantities("5 mg on 3 June, then £1.2 million", language="en")
    assert [(n.text, n.kind, n.unit) for n in found] == [
        ("5 mg", "number", "mg"),
        ("3", "number", ""),
        ("June", "month", ""),
        ("£1.2 million", "number", "GBP"),
    ]
    assert find_quantities("L. Lachenal in 1953 L. Terray", language="fr")[0].unit == ""
