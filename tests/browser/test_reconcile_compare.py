"""Back-translation review (three columns) and multi-version comparison, in real Chromium."""

from __future__ import annotations

import json
from pathlib import Path

from browser_steps import choose, css_key, settle
from playwright.sync_api import expect

from workbench.features.compare import compare
from workbench.review.attribution import attribute_pair
from workbench.review.verdict import check_phrase
from workbench.store import load_review
from workbench.text import load_document

DEMO = Path(__file__).resolve().parents[2] / "texts" / "demo"
MANIFEST = json.loads((DEMO / "discrepancies.json").read_text(encoding="utf-8"))


def test_three_column_back_translation_review(
    app_url: str, page, alignments_dir: Path, screenshot
) -> None:
    page.goto(app_url)
    reviewer = page.locator(f".{css_key('reviewer')} input")
    reviewer.fill("Ana")
    reviewer.press("Enter")
    settle(page)
    page.get_by_role("button", name="Load back-translation demo (3 texts)").click()
    page.locator("[data-pair-id]").first.wait_for(timeout=60_000)
    settle(page)

    expected = [
        ("+".join(b["original"]) or "-") + "=" + ("+".join(b["backtranslation"]) or "-")
        for b in MANIFEST["expected_beads"]
    ]
    rows = page.locator("[data-pair-id]")
    assert [rows.nth(i).get_attribute("data-pair-id") for i in range(rows.count())] == expected
    # every pair shows its French forward passage in a third column
    forward = page.locator("[data-forward]")
    assert forward.count() == len(expected)
    assert "Marlow" in forward.first.inner_text()
    screenshot(page, "reconcile-view")

    # log the changed number (D1) as a meaning shift, decided "forward translation revised"
    pair = next(p for p in expected if p.startswith("P5="))
    choose(page, "ann_discrepancy_" + pair, "meaning shift")
    choose(page, "ann_decision_" + pair, "forward translation revised")
    settle(page)
    review = load_review(alignments_dir / "demo-reconciliation.csv")
    log = review.by_id(pair).annotation.log
    assert (log.discrepancy, log.decision) == ("meaning shift", "forward translation revised")
    assert "3 500" in review.by_id(pair).forward.text
    assert page.dialogs == []


def test_multi_version_comparison_view(app_url: str, page, screenshot) -> None:
    page.goto(app_url)
    page.get_by_role("tab", name="Compare versions").click()
    page.get_by_role("button", name="Load demo versions").click()
    page.locator("[data-row]").first.wait_for(timeout=60_000)
    settle(page)

    rows = page.locator("[data-row]")
    expect(rows).to_have_count(10)  # one row per paragraph of the demo original
    expect(page.locator("[data-testid=stMain]")).to_contain_text("Mean agreement")
    page.locator(
        "[data-testid=stMain] .vega-embed canvas, [data-testid=stMain] .vega-embed svg"
    ).first.wait_for()
    screenshot(page, "compare-view")

    # "Where versions differ" keeps only the rows with a known disagreement
    result = compare(
        load_document(DEMO / "original.en.txt"),
        [load_document(DEMO / f) for f in ("backtranslation.en.txt", "alternative.en.txt")],
    )
    shown = [
        r.original_id
        for r in result.rows
        if (r.agreement is not None and r.agreement < 100) or r.checks
    ]
    page.locator(f".{css_key('cmp_show')}").get_by_text("Where versions differ").click()
    expect(rows).to_have_count(len(shown))
    settle(page)
    differing = {rows.nth(i).get_attribute("data-row") for i in range(rows.count())}
    assert differing == set(shown)
    # back-translation and alternative paragraphs P7-P10 sit 1:1 on the original's
    known = {
        d["backtranslation"][0]
        for d in MANIFEST["alternative"]["differences"]
        if "minor" not in d["type"]
    }
    assert known == {"P7", "P8", "P9"}
    assert known <= differing, (known, differing)
    assert len(differing) < 10
    assert page.dialogs == []


def test_back_translation_review_says_which_side_introduced_each_change(
    app_url: str, page, alignments_dir: Path, screenshot
) -> None:
    page.goto(app_url)
    page.get_by_role("button", name="Load back-translation demo (3 texts)").click()
    page.locator("[data-pair-id]").first.wait_for(timeout=60_000)
    settle(page)
    review = load_review(alignments_dir / "demo-reconciliation.csv")
    by_side = {}
    for item in MANIFEST["discrepancies"]:
        if {"numbers", "names"} & set(item["detected_by"]["checks"]):
            pair = "+".join(item["original"]) + "=" + "+".join(item["backtranslation"])
            by_side.setdefault(item["introduced_by"], pair)
    assert set(by_side) == {"back-translation", "translation"}
    for side, kind in (("back-translation", "kept"), ("translation", "carried")):
        pair = by_side[side]
        (found,) = attribute_pair(review.by_id(pair), review.meta).items
        assert found.side == side
        row = page.locator(f".{css_key('row_' + pair)}")
        # the forward column highlights the value that decides, in the forward's own writing
        mark = row.locator(f"[data-forward] .wb-forward-{kind}")
        expect(mark).to_have_count(1, timeout=20_000)
        expect(mark).to_have_text(found.forward)
        expect(mark).to_be_visible()
        # and the row says in words who introduced the change
        said = row.locator(f'.wbui-attribution li[data-side="{side}"]')
        expect(said).to_have_text(found.message)
        # the badge says why first
        expect(row.locator(".wbui-badge").first).to_contain_text(
            f"{check_phrase(found.check)} · major · text "
        )
        # the suggestion fills the rationale of the discrepancy log
        rationale = row.locator(f".{css_key('ann_rationale_' + pair)} textarea")
        expect(rationale).to_have_value(found.message + ".", timeout=20_000)
    row = page.locator(f".{css_key('row_' + by_side['translation'])}")
    row.scroll_into_view_if_needed()
    screenshot(page, "reconcile-attribution")
    assert page.dialogs == []
