"""Who introduced a back-translation discrepancy, read off the forward translation."""

from __future__ import annotations

import html
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from workbench.diff.checks import check_names, check_numbers
from workbench.export import export
from workbench.review.attribution import (
    BY_BACK_TRANSLATION,
    BY_TRANSLATION,
    CARRIED,
    KEPT,
    UNCLEAR,
    attribute,
    attribute_pair,
)
from workbench.ui.components.pair_html import pair_html

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"
MANIFEST = json.loads((DEMO / "discrepancies.json").read_text(encoding="utf-8"))
#: The discrepancies whose value survives translation (a numbers or names check).
VALUED = [
    d for d in MANIFEST["discrepancies"] if {"numbers", "names"} & set(d["detected_by"]["checks"])
]


@pytest.fixture(scope="module")
def review(demo_back_translation_review):
    return demo_back_translation_review


def _pair_id(item: dict) -> str:
    return "+".join(item["original"]) + "=" + "+".join(item["backtranslation"])


def test_the_demo_plants_a_discrepancy_from_each_side() -> None:
    sides = {d["introduced_by"] for d in VALUED}
    assert sides == {BY_BACK_TRANSLATION, BY_TRANSLATION}


@pytest.mark.parametrize("item", VALUED, ids=[d["id"] for d in VALUED])
def test_each_valued_demo_discrepancy_is_attributed_to_its_side(review, item) -> None:
    pair = review.by_id(_pair_id(item))
    attribution = attribute_pair(pair, review.meta)
    assert attribution is not None and len(attribution.items) == 1
    found = attribution.items[0]
    assert found.side == item["introduced_by"]
    assert item["original_words"] in found.original
    # the back-translation's value, when the check reports it (across languages the names
    # check may take "Okoro" for a spelling of "Okafor" and report the original's alone)
    assert found.back == "" or item["backtranslation_words"] in found.back
    forward = pair.forward.text
    # the forward value shown is the forward passage's own writing, at its range
    assert found.forward_range is not None
    assert forward[slice(*found.forward_range)] == found.forward
    if found.side == BY_BACK_TRANSLATION:
        # the forward keeps the original's value, as the checks match values (3,500 = 3 500)
        same = check_numbers if found.check == "numbers" else check_names
        kwargs = {"languages": ("en", "fr")} if found.check == "numbers" else {}
        assert same(f"· {found.original}", f"· {found.forward}", **kwargs) == []
        assert found.message.endswith(
            f"forward translation has {found.forward} — the back-translation introduced the change"
        )
    else:
        assert item["backtranslation_words"] in found.forward
        assert found.message.endswith(
            f"forward translation also has {found.forward} — the translation introduced it"
        )
    kind = KEPT if found.side == BY_BACK_TRANSLATION else CARRIED
    assert attribution.forward_specs()[0] == (*found.forward_range, kind, found.message)


def test_the_demo_names_okafor_and_3_500_in_the_forward_translation(review) -> None:
    joined = "\n".join(m for p in review.pairs for m in attribute_pair(p, review.meta).messages)
    assert "forward translation has Martin Okafor — the back-translation introduced" in joined
    assert "forward translation has 3 500 — the back-translation introduced" in joined
    assert "forward translation also has 221 — the translation introduced it" in joined


def test_discrepancies_without_a_value_get_no_attribution(review) -> None:
    valued = {_pair_id(d) for d in VALUED}
    for pair in review.pairs:
        if pair.pair_id not in valued:
            attribution = attribute_pair(pair, review.meta)
            assert attribution is not None and attribution.items == (), pair.pair_id


def test_the_suggestion_fills_the_log_by_side(review) -> None:
    for item in VALUED:
        attribution = attribute_pair(review.by_id(_pair_id(item)), review.meta)
        entry = attribution.suggestion()
        assert entry.rationale == attribution.items[0].message + "."
        if item["introduced_by"] == BY_BACK_TRANSLATION:
            assert entry.discrepancy == "back-translation artefact"
        else:
            assert entry.discrepancy == ""  # the translation's fault: the reviewer classifies


