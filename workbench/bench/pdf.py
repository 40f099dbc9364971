"""``python -m workbench.bench --pdf``: reading a long PDF, time and peak memory.

A 300-page PDF is typeset with reportlab (the essay repeated in two justified, hyphenated
columns with a running header and page numbers, as a book or a report is printed) and
read three ways, each in a fresh process so that its peak memory (``ru_maxrss``) is its
own:

- **idle**: the process with ``workbench.text`` and PDFium imported, reading nothing
  (what every other peak is measured against);
- **floor**: PDFium's plain text of every page (``get_text_range``), no layout at all;
  the least any text-layer reader can do;
- **workbench**: ``read_bytes`` of the file: the limits, the boxes of every line,
  columns, running headers and page numbers dropped, paragraphs rebuilt.

The workbench row also says how many of the typeset paragraphs came back, word for
word. Needs reportlab (``pip install -e '.[test]'``).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from workbench.bench.paths import ESSAY

#: The essay's 37 paragraphs fill about 2.8 two-column pages.
_COPIES_PER_100_PAGES = 36


def _paragraphs(pages: int) -> list[str]:
    essay = [p.strip() for p in ESSAY.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return essay * max(1, round(pages * _COPIES_PER_100_PAGES / 100))


def _child(kind: str, path: str) -> dict[str, Any]:
    """Run in the child process: read ``path`` the ``kind`` way, report time and peak."""
    import pypdfium2

    from workbench.text import read_bytes

    data = Path(path).read_bytes()
    start = time.perf_counter()
    result: dict[str, Any] = {}
    if kind == "floor":
        document = pypdfium2.PdfDocument(data)
        chars = 0
        for page in document:
            textpage = page.get_textpage()
            chars += len(textpage.get_text_range())
            textpage.close()
            page.close()
        document.close()
        result["chars"] = chars
    elif kind == "workbench":
        text = read_bytes(data, name=Path(path).name).text
        result["paragraphs"] = [" ".join(p.split()) for p in text.split("\n\n")]
    result["seconds"] = time.perf_counter() - start
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def _run_child(kind: str, path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "workbench.bench.pdf", "--child", kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def measure(*, pages: int, repeat: int) -> dict[str, Any]:
    """Typeset a ``pages``-page PDF and read it each way ``repeat`` times (medians)."""
    from workbench.bench.pdf_writer import write_pdf

    paragraphs = _paragraphs(pages)
    start = time.perf_counter()
    data = write_pdf(
        paragraphs, columns=2, justified=True, indent=True, hyphenate=True, header="Reflections"
    )
    typeset = time.perf_counter() - start
    import pypdfium2

    report: dict[str, Any] = {
        "pages": len(pypdfium2.PdfDocument(data)),
        "megabytes": len(data) / (1024 * 1024),
        "typeset_seconds": typeset,
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.pdf"
        path.write_bytes(data)
        for kind in ("idle", "floor", "workbench"):
            runs = [_run_child(kind, path) for _ in range(repeat)]
            report[kind] = {
                "seconds": _median([r["seconds"] for r in runs]),
                "peak_mb": _median([r["peak_mb"] for r in runs]),
            }
            if kind == "workbench":
                got = runs[0]["paragraphs"]
                expected = [" ".join(p.split()) for p in paragraphs]
                # paragraphs back word for word, wherever they are (a multiset intersection)
                same = sum((Counter(got) & Counter(expected)).values())
                report["paragraphs"] = (same, len(expected))
                report["paragraphs_read"] = len(got)
    return report


def print_report(report: dict[str, Any]) -> None:
    idle = report["idle"]["peak_mb"]
    floor, ours = report["floor"], report["workbench"]
    same, total = report["paragraphs"]
    print(
        f"PDF: {report['pages']} pages, {report['megabytes']:.1f} MB "
        f"(typeset by reportlab in {report['typeset_seconds']:.1f} s)"
    )
    print(f"{'reader':<12}{'time':>9}{'peak':>10}{'peak above idle':>18}")
    for name, row in (("idle", report["idle"]), ("floor", floor), ("workbench", ours)):
        print(
            f"{name:<12}{row['seconds']:>8.2f}s{row['peak_mb']:>8.0f}MB"
            f"{row['peak_mb'] - idle:>16.0f}MB"
        )
    ratio = ours["seconds"] / floor["seconds"] if floor["seconds"] else float("inf")
    print(f"workbench / floor time: {ratio:.1f}x")
    print(
        f"paragraphs: {same} of {total} back word for word "
        f"({report['paragraphs_read']} read); "
        f"per 100 pages {ours['seconds'] * 100 / report['pages']:.2f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m workbench.bench --pdf", description=__doc__)
    parser.add_argument("--pdf", action="store_true", help="(selects this benchmark)")
    parser.add_argument("--pages", type=int, default=300, help="pages to typeset (about)")
    parser.add_argument("--repeat", type=int, default=3, help="reads of each kind (median)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(_child(*args.child)))
        return 0
    try:
        import reportlab  # noqa: F401
    except ImportError:
        print("The PDF benchmark typesets its PDF with reportlab: pip install -e '.[test]'")
        return 2
    report = measure(pages=args.pages, repeat=args.repeat)
    if args.json:
        print(json.dumps(report))
    else:
        print_report(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
