"""The review loop in real Chromium at 1440×900: density, annotating through a row's
fragment, bulk verdicts and their undo, next divergence, and the navigation fixes."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from browser_steps import css_key, settle
from playwright.sync_api import expect

from workbench import session as sessions
from workbench.review.navigation import identical_unreviewed, needs_review
from workbench.store import load_review
from workbench.text import load_document

REPO = Path(__file__).resolve().parents[2]
ESSAY = REPO / "texts" / "reflections-en-backtranslation.txt"
VIEWPORT = {"width": 1440, "height": 900}


def _edited_essay() -> str:
    """The essay with a handful of edits spread through it (a sentence added, a comma
    dropped, a number changed, a sentence dropped)."""
    paragraphs = ESSAY.read_text(encoding="utf-8").split("\n\n")
    paragraphs[9] += " This sentence was added."
    paragraphs[6] = paragraphs[6].replace(",", "", 1)
    paragraphs[14] = paragraphs[14].replace("2022", "2023", 1)
    paragraphs[20] += " One more sentence here."
    return "\n\n".join(paragraphs)


@pytest.fixture()
def essay_project(alignments_dir: Path) -> Path:
    """A saved review of an edited essay (as the original) against the built-in essay."""
    original = load_document(_edited_essay().encode("utf-8"), name="edited-essay.txt")
    translation = load_document(ESSAY)
    opened = sessions.start_review(
        original, translation, path=alignments_dir / "essay.csv", project="essay"
    )
    return opened.path


@pytest.fixture()
def laptop(browser):  # noqa: ANN001, ANN201 - playwright objects
    """A page at 1440×900, the size the density targets are set for."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        yield page
    finally:
        context.close()


def _open(page, app_url: str, project: str = "essay") -> None:  # noqa: ANN001
    page.goto(f"{app_url}/?project={project}&reviewer=Ana")
    page.locator("[data-pair-id]").first.wait_for(timeout=60_000)
    settle(page)


def _wait_for(check, *, timeout: float = 30.0) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


def _fully_visible(page, selector: str) -> list[str]:  # noqa: ANN001
    heads = page.locator(selector)
    seen = []
    for i in range(heads.count()):
        box = heads.nth(i).bounding_box()
        if box and box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"]:
            seen.append(heads.nth(i).get_attribute("data-pair-id"))
    return seen


def test_the_essay_shows_eight_pairs_and_the_align_button_without_scrolling(
    app_url: str, laptop, essay_project: Path, artifacts_dir: Path
) -> None:
    _open(laptop, app_url)
    rows = _fully_visible(laptop, "[data-pair-id]")
    laptop.screenshot(path=str(artifacts_dir / "review-density-1440x900.png"))
    assert len(rows) >= 8, rows
    review = load_review(essay_project)
    assert rows == [p.pair_id for p in review.pairs][: len(rows)]
    align = laptop.get_by_role("button", name="Align", exact=True)
    box = align.bounding_box()
    assert box is not None and box["y"] + box["height"] <= VIEWPORT["height"]


def test_an_annotation_saved_through_its_row_reaches_the_csv(
    app_url: str, laptop, essay_project: Path
) -> None:
    _open(laptop, app_url)
    laptop.locator(f".{css_key('filter_show')} [role=combobox]").click()
    laptop.get_by_role("option", name="Unreviewed", exact=True).click()
    settle(laptop)
    pid = "P3=P3"  # identical: a compact row, whose verdict is one click on "OK"
    laptop.locator(f".{css_key('ann_ok_' + pid)} button").first.click()
    row = laptop.locator(f".{css_key('row_' + pid)}")
    expect(row.get_by_text("saved ✓")).to_be_visible(timeout=30_000)
    saved = load_review(essay_project).by_id(pid).annotation
    assert (saved.status, saved.reviewer) == ("ok", "Ana")
    # under "Unreviewed" the annotated row stays, with its mark, until the page changes
    expect(row).to_be_visible(timeout=30_000)
    settle(laptop)
    laptop.get_by_role("button", name="Next page ▶").click()
    settle(laptop)
    laptop.get_by_role("button", name="◀ Previous page").click()
    settle(laptop)
    expect(laptop.locator(f".{css_key('row_' + pid)}")).to_have_count(0, timeout=30_000)


def test_bulk_marking_identical_pairs_ok_is_one_undo_away(
    app_url: str, laptop, essay_project: Path
) -> None:
    targets = [p.pair_id for p in identical_unreviewed(load_review(essay_project).pairs)]
    assert targets
    _open(laptop, app_url)
    laptop.get_by_role("button", name=f"Mark all identical pairs OK ({len(targets)})").click()
    expect(laptop.get_by_text(f"Marked {len(targets)} identical pair(s) OK as Ana")).to_be_visible(
        timeout=30_000
    )

    def statuses() -> set[str]:
        review = load_review(essay_project)
        return {review.by_id(pid).annotation.status for pid in targets}

    assert _wait_for(lambda: statuses() == {"ok"})
    review = load_review(essay_project)
    assert {review.by_id(pid).annotation.reviewer for pid in targets} == {"Ana"}
    assert all(review.by_id(p).annotation.updated_at for p in targets)
    assert not [p for p in review.pairs if p.pair_id not in targets and p.annotation.status == "ok"]

    settle(laptop)
    laptop.get_by_role("button", name="Undo mark OK").click()
    expect(laptop.get_by_text(f"Undid the bulk verdict on {len(targets)} pair(s)")).to_be_visible(
        timeout=30_000
    )
    assert _wait_for(lambda: statuses() == {"unreviewed"})


def test_next_divergence_visits_exactly_the_divergent_pairs_in_order(
    app_url: str, laptop, essay_project: Path
) -> None:
    expected = [p.pair_id for p in load_review(essay_project).pairs if needs_review(p)]
    assert len(expected) >= 3
    _open(laptop, app_url)
    visited: list[str] = []
    for _ in expected:
        laptop.get_by_role("button", name="Next divergence ▶").click()
        # one focused pair, another than before (stale rows of the old page are gone)
        laptop.wait_for_function(
            """previous => {
                const heads = document.querySelectorAll('.wbui-head:has([data-focus])');
                return heads.length === 1 && heads[0].dataset.pairId !== previous;
            }""",
            arg=visited[-1] if visited else "",
            timeout=30_000,
        )
        settle(laptop)
        visited.append(laptop.locator(".wbui-head:has([data-focus])").get_attribute("data-pair-id"))
    assert visited == expected
    laptop.get_by_role("button", name="Next divergence ▶").click()
    expect(laptop.get_by_text("No unreviewed divergent pair after this one")).to_be_visible(
        timeout=30_000
    )


def test_opening_a_project_lands_on_the_review_tab_with_its_rows(
    app_url: str, laptop, essay_project: Path
) -> None:
    laptop.goto(app_url)
    settle(laptop)
    laptop.get_by_role("tab", name="Projects").click()
    settle(laptop)
    laptop.locator(f".{css_key('open_essay')}").get_by_role("button", name="Open").click()
    laptop.locator("[data-pair-id]").first.wait_for(timeout=60_000)
    expect(laptop.get_by_role("tab", name="Review")).to_have_attribute(
        "aria-selected", "true", timeout=30_000
    )
    legend = laptop.get_by_label("Highlight legend")
    expect(legend).to_contain_text("missing from the translation", timeout=30_000)