def test_values_lost_or_added_on_one_side_only() -> None:
    def said(original: str, back: str, forward: str) -> tuple[str, str]:
        found = attribute(original, back, forward, languages=("en", "en", "fr")).items
        assert len(found) == 1
        return found[0].side, found[0].message

    side, message = said("Call Anna today.", "Call today.", "Appelez Anna aujourd'hui.")
    assert side == BY_BACK_TRANSLATION and message.startswith(
        "Anna missing: forward translation has Anna"
    )
    side, message = said("Call today.", "Call Anna today.", "Appelez aujourd'hui.")
    assert side == BY_BACK_TRANSLATION and "does not have Anna" in message
    side, message = said("It costs 12 euros.", "It costs euros.", "Cela coûte des euros.")
    assert side == BY_TRANSLATION and "also lacks 12" in message
    side, message = said("It costs euros.", "It costs 12 euros.", "Cela coûte 12 euros.")
    assert side == BY_TRANSLATION and "also has 12" in message


def test_a_third_value_in_the_forward_translation_is_unclear() -> None:
    found = attribute("It cost 300 million.", "It cost 200 million.", "Cela a coûté 400 millions.")
    assert [a.side for a in found.items] == [UNCLEAR]
    item = found.items[0]
    assert "300" in item.original and "200" in item.back and item.forward == ""
    assert item.message == (
        f"{item.original} → {item.back}: forward translation has neither — compare it with "
        "the original"
    )
    assert found.suggestion().discrepancy == ""
    both = attribute("It cost 300 euros.", "It cost 200 euros.", "Il a coûté 300 euros, 200 net.")
    assert [a.side for a in both.items] == [UNCLEAR]
    assert "forward translation has both — compare it" in both.items[0].message
    # the forward's own wrong value is marked with the check's message
    (spec,) = found.forward_specs()
    assert spec[2] == "check" and spec[3] == found.forward_findings[0].message
    assert "400" in spec[3]


def test_no_forward_text_no_attribution(review) -> None:
    assert attribute("It cost 3 euros.", "It cost 4 euros.", "  ").items == ()
    pair = review.by_id("P5=P4+P5")
    assert attribute_pair(pair, replace(review.meta, forward=None)) is None
    assert attribute_pair(replace(pair, forward=None), review.meta) is None


def test_the_app_row_highlights_the_forward_column_and_says_who(review) -> None:
    pair = review.by_id("P5=P4+P5")
    attribution = attribute_pair(pair, review.meta)
    block = pair_html(pair, None, forward=True, attribution=attribution)
    ids = "+".join(pair.forward.ids)
    forward = re.search(
        rf'<div class="wb-text" data-forward="{re.escape(ids)}">(.*?)</div>', block, re.DOTALL
    )
    assert forward is not None
    kept = re.search(r'<span class="wb-forward-kept" title="[^"]*">([^<]*)</span>', forward[1])
    assert kept is not None and kept[1] == attribution.items[0].forward
    lines = re.search(r'<ul class="wbui-attribution" data-attribution="([^"]*)">(.*?)</ul>', block)
    assert lines is not None and lines[1] == BY_BACK_TRANSLATION
    assert html.unescape(re.sub(r"<[^>]+>", "", lines[2])) == attribution.items[0].message


def test_the_html_report_has_the_forward_column_and_the_attribution(review) -> None:
    page = export(review, "html").decode("utf-8")
    assert "<th>Back-translation</th><th>Forward translation</th>" in page
    for pair in review.pairs:
        attribution = attribute_pair(pair, review.meta)
        for message in attribution.messages:
            assert f"<div class='attribution'>{html.escape(message, quote=True)}</div>" in page
    assert page.count('class="wb-forward-kept"') == 2
    assert page.count('class="wb-forward-carried"') == 1
