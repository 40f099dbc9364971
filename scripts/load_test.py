"""Concurrent reviewers on the real app: N app servers sharing one store (opt-in, bounded).

For each backend (``--store csv``: one alignments folder; ``postgresql``: one throwaway
PostgreSQL server, its URL in ``WORKBENCH_STORE``) ``--servers`` Streamlit app servers
are started on free loopback ports, all on that one store. For each level (a number of
reviewers) a fresh review is stored, then that many headless Chromium contexts -- one
Chromium process, one context per reviewer -- open it (``?project=...&reviewer=R<k>``),
reviewer k on server k mod N (round robin). Once every reviewer has the page, each
annotates its pairs: types a comment, presses Enter and waits for the row's "saved ✓"
mark (acknowledged) or the "Edited meanwhile by someone else" banner (a conflict
detected). Each reviewer has its own pairs; with ``--shared K`` K more pairs are each
edited first by two reviewers on different servers (k and k+1), both starting from the
page they loaded, so the second save of each is refused.

Afterwards the review is read back from the store: the comments and reviewers it holds
must be exactly the acknowledged saves (acknowledged == stored, pair by pair), and its
history must hold each acknowledged comment once. Printed per backend and level:
reviewers, servers, saves tried, acknowledged, stored, logged, conflicts detected, other
errors, save latency (Enter to the mark) p50/p95/max, wall time and the peak memory of
the app servers and the browser.

Bounds: at most --per-reviewer saves per reviewer (shared pairs included), no save is
started after --timeout seconds of a level, and a level is abandoned --grace seconds
later; pages are opened at most --open-at-once at a time.

Run: .venv/bin/python scripts/load_test.py [--servers 2] [--store both] [--levels 12]
         [--per-reviewer 3] [--shared 2] [--timeout 300]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path(os.environ.get("WORKBENCH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-extensions",
    "--js-flags=--max-old-space-size=256",
]
PAGE_SIZE = 20  # the review view's default page
MIN_PAIRS = 20
CONFLICT_TITLE = "Edited meanwhile by someone else"
SAVE_WAIT_MS = 90_000
OPEN_WAIT_MS = 180_000

_TOPICS = (
    "harbour",
    "lighthouse",
    "storm",
    "quarry",
    "museum",
    "fleet",
    "notebook",
    "village",
    "pier",
    "merchant",
)


@dataclass
class Plan:
    """Who edits which pairs of one level's review."""

    pair_ids: list[str]
    servers: int
    #: reviewer -> the pairs it saves, in order (shared pairs first)
    saves: dict[int, list[str]]
    #: shared pair -> its two reviewers
    shared: dict[str, tuple[int, int]]

    def server_of(self, reviewer: int) -> int:
        """Round robin: reviewer k on server k mod N."""
        return reviewer % self.servers


def make_plan(pair_ids: list[str], reviewers: int, servers: int, per: int, shared: int) -> Plan:
    """Shared pair j goes to reviewers 2j and 2j+1 (mod reviewers; neighbours are on
    different servers when there are several), own pairs follow, per reviewer a block."""
    shared_ids = pair_ids[:shared]
    sharers = {
        pid: ((2 * j) % reviewers, (2 * j + 1) % reviewers) for j, pid in enumerate(shared_ids)
    }
    saves: dict[int, list[str]] = {r: [] for r in range(reviewers)}
    for pid, (a, b) in sharers.items():
        saves[a].append(pid)
        saves[b].append(pid)
    for r in range(reviewers):
        own = pair_ids[shared + r * per : shared + (r + 1) * per]
        saves[r] = (saves[r] + own)[:per]
    return Plan(pair_ids, servers, saves, sharers)


