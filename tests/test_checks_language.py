"""Checks that know the language: locale number formats, month abbreviations, OCR'd
elisions, designations, names joined or split, names swapped inside a run."""

from __future__ import annotations

from workbench.diff.checks import check_names, check_numbers, check_untranslated
from workbench.diff.checks.name_evidence import document_names

DE_FR = ("de", "fr")


def _numbers(original: str, translation: str) -> list[str]:
    return [f.message for f in check_numbers(original, translation, languages=DE_FR)]


def test_swiss_francs_with_the_unit_between_match_decimals_across_a_line_break():
    assert (
        _numbers("Ein Träger bekommt 3 Rupies ( Fr. 3.60 ) .", "3 roupies ( 3 fr .\n\n60 )") == []
    )


def test_locale_groupings_are_one_value():
    assert _numbers("8847,60 m und 3 500 Fr.", "8847.6 m et 3.500 fr") == []


def test_a_month_abbreviation_with_its_full_stop_is_a_month():
    assert _numbers("Alpine Journal , Nov . 1956", "Alpine Journal , novembre 1956") == []
    assert _numbers("« La Montagne » , oct. 1956", "La Montagne , octobre 1956") == []


def test_a_month_abbreviation_without_full_stop_is_no_month():
    assert _numbers("Jan Smith kam 1956", "Jan Smith vint en janvier 1956") == [
        "Month janvier in the translation is missing in the original"
    ]


def test_an_ocr_elided_article_is_no_number_in_french():
    assert _numbers("die « Fremden-Industrie »", "à 1'«industrie des étrangers »") == []


def test_a_designation_with_a_space_is_no_number_but_a_sentence_word_is():
    assert _numbers("Die Aussicht vom K2 war schön", "La vue du K 2 était belle") == []
    assert _numbers("Um 16 Uhr", "A 17 heures") == ["Number changed: 16 → 17 heures"]


def test_a_designation_is_compared_as_a_code_letter_and_number():
    """ "K2" is one mountain, "K 3" another: a changed designation is reported as one,
    never matched by the value of its number ("2 Tage")."""
    assert _numbers("Die Aussicht vom K2 war schön", "La vue du K 3 était belle") == [
        "Designation changed: K2 → K 3"
    ]
    assert _numbers("Vom K2 , 2 Tage", "Du C 2 , 2 jours") == ["Designation changed: K2 → C 2"]
    assert _numbers("Der K2 und der K 5", "Le K 2") == [
        "Designation K 5 in the original is missing in the translation"
    ]
    # a number word on the other side is no designation ("two" is not "K2")
    found = check_numbers("We climbed K2 with friends.", "We climbed the two peaks with friends.")
    assert [f.message for f in found] == [
        "Designation K2 in the original is missing in the translation"
    ]


def test_a_list_of_names_is_not_untranslated():
    assert (
        check_untranslated(
            "Nanga Parbat , Cho Oyu , Gasherbrum .", "Nanga Parbat , Cho Oyu , Gasherbrum ."
        )
        == []
    )
    assert check_untranslated(
        "Das ist gar nicht übersetzt worden", "Das ist gar nicht übersetzt worden"
    )


def _names(original: str, translation: str, documents: tuple[str, str]) -> list[str]:
    evidence = (document_names(documents[0]), document_names(documents[1]))
    found = check_names(
        original, translation, same_language=False, languages=DE_FR, evidence=evidence
    )
    return [f.message for f in found]


_DE = "Die Karte von Marcel Kurz ist gut . Kurz hat sie 1930 gezeichnet ."
_FR = "La carte de Marcel Kurz est exacte . Kurz l' a dessinée ."


def test_one_word_of_a_name_replaced_is_reported_on_the_french_side():
    de = "Die Karte von Marcel Kurz ist gut ."
    fr = "La carte de Haddad Kurz est exacte ."
    assert _names(de, fr, (_DE, _FR.replace("Marcel", "Haddad")))[-1:] == [
        "Name “Haddad” in the translation is missing in the original"
    ]


def test_an_initial_needs_an_initial_not_a_unit():
    de = "Die Höhe 8603 m stammt von Marcel Kurz ."
    fr = "L' altitude de 8603 m vient de Haddad Kurz ."
    assert _names(de, fr, (_DE, _FR)) == [
        "Name “Marcel Kurz” in the original is missing in the translation",
        "Name “Haddad” in the translation is missing in the original",
    ]
    assert _names(de, "L' altitude de 8603 m vient de M. Kurz .", (_DE, _FR)) == []


def test_names_joined_or_split_by_ocr_are_one_name():
    docs = ("Marcel Kurz und Albert Eggler .", "Marcel Kurz et Albert Eggler .")
    assert _names("- AlbertEggler : Gipfel", "c ) Albert Eggler , Gipfel", docs) == []
