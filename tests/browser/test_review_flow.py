"""What a reviewer sees: upload, align, annotate, reload and resume, in real Chromium."""

from __future__ import annotations

import re
import time
from pathlib import Path

from browser_steps import choose, css_key, open_card, settle
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from workbench.align import align
from workbench.store import load_review
from workbench.text import load_document

#: An original written for this test, and a translation of it with known changes:
#: P2 and P3 merged, a number changed in P4, P6 dropped, one paragraph added at the end.
ORIGINAL = """The harbour town of Kessel lies at the mouth of a slow brown river.

Its market opens at six every morning, winter and summer.

Fishermen sell herring from open crates beside the quay.

In 1998 the council built a new sea wall 420 metres long.

The wall has kept the lower streets dry ever since.

A small museum tells the story of the great flood of 1953.

Visitors come mostly in August, when the regatta is held.
"""

TRANSLATION = """The harbour town of Kessel lies at the mouth of a slow brown river.

Its market opens at six every morning, winter and summer, and fishermen sell herring \
from open crates beside the quay.

In 1998 the council built a new sea wall 240 metres long.

The wall has kept the lower streets dry ever since.

Visitors come mostly in August, when the regatta is held.

The town also has a lighthouse, open on Sundays.
"""

PAYLOAD_ORIGINAL = (
    "Plain first paragraph.\n\nPayload <img src=x onerror=alert(1)> and :smile: -> **b**\n"
)
PAYLOAD_TRANSLATION = (
    "Plain first paragraph.\n\nPayload <img src=x onerror=alert(1)> and :smile: -> **b** too\n"
)


def _expected_pairs(tmp_path: Path, original: str, translation: str) -> list[str]:
    o = load_document(original.encode("utf-8"), name="original.txt")
    t = load_document(translation.encode("utf-8"), name="translation.txt")
    alignment = align(o, t)
    return [alignment.pair_id(b) for b in alignment.beads]


def _wait_for_file(path: Path, pair: str, check, *, timeout: float = 30.0):  # noqa: ANN001
    """Poll the saved review until ``check(annotation)`` holds; return the annotation."""
    deadline = time.monotonic() + timeout
    while True:
        annotation = load_review(path).by_id(pair).annotation if path.exists() else None
        if (annotation is not None and check(annotation)) or time.monotonic() > deadline:
            return annotation
        time.sleep(0.2)


def _paste(page, side: str, text: str) -> None:  # noqa: ANN001 - playwright Page
    page.locator(f".{css_key(side + '_source')}").get_by_text("Paste text").click()
    area = page.locator(f".{css_key(side + '_text')} textarea")
    area.fill(text)
    area.press("Control+Enter")
    settle(page)


def _paste_translation(page, text: str) -> None:  # noqa: ANN001 - playwright Page
    _paste(page, "translation", text)


def _name_reviewer(page, name: str) -> None:  # noqa: ANN001 - playwright Page
    box = page.locator(f".{css_key('reviewer')} input")
    box.fill(name)
    box.press("Enter")
    settle(page)


def _align(page, project: str) -> None:  # noqa: ANN001
    box = page.locator(f".{css_key('project')} input")
    box.fill(project)
    box.press("Enter")
    for _ in range(3):  # a click that lands during a rerun can be dropped: try again
        settle(page)
        page.get_by_role("button", name="Align", exact=True).click()
        try:
            page.locator("[data-pair-id]").first.wait_for(timeout=30_000)
            break
        except PlaywrightTimeout:
            continue
    page.locator("[data-pair-id]").first.wait_for(timeout=30_000)
    settle(page)