@dataclass
class LevelResult:
    """What one level of concurrency gave."""

    backend: str
    reviewers: int
    servers: int
    tried: int = 0
    acked: set[tuple[str, int]] = field(default_factory=set)  # (pair, reviewer)
    stored: int = 0
    logged: int = 0
    conflicts: int = 0
    in_flight: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: seconds from the browser's start until every reviewer had its page
    open_seconds: float = 0.0
    peak_mb: dict[str, float] = field(default_factory=dict)
    timed_out: bool = False

    @property
    def equal(self) -> bool:
        return self.stored == len(self.acked) == self.logged and not self.timed_out

    def line(self) -> str:
        """One line of the report table."""
        lat = sorted(self.latencies)
        if lat:
            p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
            times = f"{statistics.median(lat):6.2f} {p95:6.2f} {lat[-1]:6.2f}"
        else:
            times = f"{'-':>6} {'-':>6} {'-':>6}"
        mem = f"{self.peak_mb.get('servers', 0):6.0f} {self.peak_mb.get('browser', 0):6.0f}"
        notes = list(self.errors[:3])
        if len(self.errors) > 3:
            notes.append(f"… {len(self.errors) - 3} more")
        if self.timed_out:
            notes.insert(0, f"LEVEL TIMED OUT ({self.in_flight} saves in flight)")
        if not self.equal:
            notes.insert(0, "MISMATCH")
        return (
            f"{self.backend:10} {self.reviewers:>4} {self.servers:>4} {self.tried:>5} "
            f"{len(self.acked):>5} {self.stored:>6} {self.logged:>6} {self.conflicts:>5} "
            f"{len(self.errors):>4} {times} {self.open_seconds:6.1f} {self.seconds:6.1f} "
            f"{mem}  {'; '.join(notes)}"
        )


HEADER = (
    f"{'backend':10} {'revs':>4} {'srvs':>4} {'tried':>5} {'acked':>5} {'stored':>6} "
    f"{'logged':>6} {'confl':>5} {'errs':>4} {'p50':>6} {'p95':>6} {'max':>6} {'open':>6} "
    f"{'wall':>6} {'srvMB':>6} {'brwMB':>6}  notes"
)


def texts(pairs: int) -> tuple[str, str]:
    """An original of ``pairs`` distinct paragraphs and a translation that rewords each
    (major pairs: full cards with a comment box, not compact rows)."""
    original, translation = [], []
    for k in range(pairs):
        topic = _TOPICS[k % len(_TOPICS)]
        sentence = (
            f"Paragraph {k + 1} is about the {topic}: in {1850 + 7 * k} the people of "
            f"Lindholm spoke of the {topic} every evening, and number {k + 1} was remembered."
        )
        original.append(sentence)
        translation.append(
            sentence.replace("spoke of", "talked at length about")
            .replace("every evening", "late each night")
            .replace("was remembered", "stayed in memory")
        )
    return "\n\n".join(original), "\n\n".join(translation)


def prepare_project(target, project: str, pairs: int) -> list[str]:  # noqa: ANN001 - a store
    """Store a fresh review named ``project`` of ``pairs`` pairs; its pair ids in order."""
    from workbench.align import align
    from workbench.diff import analyse
    from workbench.review import build_review
    from workbench.text import load_document

    original, translation = texts(pairs)
    o = load_document(original.encode("utf-8"), name="original.txt")
    t = load_document(translation.encode("utf-8"), name="translation.txt")
    alignment = align(o, t)
    review = build_review(alignment, analyse(alignment), project=project)
    target.create_review(review, who="load setup", name=project)
    return [p.pair_id for p in review.pairs]


def _class_key(key: str) -> str:
    return "st-key-" + re.sub(r"[+=]", "-", key)


def comment_for(reviewer: int, pair_id: str) -> str:
    """The comment reviewer ``reviewer`` writes on ``pair_id`` (checked in the store)."""
    return f"reviewer {reviewer} on {pair_id}"


