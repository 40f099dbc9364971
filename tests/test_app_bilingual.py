"""The app takes a bilingual file (XLIFF, TMX) as the original: the translation comes from
it, and Align starts a pre-aligned review that keeps the CAT tool's ids."""

from __future__ import annotations

from pathlib import Path

from app_steps import row_ids, start_app
from bilingual_files import PAIRS, xliff20

from workbench import store


def test_a_bilingual_upload_is_both_texts_and_align_keeps_its_ids(alignments: Path) -> None:
    at = start_app()
    at.sidebar.file_uploader(key="original_file").set_value(
        ("museum.xlf", xliff20(), "application/xliff+xml")
    ).run()
    assert not at.exception and not at.sidebar.error
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "Taken from the bilingual file museum" in captions
    assert not at.sidebar.button(key="align").disabled  # no translation to give
    at.sidebar.text_input(key="project").set_value("museum").run()
    at.sidebar.button(key="align").click().run()
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    rows = row_ids(at)
    assert "P2=P2" in rows
    review = store.load_review(alignments / "museum.csv")
    assert [(p.original_text, p.translation_text) for p in review.pairs] == PAIRS
    assert [u.id for p in review.pairs for u in p.cat] == ["u1", "u2", "u3"]
