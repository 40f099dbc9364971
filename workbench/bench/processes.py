"""Whole processes timed as a user's machine runs them: with their bytecode cached.

Python compiles a module the first time it imports it and caches the bytecode, so on
a user's machine every run after the first reads the cache. Where
``PYTHONDONTWRITEBYTECODE`` is set (as on this project's machines) or the code lies in
a read-only directory (the peer, in ``../shared``), every run would compile every
module of the program again: 0.05-0.15 s that no user pays. So the timed processes,
ours and the peer's alike, get a private bytecode cache (``PYTHONPYCACHEPREFIX``, in a
temporary directory) and one untimed run that fills it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def bytecode_cache() -> Iterator[dict[str, str]]:
    """An environment for timed processes whose bytecode is cached in a temporary directory."""
    with tempfile.TemporaryDirectory(prefix="workbench-bench-pycache-") as tmp:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = tmp
        yield env


def run_seconds(cmd: list[str], *, env: dict[str, str], cwd: Path | None = None) -> float:
    """Wall time of one run of ``cmd`` (which must succeed)."""
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, cwd=cwd, env=env)
    return time.perf_counter() - start


def warm_up(cmd: list[str], *, env: dict[str, str], cwd: Path | None = None) -> None:
    """One untimed run: compiles the program's modules into the cache of ``env``."""
    run_seconds(cmd, env=env, cwd=cwd)


def median_seconds(
    cmd: list[str], runs: int, *, env: dict[str, str], cwd: Path | None = None
) -> float:
    """Median wall time of ``runs`` runs of ``cmd`` after one untimed run."""
    warm_up(cmd, env=env, cwd=cwd)
    return statistics.median(run_seconds(cmd, env=env, cwd=cwd) for _ in range(runs))