class Gate:
    """Opens once every reviewer has its page (or has given up)."""

    def __init__(self, count: int) -> None:
        self.left = count
        self.event = asyncio.Event()

    def arrive(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.event.set()


async def _show_page_of(page, plan: Plan, pid: str) -> None:  # noqa: ANN001 - a Page
    """Turn the review view to the page that holds ``pid`` (unfiltered, 20 per page)."""
    row = page.locator(f".{_class_key('row_' + pid)}")
    if await row.count():
        return
    number = plan.pair_ids.index(pid) // PAGE_SIZE + 1
    box = page.locator(".st-key-page input")
    await box.fill(str(number))
    await box.press("Enter")
    await row.wait_for(timeout=SAVE_WAIT_MS)


async def _reviewer(
    browser,  # noqa: ANN001
    urls: tuple[str, ...],
    project: str,
    reviewer: int,
    plan: Plan,
    result: LevelResult,
    gate: Gate,
    opening: asyncio.Semaphore,
    deadline: float,
) -> None:
    pair_ids = plan.saves[reviewer]
    url = urls[plan.server_of(reviewer)]
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    arrived = False
    try:
        page = await context.new_page()
        page.set_default_timeout(SAVE_WAIT_MS)
        async with opening:
            await page.goto(f"{url}/?project={project}&reviewer=R{reviewer}")
            await page.locator("[data-pair-id]").first.wait_for(timeout=OPEN_WAIT_MS)
        name = page.locator(".st-key-reviewer input")
        for _ in range(20):  # the sidebar takes the name from the URL
            if await name.input_value() == f"R{reviewer}":
                break
            await page.wait_for_timeout(500)
        else:
            raise RuntimeError(f"the sidebar names {await name.input_value()!r}")
        if pair_ids:
            await _show_page_of(page, plan, pair_ids[0])
        gate.arrive()
        arrived = True
        await gate.event.wait()
        for pid in pair_ids:
            if time.monotonic() > deadline:
                result.errors.append(f"R{reviewer}: level time up before {pid}")
                break
            await _show_page_of(page, plan, pid)
            row = page.locator(f".{_class_key('row_' + pid)}")
            box = row.locator(f".{_class_key('ann_comment_' + pid)} input")
            await box.fill(comment_for(reviewer, pid))
            result.tried += 1
            result.in_flight += 1
            start = time.perf_counter()
            await box.press("Enter")
            saved = row.get_by_text("saved ✓")
            conflict = row.get_by_text(CONFLICT_TITLE)
            other = row.locator('[data-testid="stAlert"]')
            await saved.or_(conflict).or_(other).first.wait_for(timeout=SAVE_WAIT_MS)
            elapsed = time.perf_counter() - start
            result.in_flight -= 1
            if await saved.count():
                result.latencies.append(elapsed)
                result.acked.add((pid, reviewer))
            elif await conflict.count():
                result.conflicts += 1
            else:
                text = (await other.first.inner_text()).splitlines()[0]
                result.errors.append(f"R{reviewer} {pid}: {text}")
    except Exception as exc:  # a reviewer that fails is counted, not fatal to the others
        result.errors.append(f"R{reviewer}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        if not arrived:
            gate.arrive()
        await context.close()


async def _drive(urls, project, plan, result, *, timeout, open_at_once) -> None:  # noqa: ANN001
    from playwright.async_api import async_playwright

    gate = Gate(len(plan.saves))
    opening = asyncio.Semaphore(open_at_once)
    deadline = time.monotonic() + timeout
    started = time.perf_counter()

    async def opened() -> None:
        await gate.event.wait()
        result.open_seconds = time.perf_counter() - started

    watch = asyncio.ensure_future(opened())
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            await asyncio.gather(
                *(
                    _reviewer(browser, urls, project, r, plan, result, gate, opening, deadline)
                    for r in plan.saves
                )
            )
        finally:
            watch.cancel()
            await browser.close()


def check_store(target, project: str, plan: Plan, result: LevelResult) -> None:  # noqa: ANN001
    """Compare the acknowledged saves with the store's comments, reviewers and history."""
    review = target.open_review(project)
    planned = {comment_for(r, pid): (pid, r) for r, pids in plan.saves.items() for pid in pids}
    stored = set()
    for rec in review.pairs:
        ann = rec.annotation
        if not ann.comment:
            continue
        who = planned.get(ann.comment)
        if who is None or who[0] != rec.pair_id or ann.reviewer != f"R{who[1]}":
            result.errors.append(f"{rec.pair_id}: store holds {ann.comment!r} by {ann.reviewer!r}")
            continue
        stored.add(who)
    result.stored = len(stored)
    for pid, r in sorted(result.acked - stored):
        result.errors.append(f"{pid}: acknowledged for R{r} but not stored")
    for pid, r in sorted(stored - result.acked):
        result.errors.append(f"{pid}: stored for R{r} but not acknowledged")
    logged = [e.new for e in target.history(project) if e.field == "comment" and e.new]
    result.logged = len(logged)
    if len(set(logged)) != len(logged):
        result.errors.append("a comment is logged twice in the history")


def run_level(backend, reviewers: int, args: argparse.Namespace) -> LevelResult:  # noqa: ANN001
    """One level of concurrency on ``backend``'s servers; bounded by the level timeout."""
    from load_servers import MemorySampler

    project = f"load-{backend.name}-{reviewers}"
    pairs = max(MIN_PAIRS, args.shared + reviewers * args.per_reviewer)
    target = backend.open_store()
    try:
        pair_ids = prepare_project(target, project, pairs)
        plan = make_plan(pair_ids, reviewers, len(backend.urls), args.per_reviewer, args.shared)
        result = LevelResult(backend.name, reviewers, len(backend.urls))
        start = time.perf_counter()
        with MemorySampler() as memory:
            try:
                asyncio.run(
                    asyncio.wait_for(
                        _drive(
                            backend.urls,
                            project,
                            plan,
                            result,
                            timeout=args.timeout,
                            open_at_once=args.open_at_once,
                        ),
                        args.timeout + args.grace,
                    )
                )
            except TimeoutError:
                result.timed_out = True
        result.seconds = time.perf_counter() - start
        result.peak_mb = dict(memory.peak)
        check_store(target, project, plan, result)
    finally:
        target.close()
    return result


def main(argv: list[str] | None = None) -> int:
    """Per backend: start the servers, run the levels, print the table; 0 if every
    acknowledged save was stored and nothing else."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="2,4,6", help="reviewer counts, e.g. 2,4,6")
    parser.add_argument("--servers", type=int, default=1, help="app servers on one store")
    parser.add_argument("--store", choices=("csv", "postgresql", "both"), default="csv")
    parser.add_argument("--per-reviewer", type=int, default=3, help="most saves per reviewer")
    parser.add_argument("--shared", type=int, default=0, help="pairs two reviewers edit")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per level")
    parser.add_argument("--grace", type=float, default=120.0, help="then abandon the level")
    parser.add_argument("--open-at-once", type=int, default=4, help="pages opening at once")
    args = parser.parse_args(argv)
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found", file=sys.stderr)
        return 2
    from load_servers import backend as start_backend

    stores = ("csv", "postgresql") if args.store == "both" else (args.store,)
    ok = True
    print(
        f"{args.servers} server(s) per store; at most {args.per_reviewer} saves per reviewer, "
        f"{args.shared} shared pair(s); latency = Enter to 'saved ✓' (acknowledged saves), "
        "seconds; open = seconds until every reviewer had its page; memory = peak PSS MB "
        "(app servers, browser)",
        flush=True,
    )
    print(HEADER, flush=True)
    for name in stores:
        with start_backend(name, args.servers) as backend:
            for n in levels:
                result = run_level(backend, n, args)
                print(result.line(), flush=True)
                ok = ok and result.equal and not result.errors
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path[:0] = [str(REPO), str(REPO / "scripts")]
    raise SystemExit(main())
