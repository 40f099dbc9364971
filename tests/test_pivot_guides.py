"""A pivot that differs in wording from the translation only guides; a close one is compared."""

from __future__ import annotations

from workbench.diff import analyse, analyse_subset
from workbench.diff.modes import PIVOT_REFERENCE_SIMILARITY, pivot_guides, pivot_note
from workbench.model import Alignment, Bead, Mode
from workbench.review.verdict import compares_text, record_verdict
from workbench.session.core import apply_correction, start_review
from workbench.store.files import load_review
from workbench.text import document_from_units

GERMAN = [
    "Die Brücke wurde 2024 nach zwei Jahren Bauzeit wieder eröffnet.",
    "Der Gipfel liegt auf 8481 m und wurde 1955 erstmals bestiegen.",
    "Die Expedition kehrte im Juni mit drei Trägern zurück.",
]
FRENCH = [
    "Le pont a rouvert en 2024 après deux ans de travaux.",
    "Le sommet culmine à 8481 m ; il fut gravi pour la première fois en 1955.",
    "L'expédition revint en juin avec trois porteurs.",
]
#: A machine translation of the German: the same facts, other words.
MACHINE = [
    "En 2024, l'ouvrage a été remis en service au terme de deux années de chantier.",
    "La cime se trouve à 8481 m et son ascension initiale date de 1955.",
    "Au mois de juin, l'équipe est rentrée accompagnée de trois portefaix.",
]


def _alignment() -> Alignment:
    de = document_from_units(GERMAN, language="de")
    fr = document_from_units(FRENCH, language="fr")
    return Alignment(de, fr, tuple(Bead((i,), (i,)) for i in range(len(GERMAN))))


def test_a_pivot_worded_otherwise_guides_and_the_pairs_are_compared_across_languages() -> None:
    alignment = _alignment()
    machine = document_from_units(MACHINE, language="fr", name="mt.fr")
    assert pivot_guides(alignment, machine)
    through_pivot = analyse(alignment, pivot=machine)
    assert through_pivot == analyse(alignment)  # as without the pivot
    assert all(d.pivot_text == "" and d.spans == () for d in through_pivot)
    assert [d.band for d in through_pivot] == ["identical", "identical", "identical"]
    # one pair re-analysed after an edit is judged as in the full analysis
    pair_id = through_pivot[1].pair_id
    assert analyse_subset(alignment, {pair_id}, pivot=machine) == [through_pivot[1]]


def test_a_number_changed_in_the_translation_is_still_reported_through_a_guiding_pivot() -> None:
    alignment = _alignment()
    changed = [*FRENCH]
    changed[1] = changed[1].replace("8481", "8841")
    edited = Alignment(
        alignment.original, document_from_units(changed, language="fr"), alignment.beads
    )
    machine = document_from_units(MACHINE, language="fr", name="mt.fr")
    (pair,) = analyse_subset(edited, {alignment.pair_id(alignment.beads[1])}, pivot=machine)
    assert pair.band == "major"
    assert [f.check for f in pair.findings] == ["numbers"]


def test_a_pivot_close_to_the_translation_is_compared_word_by_word() -> None:
    alignment = _alignment()
    reference = [*FRENCH]
    reference[0] = reference[0].replace("après deux ans", "après trois ans")
    pivot = document_from_units(reference, language="fr", name="reference.fr")
    assert not pivot_guides(alignment, pivot)
    divs = analyse(alignment, pivot=pivot)
    assert divs[0].pivot_text == reference[0]
    assert divs[0].spans and divs[0].band != "identical"
    assert divs[1].band == "identical"


def test_the_threshold_is_the_median_pair() -> None:
    """Two of three pivot units worded otherwise: the typical pair is unlike, so it guides;
    one of three: the typical pair is alike, so it is compared."""
    alignment = _alignment()
    two = document_from_units([MACHINE[0], MACHINE[1], FRENCH[2]], language="fr")
    one = document_from_units([MACHINE[0], FRENCH[1], FRENCH[2]], language="fr")
    assert pivot_guides(alignment, two)
    assert not pivot_guides(alignment, one)
    assert 0 < PIVOT_REFERENCE_SIMILARITY < 100


def test_the_reviewer_is_told_what_the_pivot_is_used_for(tmp_path) -> None:  # noqa: ANN001
    alignment = _alignment()
    machine = document_from_units(MACHINE, language="fr", name="mt.fr")
    reference = document_from_units(FRENCH, language="fr", name="reference.fr")
    assert "guided the alignment" in pivot_note(alignment, machine)
    assert pivot_note(alignment, reference) == ""
    assert pivot_note(alignment, None) == ""
    guided = start_review(
        alignment.original, alignment.translation, path=tmp_path / "a.csv", pivot=machine
    )
    assert [w for w in guided.warnings if "mt.fr" in w and "guided the alignment" in w]
    compared = start_review(
        alignment.original, alignment.translation, path=tmp_path / "b.csv", pivot=reference
    )
    assert compared.warnings == ()


def test_a_review_made_through_a_guiding_pivot_shows_no_text_similarity(tmp_path) -> None:  # noqa: ANN001
    """Its similarities are cross-language scores, not how alike two texts are: the review
    records that its pairs were compared across languages, through edits and on disk."""
    alignment = _alignment()
    changed = [*FRENCH]
    changed[1] = changed[1].replace("1955", "1956")
    translation = document_from_units(changed, language="fr")
    machine = document_from_units(MACHINE, language="fr", name="mt.fr")
    guided = start_review(alignment.original, translation, path=tmp_path / "a.csv", pivot=machine)
    assert guided.alignment.settings.mode_used == Mode.PIVOT
    assert not compares_text(guided.review.meta.settings)
    labels = [record_verdict(p, text_similarity=False).label for p in guided.review.pairs]
    assert labels == ["no difference found", "number changed · major", "no difference found"]
    edited = apply_correction(guided, "unlink", 0)
    assert not compares_text(edited.review.meta.settings)
    assert not compares_text(load_review(guided.path).meta.settings)
    # a pivot compared word by word: its similarities are text similarities
    reference = document_from_units(FRENCH, language="fr", name="reference.fr")
    compared = start_review(
        alignment.original, translation, path=tmp_path / "b.csv", pivot=reference
    )
    assert compares_text(compared.review.meta.settings)
    label = record_verdict(compared.review.pairs[1], text_similarity=True).label
    assert label.startswith("number changed · major · text ") and label.endswith("% alike")