def test_upload_align_annotate_reload_and_resume(
    app_url: str, page, alignments_dir: Path, tmp_path: Path, screenshot
) -> None:
    original_file = tmp_path / "kessel-original.txt"
    original_file.write_text(ORIGINAL, encoding="utf-8")
    expected = _expected_pairs(tmp_path, ORIGINAL, TRANSLATION)

    page.goto(app_url)
    page.get_by_text("Upload or paste the original to start").wait_for()
    page.locator(f".{css_key('original_file')} input[type=file]").set_input_files(
        str(original_file)
    )
    page.get_by_text("kessel-original.txt: 7 paragraphs").wait_for()
    _paste_translation(page, TRANSLATION)
    _name_reviewer(page, "Kim")
    _align(page, "kessel")

    rows = page.locator("[data-pair-id]")
    assert [rows.nth(i).get_attribute("data-pair-id") for i in range(rows.count())] == expected
    assert "P2+P3=P2" in expected  # the merge is one row, not two
    assert page.locator('[data-pair-id="P6=-"]').get_attribute("data-kind") == "1:0"
    screenshot(page, "review-view")

    # Annotate the pair with the changed number: status, then a comment.
    pair = "P4=P3"
    assert page.locator(f'[data-pair-id="{pair}"]').get_attribute("data-band") == "major"
    choose(page, "ann_status_" + pair, "major issue")
    page.get_by_text("saved ✓").first.wait_for()
    settle(page)
    comment = page.locator(f".{css_key('ann_comment_' + pair)} input")
    comment.fill("420 became 240")
    comment.press("Enter")
    settle(page)

    saved = _wait_for_file(alignments_dir / "kessel.csv", pair, lambda a: bool(a.comment))
    assert saved.status == "major issue"
    assert saved.comment == "420 became 240"

    # Reload: the URL carries the project, the review comes back from the file.
    page.reload()
    page.locator(f'[data-pair-id="{pair}"]').wait_for(timeout=60_000)
    settle(page)
    restored = page.locator(f".{css_key('ann_comment_' + pair)} input")
    expect(restored).to_have_value("420 became 240", timeout=30_000)
    status_box = page.locator(f".{css_key('ann_status_' + pair)}")
    assert "major issue" in (status_box.text_content() or "") + status_box.locator(
        "input"
    ).evaluate_all("els => els.map(e => e.value).join(' ')")
    assert page.dialogs == []


def test_markup_in_texts_is_shown_literally(app_url: str, page, screenshot) -> None:
    page.goto(app_url)
    page.get_by_text("Upload or paste the original to start").wait_for()
    _paste(page, "original", PAYLOAD_ORIGINAL)
    _paste_translation(page, PAYLOAD_TRANSLATION)
    _align(page, "payloads")

    screenshot(page, "payloads")
    row_text = page.locator("[data-pair-id]").nth(1).get_attribute("data-pair-id")
    main_text = page.locator("[data-testid=stMain]").inner_text()
    assert "<img src=x onerror=alert(1)>" in main_text, row_text
    assert ":smile: -> **b**" in main_text
    assert page.locator("[data-testid=stMain] img[src=x]").count() == 0
    assert page.dialogs == []


def test_merge_keeps_both_verdicts_and_a_reload_keeps_the_reviewer(
    app_url: str, page, alignments_dir: Path, tmp_path: Path, screenshot
) -> None:
    page.goto(app_url)
    page.get_by_text("Upload or paste the original to start").wait_for()
    _paste(page, "original", ORIGINAL)
    _paste_translation(page, TRANSLATION)
    _name_reviewer(page, "Lea Berg")
    _align(page, "kessel-merge")
    path = alignments_dir / "kessel-merge.csv"

    # two neighbouring pairs, two verdicts
    first, second = "P4=P3", "P5=P4"
    open_card(page, first)
    choose(page, "ann_status_" + first, "major issue")
    _wait_for_file(path, first, lambda a: a.status == "major issue")
    open_card(page, second)
    choose(page, "ann_status_" + second, "minor issue")
    _wait_for_file(path, second, lambda a: a.status == "minor issue")
    settle(page)
    page.locator(f".{css_key('merge_' + first)} button").first.click()
    merged = "P4+P5=P3+P4"
    page.locator(f'[data-pair-id="{merged}"]').wait_for(timeout=60_000)
    settle(page)
    # the outcome stands in the merged row, with an Undo button beside it
    row = page.locator(f".{css_key('row_' + merged)}")
    expect(row).to_contain_text("kept the verdict of P4=P3 (major issue)")
    expect(row.locator(f".{css_key('undo_here')} button").first).to_be_visible()
    annotation = load_review(path).by_id(merged).annotation
    assert annotation.status == "major issue" and annotation.reviewer == "Lea Berg"
    screenshot(page, "merge-outcome")

    # reload through the URL: the reviewer is still known, new annotations carry the name
    assert "reviewer=Lea" in page.url and "project=kessel-merge" in page.url
    page.reload()
    page.locator(f'[data-pair-id="{merged}"]').wait_for(timeout=60_000)
    settle(page)
    expect(page.locator(f".{css_key('reviewer')} input")).to_have_value("Lea Berg", timeout=30_000)
    # P1 is identical: its compact row's "OK" button gives the verdict in one click
    page.locator(f".{css_key('ann_ok_P1=P1')} button").first.click()
    _wait_for_file(path, "P1=P1", lambda a: a.status == "ok")
    review = load_review(path)
    annotated = [p for p in review.pairs if p.annotation.status != "unreviewed"]
    assert len(annotated) == 2
    assert {p.annotation.reviewer for p in annotated} == {"Lea Berg"}
    assert page.dialogs == []


