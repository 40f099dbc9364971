"""``workbench export FILE.csv --format FMT [-o OUT]``: convert a saved review."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from workbench.commands.output import printable, write_output
from workbench.diff import analyse
from workbench.errors import ExportError, WorkbenchError
from workbench.export import EXPORTS, export
from workbench.export.xliff import XLIFF_VERSIONS
from workbench.model import PairDivergence
from workbench.review import Review, review_to_alignment
from workbench.store import load_review
from workbench.store.csv_store import CsvStore
from workbench.store.history import encode_history
from workbench.store.names import HISTORY_SUFFIX

logger = logging.getLogger(__name__)


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``export`` sub-command."""
    parser = subparsers.add_parser(
        "export",
        help=help_text,
        description="Convert a saved alignment CSV (the review record) to another format.",
    )
    parser.add_argument("file", type=Path, help="alignment CSV written by workbench")
    parser.add_argument(
        "--format",
        "-f",
        dest="fmt",
        required=True,
        choices=list(EXPORTS),
        help="; ".join(f"{name}: {spec.label}" for name, spec in EXPORTS.items()),
    )
    parser.add_argument(
        "-o",
        "--output",
        help="output file (default: next to FILE with the format's extension; '-' for stdout)",
    )
    parser.add_argument(
        "--no-highlights",
        action="store_true",
        help="html: do not re-run the analysis to highlight differences",
    )
    parser.add_argument(
        "--logged-only",
        action="store_true",
        help="reconciliation reports: list only the logged discrepancies (by default they "
        "also list every major pair nobody logged, with why it is flagged and which side "
        "introduced it)",
    )
    parser.add_argument(
        "--xliff-version",
        choices=XLIFF_VERSIONS,
        default=XLIFF_VERSIONS[0],
        help="xliff: the XLIFF version written (default: 2.0)",
    )
    parser.add_argument(
        "--with-history",
        action="store_true",
        help="also write the review's history (who changed what, when) beside the output, "
        "as OUTPUT-STEM.history.csv (docs/history.md)",
    )
    parser.set_defaults(run=run)
    return parser


def default_output(source: Path, fmt: str) -> Path:
    """The output path next to ``source`` for ``fmt``, never the source itself."""
    extension = EXPORTS[fmt].extension
    stem = source.name[: -len(source.suffix)] if source.suffix else source.name
    out = source.with_name(stem + extension)
    if out.resolve() == source.resolve():
        out = source.with_name(stem + ".export" + extension)
    return out


def _divergences(review: Review) -> list[PairDivergence] | None:
    """Fresh analysis of the saved pairs for highlighted HTML reports (None if impossible)."""
    try:
        return list(analyse(review_to_alignment(review)))
    except WorkbenchError as exc:
        # e.g. a pivot review: the pivot text is not in the file. The report still
        # shows every text, only without highlights.
        logger.warning("report without highlights: %s", exc)
        return None


def run(args: argparse.Namespace) -> int:
    """Write the export; 0 on success."""
    review = load_review(args.file)
    spec = EXPORTS[args.fmt]
    divergences = None
    # the HTML report highlights the diff; the reconciliation reports name its spans
    # ("words missing") for the major pairs nobody logged
    major_pairs = not args.logged_only and "major_pairs" in spec.options
    if (args.fmt == "html" and not args.no_highlights) or major_pairs:
        divergences = _divergences(review)
    data = export(
        review,
        args.fmt,
        divergences=divergences,
        major_pairs=not args.logged_only,
        xliff_version=args.xliff_version,
    )
    if args.output == "-":
        if args.with_history:
            raise ExportError("--with-history needs an output file (-o FILE), not stdout.")
        if not spec.text:
            raise ExportError(
                f"The {args.fmt} format is binary and cannot be written to the terminal; "
                "give an output file with -o."
            )
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    out = Path(args.output) if args.output else default_output(args.file, args.fmt)
    write_output(out, data, inputs=[args.file])
    logger.info("wrote %s (%d bytes)", out, len(data))
    print(printable(str(out)))
    if args.with_history:
        trail = out.with_name(out.name.removesuffix(out.suffix) + HISTORY_SUFFIX)
        entries = CsvStore().history(args.file)
        write_output(trail, encode_history(entries, header=True), inputs=[args.file])
        print(printable(str(trail)))
    return 0
