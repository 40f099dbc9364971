"""Concurrent autosaves: threads and processes writing one file lose no annotation."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

import pytest
from store_helpers import big_review, make_review

from workbench import store
from workbench.errors import ReviewConflictError
from workbench.model import Annotation
from workbench.store import list_projects, load_review, save_annotation, save_review, to_csv

WRITES = 100


def _write_many(path: Path, writer: int, pair_ids: list[str]) -> None:
    for n, pid in enumerate(pair_ids):
        ann = Annotation(status="minor issue", comment=f"writer {writer} write {n}")
        save_annotation(path, pid, ann)


def _assert_all_present(path: Path, writers: int) -> None:
    review = load_review(path)
    ids = [p.pair_id for p in review.pairs]
    for writer in range(writers):
        for n in range(WRITES):
            ann = review.by_id(ids[writer * WRITES + n]).annotation
            assert ann.comment == f"writer {writer} write {n}"
            assert ann.status == "minor issue" and ann.updated_at


def test_eight_threads_times_a_hundred_writes_all_survive(tmp_path):
    review = big_review(8 * WRITES)
    path = save_review(review, root=tmp_path)
    ids = [p.pair_id for p in review.pairs]
    threads = [
        threading.Thread(target=_write_many, args=(path, w, ids[w * WRITES : (w + 1) * WRITES]))
        for w in range(8)
    ]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    print(f"8 threads x {WRITES} writes on {len(ids)} pairs: {elapsed:.1f} s")
    _assert_all_present(path, 8)
    # The rows re-encoded one at a time give exactly the bytes of a full encoding.
    store.files._CACHE.clear()
    assert path.read_bytes() == to_csv(load_review(path))


def test_four_processes_times_a_hundred_writes_all_survive(tmp_path):
    review = big_review(4 * WRITES)
    path = save_review(review, root=tmp_path)
    ids = [p.pair_id for p in review.pairs]
    ctx = multiprocessing.get_context("spawn")
    procs = [
        ctx.Process(target=_write_many, args=(path, w, ids[w * WRITES : (w + 1) * WRITES]))
        for w in range(4)
    ]
    start = time.perf_counter()
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=300)
    elapsed = time.perf_counter() - start
    print(f"4 processes x {WRITES} writes on {len(ids)} pairs: {elapsed:.1f} s")
    assert [p.exitcode for p in procs] == [0, 0, 0, 0]
    _assert_all_present(path, 4)
    assert not list(tmp_path.glob(".*.tmp"))  # no temp files left behind


def test_structural_save_keeps_a_newer_annotation_written_by_another_tab(tmp_path):
    review = make_review()
    path = save_review(review, root=tmp_path)
    # Tab B annotates P1=P1 now; tab A still holds an older annotation of it.
    old = Annotation(status="ok", comment="tab A", updated_at="2026-11-26T06:00:00.000Z")
    stale = review.with_annotation("P1=P1", old)
    save_annotation(path, "P1=P1", Annotation(status="critical", comment="tab B"))
    # Tab A saves the whole review (e.g. after a merge) with its own newer note on P3=P5.
    mine = Annotation(status="major issue", comment="tab A new", updated_at="2099-01-01T00:00:00Z")
    save_review(stale.with_annotation("P3=P5", mine), root=tmp_path)
    after = load_review(path)
    assert after.by_id("P1=P1").annotation.comment == "tab B"
    assert after.by_id("P3=P5").annotation == mine


def test_a_file_of_other_texts_is_never_replaced(tmp_path):
    review = make_review()
    path = save_review(review, root=tmp_path)
    save_annotation(path, "P1=P1", Annotation(status="critical", comment="old texts"))
    before = path.read_bytes()
    from store_helpers import big_review as other

    with pytest.raises(ReviewConflictError, match="already holds a review of other texts"):
        save_review(other(3, project="demo"), root=tmp_path)
    assert path.read_bytes() == before
    assert load_review(path).by_id("P1=P1").annotation.comment == "old texts"


def test_an_unreadable_file_is_kept_aside_when_saving(tmp_path):
    path = tmp_path / "demo.csv"
    path.write_bytes(b"\x89PNG garbage")
    save_review(make_review(), root=tmp_path)
    assert load_review(path) == make_review()
    kept = list(tmp_path.glob("demo.csv.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == b"\x89PNG garbage"


def test_list_projects_reports_unreadable_files(tmp_path):
    save_review(make_review(project="first"), root=tmp_path)
    save_annotation("first", "P1=P1", Annotation(status="ok"), root=tmp_path)
    (tmp_path / "broken.csv").write_text("not,a\nreview,file\n")
    errors = []
    infos = list_projects(root=tmp_path, on_error=lambda p, e: errors.append((p.name, str(e))))
    assert [(i.name, i.pairs, i.reviewed, i.original_name) for i in infos] == [
        ("first", 6, 1, "orig.md")
    ]
    assert errors and errors[0][0] == "broken.csv" and "not an alignment CSV" in errors[0][1]
    assert list_projects(root=tmp_path / "missing") == []


def test_unknown_pair_and_invalid_annotation_are_refused_without_writing(tmp_path):
    from workbench.errors import AlignmentFileError

    path = save_review(make_review(), root=tmp_path)
    before = path.read_bytes()
    import pytest

    with pytest.raises(AlignmentFileError, match="has no pair 'P9=P9'"):
        save_annotation(path, "P9=P9", Annotation(status="ok"))
    with pytest.raises(AlignmentFileError, match="status: 'maybe' is not a status"):
        save_annotation(path, "P1=P1", Annotation(status="maybe"))
    assert path.read_bytes() == before
