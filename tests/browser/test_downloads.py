"""What the Export tab's buttons deliver, downloaded in real Chromium: the export's bytes."""

from __future__ import annotations

from pathlib import Path

from browser_steps import choose, open_card, settle

from workbench import export
from workbench.diff import analyse
from workbench.review import review_to_alignment
from workbench.store import load_review


def _load_demo(page, app_url: str) -> None:  # noqa: ANN001 - playwright Page
    page.goto(app_url)
    page.get_by_role("button", name="Load demo set").click()
    page.locator("[data-pair-id]").first.wait_for(timeout=60_000)
    settle(page)


def test_every_download_button_delivers_the_export_of_the_saved_review(
    app_url: str, page, alignments_dir: Path
) -> None:
    _load_demo(page, app_url)
    # annotate one pair, so that the exports carry a reviewer's judgement too
    box = page.locator(".st-key-reviewer input")
    box.fill("Ana")
    box.press("Enter")
    settle(page)
    first = page.locator("[data-pair-id]").first.get_attribute("data-pair-id")
    open_card(page, first)
    choose(page, f"ann_status_{first}", "minor issue")
    page.get_by_text("saved ✓").first.wait_for()
    page.get_by_role("tab", name="Export").click()
    settle(page)
    saved = load_review(alignments_dir / "demo.csv")
    assert saved.by_id(first).annotation.status == "minor issue"
    offered = export.formats_for(saved)
    assert "reconciliation-xlsx" not in offered  # a plain review
    for fmt in offered:
        spec = export.EXPORTS[fmt]
        button = page.get_by_role("button", name=f"Download {spec.label}", exact=True)
        with page.expect_download(timeout=60_000) as info:
            button.click()
        download = info.value
        delivered = Path(download.path()).read_bytes()
        assert download.suggested_filename == f"demo{spec.extension}", fmt
        if fmt == "html":
            # the report highlights with the analysis the app holds: the core's, recomputed
            divergences = analyse(review_to_alignment(saved))
            expected = export.export(saved, fmt, divergences=divergences)
        else:
            expected = export.export(saved, fmt)
        assert delivered == expected, fmt
    # the XLIFF version chosen is the one delivered
    page.locator(".st-key-export_xliff_version").get_by_role("radio", name="1.2").click()
    settle(page)
    button = page.get_by_role("button", name=f"Download {export.EXPORTS['xliff'].label}")
    with page.expect_download(timeout=60_000) as info:
        button.click()
    delivered = Path(info.value.path()).read_bytes()
    assert delivered == export.export(saved, "xliff", xliff_version="1.2")
    assert b'version="1.2"' in delivered
