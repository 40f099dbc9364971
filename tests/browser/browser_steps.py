"""Steps shared by the browser tests: locate widgets by key, wait for reruns, pick options."""

from __future__ import annotations

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeout


def css_key(key: str) -> str:
    """The class Streamlit gives a widget's container: ``st-key-`` + key with + and = as -."""
    return "st-key-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


def settle(page) -> None:  # noqa: ANN001 - playwright Page
    """Wait until the app has finished its current run, a fragment's included (no "Running"
    status widget, and the app root says ``notRunning``: stale elements are gone then)."""
    page.wait_for_timeout(300)
    page.locator('[data-testid="stStatusWidget"]').wait_for(state="detached", timeout=60_000)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(
        timeout=60_000
    )


def choose(page, key: str, option: str) -> None:  # noqa: ANN001
    """Pick ``option`` in the selectbox ``key``; retry if a rerun closed the menu."""
    for _ in range(5):
        settle(page)
        page.locator(f".{css_key(key)} [role=combobox]").click()
        choice = page.get_by_role("option", name=option, exact=True)
        try:
            choice.wait_for(timeout=3_000)
        except PlaywrightTimeout:
            continue
        choice.click()
        return
    raise AssertionError(f"could not choose {option!r} in {key}")


def open_card(page, pair_id: str) -> None:  # noqa: ANN001
    """Open a compact row (identical or minor pair) as a full card, if it is compact."""
    settle(page)
    more = page.locator(f".{css_key('more_' + pair_id)} button")
    if more.count():
        more.first.click()
        page.locator(f".{css_key('ann_status_' + pair_id)}").wait_for(timeout=30_000)
        settle(page)
