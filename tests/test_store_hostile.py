"""Review files crafted to hurt: every one is refused with a message, none takes others down.

Each case here broke main before the hardening round (a traceback, gigabytes allocated, a
file acknowledged as saved that nobody could read back, or a file replaced without asking).
"""

from __future__ import annotations

import json
import resource
from dataclasses import replace
from pathlib import Path

import pytest
from store_helpers import csv_rows, make_review, write_rows

from workbench import config, session
from workbench.cli import main
from workbench.errors import AlignmentFileError, ReviewConflictError, SaveError
from workbench.export import EXPORTS, export
from workbench.model import Annotation, DiscrepancyEntry, Level
from workbench.review import review_to_alignment
from workbench.store import list_projects, load_review, save_annotation, save_review
from workbench.text import load_document

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"


def _with_meta(rows: list[list[str]], change) -> list[list[str]]:  # noqa: ANN001
    """``rows`` with the meta cell of every row replaced by ``change(meta text)``."""
    col = rows[0].index("meta")
    for row in rows[1:]:
        row[col] = change(row[col])
    return rows


def _refused(path: Path, says: str) -> str:
    before = path.read_bytes()
    with pytest.raises(AlignmentFileError) as info:
        load_review(path)
    assert says in str(info.value), str(info.value)
    assert path.read_bytes() == before
    return str(info.value)


# --- ids that would allocate gigabytes ------------------------------------------------------


@pytest.mark.parametrize("uid", ["P99999999", "P6"])
def test_a_unit_id_beyond_the_files_unit_count_is_refused_before_anything_is_built(tmp_path, uid):
    rows = csv_rows()  # the original has five paragraphs
    col, pair_col = rows[0].index("original_ids"), rows[0].index("pair_id")
    row = next(r for r in rows[1:] if r[col] == "P3")
    row[col] = uid
    row[pair_col] = row[pair_col].replace("P3=", f"{uid}=", 1)
    start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    message = _refused(write_rows(tmp_path / "ids.csv", rows), f"{uid!r} is beyond")
    assert "column 'original_ids'" in message
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - start) / 1024
    assert grown_mb < 50  # nothing was allocated for the ids


def test_rebuilding_never_allocates_for_an_absurd_paragraph_number():
    review = make_review()
    pair = review.pairs[0]
    huge = replace(pair, original_ids=("P99999999",), pair_id="P99999999=P1")
    with pytest.raises(AlignmentFileError, match="beyond the largest document accepted"):
        review_to_alignment(replace(review, pairs=(huge, *review.pairs[1:])))


def test_export_and_report_of_a_file_with_a_huge_id_print_one_line(tmp_path, capsys):
    rows = csv_rows()
    col, pair_col = rows[0].index("original_ids"), rows[0].index("pair_id")
    row = next(r for r in rows[1:] if r[col] == "P3")
    row[col], row[pair_col] = "P99999999", row[pair_col].replace("P3=", "P99999999=", 1)
    path = write_rows(tmp_path / "ids.csv", rows)
    for args in (["report", str(path)], ["export", str(path), "--format", "html"]):
        assert main(args) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "is beyond" in err[0], err


