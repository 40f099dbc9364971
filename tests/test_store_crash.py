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


class _DiskFullWriter:
    """A temp-file handle that writes half of what it is given, then fails (a full disk)."""

    def __init__(self, handle, written: list[int]) -> None:  # noqa: ANN001 - a file object
        self.handle, self.written = handle, written

    def __enter__(self) -> _DiskFullWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        half = self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        self.written.append(half)
        raise OSError(28, "No space left on device")


@pytest.mark.parametrize("failing", ["fsync", "replace", "write"])
def test_a_failed_save_leaves_the_previous_file_intact(tmp_path, monkeypatch, failing):
    from workbench.errors import SaveError
    from workbench.model import Annotation
    from workbench.store import files

    path = save_review(big_review(20), root=tmp_path)
    before = path.read_bytes()
    written: list[int] = []

    def boom(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    if failing == "write":
        # the temp file is half written when the disk runs full
        real_fdopen = files.os.fdopen
        monkeypatch.setattr(
            files.os, "fdopen", lambda fd, mode: _DiskFullWriter(real_fdopen(fd, mode), written)
        )
    else:
        monkeypatch.setattr(files.os, failing, boom)
    with pytest.raises(
        SaveError, match=r"Cannot save big\.csv in .*: No space left on device\. The"
    ):
        files.save_annotation(path, "P1=P1", Annotation(status="critical"))
    monkeypatch.undo()
    if failing == "write":
        assert written and written[0] > 1000  # the failure came after bytes reached the disk
    assert path.read_bytes() == before
    assert list(tmp_path.glob(".*.tmp")) == []
    assert load_review(path).by_id("P1=P1").annotation == Annotation()
