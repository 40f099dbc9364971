"""Back-translation review (three columns) and multi-version comparison, in real Chromium."""

from __future__ import annotations

import json
from pathlib import Path

from browser_steps import choose, css_key, settle
from playwright.sync_api import expect

from workbench.features.compare import compare
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
