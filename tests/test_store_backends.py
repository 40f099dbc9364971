"""One test-suite for every review store (CSV files, PostgreSQL): versions, conflicts,
history, threads and processes × 100 writes, SIGKILL during a save.

The PostgreSQL backend runs against a throwaway server (``pg_server.py``), started once
per session; each test gets its own database.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from store_helpers import big_review, make_review

from workbench.errors import AlignmentFileError, EditConflictError, ReviewConflictError
from workbench.model import Annotation
from workbench.review import build_review
from workbench.review.rebuild import review_to_alignment
from workbench.store.csv_store import CsvStore
from workbench.store.history import ALIGNMENT_FIELD, version_of
from workbench.store.protocol import ReviewStore

WRITES = 100
CHILD = Path(__file__).with_name("store_backend_child.py")


@dataclass(frozen=True)
class Backend:
    """A store under test, and the spec a child process opens it by."""

    store: ReviewStore
    spec: str


@pytest.fixture(params=["csv", "postgresql"])
def backend(request, tmp_path):
    if request.param == "csv":
        yield Backend(CsvStore(root=tmp_path), str(tmp_path))
        return
    from workbench.store.postgres import PostgresStore

    url = request.getfixturevalue("postgres_database")
    store = PostgresStore(url)
    try:
        yield Backend(store, url)
    finally:
        store.close()


def _ann(comment: str, *, status: str = "minor issue", who: str = "ana") -> Annotation:
    return Annotation(status=status, comment=comment, reviewer=who)


def _created(backend: Backend, review=None) -> tuple[ReviewStore, str]:
    review = review or make_review()
    backend.store.create_review(review, who="setup")
    return backend.store, review.meta.project


def test_a_created_review_opens_equal_and_is_listed(backend):
    review = make_review()
    store, name = _created(backend, review)
    opened = store.open_review(name)
    assert opened.pairs == review.pairs and opened.meta == review.meta
    assert [s.name for s in store.list_reviews()] == [name]
    assert store.exists(name) and not store.exists("other")


def test_a_review_of_other_texts_never_replaces_a_stored_one(backend):
    store, name = _created(backend)
    other = big_review(3, project=name)
    with pytest.raises(ReviewConflictError):
        store.create_review(other, who="bob")
    assert store.open_review(name).pairs == make_review().pairs


def test_the_second_save_from_the_same_base_is_refused_with_both_values(backend):
    store, name = _created(backend)
    pid = store.open_review(name).pairs[0].pair_id
    base = version_of(store.open_review(name).by_id(pid).annotation)
    store.save_annotations(name, {pid: _ann("first", who="ana")}, bases={pid: base})
    with pytest.raises(EditConflictError) as caught:
        store.save_annotations(name, {pid: _ann("second", who="bob")}, bases={pid: base})
    err = caught.value
    assert err.pair_id == pid
    assert err.mine.comment == "second" and err.theirs.comment == "first"
    assert "ana" in err.message and "second" in err.message and "first" in err.message
    assert store.open_review(name).by_id(pid).annotation.comment == "first"


def test_saves_of_different_pairs_never_conflict(backend):
    store, name = _created(backend)
    review = store.open_review(name)
    a, b = review.pairs[0].pair_id, review.pairs[1].pair_id
    bases = {pid: version_of(review.by_id(pid).annotation) for pid in (a, b)}
    store.save_annotations(name, {a: _ann("on a")}, bases={a: bases[a]})
    store.save_annotations(name, {b: _ann("on b", who="bob")}, bases={b: bases[b]})
    stored = store.open_review(name)
    assert (stored.by_id(a).annotation.comment, stored.by_id(b).annotation.comment) == (
        "on a",
        "on b",
    )


def test_a_bulk_save_with_one_stale_base_stores_nothing(backend):
    store, name = _created(backend)
    review = store.open_review(name)
    a, b = review.pairs[0].pair_id, review.pairs[1].pair_id
    bases = {pid: version_of(review.by_id(pid).annotation) for pid in (a, b)}
    store.save_annotations(name, {b: _ann("meanwhile", who="bob")}, bases={b: bases[b]})
    with pytest.raises(EditConflictError):
        store.save_annotations(name, {a: _ann("bulk"), b: _ann("bulk")}, bases=bases)
    stored = store.open_review(name)
    assert stored.by_id(a).annotation == review.by_id(a).annotation
    assert stored.by_id(b).annotation.comment == "meanwhile"


def test_a_save_naming_a_missing_pair_stores_nothing(backend):
    store, name = _created(backend)
    with pytest.raises(AlignmentFileError):
        store.save_annotations(name, {"P99=P99": _ann("x")})


def test_history_records_who_when_which_pair_and_old_to_new(backend):
    store, name = _created(backend)
    pid = store.open_review(name).pairs[0].pair_id
    store.save_annotations(name, {pid: _ann("first", status="ok", who="ana")})
    store.save_annotations(name, {pid: _ann("second", status="ok", who="bob")})
    entries = store.history(name, pair_id=pid)
    changes = [(e.who, e.field, e.old, e.new) for e in entries]
    assert changes == [
        ("ana", "status", "unreviewed", "ok"),
        ("ana", "comment", "", "first"),
        ("bob", "comment", "first", "second"),
    ]
    assert all(e.at.endswith("Z") and e.pair_id == pid for e in entries)
    whole = store.history(name)
    assert whole[0].field == "review" and whole[0].who == "setup"
    assert whole[1:] == entries


def test_a_correction_is_one_history_entry_naming_the_pairs_removed_and_made(backend):
    from workbench.align import edit

    store, name = _created(backend)
    review = store.open_review(name)
    merged = edit.merge_with_next(review_to_alignment(review), 0)
    corrected = build_review(merged, [], project=name, created_at=review.meta.created_at)
    stored = store.save_structure(name, corrected, who="carla")
    assert [p.pair_id for p in stored.pairs] == [p.pair_id for p in corrected.pairs]
    assert [p.pair_id for p in store.open_review(name).pairs] == [
        p.pair_id for p in corrected.pairs
    ]
    last = store.history(name)[-1]
    assert (last.who, last.field, last.pair_id) == ("carla", ALIGNMENT_FIELD, "")
    assert last.old == ";".join(p.pair_id for p in review.pairs[:2])
    assert last.new == corrected.pairs[0].pair_id
    assert store.history(name, pair_id=review.pairs[0].pair_id) == [last]


def _write_own(store: ReviewStore, name: str, writer: int, ids: list[str], acks: list) -> None:
    review = store.open_review(name)
    for n, pid in enumerate(ids):
        base = version_of(review.by_id(pid).annotation)
        ann = _ann(f"writer {writer} write {n}", who=f"w{writer}")
        store.save_annotations(name, {pid: ann}, bases={pid: base})
        acks.append((pid, ann.comment))


def _stored_equals_acknowledged(store: ReviewStore, name: str, acks: list) -> None:
    stored = store.open_review(name)
    assert [stored.by_id(pid).annotation.comment for pid, _ in acks] == [c for _, c in acks]


def test_four_threads_times_a_hundred_writes_are_all_stored(backend):
    store, name = _created(backend, big_review(4 * WRITES))
    ids = [p.pair_id for p in store.open_review(name).pairs]
    acks: list = []
    threads = [
        threading.Thread(target=_write_own, args=(store, name, w, ids[w * WRITES :][:WRITES], acks))
        for w in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(acks) == 4 * WRITES
    _stored_equals_acknowledged(store, name, acks)
    comments = [e for e in store.history(name) if e.field == "comment"]
    assert len(comments) == 4 * WRITES


def _contend(store: ReviewStore, name: str, pid: str, who: str, out: dict) -> None:
    acked, conflicts = [], 0
    for n in range(WRITES // 4):
        current = store.open_review(name).by_id(pid).annotation
        ann = _ann(f"{who} {n}", who=who)
        try:
            store.save_annotations(name, {pid: ann}, bases={pid: version_of(current)})
        except EditConflictError as exc:
            assert exc.mine.comment == ann.comment and exc.theirs != current
            conflicts += 1
        else:
            acked.append(ann.comment)
    out[who] = (acked, conflicts)


def test_four_threads_on_one_pair_lose_no_acknowledged_write(backend):
    """Every save either is stored (and in the history) or is told of the conflict."""
    store, name = _created(backend)
    pid = store.open_review(name).pairs[0].pair_id
    out: dict = {}
    threads = [
        threading.Thread(target=_contend, args=(store, name, pid, f"r{k}", out)) for k in range(4)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(out) == ["r0", "r1", "r2", "r3"]  # no thread died
    acked = sorted(c for a, _ in out.values() for c in a)
    history = [e for e in store.history(name, pair_id=pid) if e.field == "comment"]
    assert sorted(e.new for e in history) == acked  # each acknowledged write, once
    assert [e.old for e in history[1:]] == [e.new for e in history[:-1]]  # a chain: no gap
    assert store.open_review(name).by_id(pid).annotation.comment == history[-1].new
    print(f"acked {len(acked)}, conflicts {sum(c for _, c in out.values())}")


def test_four_processes_times_a_hundred_writes_are_all_stored(backend):
    store, name = _created(backend, big_review(4 * WRITES))
    procs = [
        subprocess.Popen(
            [sys.executable, str(CHILD), backend.spec, name, f"p{k}", f"slice:{k}:{WRITES}"],
            stdout=subprocess.PIPE,
            text=True,
        )
        for k in range(4)
    ]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0]
    ids = [p.pair_id for p in store.open_review(name).pairs]
    acks = []
    for k, out in enumerate(outputs):
        for line in out.splitlines()[1:]:
            _, n, pid = line.split(" ", 2)
            assert pid == ids[k * WRITES + int(n)]
            acks.append((pid, f"p{k} write {n}"))
    assert len(acks) == 4 * WRITES
    _stored_equals_acknowledged(store, name, acks)


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")
def test_a_writer_killed_during_saves_leaves_every_acknowledged_write_and_its_history(backend):
    rng = random.Random(20261127)
    store, name = _created(backend, big_review(200))
    acked = 0
    for round_ in range(8):
        tag = f"k{round_}"
        child = subprocess.Popen(
            [sys.executable, str(CHILD), backend.spec, name, tag, "own"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout.readline() == "ready\n"
            time.sleep(rng.uniform(0.05, 0.3))
            child.send_signal(signal.SIGKILL)
            rest = child.stdout.read()
        finally:
            child.kill()
            child.wait()
        acks = [line.split(" ", 2) for line in rest.splitlines() if line.startswith("ack ")]
        review = store.open_review(name)  # readable after every kill
        logged = {(e.pair_id, e.new) for e in store.history(name) if e.field == "comment"}
        for _, n, pid in acks:
            assert review.by_id(pid).annotation.comment == f"{tag} write {n}"
            assert (pid, f"{tag} write {n}") in logged
        acked += len(acks)
    assert acked > 8
