"""Crash safety: a writer killed with SIGKILL at random moments never damages the file."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import big_review, crash_comment

from workbench.store import load_review, save_review

KILLS = 50
SEED = 20261126
HELPER = Path(__file__).with_name("store_helpers.py")


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX-only")
def test_sigkilled_writer_leaves_a_parsable_file_with_every_acknowledged_write(tmp_path):
    rng = random.Random(SEED)
    path = save_review(big_review(400), root=tmp_path)
    acked_total = 0
    started = time.perf_counter()
    for round_ in range(KILLS):
        tag = f"round {round_}"
        child = subprocess.Popen(
            [sys.executable, str(HELPER), "crash-child", str(path), tag],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline() == "ready\n"  # imports done, about to write
            time.sleep(rng.uniform(0.0, 0.25))
            child.send_signal(signal.SIGKILL)
            rest = child.stdout.read()
        finally:
            child.kill()
            child.wait()
        assert child.returncode == -signal.SIGKILL
        acks = [line.split(" ", 2) for line in rest.splitlines() if line.startswith("ack ")]
        review = load_review(path)  # parses after every kill
        for _, n, pair_id in acks:
            assert review.by_id(pair_id).annotation.comment == crash_comment(tag, int(n))
        # The first pair not acknowledged holds this round's write or an older one.
        if len(acks) < len(review.pairs):
            pending = review.pairs[len(acks)].annotation.comment
            assert pending == crash_comment(tag, len(acks)) or not pending.startswith(tag + " ")
        acked_total += len(acks)
    elapsed = time.perf_counter() - started
    print(f"{KILLS} kills, {acked_total} acknowledged writes checked, {elapsed:.1f} s")
    assert acked_total > KILLS  # the kills did land while the child was writing


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_a_failed_save_leaves_the_previous_file_intact(tmp_path, monkeypatch, failing):
    from workbench import store
    from workbench.model import Annotation

    path = save_review(big_review(20), root=tmp_path)
    before = path.read_bytes()

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        monkeypatch.setattr(store, "_digest", boom)  # fails after the temp file is written
        monkeypatch.setattr(store.os, "replace", boom)
    else:
        monkeypatch.setattr(store.os, failing, boom)
    with pytest.raises(OSError, match="No space left"):
        store.save_annotation(path, "P1=P1", Annotation(status="critical"))
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert list(tmp_path.glob(".*.tmp")) == []
    assert load_review(path).by_id("P1=P1").annotation == Annotation()