# --- the meta cell ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "change", "says"),
    [
        (
            "long-number",
            lambda m: m.replace('"original_units":', '"original_units":' + "9" * 5000 + ",x"),
            "cannot be read",
        ),
        ("deep", lambda m: m[:-1] + ',"x":' + "[" * 20 + "]" * 20 + "}", "nests 21 levels"),
        ("very-deep", lambda m: m[:-1] + ',"x":' + "[" * 100_000 + "]" * 100_000 + "}", "at most"),
        ("huge", lambda m: m[:-1] + ',"x":"' + "a" * 70_000 + '"}', "characters"),
        ("surrogate", lambda m: m.replace('"project":"', '"project":"\\udfff', 1), "surrogate"),
        (
            "language",
            lambda m: m.replace('"original_language":"en"', '"original_language":"en\\u0007"'),
            "not a language code",
        ),
        ("nan", lambda m: m[:-1] + ',"x":NaN}', "not a number JSON allows"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_a_hostile_meta_cell_is_refused_with_its_reason(tmp_path, name, change, says):
    rows = _with_meta(csv_rows(), change)
    message = _refused(write_rows(tmp_path / f"{name}.csv", rows), says)
    assert "column 'meta'" in message


def test_one_hostile_file_leaves_every_other_project_usable(tmp_path):
    save_review(make_review(project="good"), root=tmp_path)
    deep = _with_meta(csv_rows(), lambda m: m[:-1] + ',"x":' + "[" * 100_000 + "]" * 100_000 + "}")
    write_rows(tmp_path / "deep.csv", deep)
    long = _with_meta(csv_rows(), lambda m: m.replace('"project":"', '"project":"\\udfff', 1))
    write_rows(tmp_path / "surrogate.csv", long)
    errors: list[tuple[str, str]] = []
    infos = list_projects(root=tmp_path, on_error=lambda p, e: errors.append((p.name, str(e))))
    assert [i.name for i in infos] == ["good"]
    assert sorted(n for n, _ in errors) == ["deep.csv", "surrogate.csv"]
    assert all("column 'meta'" in message for _, message in errors)
    assert load_review(tmp_path / "good.csv").meta.project == "good"


def test_a_timestamp_without_a_utc_equivalent_is_refused_and_not_exported(tmp_path):
    edge = "9999-12-31T23:59:59-05:00"
    with pytest.raises(AlignmentFileError, match="updated_at"):
        save_annotation(
            save_review(make_review(), root=tmp_path), "P1=P1", Annotation(updated_at=edge)
        )
    rows = csv_rows()
    rows[1][rows[0].index("updated_at")] = edge
    _refused(write_rows(tmp_path / "edge.csv", rows), "is not an ISO 8601 time in UTC's range")


# --- free text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("annotation", "field"),
    [
        (lambda n: Annotation(comment="x" * n), "comment"),
        (lambda n: Annotation(log=DiscrepancyEntry(rationale="x" * n)), "rationale"),
        (lambda n: Annotation(log=DiscrepancyEntry(revised_text="x" * n)), "revised_text"),
    ],
)
def test_an_over_long_note_is_refused_on_saving_and_on_reading(tmp_path, annotation, field):
    path = save_review(make_review(), root=tmp_path)
    before = path.read_bytes()
    limit = config.MAX_NOTE_CHARS
    with pytest.raises(AlignmentFileError, match=f"{field}: {limit + 1:,} characters are more"):
        save_annotation(path, "P1=P1", annotation(limit + 1))
    assert path.read_bytes() == before  # nothing acknowledged, nothing lost
    save_annotation(path, "P1=P1", annotation(limit))  # the limit itself is fine
    assert load_review(path).by_id("P1=P1").annotation != Annotation()
    rows = csv_rows()
    rows[1][rows[0].index(field)] = "y" * (limit + 1)
    _refused(write_rows(tmp_path / "long.csv", rows), f"{limit + 1:,} characters are more")


def test_a_note_with_a_lone_surrogate_is_refused_before_it_reaches_the_file(tmp_path):
    path = save_review(make_review(), root=tmp_path)
    before = path.read_bytes()
    with pytest.raises(AlignmentFileError, match="comment: holds a lone surrogate"):
        save_annotation(path, "P1=P1", Annotation(comment="bad \udfff"))
    assert path.read_bytes() == before


def test_a_reviewer_name_is_bounded_too(tmp_path):
    path = save_review(make_review(), root=tmp_path)
    with pytest.raises(AlignmentFileError, match="reviewer"):
        save_annotation(path, "P1=P1", Annotation(reviewer="n" * (config.MAX_NAME_CHARS + 1)))


# --- the folder ----------------------------------------------------------------------------


def test_a_link_to_a_file_outside_the_folder_is_listed_as_unreadable(tmp_path):
    folder, outside = tmp_path / "alignments", tmp_path / "elsewhere"
    folder.mkdir()
    outside.mkdir()
    save_review(make_review(project="secret"), root=outside)
    (folder / "link.csv").symlink_to(outside / "secret.csv")
    errors: list[str] = []
    assert list_projects(root=folder, on_error=lambda p, e: errors.append(str(e))) == []
    assert errors == [
        "link.csv is a link to a file outside the alignments folder; it is not opened."
    ]


def test_a_lock_path_that_is_a_folder_gives_a_message(tmp_path):
    path = save_review(make_review(), root=tmp_path)
    lock = tmp_path / "demo.csv.lock"
    lock.unlink(missing_ok=True)  # the lock file the first save left
    lock.mkdir()
    with pytest.raises(SaveError, match=r"its lock file demo\.csv\.lock cannot be created"):
        save_annotation(path, "P1=P1", Annotation(status="ok"))


def test_a_read_only_folder_gives_a_message_and_keeps_the_file(tmp_path, monkeypatch):
    from workbench import atomic

    path = save_review(make_review(), root=tmp_path)
    before = path.read_bytes()

    def read_only(*_args, **_kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    with pytest.raises(SaveError, match="Cannot save demo.csv in .*: Read-only file system"):
        save_annotation(path, "P1=P1", Annotation(status="ok"))
    assert path.read_bytes() == before


def test_a_full_disk_during_reconcile_prints_one_line_and_keeps_the_file(
    tmp_path, monkeypatch, capsys
):
    from workbench.store import files

    out = tmp_path / "r.csv"
    original, back = str(DEMO / "original.en.txt"), str(DEMO / "backtranslation.en.txt")
    assert main(["reconcile", original, back, "-o", str(out)]) == 0
    before = out.read_bytes()
    capsys.readouterr()

    def full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    assert main(["reconcile", original, back, "-o", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        f"workbench: Cannot save: Cannot save r.csv in {tmp_path}: No space left on device. "
        "The file on disk is unchanged."
    ]
    assert out.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


# --- replacing a review of other texts -------------------------------------------------------


def test_replacing_a_review_of_other_texts_needs_replace_and_keeps_a_backup(tmp_path, capsys):
    out = tmp_path / "r.csv"
    original = load_document(DEMO / "original.en.txt")
    other = session.start_review(
        original, load_document(DEMO / "alternative.en.txt"), path=out, level=Level.PARAGRAPH
    )
    save_annotation(out, other.review.pairs[0].pair_id, Annotation(comment="Ann's", reviewer="A"))
    before = out.read_bytes()
    back = str(DEMO / "backtranslation.en.txt")
    args = ["reconcile", str(DEMO / "original.en.txt"), back, "-o", str(out)]
    assert main(args) == 2
    assert out.read_bytes() == before
    capsys.readouterr()
    assert main([*args, "--replace"]) == 0
    printed = capsys.readouterr().out.splitlines()
    backups = list(tmp_path.glob("r.csv.replaced-*"))
    assert len(backups) == 1 and backups[0].read_bytes() == before
    assert printed[1] == f"the review of other texts it held is kept as {backups[0]}"
    assert load_review(out).meta.translation_name == "backtranslation.en.txt"
    with pytest.raises(ReviewConflictError):  # and the library refuses without the flag
        session.start_review(
            original, load_document(DEMO / "alternative.en.txt"), path=out, level=Level.PARAGRAPH
        )


def test_every_export_of_a_clean_file_still_works():
    review = make_review()
    for fmt in EXPORTS:
        assert export(review, fmt)
    assert json.loads(export(review, "json"))["meta"]["kind"] == "translation"
