"""Several errors in one pair, in real Chromium: mark two spans, reload, export the MQM TSV."""

from __future__ import annotations

import time
from pathlib import Path

from browser_steps import choose, css_key, settle
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from workbench.store import load_review

ORIGINAL = """The mill stood by the river for two hundred years.

Each autumn it ground 300 sacks of wheat for the whole valley.

Nobody rebuilt it after the fire.
"""
TRANSLATION = ORIGINAL.replace("300", "500").replace("valley", "town")
PAIR = "P2=P2"
FIRST = "Accuracy/Mistranslation · major · “500” (translation)"
SECOND = "Terminology · minor · “town” (translation) — valley, not town"


def _paste(page, side: str, text: str) -> None:  # noqa: ANN001 - playwright Page
    page.locator(f".{css_key(side + '_source')}").get_by_text("Paste text").click()
    area = page.locator(f".{css_key(side + '_text')} textarea")
    area.fill(text)
    area.press("Control+Enter")
    settle(page)


def _fill(page, key: str, text: str) -> None:  # noqa: ANN001
    box = page.locator(f".{css_key(key)} input")
    box.fill(text)
    box.press("Enter")
    settle(page)


def _align(page) -> None:  # noqa: ANN001
    for _ in range(3):  # a click that lands during a rerun can be dropped: try again
        settle(page)
        page.get_by_role("button", name="Align", exact=True).click()
        try:
            page.locator(f'[data-pair-id="{PAIR}"]').wait_for(timeout=30_000)
            break
        except PlaywrightTimeout:
            continue
    settle(page)


def _errors_saved(path: Path, count: int, *, timeout: float = 30.0) -> tuple:
    """Poll the saved review until the pair lists ``count`` errors; its errors."""
    deadline = time.monotonic() + timeout
    while True:
        errors = load_review(path).by_id(PAIR).annotation.errors if path.exists() else ()
        if len(errors) == count or time.monotonic() > deadline:
            return errors
        time.sleep(0.2)


def _open_card(page) -> None:  # noqa: ANN001
    """A compact row (identical or minor pair) opens as a full card; others are cards."""
    more = page.locator(f".{css_key('more_' + PAIR)} button")
    if more.count():
        more.first.click()
        settle(page)


def _add_error(page, *, span: str, category: str, severity: str, comment: str = "") -> None:  # noqa: ANN001
    popover = page.locator(f".{css_key('ann_err_popover_' + PAIR)} button").first
    add = page.locator(f".{css_key('ann_err_add_' + PAIR)} button").first
    for _ in range(3):  # open the popover (a rerun may close it again)
        settle(page)
        if not add.is_visible():
            popover.click()
        try:
            add.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    choose(page, "ann_err_span_" + PAIR, span)
    choose(page, "ann_err_category_" + PAIR, category)
    choose(page, "ann_err_severity_" + PAIR, severity)
    if comment:
        page.locator(f".{css_key('ann_err_comment_' + PAIR)} input").fill(comment)
    settle(page)
    add.click()
    settle(page)


def test_two_errors_on_two_spans_survive_a_reload_and_are_two_mqm_rows(
    app_url: str, page, alignments_dir: Path, screenshot
) -> None:
    page.goto(app_url)
    page.get_by_text("Upload or paste the original to start").wait_for()
    _paste(page, "original", ORIGINAL)
    _paste(page, "translation", TRANSLATION)
    _fill(page, "reviewer", "Ines")
    _fill(page, "project", "mill")
    _align(page)
    _open_card(page)
    path = alignments_dir / "mill.csv"

    _add_error(
        page,
        span="translation · “500” (22–25)",
        category="Accuracy/Mistranslation",
        severity="major",
    )
    assert [m.quote for m in _errors_saved(path, 1)] == ["500"]
    # the pair was unreviewed: its first error gave it a status
    assert load_review(path).by_id(PAIR).annotation.status == "major issue"
    _add_error(
        page,
        span="translation · “town” (55–59)",
        category="Terminology",
        severity="minor",
        comment="valley, not town",
    )
    errors = _errors_saved(path, 2)
    assert [(m.quote, m.severity, m.comment) for m in errors] == [
        ("500", "major", ""),
        ("town", "minor", "valley, not town"),
    ]
    assert load_review(path).by_id(PAIR).annotation.status == "major issue"
    main = page.locator("[data-testid=stMain]")
    expect(main).to_contain_text(FIRST)
    expect(main).to_contain_text(SECOND)

    # A reload with the project in the URL shows both errors, read back from the file.
    page.goto(f"{app_url}/?project=mill")
    page.locator(f'[data-pair-id="{PAIR}"]').wait_for(timeout=60_000)
    settle(page)
    _open_card(page)
    main = page.locator("[data-testid=stMain]")
    expect(main).to_contain_text(FIRST, timeout=30_000)
    expect(main).to_contain_text(SECOND)
    screenshot(page, "errors-marked")

    # The MQM TSV the Export tab delivers has one row per error of the pair.
    page.get_by_role("tab", name="Export").click()
    settle(page)
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Download MQM TSV", exact=True).click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
    mine = [r for r in rows if r["seg_id"] == "2"]
    assert [(r["category"], r["severity"], r["span_side"], r["span"], r["note"]) for r in mine] == [
        ("Accuracy/Mistranslation", "Major", "translation", "500", ""),
        ("Terminology", "Minor", "translation", "town", "valley, not town"),
    ]
    assert all(r["rater"] == "Ines" for r in mine)
    assert page.dialogs == []