def test_a_name_typed_while_a_paste_reruns_is_kept(app_url: str, browser) -> None:
    """The reviewer's name typed at once after pasting both texts, while the paste's run
    still goes on: the run must not move the Reviewer box (a box moved is mounted anew
    and loses what is being typed). Before the fix 3 of 8 such names were lost."""
    text = ORIGINAL
    for attempt in range(4):
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            page.goto(app_url)
            page.get_by_text("Workbench", exact=True).first.wait_for()
            for side, pasted in (("original", text), ("translation", text.upper())):
                page.locator(f".{css_key(side + '_source')}").get_by_text("Paste text").click()
                area = page.locator(f".{css_key(side + '_text')} textarea")
                area.fill(pasted)
                area.press("Control+Enter")
            name = f"Ana Ruiz {attempt}"
            box = page.locator(f".{css_key('reviewer')} input")
            box.fill(name)
            box.press("Enter")
            settle(page)
            page.wait_for_timeout(1_000)
            settle(page)
            assert box.input_value() == name
            expect(page).to_have_url(re.compile(r"[?&]reviewer=Ana"))
        finally:
            context.close()


GERMAN_ORIGINAL = """Die Brücke wurde 2024 nach zwei Jahren Bauzeit wieder eröffnet.

Der Gipfel liegt auf 8481 m und wurde 1955 erstmals bestiegen.

Die Expedition kehrte im Juni mit drei Trägern zurück."""
FRENCH_TRANSLATION = """Le pont a rouvert en 2024 après deux ans de travaux.

Le sommet culmine à 8481 m ; il fut gravi pour la première fois en 1955.

L'expédition revint en juin avec trois porteurs."""
#: A machine translation of the German: the same facts, worded otherwise.
MACHINE_PIVOT = """En 2024, l'ouvrage a été remis en service au terme de deux années de chantier.

La cime se trouve à 8481 m et son ascension initiale date de 1955.

Au mois de juin, l'équipe est rentrée accompagnée de trois portefaix."""


def test_a_machine_translated_pivot_is_said_to_guide_only(
    app_url: str, page, tmp_path: Path, screenshot
) -> None:
    """The reviewer is told the pivot was not diffed, and the pairs are not all major."""
    pivot_file = tmp_path / "machine.fr.txt"
    pivot_file.write_text(MACHINE_PIVOT, encoding="utf-8")
    page.goto(app_url)
    page.get_by_text("Upload or paste the original to start").wait_for()
    _paste(page, "original", GERMAN_ORIGINAL)
    _paste_translation(page, FRENCH_TRANSLATION)
    page.locator(f".{css_key('options_expander')}").get_by_text("3 · Options").click()
    settle(page)
    page.locator(f".{css_key('pivot_file')} input[type=file]").set_input_files(str(pivot_file))
    page.get_by_text("machine.fr.txt").first.wait_for()
    settle(page)
    _align(page, "pivot-guides")
    page.get_by_text("it guided the alignment").first.wait_for(timeout=30_000)
    screenshot(page, "pivot-guides")
    rows = page.locator("[data-pair-id]")
    bands = [rows.nth(i).get_attribute("data-band") for i in range(rows.count())]
    assert bands == ["identical", "identical", "identical"]
    assert page.locator(".wb-pivot").count() == 0  # no pivot text carrying highlights
    # compared across languages: nothing is "identical" to a German original, and the
    # cross-language score is no text similarity
    badges = page.locator("[data-pair-id] .wbui-badge")
    assert [badges.nth(i).inner_text() for i in range(3)] == ["no difference found"] * 3
    # the longest badge of a compact row stays on one line inside the row's narrow column
    height, single, width, column = badges.first.evaluate(
        """el => { const one = el.cloneNode(true); one.style.whiteSpace = 'nowrap';
        el.parentNode.appendChild(one); const line = one.getBoundingClientRect();
        one.remove(); const box = el.getBoundingClientRect();
        const column = el.parentNode.getBoundingClientRect().width;
        return [box.height, line.height, box.width, column]; }"""
    )
    assert height == single and width <= column
    assert not [i for i in range(3) if "% alike" in rows.nth(i).inner_html()]
