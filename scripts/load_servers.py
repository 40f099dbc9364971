"""The servers behind ``scripts/load_test.py``: one shared store and N app servers on it.

:func:`backend` yields a :class:`Backend` for ``csv`` (one temporary alignments folder)
or ``postgresql`` (a throwaway PostgreSQL server from ``tests/pg_server.py``, its URL in
``WORKBENCH_STORE``) with ``servers`` Streamlit app servers on free loopback ports, all
on that one store; everything is stopped and removed on exit. :class:`MemorySampler`
keeps the peak memory (PSS) of this process's children (app servers, browser).
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BACKENDS = ("csv", "postgresql")


@dataclass(frozen=True)
class Backend:
    """A store shared by several app servers."""

    name: str
    #: The ``WORKBENCH_STORE`` value the servers run with ("" for the CSV files).
    spec: str
    #: The alignments folder (the CSV store's files; exports and caches for PostgreSQL).
    folder: Path
    #: The app servers' URLs, http://127.0.0.1:PORT.
    urls: tuple[str, ...]
    #: The app servers' logs.
    logs: tuple[Path, ...]

    def open_store(self):  # noqa: ANN201 - a workbench.store.protocol.ReviewStore
        """A store object on the shared store (close it after use)."""
        from workbench.store.csv_store import CsvStore
        from workbench.store.select import open_store

        return open_store(self.spec) if self.spec else CsvStore(root=self.folder)


@contextmanager
def backend(name: str, servers: int, *, timeout: float = 90.0) -> Iterator[Backend]:
    """``servers`` app servers sharing one store of kind ``name`` (csv or postgresql)."""
    if name not in BACKENDS:
        raise ValueError(f"unknown backend {name!r} (one of {', '.join(BACKENDS)})")
    from workbench.bench.server import streamlit_app

    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="workbench-load-")))
        folder = tmp / "alignments"
        folder.mkdir()
        spec = ""
        if name == "postgresql":
            sys.path.insert(0, str(REPO / "tests"))
            import pg_server

            server = pg_server.start()
            stack.callback(pg_server.stop, server)
            spec = server.url
        env = dict(os.environ, WORKBENCH_ALIGNMENTS_DIR=str(folder), WORKBENCH_STORE=spec)
        urls, logs = [], []
        for k in range(servers):
            log = tmp / f"streamlit-{k}.log"
            urls.append(
                stack.enter_context(streamlit_app(cwd=REPO, env=env, log_path=log, timeout=timeout))
            )
            logs.append(log)
        yield Backend(name, spec, folder, tuple(urls), tuple(logs))


def _children_rss() -> dict[str, int]:
    """Proportional set size (bytes: shared pages divided among their users) of this
    process's descendants: app servers and browser."""
    parent, rss, kind = {}, {}, {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read().decode(errors="replace")
            with open(f"/proc/{entry}/cmdline", "rb") as fh:
                cmd = fh.read()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        pid = int(entry)
        parent[pid] = int(fields[1])
        rss[pid] = int(fields[21]) * page
        try:
            with open(f"/proc/{entry}/smaps_rollup", "rb") as fh:
                for line in fh:
                    if line.startswith(b"Pss:"):
                        rss[pid] = int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
        kind[pid] = "servers" if b"streamlit" in cmd else "browser"
    me = os.getpid()
    total = {"servers": 0, "browser": 0}
    for pid in rss:
        p, seen = parent.get(pid), 0
        while p and p != me and seen < 64:
            p, seen = parent.get(p), seen + 1
        if p == me:
            # a browser's children are under the Playwright driver; servers under us
            top = pid
            while parent.get(top) != me:
                top = parent[top]
            total["servers" if kind[top] == "servers" else "browser"] += rss[pid]
    return total


class MemorySampler:
    """Samples the children's memory (PSS) every ``every`` seconds; keeps the peak (MB)."""

    def __init__(self, every: float = 1.0) -> None:
        self.every = every
        self.peak = {"servers": 0.0, "browser": 0.0, "total": 0.0}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            now = _children_rss()
            mb = {k: v / 2**20 for k, v in now.items()}
            mb["total"] = mb["servers"] + mb["browser"]
            for k, v in mb.items():
                self.peak[k] = max(self.peak[k], v)
            self._stop.wait(self.every)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
