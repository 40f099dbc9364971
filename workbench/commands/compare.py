"""``workbench compare ORIGINAL VERSION... [-o OUT]``: compare 2–6 versions of one original."""

from __future__ import annotations

import argparse
import logging
from pathlib import Path

from workbench.commands.output import printable, write_output
from workbench.features.compare import Comparison, compare
from workbench.features.comparison_table import comparison_to_csv, comparison_to_xlsx
from workbench.text import load_document

logger = logging.getLogger(__name__)
#: Table formats of ``--format``.
FORMATS = ("csv", "csv-excel", "xlsx")


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``compare`` sub-command."""
    parser = subparsers.add_parser(
        "compare",
        help=help_text,
        description=(
            "Align every VERSION to ORIGINAL (paragraph level) and compare the versions "
            "paragraph by paragraph: agreement per row and where versions disagree."
        ),
    )
    parser.add_argument("original", metavar="ORIGINAL", help="the original document")
    parser.add_argument("versions", metavar="VERSION", nargs="+", help="2 to 6 versions")
    parser.add_argument(
        "-o", "--output", metavar="OUT", default=None, help="write the comparison table to OUT"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help=(
            "table format: csv (the raw table, for scripts), csv-excel (BOM, formula-like "
            "cells neutralised: to open in a spreadsheet), xlsx "
            "(default: xlsx if OUT ends in .xlsx, else csv)"
        ),
    )
    parser.add_argument(
        "--reference",
        type=int,
        default=1,
        metavar="N",
        help="the version the others are diffed against, 1-based (default: 1)",
    )
    parser.add_argument(
        "--top", type=int, default=3, metavar="N", help="how many least-agreeing rows to list"
    )
    parser.set_defaults(run=run)
    return parser


def _agreement(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}"


def _table(result: Comparison, fmt: str) -> bytes:
    """The comparison table in ``fmt`` (one of FORMATS)."""
    if fmt == "xlsx":
        return comparison_to_xlsx(result)
    # "csv" is the raw table for scripts; "csv-excel" is safe to open in a spreadsheet.
    return comparison_to_csv(result, excel=fmt == "csv-excel")


def run(args: argparse.Namespace) -> int:
    """Compare, write the table if asked, print a short summary."""
    original = load_document(args.original)
    versions = [load_document(v) for v in args.versions]
    result = compare(original, versions, reference=args.reference - 1)
    if args.output:
        out = Path(args.output)
        fmt = args.format or ("xlsx" if out.suffix.lower() == ".xlsx" else "csv")
        write_output(
            out, _table(result, fmt), inputs=[Path(args.original), *map(Path, args.versions)]
        )
        print(printable(str(out)))
    rated = sum(r.agreement is not None for r in result.rows)
    print(
        f"{len(result.rows)} rows, {len(versions)} versions, reference: "
        f"{printable(versions[result.reference].name)}"
    )
    print(f"mean agreement: {_agreement(result.mean_agreement)} (over {rated} rows)")
    least = result.least_agreeing(max(args.top, 0))
    if least:
        print("least agreeing rows:")
        for row in least:
            checks = f" [{', '.join(row.checks)}]" if row.checks else ""
            print(f"  {row.original_id}: {_agreement(row.agreement)}{checks}")
    return 0
