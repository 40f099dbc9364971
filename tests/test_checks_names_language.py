"""The names check knows the language: German nouns, document evidence, names across languages."""

from __future__ import annotations

import pytest

from workbench.diff import analyse
from workbench.diff.checks import check_names
from workbench.diff.checks.name_evidence import document_names, similar_name
from workbench.model import Alignment, Bead
from workbench.text import document_from_units

GERMAN = [
    "Seit hundert Jahren kennt man den Mittelwert der Kote des Mount Everest nicht genau.",
    "Die Expedition von Marcel Kurz erreichte im Mai den Gipfel des Makalu.",
    "Der Gipfel des Everest liegt in Nepal.",
]
FRENCH = [
    "Depuis cent ans on ne connaît pas exactement la moyenne des cotes du Mont Everest.",
    "L'expédition de Marcel Kurz atteignit en mai le sommet du Makalu.",
    "Le sommet de l'Everest se trouve au Népal.",
]


def _messages(findings) -> list[str]:  # noqa: ANN001
    return [f.message for f in findings]


def _evidence(de: list[str], fr: list[str]):  # noqa: ANN202
    return document_names("\n\n".join(de)), document_names("\n\n".join(fr))


def _check(de: str, fr: str, *, evidence) -> list[str]:  # noqa: ANN001
    return _messages(
        check_names(de, fr, same_language=False, languages=("de", "fr"), evidence=evidence)
    )


def test_german_capitalised_nouns_are_not_names() -> None:
    evidence = _evidence(GERMAN, FRENCH)
    # Jahren, Mittelwert, Kote: German nouns, written as names nowhere in the French text
    for de, fr in zip(GERMAN, FRENCH, strict=True):
        assert _check(de, fr, evidence=evidence) == []


def test_through_analyse_the_gold_like_pairs_are_quiet() -> None:
    de = document_from_units(GERMAN, language="de")
    fr = document_from_units(FRENCH, language="fr")
    divs = analyse(Alignment(de, fr, tuple(Bead((i,), (i,)) for i in range(3))))
    assert [d.checks for d in divs] == [(), (), ()]


def test_a_name_replaced_in_the_translation_is_reported() -> None:
    french = [*FRENCH]
    french[1] = french[1].replace("Makalu", "Lhotse")
    evidence = _evidence(GERMAN, [*french, "Le Makalu est difficile."])
    # both sides of the swap: the lost name, and the newcomer nothing explains
    assert _check(GERMAN[1], french[1], evidence=evidence) == [
        "Name “Makalu” in the original is missing in the translation",
        "Name “Lhotse” in the translation is missing in the original",
    ]


def test_a_name_written_once_and_replaced_is_reported_though_no_evidence_is_left() -> None:
    """ "la Tista" → "la Achterberg": the only "Tista" of the French document is gone, so
    nothing attests it as a name; the newcomer, inside a sentence, written nowhere else,
    never in lower case and like no word of the original, is reported."""
    german = "Die Tista entspringt auf der Nordseite des Himalaya ."
    french = "La rivière prend sa source au nord , puis la Achterberg descend vers le sud ."
    evidence = _evidence([german, *GERMAN], [french, *FRENCH])
    assert _check(german, french, evidence=evidence) == [
        "Name “Achterberg” in the translation is missing in the original"
    ]
    # an exonym is not a stranger: "Londres" starts like "London"
    german, french = "Er lebte lange in London .", "Il a longtemps vécu à Londres ."
    evidence = _evidence([german, *GERMAN], [french, *FRENCH])
    assert _check(german, french, evidence=evidence) == []
    # nor is a word its document also writes in lower case ("Glaces"/"glace")
    french = "Il a longtemps vécu au Glaces . La glace fond ."
    evidence = _evidence([german, *GERMAN], [french, *FRENCH])
    assert _check(german, french, evidence=evidence) == []


