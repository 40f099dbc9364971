"""XSS and markdown injection in the real app (headless Chromium): every payload is shown
as the literal text it is, no dialog opens, and the page requests nothing but its own server.

The payloads go in everywhere a user types: the original and the translation (pasted),
an annotation comment, the reviewer name, the project name and an uploaded file's name.
A screenshot is saved as ``test-artifacts/xss.png`` for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from workbench import store

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "</style><script>alert(1)</script>",
    "<iframe src=javascript:alert(1)>",
    "[link](javascript:alert(1))",
    "![img](http://example.invalid/x.png)",
    ":smile:",
    "$x^2$",
    "**bold**",
    "-> <-",
    "{{7*7}}",
    "%3Cscript%3E",
)
#: What the translation adds to every payload (so each pair differs and is highlighted).
TRANSLATED = "TR "
#: A name that sanitises to a file name but keeps every markup character in the review.
PROJECT = "<img src=x onerror=alert(1)> {{7*7}} $x^2$ :smile: **p**"
REVIEWER = "<script>alert(1)</script> **rev** :smile:"
COMMENT = " ".join(PAYLOADS[:4])
FILE_NAME = "<svg onload=alert(1)> [a](javascript:alert(1)) $x$.txt"


def _same_origin_only(requests: list[str], app_url: str) -> list[str]:
    """Requests that go anywhere but the app's server or in-page data."""
    own = urlsplit(app_url)
    bad = []
    for url in requests:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            continue
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc == own.netloc:
            continue
        bad.append(url)
    return bad


def _class_key(key: str) -> str:
    """Streamlit's DOM class for a widget key (``+`` and ``=`` become ``-``)."""
    return "st-key-" + re.sub(r"[+=]", "-", key)


def _paste(page, side: str, text: str) -> None:
    page.locator(f".st-key-{side}_source").get_by_text("Paste text").click()
    area = page.locator(f".st-key-{side}_text textarea")
    area.wait_for()
    area.fill(text)
    area.press("Control+Enter")


def _type(page, key: str, text: str) -> None:
    box = page.locator(f".{_class_key(key)} input")
    box.fill(text)
    box.press("Enter")


def _main_text(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def _wait_idle(page) -> None:
    """Until Streamlit has finished the current run (no running indicator)."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000
    )


def _no_active_content(page) -> None:
    """Nothing the payloads describe exists as a live element."""
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("iframe[src^='javascript']").count() == 0
    assert page.locator("svg[onload]").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("img[src*='example.invalid']").count() == 0
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
    assert not [s for s in scripts if "alert(1)" in s]


@pytest.fixture()
def session(page, app_url: str) -> object:
    page.goto(app_url)
    page.get_by_text("Workbench", exact=True).first.wait_for()
    return page


def test_payloads_are_shown_literally_everywhere(session, app_url, alignments_dir, artifacts_dir):
    page = session
    original = "\n\n".join(PAYLOADS)
    translation = "\n\n".join(TRANSLATED + p for p in PAYLOADS)
    _paste(page, "original", original)
    _paste(page, "translation", translation)
    # A reviewer reads the loaded text's summary first, so does the test (typing during
    # the paste's run is tested in test_review_flow: the name is kept then too).
    page.get_by_text("pasted-translation.txt:").first.wait_for(timeout=60_000)
    _wait_idle(page)
    _type(page, "reviewer", REVIEWER)
    # the server has the name once its callback has put it in the page's address
    expect(page).to_have_url(re.compile(r"[?&]reviewer="), timeout=60_000)
    _wait_idle(page)  # the name's rerun ends before the next box is typed into
    _type(page, "project", PROJECT)
    _wait_idle(page)
    page.get_by_role("button", name="Align", exact=True).click()
    page.locator("[data-pair-id]").first.wait_for(timeout=120_000)
    _wait_idle(page)

    # the texts: every payload literally in the review rows, on both sides
    text = _main_text(page)
    for payload in PAYLOADS:
        assert payload in text, payload
        assert TRANSLATED + payload in text, payload

    # an annotation comment: saved as typed, shown as typed after a reload
    first = page.locator("[data-pair-id]").first.get_attribute("data-pair-id")
    assert first
    _type(page, f"ann_comment_{first}", COMMENT)
    page.get_by_text("saved ✓").first.wait_for(timeout=30_000)
    # the review file (its history sidecar, NAME.history.csv, lies beside it)
    saved = [p for p in alignments_dir.glob("*.csv") if not p.name.endswith(".history.csv")]
    assert len(saved) == 1
    review = store.load_review(saved[0])
    assert review.meta.project == PROJECT
    assert review.by_id(first).annotation.comment == COMMENT
    assert review.by_id(first).annotation.reviewer == REVIEWER.strip()

    page.reload()
    page.locator("[data-pair-id]").first.wait_for(timeout=120_000)
    _wait_idle(page)
    box = page.locator(f".{_class_key(f'ann_comment_{first}')} input")
    expect(box).to_have_value(COMMENT, timeout=30_000)
    # "last saved … by <reviewer>" shows the reviewer's name as typed
    assert f"by {REVIEWER.strip()}" in _main_text(page)

    # the project name as typed, in the notice of the Projects tab's Reopen
    page.get_by_role("tab", name="Projects", exact=True).first.click()
    page.get_by_role("button", name="Reopen").first.click()
    page.get_by_text("Opened project").first.wait_for()
    assert f"Opened project “{PROJECT}”" in _main_text(page)
    # and an unusable name's error quotes it literally
    _type(page, "project", "<<>>")
    page.get_by_text("cannot be used as a project name").first.wait_for()
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "'<<>>' cannot be used as a project name" in sidebar

    page.get_by_role("tab", name="Review", exact=True).first.click()
    # a tall window, so the screenshot shows every row (the app scrolls inside its frame)
    page.set_viewport_size({"width": 1400, "height": 4200})
    _wait_idle(page)
    page.screenshot(path=str(Path(artifacts_dir) / "xss.png"))
    _no_active_content(page)
    assert page.dialogs == []
    assert _same_origin_only(page.requests, app_url) == []
    # reloading, reopening and browsing wrote nothing but the one annotation
    review = store.load_review(saved[0])
    touched = [p.pair_id for p in review.pairs if p.annotation.updated_at]
    assert touched == [first]


def test_an_uploaded_file_name_is_shown_literally(session, app_url):
    page = session
    chooser = page.locator(".st-key-original_file input[type=file]")
    chooser.set_input_files(
        files=[{"name": FILE_NAME, "mimeType": "text/plain", "buffer": b"One.\n\nTwo."}]
    )
    page.get_by_text("2 paragraphs").first.wait_for(timeout=30_000)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert f"✓ {FILE_NAME}: 2 paragraphs" in sidebar
    # a file that cannot be read: the error quotes the name literally too
    chooser.set_input_files(
        files=[{"name": "<b>bad</b>.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4"}]
    )
    page.get_by_text("Unsupported file format").first.wait_for(timeout=30_000)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    assert "“<b>bad</b>.pdf” is a PDF file" in sidebar
    _no_active_content(page)
    assert page.dialogs == []
    assert _same_origin_only(page.requests, app_url) == []
