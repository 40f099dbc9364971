"""Review-loop latency in a real browser: ``python -m workbench.bench --latency``.

Also ``python -m workbench.bench.latency``. Options: ``--repeats N`` (default 20),
``--only essay|large``, ``--before REV`` (also measure git revision REV).

The app is started as a subprocess (``streamlit run workbench/ui/app.py``, headless, on a
free local port, with a temporary alignments folder) and driven by Playwright in headless
Chromium (``/usr/bin/chromium`` or ``$WORKBENCH_CHROMIUM``) at a 1440×900 viewport, for
two documents:

- ``essay``: a perturbed copy of the built-in essay (``texts/``) uploaded as the original,
  the built-in essay as the translation, aligned in the browser (37 paragraphs);
- ``large``: the essay tagged and repeated 30 times (1,110 paragraphs), half of the
  copies with light word edits and two structural changes, half with the structural
  changes only; its review file is written ahead by the tree's own library and opened
  with ``?project=bench-large``.

Each action is repeated (default 20 times) and timed from the user's input to the
moment the page shows the new state (see :mod:`workbench.bench.latency_actions`):

- annotation → the pair's "saved ✓" mark (a fresh pair each time, status set to "ok");
- page change → the next page's rows (the "Page" number typed, then Enter; back from
  the last page);
- next divergence → its run finished with rows shown ("n/a" without the button);
- filter change → "Show" switched between "Divergent only" and "All pairs", rows shown;
- Align → rows of the new review (essay only; the server is warm: one Align first);
- reload → ``?project=NAME`` opened in the same tab, from navigation start to rows.

Printed per document and action: p50 and p95 in milliseconds, n (samples), and the
target for p50 (set for 1,000+ pairs; Align for the essay). With ``--before REV`` a
temporary ``git worktree`` of REV is served from the same virtualenv and measured the
same way, one server at a time (before, then after, per document); the table shows both
columns and after/before of the p50s (below 1 is faster now). Timings from a machine
busy with other work are noisy; compare columns of one run, not runs.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from workbench.bench.latency_actions import LARGE_PROJECT, VIEWPORT, Samples, measure
from workbench.bench.paths import ESSAY, REPO_ROOT
from workbench.bench.perturb import perturb
from workbench.bench.server import streamlit_app
from workbench.text import segment_text

CHROMIUM = Path(os.environ.get("WORKBENCH_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
DOCUMENTS = ("essay", "large")
LARGE_COPIES = 30

#: (key, label, p50 target in seconds), in the order they are measured and printed.
ACTIONS: tuple[tuple[str, str, float], ...] = (
    ("align", "Align → rows (warm)", 1.5),
    ("annotation", "annotation → saved ✓", 0.3),
    ("page", "page change → rows", 0.7),
    ("next", "next divergence → rows", 0.7),
    ("filter", "filter change → rows", 1.0),
    ("reload", "reload ?project= → rows", 2.0),
)

#: Run in the measured tree (cwd and PYTHONPATH there): its own library writes the review.
PREPARE = """
import sys
from pathlib import Path
import workbench
from workbench import session
from workbench.text import load_document
original, translation, out = (Path(a) for a in sys.argv[1:4])
o = load_document(original.read_bytes(), name=original.name)
t = load_document(translation.read_bytes(), name=translation.name)
review = session.start_review(o, t, path=out).review
print(len(review.pairs), Path(workbench.__file__).resolve().parent)
"""


# --- pure helpers ----------------------------------------------------------------------


def ratio(after: Samples | None, before: Samples | None) -> str:
    """after/before of the p50s, as text ("" when either is missing)."""
    a = after.p50() if after else None
    b = before.p50() if before else None
    return f"{a / b:5.2f}" if a is not None and b else ""


def essay_paragraphs() -> list[str]:
    """The built-in essay's paragraphs."""
    text = ESSAY.read_text(encoding="utf-8")
    return [s.text for s in segment_text(text).segments]


def essay_original(paragraphs: Sequence[str]) -> str:
    """The essay's stand-in original: a perturbed copy (3 structural changes, light edits)."""
    return "\n\n".join(perturb(paragraphs, seed=1, operations=3).translation)


