"""``workbench import REVIEW.xlsx [--into alignments/NAME.csv]``: merge a reviewer's sheet.

The sheet is an XLSX or CSV-for-Excel export a reviewer edited (``docs/spreadsheets.md``).
Exit status: 0 when every edited row was merged (or was already so); 1 when some rows
were reported and left out (conflicts, changed texts, invalid rows with ``--partial``);
2 when nothing was imported because cells are invalid (each printed), or on an error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench import session
from workbench.commands.output import printable
from workbench.errors import SheetImportError
from workbench.export.sheet_read import MAX_SHEET_BYTES


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``import`` sub-command."""
    parser = subparsers.add_parser(
        "import",
        help=help_text,
        description="Merge the edits a reviewer made in an exported spreadsheet (XLSX or "
        "CSV for Excel) back into the review file: statuses, categories, severities, "
        "comments (and a back-translation review's log). Every cell is validated; pairs "
        "edited in both places since the export, and pairs whose texts changed, are "
        "reported and not merged.",
        epilog="Exit status: 0 all merged; 1 some rows reported and left out; 2 nothing "
        "imported (invalid cells, or an error).",
    )
    parser.add_argument("file", type=Path, help="the reviewer's .xlsx or .csv (CSV for Excel)")
    parser.add_argument(
        "--into",
        type=Path,
        help="the review file to merge into (default: the project the sheet names, in the "
        "alignments folder)",
    )
    parser.add_argument(
        "--reviewer",
        help="the name recorded on every merged annotation (default: the name typed in "
        "each edited row's reviewer cell)",
    )
    parser.add_argument(
        "--partial",
        action="store_true",
        help="import the valid rows even when others have invalid cells (reported)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="report what would be merged without writing anything",
    )
    parser.set_defaults(run=run)
    return parser


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:  # no more than the reader accepts, plus one byte
            return handle.read(MAX_SHEET_BYTES + 1)
    except OSError as exc:
        raise SheetImportError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def run(args: argparse.Namespace) -> int:
    """Merge the sheet; print counts and one line per problem."""
    outcome = session.import_sheet(
        _read(args.file),
        name=args.file.name,
        into=args.into,
        reviewer=args.reviewer,
        partial=args.partial,
        dry_run=args.dry_run,
    )
    merge = outcome.merge
    print(printable(f"{args.file.name} → {outcome.path}: {merge.counts()}"))
    for line in merge.lines():
        print(printable(line))
    if outcome.blocked:
        print(
            "Nothing was imported: correct the cells above, or import the valid rows "
            "with --partial.",
            file=sys.stderr,
        )
        return 2
    if args.dry_run:
        print(f"Dry run: {merge.merged} pairs would be merged; nothing was written.")
    elif outcome.written:
        print(f"Merged {merge.merged} pairs into {printable(str(outcome.path))}.")
    return 1 if merge.lines() else 0
