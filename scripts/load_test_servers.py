"""A review team on two servers: 12 reviewers saving one review, per backend (opt-in, bounded).

Two "app server" processes share one store: the CSV store (one alignments folder) and a
throwaway PostgreSQL server (``tests/pg_server.py``). Each server process opens the store
once, as the app does (one connection pool per server), and runs 6 reviewer threads: 12
reviewers in all. This drives the store the app's sessions use, not the Streamlit pages:
12 headless browsers do not fit the 2-core machine (``scripts/load_test.py`` drives the
real app for a few reviewers on one server).

Each reviewer saves annotations like the app does: the base version is the annotation
its last view of the review shows, and the view is the review each save returns. Most
saves go to the reviewer's own pairs; one in ``--hot-share`` goes to one of a few pairs
every reviewer edits, which makes conflicts. A refused save is counted, the reviewer
reloads and moves on. Bounded by ``--seconds`` and ``--saves`` per reviewer.

Checked afterwards: every acknowledged save is in the history exactly once, nothing else
is, and each pair holds its last acknowledged value (acknowledged == stored). Printed per
backend: acknowledged and stored saves, conflicts, save latency p50/p95/max.

Run: PYTHONPATH=. python scripts/load_test_servers.py [--seconds 20] [--saves 80]
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]

SERVERS = 2
REVIEWERS_PER_SERVER = 6
OWN_PAIRS = 20
HOT_PAIRS = 4
NAME = "team"


@dataclass(frozen=True)
class Options:
    """The bounds of a run."""

    seconds: float
    saves: int
    hot_share: float


def _store(spec: str):  # noqa: ANN202 - a ReviewStore
    from workbench.store.csv_store import CsvStore
    from workbench.store.select import is_postgres, open_store

    return open_store(spec) if is_postgres(spec) else CsvStore(root=Path(spec))


def _reviewer(store, who: str, own: list[str], hot: list[str], options: Options, out: list):
    """Save annotations until the time or the save budget is spent; record each outcome."""
    from workbench.errors import EditConflictError
    from workbench.model import Annotation
    from workbench.store.history import version_of

    rng = random.Random(who)
    view = store.open_review(NAME)
    deadline = time.monotonic() + options.seconds
    for n in range(options.saves):
        if time.monotonic() > deadline:
            break
        pid = rng.choice(hot) if rng.random() < options.hot_share else rng.choice(own)
        comment = f"{who} save {n}"
        base = version_of(view.by_id(pid).annotation)
        ann = Annotation(status=rng.choice(["ok", "minor issue"]), comment=comment, reviewer=who)
        started = time.perf_counter()
        try:
            view = store.save_annotations(NAME, {pid: ann}, bases={pid: base})
        except EditConflictError:
            out.append(("conflict", pid, comment, time.perf_counter() - started))
            view = store.open_review(NAME)  # the app shows the stored value again
        else:
            out.append(("ack", pid, comment, time.perf_counter() - started))


def _server(spec: str, index: int, ids: list[str], options: Options, queue) -> None:  # noqa: ANN001
    """One app server: one store, six reviewer threads."""
    store = _store(spec)
    hot = ids[:HOT_PAIRS]
    results: list = []
    threads = []
    for k in range(REVIEWERS_PER_SERVER):
        number = index * REVIEWERS_PER_SERVER + k
        own = ids[HOT_PAIRS + number * OWN_PAIRS :][:OWN_PAIRS]
        who = f"reviewer{number:02d}"
        threads.append(
            threading.Thread(target=_reviewer, args=(store, who, own, hot, options, results))
        )
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store.close()
    queue.put(results)


def _prepare(spec: str) -> list[str]:
    from store_helpers import big_review

    store = _store(spec)
    review = big_review(HOT_PAIRS + SERVERS * REVIEWERS_PER_SERVER * OWN_PAIRS, project=NAME)
    store.create_review(review, who="setup")
    store.close()
    return [p.pair_id for p in review.pairs]


def _check(spec: str, results: list) -> dict[str, object]:
    """Acknowledged against stored: the history and the final values."""
    store = _store(spec)
    acks = [r for r in results if r[0] == "ack"]
    logged = [e for e in store.history(NAME) if e.field == "comment"]
    final = store.open_review(NAME)
    store.close()
    acked_comments = sorted(r[2] for r in acks)
    stored_comments = sorted(e.new for e in logged)
    # The last entry of each pair is its stored value.
    last = {e.pair_id: e.new for e in logged}
    finals_ok = all(final.by_id(pid).annotation.comment == c for pid, c in last.items())
    latencies = sorted(r[3] * 1000 for r in results)
    quantile = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else latencies * 19
    return {
        "acknowledged": len(acks),
        "stored": sum(1 for c in stored_comments if c in set(acked_comments)),
        "history_equal": acked_comments == stored_comments,
        "final_values_equal": finals_ok,
        "conflicts": sum(1 for r in results if r[0] == "conflict"),
        "p50_ms": statistics.median(latencies),
        "p95_ms": quantile[18],
        "max_ms": latencies[-1],
    }


def run_backend(spec: str, options: Options) -> dict[str, object]:
    """Two server processes × six reviewers on ``spec``; the figures."""
    ids = _prepare(spec)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [
        ctx.Process(target=_server, args=(spec, i, ids, options, queue)) for i in range(SERVERS)
    ]
    started = time.perf_counter()
    for p in procs:
        p.start()
    results = []
    for _ in procs:
        results += queue.get(timeout=options.seconds + 300)
    for p in procs:
        p.join(timeout=60)
    elapsed = time.perf_counter() - started
    figures = _check(spec, results)
    figures["seconds"] = elapsed
    figures["saves_per_s"] = len(results) / elapsed
    return figures


def main(argv: list[str] | None = None) -> int:
    """Run both backends and print the figures; 1 if a backend lost or invented a save."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="time per backend")
    parser.add_argument("--saves", type=int, default=80, help="most saves per reviewer")
    parser.add_argument("--hot-share", type=float, default=0.1, help="share of shared pairs")
    parser.add_argument("--backends", default="csv,postgresql", help="which backends")
    args = parser.parse_args(argv)
    options = Options(args.seconds, args.saves, args.hot_share)
    import pg_server

    failed = False
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory() as folder:
            server = pg_server.start() if backend == "postgresql" else None
            try:
                spec = server.url if server is not None else folder
                figures = run_backend(spec, options)
            finally:
                if server is not None:
                    pg_server.stop(server)
        ok = figures["history_equal"] and figures["final_values_equal"]
        failed |= not ok
        print(
            f"{backend:10}  {SERVERS} servers x {REVIEWERS_PER_SERVER} reviewers, "
            f"{figures['seconds']:.1f} s: acknowledged {figures['acknowledged']}, "
            f"stored {figures['stored']}, conflicts {figures['conflicts']}, "
            f"save p50 {figures['p50_ms']:.1f} ms, p95 {figures['p95_ms']:.1f} ms, "
            f"max {figures['max_ms']:.0f} ms, {figures['saves_per_s']:.0f} saves/s"
            f"{'' if ok else '  MISMATCH'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