def test_mount_and_mont_everest_are_one_name() -> None:
    assert similar_name("mount", "mont")
    assert similar_name("munchen", "munich")  # München/Munich, accents folded
    assert similar_name("nepal", "nepalais")  # a name and its adjective
    assert not similar_name("berg", "bern")
    languages = ("de", "fr")
    assert (
        check_names(
            "den Gipfel des Mount Everest",
            "le sommet du Mont Everest",
            same_language=False,
            languages=languages,
        )
        == []
    )
    assert (
        check_names("Wir fahren nach München.", "Nous allons à Munich.", same_language=False) == []
    )


def test_a_multiword_name_missing_only_its_generic_word_is_present() -> None:
    assert check_names("des Mount Everest", "de l'Everest", same_language=False) == []
    findings = check_names("asked Martin Okafor", "a demandé à Martin Okoro", same_language=False)
    assert _messages(findings) == [
        "Name “Martin Okafor” in the original is missing in the translation",
        "Name “Martin Okoro” in the translation is missing in the original",
    ]


def test_document_evidence_marks_common_words_and_names() -> None:
    doc = document_names(
        "The Tidewater logger records data. Write to support@tidewater.example.net. Logger 2."
    )
    assert "tidewater" in doc.names  # capitalised mid-sentence; the address does not count
    evidence = (doc, doc)
    title = "Tidewater Data Logger"
    assert _messages(
        check_names(title, "Haddad Data Logger", languages=("en", "en"), evidence=evidence)
    ) == [
        "Name “Tidewater” in the original is missing in the translation",
        # the newcomer at the sentence start took the place of a name
        "Name “Haddad” in the translation is missing in the original",
    ]
    assert document_names("Data. The data is here.").lowercase >= {"data"}


def test_a_full_name_losing_its_surname_is_reported_even_if_the_surname_recurs() -> None:
    o = "built by Edith Carrow in 1887; Carrow also designed the mill."
    t = "built by Edith in 1887; Carrow also designed the mill."
    assert _messages(check_names(o, t)) == [
        "Name “Edith Carrow” in the original is missing in the translation"
    ]


def test_a_sentence_initial_newcomer_replacing_a_recurring_name_is_reported() -> None:
    text = "The medicine Velotrine works. Velotrine is licensed."
    edited = "The medicine Velotrine works. Lindqvist is licensed."
    evidence = (document_names(text), document_names(edited))
    found = check_names(text, edited, languages=("en", "en"), evidence=evidence)
    assert _messages(found) == ["Name “Lindqvist” in the translation is missing in the original"]


@pytest.mark.parametrize(
    ("original", "translation"),
    [
        ("at the Ashcombe Leisure Centre", "at the Ashcombe Leisure Center"),
        ("the SE ridge with Dr Marsh", "the SE ridge with Dr Marsh"),
        ("\"I've seen it\", she said. I've never", '"I have seen it", she said. I\'ve never'),
    ],
)
def test_spelling_titles_and_contractions_are_no_missing_names(
    original: str, translation: str
) -> None:
    assert check_names(original, translation) == []


def test_a_german_noun_inside_a_name_run_does_not_make_the_name_missing() -> None:
    """ "mit den Grindelwaldner Führern Fritz Amatter": the run holds two words the French
    document never writes (an adjective and a noun); the name itself is there."""
    german = "Maki stieg 1921 mit den Grindelwaldner Führern Fritz Amatter auf den Eiger ."
    # "Japonais", a name of the French side's own, lets one-word and tentative names count
    french = (
        "Maki gravit l' Eiger en 1921 avec les guides Fritz Amatter , de Grindelwald , "
        "pour les Japonais ."
    )
    evidence = _evidence([german, *GERMAN], [french, *FRENCH, "Fritz Amatter et Fritz Steuri ."])
    run = (
        "Name “Grindelwaldner Führern Fritz Amatter” in the original is missing in the translation"
    )
    assert run not in _check(german, french, evidence=evidence)
    # with the name itself replaced the run is still reported
    swapped = french.replace("Fritz Amatter", "Hans Lauper")
    assert run in _check(german, swapped, evidence=evidence)


