"""Verdicts say why first, then the band, then "text N % alike" (workbench.review.verdict)."""

from __future__ import annotations

import pytest

from workbench.diff import analyse_pair
from workbench.model import ANALYSIS_MODE, Mode, Span
from workbench.review.verdict import (
    BAND_PHRASES,
    CHECK_PHRASES,
    check_phrase,
    compares_text,
    percent_text,
    verdict,
)


def test_a_changed_number_reads_as_such_however_alike_the_texts() -> None:
    original = "The new bridge over the river cost 300 million pounds to build in the end."
    changed = original.replace("300", "200")
    similarity, band, spans, findings = analyse_pair(original, changed)
    said = verdict(band, similarity, [f.check for f in findings], spans=spans)
    assert band == "major" and similarity > 95  # the complaint: "major · 99.7 %"
    assert said.label == f"number changed · major · text {percent_text(similarity)} alike"
    assert said.label.startswith("number changed")


@pytest.mark.parametrize(("check", "phrase"), sorted(CHECK_PHRASES.items()))
def test_every_known_check_has_its_phrase_first(check: str, phrase: str) -> None:
    said = verdict("major", 88.0, [check])
    assert said.label == f"{phrase} · major · text 88 % alike"


def test_the_phrase_table_covers_the_checks_of_issue_15() -> None:
    wanted = {"numbers", "names", "negation", "urls", "length", "untranslated"}
    assert wanted | {"omission", "addition"} <= set(CHECK_PHRASES)
    assert CHECK_PHRASES["omission"] == "sentence missing"


def test_an_unknown_check_is_named_as_it_is() -> None:
    assert check_phrase("terminology_consistency") == "terminology consistency check"
    assert check_phrase("") == "unnamed check"
    said = verdict("major", 90.0, ["numbers", "do-not-translate", "numbers"])
    assert said.reasons == ("number changed", "do not translate check")


def test_without_checks_the_spans_or_the_band_say_why() -> None:
    gone = Span("omission", "delete", 10, 60, 10, 10)
    assert (
        verdict("major", 88.0, [], spans=(gone,)).label == "words missing · major · text 88 % alike"
    )
    swap = Span("change", "replace", 0, 3, 0, 4)
    assert (
        verdict("minor", 97.0, [], spans=(swap,)).label
        == "wording changed · minor · text 97 % alike"
    )
    assert verdict("major", 60.0, []).label == "major differences · text 60 % alike"
    assert verdict("minor", 99.2, []).label == "minor differences · text 99 % alike"
    assert verdict("identical", 100.0, []).label == "identical"
    assert verdict("unaligned", 0.0, ["unaligned"]).label == BAND_PHRASES["unaligned"]


def test_the_similarity_is_left_out_where_it_is_no_text_similarity() -> None:
    said = verdict("major", 62.5, ["numbers"], text_similarity=False)
    assert said.label == "number changed · major" and said.similarity is None
    assert compares_text({"mode_used": str(Mode.CROSSLINGUAL)}.items()) is False
    assert compares_text({"mode_used": str(Mode.MONOLINGUAL)}.items()) is True
    # a pivot that only guided: the alignment is the pivot's, the comparison across languages
    guided = {"mode_used": str(Mode.PIVOT), ANALYSIS_MODE: str(Mode.CROSSLINGUAL)}
    assert compares_text(guided.items()) is False
    assert compares_text({"mode_used": str(Mode.PIVOT)}.items()) is True


def test_across_languages_no_pair_is_called_identical() -> None:
    """A French pair is not identical to its English original: nothing was found."""
    assert verdict("identical", 41.0, [], text_similarity=False).label == "no difference found"
    assert verdict("identical", 100.0, [], text_similarity=True).label == "identical"
    assert verdict("minor", 80.0, [], text_similarity=False).label == "minor differences"


def test_percentages_round_but_never_to_a_false_100() -> None:
    assert percent_text(99.7) == "99.7 %"
    assert percent_text(99.96) == "99.9 %"
    assert percent_text(88.3) == "88 %"
    assert percent_text(100.0) == "100 %"
