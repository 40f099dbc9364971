"""``workbench review``: the review file the app writes, made from the command line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from app_steps import PASTE, open_tab, row_ids, start_app
from repo_paths import ESSAY_PATH, TEXTS_DIR

from workbench import store
from workbench.cli import main
from workbench.export import EXPORTS, formats_for
from workbench.model import BANDS

DEMO = TEXTS_DIR / "demo"


def _edited_essay(folder: Path) -> Path:
    """The essay with one number changed and its third paragraph dropped."""
    paragraphs = ESSAY_PATH.read_text(encoding="utf-8").split("\n\n")
    changed = next(i for i, p in enumerate(paragraphs) if any(c.isdigit() for c in p))
    digit = next(c for c in paragraphs[changed] if c.isdigit())
    paragraphs[changed] = paragraphs[changed].replace(digit, str((int(digit) + 1) % 10), 1)
    del paragraphs[2]
    path = folder / "essay-edited.txt"
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return path


def _bands(out: str) -> dict[str, int]:
    lines = [line.split(": ") for line in out.splitlines() if line.split(":")[0] in BANDS]
    return {band: int(count.split()[0]) for band, count in lines}


def test_review_writes_a_file_report_and_every_export_open(tmp_path, capsys):
    edited = _edited_essay(tmp_path)
    target = tmp_path / "alignments" / "essay.csv"
    assert main(["review", str(ESSAY_PATH), str(edited), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    review = store.load_review(target)
    # one line per band, with the counts of the file written
    counted = {band: sum(p.band == band for p in review.pairs) for band in BANDS}
    assert _bands(out) == counted
    assert counted["unaligned"] >= 1  # the dropped paragraph
    assert review.meta.project == "essay"
    assert review.meta.original_sha256 != review.meta.translation_sha256

    assert main(["report", str(target)]) == 0
    assert f"Pairs: {len(review.pairs)}" in capsys.readouterr().out
    for fmt in formats_for(review):
        out_file = tmp_path / f"out{EXPORTS[fmt].extension}"
        assert main(["export", str(target), "--format", fmt, "-o", str(out_file)]) == 0, fmt
        assert out_file.stat().st_size > 0


def test_fail_on_gates_on_the_worst_band(tmp_path, capsys):
    edited = _edited_essay(tmp_path)
    target = tmp_path / "essay.csv"
    assert (
        main(["review", str(ESSAY_PATH), str(edited), "-o", str(target), "--fail-on", "major"]) == 1
    )
    out = capsys.readouterr().out
    assert "fail:" in out and "at or above major" in out
    # the same texts: no pair is worse than identical, so no band fails
    same = tmp_path / "same.csv"
    assert (
        main(["review", str(ESSAY_PATH), str(ESSAY_PATH), "-o", str(same), "--fail-on", "minor"])
        == 0
    )
    assert "fail:" not in capsys.readouterr().out
    assert {p.band for p in store.load_review(same).pairs} == {"identical"}


def test_the_same_texts_rule_holds_and_annotations_are_kept(tmp_path, capsys):
    target = tmp_path / "demo.csv"
    original, back = DEMO / "original.en.txt", DEMO / "backtranslation.en.txt"
    args = ["review", str(original), str(back), "-o", str(target)]
    assert main([*args, "--reviewer", "Ann", "--mark-identical-ok"]) == 0
    marked = [p for p in store.load_review(target).pairs if p.annotation.status == "ok"]
    assert marked and all(p.annotation.reviewer == "Ann" for p in marked)
    assert all(p.band == "identical" for p in marked)
    capsys.readouterr()
    # the same texts again: the verdicts are kept
    assert main(args) == 0
    assert f"kept {len(marked)} annotations" in capsys.readouterr().out
    again = store.load_review(target)
    assert [p.pair_id for p in again.pairs if p.annotation.status == "ok"] == [
        p.pair_id for p in marked
    ]
    # other texts: refused, the file untouched
    before = target.read_bytes()
    assert main(["review", str(original), str(DEMO / "alternative.en.txt"), "-o", str(target)]) == 2
    assert "other texts" in capsys.readouterr().err
    assert target.read_bytes() == before
    # with --replace the old review is kept aside
    assert (
        main(
            [
                "review",
                str(original),
                str(DEMO / "alternative.en.txt"),
                "-o",
                str(target),
                "--replace",
            ]
        )
        == 0
    )
    assert list(tmp_path.glob("demo.csv.replaced-*"))


@pytest.mark.parametrize(
    "extra",
    [
        ["--reviewer", "Ann"],
        ["--mark-identical-ok"],
        ["--forward", "x.txt", "--mode", "monolingual"],
    ],
)
def test_options_that_would_do_nothing_are_refused(tmp_path, extra, capsys):
    target = tmp_path / "x.csv"
    with pytest.raises(SystemExit) as exited:
        main(
            [
                "review",
                str(DEMO / "original.en.txt"),
                str(DEMO / "backtranslation.en.txt"),
                "-o",
                str(target),
                *extra,
            ]
        )
    assert exited.value.code == 2
    assert not target.exists()


def test_forward_makes_a_back_translation_review(tmp_path, capsys):
    target = tmp_path / "bt.csv"
    args = [str(DEMO / "original.en.txt"), str(DEMO / "backtranslation.en.txt")]
    assert (
        main(["review", *args, "--forward", str(DEMO / "translation.fr.txt"), "-o", str(target)])
        == 0
    )
    review = store.load_review(target)
    assert review.meta.is_back_translation and review.meta.forward is not None
    assert (
        main(
            [
                "reconcile",
                *args,
                "--forward",
                str(DEMO / "translation.fr.txt"),
                "-o",
                str(tmp_path / "rc.csv"),
            ]
        )
        == 0
    )
    reconciled = store.load_review(tmp_path / "rc.csv")
    assert review.pairs == reconciled.pairs


def test_rows_equal_the_apps_and_the_projects_tab_opens_it(alignments, tmp_path, capsys):
    original = "\n\n".join(ESSAY_PATH.read_text(encoding="utf-8").split("\n\n")[:12])
    translation = _edited_essay(tmp_path).read_text(encoding="utf-8").split("\n\n")[:11]
    translation = "\n\n".join(translation)
    # the app names pasted texts so; the files get the same names and bytes
    files = tmp_path / "in"
    files.mkdir()
    (files / "pasted-original.txt").write_text(original, encoding="utf-8")
    (files / "pasted-translation.txt").write_text(translation, encoding="utf-8")

    at = start_app()
    at.sidebar.radio(key="original_source").set_value(PASTE).run()
    at.sidebar.text_area(key="original_text").set_value(original).run()
    at.sidebar.radio(key="translation_source").set_value(PASTE).run()
    at.sidebar.text_area(key="translation_text").set_value(translation).run()
    at.sidebar.text_input(key="project").set_value("by-app").run()
    at.sidebar.button(key="align").click().run()
    assert not at.exception and not at.error
    by_app = store.load_review(alignments / "by-app.csv")

    target = alignments / "by-cli.csv"
    assert (
        main(
            [
                "review",
                str(files / "pasted-original.txt"),
                str(files / "pasted-translation.txt"),
                "-o",
                str(target),
            ]
        )
        == 0
    )
    by_cli = store.load_review(target)
    assert by_cli.pairs == by_app.pairs
    same_meta = dataclasses.replace(
        by_cli.meta, project="by-app", created_at=by_app.meta.created_at
    )
    assert same_meta == by_app.meta

    fresh = start_app()
    open_tab(fresh, "Projects")
    fresh.button(key="open_by-cli").click().run()
    assert not fresh.exception and not fresh.error
    shown = row_ids(fresh)
    assert shown and shown == [p.pair_id for p in by_cli.pairs][: len(shown)]


def test_a_bead_table_is_refused_with_a_pointer_to_review(tmp_path, capsys):
    beads = tmp_path / "beads.csv"
    args = [str(DEMO / "original.en.txt"), str(DEMO / "backtranslation.en.txt")]
    assert main(["align", *args, "--format", "beads-csv", "-o", str(beads)]) == 0
    assert main(["report", str(beads)]) == 2
    err = capsys.readouterr().err
    assert "not an alignment CSV" in err and "workbench review" in err


def test_across_languages_the_summary_says_what_identical_means(tmp_path, capsys):
    """A French pair is not identical to its English original: the band line keeps the
    band's name first (what ``--fail-on`` and the CSV say) and says what it means."""
    target = tmp_path / "fr.csv"
    original, french = DEMO / "original.en.txt", DEMO / "translation.fr.txt"
    assert main(["review", str(original), str(french), "-o", str(target)]) == 0
    out = capsys.readouterr().out
    review = store.load_review(target)
    identical = sum(p.band == "identical" for p in review.pairs)
    assert identical >= 1
    line = next(x for x in out.splitlines() if x.startswith("identical:"))
    assert line == (
        f"identical: {identical} pair{'s' if identical != 1 else ''}, "
        "no difference found across languages"
    )
    assert _bands(out)["identical"] == identical
    # within one language the line is the band's alone
    same = tmp_path / "same.csv"
    assert main(["review", str(original), str(original), "-o", str(same)]) == 0
    assert "identical: 10 pairs\n" in capsys.readouterr().out