@pytest.mark.parametrize(
    ("english", "other", "language"),
    [
        (
            "The report was written by Marguerite Okonkwo in the spring. It was long.",
            "这份报告是春天由玛格丽特写的。报告很长。",
            "zh",
        ),
        (
            "The delegation flew to Moscow in the spring. It was long.",
            "Делегация прилетела в Москву весной. Это было долго.",
            "ru",
        ),
    ],
)
def test_no_stranger_across_scripts(english: str, other: str, language: str) -> None:
    """Names are transliterated between scripts: a name written once on one side and not
    (in Latin letters) on the other is no replaced name."""
    evidence = (document_names(english), document_names(other))
    found = check_names(
        english, other, same_language=False, languages=("en", language), evidence=evidence
    )
    assert _messages(found) == []


def test_a_first_name_changed_to_one_that_starts_alike_is_no_exonym() -> None:
    """ "London"/"Londres" and "Indien"/"Inde" are one name in two languages; "Marcel" →
    "Martin" is a changed name, though both start with "Mar"."""
    french = [*FRENCH]
    french[1] = french[1].replace("Marcel", "Martin")
    evidence = _evidence(GERMAN, [*french, "Marcel Kurz revint plus tard."])
    assert _check(GERMAN[1], french[1], evidence=evidence) == [
        "Name “Marcel Kurz” in the original is missing in the translation",
        "Name “Martin” in the translation is missing in the original",
    ]
    german, exonyms = "Er reiste von London nach Indien .", "Il alla de Londres en Inde ."
    evidence = _evidence([german, *GERMAN], [exonyms, *FRENCH])
    assert _check(german, exonyms, evidence=evidence) == []


def test_peoples_and_places_are_translated_not_replaced() -> None:
    """English capitalises "German", French "les Allemands": once in a text, unlike any
    word of the other side, they are still no replaced name; a foreign name is."""
    english = "The route was opened by two German climbers in the spring of 1955 ."
    french = "La voie fut ouverte par deux alpinistes allemands au printemps 1955 ."
    evidence = _evidence([english], [french])
    found = check_names(
        english, french, same_language=False, languages=("en", "fr"), evidence=evidence
    )
    assert _messages(found) == []
    english = "The route was opened by two climbers with the Allemands of Zermatt in 1955 ."
    french = "La voie fut ouverte par deux alpinistes avec les Allemandes de Kowalczyk en 1955 ."
    evidence = _evidence([english], [french])
    found = check_names(
        english, french, same_language=False, languages=("en", "fr"), evidence=evidence
    )
    assert _messages(found) == [
        "Name “Zermatt” in the original is missing in the translation",
        "Name “Kowalczyk” in the translation is missing in the original",
    ]


def test_a_run_holding_an_attested_first_name_is_a_name_when_it_goes_missing() -> None:
    """ "Albert Höcht" after a list of members: "Höcht" alone is only shaped like a name
    (the French document never writes it once the sentence is lost), but "Albert" is a
    name there, so the run is one, and it is reported missing without the French side
    having a name of its own in its place."""
    german = "Die Erstersteigung gelang vier Mitgliedern - Hans Ratay und Albert Höcht ."
    french = "La première ascension fut accomplie par quatre membres : Hans Ratay ."
    evidence = _evidence([german, *GERMAN], [french, *FRENCH, "Puis Albert Eggler revint ."])
    assert _check(german, french, evidence=evidence) == [
        "Name “Albert Höcht” in the original is missing in the translation"
    ]
    # with the member in the French pair nothing is missing
    whole = french.replace("Hans Ratay", "Hans Ratay et Albert Höcht")
    evidence = _evidence([german, *GERMAN], [whole, *FRENCH, "Puis Albert Eggler revint ."])
    assert _check(german, whole, evidence=evidence) == []
