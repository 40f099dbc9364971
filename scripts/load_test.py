"""Concurrent reviewers against one local app server (not a test; opt-in, bounded).

For each level N (default 2, 4, 6) a project of 20 pairs is saved, then N headless
Chromium contexts open it at the same time (``?project=...``), each as its own reviewer,
and annotate their own pairs (pair k goes to reviewer k mod N, at most --per-reviewer
each): type a comment, press Enter, wait for the row's "saved ✓" mark. Afterwards the
CSV must hold every comment with its reviewer. Prints, per level, how many annotations
reached the file and the save latency (from Enter to the mark): median, 95th percentile
and maximum.

The server listens on 127.0.0.1 only, on a free port, with a temporary alignments
folder; it is stopped at the end. Every level has a time limit (--timeout).

Run: .venv/bin/python scripts/load_test.py [--levels 2,4,6] [--per-reviewer 3]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import subprocess
import sys
import tempfile
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
]
PAIRS = 20  # one page of the review view

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
class LevelResult:
    """What one level of concurrency gave."""

    reviewers: int
    expected: int
    saved: int = 0
    in_file: int = 0
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        """One line of the report table."""
        lat = sorted(self.latencies)
        if lat:
            p95 = lat[min(len(lat) - 1, round(0.95 * (len(lat) - 1)))]
            times = f"{statistics.median(lat):7.2f} {p95:7.2f} {lat[-1]:7.2f}"
        else:
            times = f"{'-':>7} {'-':>7} {'-':>7}"
        return (
            f"{self.reviewers:>9} {self.expected:>8} {self.saved:>6} {self.in_file:>8} "
            f"{times} {self.seconds:8.1f}  {'; '.join(self.errors[:3])}"
        )


HEADER = (
    f"{'reviewers':>9} {'expected':>8} {'saved':>6} {'in file':>8} "
    f"{'median':>7} {'p95':>7} {'max':>7} {'wall s':>8}  errors"
)


def texts(pairs: int = PAIRS) -> tuple[str, str]:
    """An original of ``pairs`` distinct paragraphs and a lightly edited translation."""
    original, translation = [], []
    for k in range(pairs):
        topic = _TOPICS[k % len(_TOPICS)]
        sentence = (
            f"Paragraph {k + 1} is about the {topic}: in {1850 + 7 * k} the people of "
            f"Lindholm spoke of the {topic} every evening, and number {k + 1} was remembered."
        )
        original.append(sentence)
        translation.append(sentence.replace("every evening", "each evening"))
    return "\n\n".join(original), "\n\n".join(translation)


def prepare_project(folder: Path, project: str) -> list[str]:
    """Save a fresh review named ``project`` in ``folder``; its pair ids in order."""
    from workbench import store
    from workbench.align import align
    from workbench.diff import analyse
    from workbench.review import build_review
    from workbench.text import load_document

    original, translation = texts()
    o = load_document(original.encode("utf-8"), name="original.txt")
    t = load_document(translation.encode("utf-8"), name="translation.txt")
    alignment = align(o, t)
    review = build_review(alignment, analyse(alignment), project=project)
    store.save_review(review, root=folder)
    return [p.pair_id for p in review.pairs]


def _class_key(key: str) -> str:
    return "st-key-" + re.sub(r"[+=]", "-", key)


def comment_for(reviewer: int, pair_id: str) -> str:
    """The comment reviewer ``reviewer`` writes on ``pair_id`` (checked in the file)."""
    return f"reviewer {reviewer} on {pair_id}"


async def _reviewer(
    browser, url: str, project: str, reviewer: int, pair_ids: list[str], result: LevelResult
) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(60_000)
    try:
        await page.goto(f"{url}/?project={project}")
        await page.locator("[data-pair-id]").first.wait_for(timeout=120_000)
        name = page.locator(".st-key-reviewer input")
        await name.fill(f"R{reviewer}")
        await name.press("Enter")
        await page.wait_for_timeout(500)
        for pid in pair_ids:
            row = page.locator(f".{_class_key('row_' + pid)}")
            box = row.locator(f".{_class_key('ann_comment_' + pid)} input")
            await box.fill(comment_for(reviewer, pid))
            start = time.perf_counter()
            await box.press("Enter")
            await row.get_by_text("saved ✓").wait_for(timeout=60_000)
            result.latencies.append(time.perf_counter() - start)
            result.saved += 1
    except Exception as exc:  # a reviewer that fails is counted, not fatal to the others
        result.errors.append(f"R{reviewer}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    finally:
        await context.close()


async def _level(url: str, folder: Path, reviewers: int, per_reviewer: int) -> LevelResult:
    from playwright.async_api import async_playwright

    from workbench import store

    project = f"load-{reviewers}"
    pair_ids = prepare_project(folder, project)
    plan = {
        r: [pid for k, pid in enumerate(pair_ids) if k % reviewers == r][:per_reviewer]
        for r in range(reviewers)
    }
    result = LevelResult(reviewers, sum(len(v) for v in plan.values()))
    start = time.perf_counter()
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            await asyncio.gather(
                *(_reviewer(browser, url, project, r, plan[r], result) for r in plan)
            )
        finally:
            await browser.close()
    result.seconds = time.perf_counter() - start
    review = store.load_review(folder / f"{project}.csv")
    for r, pids in plan.items():
        for pid in pids:
            ann = review.by_id(pid).annotation
            if ann.comment == comment_for(r, pid) and ann.reviewer == f"R{r}":
                result.in_file += 1
            else:
                result.errors.append(f"{pid}: file holds {ann.comment!r} by {ann.reviewer!r}")
    return result


def run_level(
    url: str, folder: Path, reviewers: int, *, per_reviewer: int = 3, timeout: float = 300.0
) -> LevelResult:
    """One level of concurrency against the server at ``url`` (alignments in ``folder``)."""

    async def bounded() -> LevelResult:
        return await asyncio.wait_for(_level(url, folder, reviewers, per_reviewer), timeout)

    return asyncio.run(bounded())


def start_server(folder: Path, log_path: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``streamlit run`` on 127.0.0.1 and a free port, alignments in ``folder``."""
    from workbench.bench.server import free_port, wait_healthy

    port = free_port()
    env = dict(os.environ, WORKBENCH_ALIGNMENTS_DIR=str(folder))
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "workbench/ui/app.py",
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    log = log_path.open("wb")
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc, timeout=60, log_path=log_path)
    except RuntimeError:
        proc.terminate()
        raise
    return proc, url


def main(argv: list[str] | None = None) -> int:
    """Start a server, run the levels, print the table; 0 if every annotation was saved."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="2,4,6", help="reviewer counts, e.g. 2,4,6")
    parser.add_argument("--per-reviewer", type=int, default=3, help="annotations each")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds per level")
    args = parser.parse_args(argv)
    levels = [int(x) for x in args.levels.split(",") if x.strip()]
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found", file=sys.stderr)
        return 2
    ok = True
    with tempfile.TemporaryDirectory(prefix="workbench-load-") as tmp:
        folder = Path(tmp) / "alignments"
        folder.mkdir()
        proc, url = start_server(folder, Path(tmp) / "streamlit.log")
        try:
            print(f"server {url}; latency = Enter to 'saved ✓', seconds")
            print(HEADER)
            for n in levels:
                try:
                    result = run_level(
                        url, folder, n, per_reviewer=args.per_reviewer, timeout=args.timeout
                    )
                except TimeoutError:
                    print(f"{n:>9} timed out after {args.timeout:.0f} s")
                    ok = False
                    continue
                print(result.line(), flush=True)
                ok = ok and result.in_file == result.expected and not result.errors
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    raise SystemExit(main())