def large_texts(paragraphs: Sequence[str], copies: int = LARGE_COPIES) -> tuple[str, str]:
    """(original, translation) of ``copies`` tagged copies of ``paragraphs``; even copies
    get light word edits, every copy two structural changes."""
    original: list[str] = []
    translation: list[str] = []
    for k in range(copies):
        tagged = [f"[{k + 1}.{i + 1}] {p}" for i, p in enumerate(paragraphs)]
        original.extend(tagged)
        rate = 0.05 if k % 2 == 0 else 0.0
        translation.extend(perturb(tagged, seed=k, operations=2, edit_rate=rate).translation)
    return "\n\n".join(original), "\n\n".join(translation)


# --- servers and trees -----------------------------------------------------------------


def _tree_env(tree: Path, folder: Path) -> dict[str, str]:
    """The environment of a process that must import ``workbench`` from ``tree``."""
    path = os.pathsep.join(p for p in (str(tree), os.environ.get("PYTHONPATH", "")) if p)
    return dict(os.environ, PYTHONPATH=path, WORKBENCH_ALIGNMENTS_DIR=str(folder))


@contextmanager
def server(tree: Path, folder: Path, log_path: Path) -> Iterator[str]:
    """``streamlit run`` from ``tree`` on 127.0.0.1 and a free port; yields its URL."""
    with streamlit_app(cwd=tree, env=_tree_env(tree, folder), log_path=log_path, timeout=90) as url:
        yield url


@contextmanager
def worktree(rev: str, parent: Path) -> Iterator[Path]:
    """A temporary ``git worktree`` of ``rev`` (detached), removed afterwards."""
    path = parent / "before-tree"
    subprocess.run(
        ["git", "-C", str(REPO_ROOT), "worktree", "add", "--detach", "--quiet", str(path), rev],
        check=True,
        capture_output=True,
        text=True,
    )
    try:
        yield path
    finally:
        subprocess.run(
            ["git", "-C", str(REPO_ROOT), "worktree", "remove", "--force", str(path)],
            check=False,
            capture_output=True,
        )


def prepare_large(tree: Path, folder: Path, texts: tuple[Path, Path]) -> int:
    """Write the large review into ``folder`` with ``tree``'s library; its pair count."""
    out = folder / f"{LARGE_PROJECT}.csv"
    done = subprocess.run(
        [sys.executable, "-c", PREPARE, str(texts[0]), str(texts[1]), str(out)],
        cwd=tree,
        env=_tree_env(tree, folder),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"preparing the large review failed:\n{done.stderr[-2000:]}")
    pairs, package = done.stdout.split()[-2:]
    if Path(package) != (tree / "workbench").resolve():
        raise RuntimeError(f"the review was written by {package}, not by {tree}")
    return int(pairs)


# --- the run ---------------------------------------------------------------------------


Results = dict[tuple[str, str], dict[str, Samples]]  # (tree label, document) -> action


def _write_texts(folder: Path) -> dict[str, Path]:
    paragraphs = essay_paragraphs()
    files = {"essay": folder / "essay-original.txt"}
    files["essay"].write_text(essay_original(paragraphs), encoding="utf-8")
    original, translation = large_texts(paragraphs)
    files["large-original"] = folder / "large-original.txt"
    files["large-translation"] = folder / "large-translation.txt"
    files["large-original"].write_text(original, encoding="utf-8")
    files["large-translation"].write_text(translation, encoding="utf-8")
    return files


def _run_one(browser, tree: Path, work: Path, doc: str, files, repeats: int):  # noqa: ANN001, ANN201
    """Serve ``tree`` and measure ``doc``: (results, pairs in the large review or None)."""
    folder = work / "alignments"
    folder.mkdir(parents=True)
    pairs = None
    if doc == "large":
        pairs = prepare_large(tree, folder, (files["large-original"], files["large-translation"]))
    with server(tree, folder, work / "streamlit.log") as url:
        return measure(browser, url, doc, files["essay"], repeats), pairs


def run(trees: list[tuple[str, Path]], docs: Sequence[str], repeats: int, tmp: Path) -> Results:
    """Measure every document on every tree, one server at a time."""
    from playwright.sync_api import sync_playwright

    files = _write_texts(tmp)
    results: Results = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            print(f"Chromium {browser.version}", flush=True)
            for doc in docs:
                for label, tree in trees:
                    start = time.perf_counter()
                    work = tmp / label / doc
                    try:
                        got, pairs = _run_one(browser, tree, work, doc, files, repeats)
                    except Exception as exc:  # one tree or document failing spoils no other
                        print(f"  {doc} on {label} failed: {exc}", file=sys.stderr)
                        print(_tail(work / "streamlit.log"), file=sys.stderr)
                        continue
                    results[(label, doc)] = got
                    size = f", {pairs} pairs" if pairs else ""
                    took = time.perf_counter() - start
                    print(f"  measured {doc} on {label}{size} in {took:.0f} s", flush=True)
        finally:
            browser.close()
    return results


def _tail(log: Path, lines: int = 20) -> str:
    """The last lines of a server log ("" when there is none)."""
    if not log.exists():
        return ""
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def machine_facts() -> str:
    """Cores, Python, Streamlit and Playwright versions (Streamlit is not imported)."""
    versions = {n: importlib.metadata.version(n) for n in ("streamlit", "playwright")}
    return (
        f"{os.cpu_count()} cores, Python {platform.python_version()}, "
        f"Streamlit {versions['streamlit']}, Playwright {versions['playwright']}, "
        f"viewport {VIEWPORT['width']}×{VIEWPORT['height']}"
    )


def report(results: Results, labels: Sequence[str], docs: Sequence[str]) -> list[str]:
    """The table: per document and action, the target and p50 p95 n of each tree."""
    head = f"{'document':<9} {'action':<25} {'target':>7}"
    for label in labels:
        head += f" | {label + ' p50':>10} {'p95':>6} {'n':>3}"
    if len(labels) == 2:
        head += f" | {labels[0]}/{labels[1]}"
    lines = [head, "-" * len(head)]
    notes = []
    for doc in docs:
        for key, name, target in ACTIONS:
            row = f"{doc:<9} {name:<25} {'<' + format(1000 * target, '.0f'):>7}"
            cells = [results.get((label, doc), {}).get(key) for label in labels]
            for label, samples in zip(labels, cells, strict=True):
                row += f" | {(samples or Samples()).cells():>21}"
                for error in (samples.errors if samples else [])[:1]:
                    notes.append(f"  {doc} {key} on {label}: {error}")
            if len(labels) == 2:
                row += f" | {ratio(cells[0], cells[1]):>6}"
            lines.append(row)
    return lines + (["errors:", *notes] if notes else [])


def main(argv: list[str] | None = None) -> int:
    """Parse the options, measure, print the table; 0 when every tree was measured."""
    ap = argparse.ArgumentParser(
        prog="python -m workbench.bench --latency",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument("--latency", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--repeats", type=int, default=20, help="samples per action (default 20)")
    ap.add_argument("--only", choices=DOCUMENTS, help="measure one document only")
    ap.add_argument("--before", metavar="REV", help="also measure this git revision")
    args = ap.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} not found (set WORKBENCH_CHROMIUM)", file=sys.stderr)
        return 2
    docs = [args.only] if args.only else list(DOCUMENTS)
    start = time.perf_counter()
    print(f"Review-loop latency, {args.repeats} repeats: {machine_facts()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="workbench-latency-") as tmp_name:
        tmp = Path(tmp_name)
        trees = [("after", REPO_ROOT)]
        with _maybe_worktree(args.before, tmp) as before:
            if before is not None:
                trees.insert(0, ("before", before))
                print(f"before = {args.before} (worktree), after = this tree", flush=True)
            results = run(trees, docs, args.repeats, tmp)
    labels = [label for label, _ in trees][::-1]  # after first, then before
    print()
    print("\n".join(report(results, labels, docs)))
    print(f"times in ms from input to the new state; total run {time.perf_counter() - start:.0f} s")
    return 0


@contextmanager
def _maybe_worktree(rev: str | None, parent: Path) -> Iterator[Path | None]:
    if rev is None:
        yield None
        return
    with worktree(rev, parent) as path:
        yield path


if __name__ == "__main__":
    raise SystemExit(main())
