"""``workbench history FILE.csv [--pair ID] [--format text|csv] [-o OUT]``: who changed what.

FILE is an alignment CSV (its history is the sidecar ``NAME.history.csv``); with
``WORKBENCH_STORE`` set to a PostgreSQL URL, a review name that is not a file is looked
up in the database. ``--format csv`` writes the entries in the sidecar's own format
(``docs/history.md``), e.g. to hand in with an export.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from workbench.commands.output import printable, write_output
from workbench.store.csv_store import CsvStore
from workbench.store.history import HistoryEntry, encode_history
from workbench.store.select import open_store

#: Longest old or new value shown in the text format (the CSV format keeps them whole).
SHOWN_CHARS = 80


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``history`` sub-command."""
    parser = subparsers.add_parser(
        "history",
        help=help_text,
        description="Print the audit trail of a review: who changed what, when, old → new.",
    )
    parser.add_argument("file", help="alignment CSV (or, with WORKBENCH_STORE, a review name)")
    parser.add_argument("--pair", metavar="ID", help="only this pair's changes (e.g. P3=P3)")
    parser.add_argument(
        "--format", choices=("text", "csv"), default="text", help="text (default) or csv"
    )
    parser.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    parser.set_defaults(run=run)
    return parser


def _short(value: str) -> str:
    value = value if len(value) <= SHOWN_CHARS else value[: SHOWN_CHARS - 1] + "…"
    return printable(value) if value else "∅"


def format_text(entries: Sequence[HistoryEntry]) -> str:
    """One line per change: when, who, pair, field: old → new."""
    if not entries:
        return "No changes recorded."
    who_width = max(len(e.who) for e in entries)
    pair_width = max(len(e.pair_id or "-") for e in entries)
    lines = []
    for e in entries:
        who, pair = printable(e.who).ljust(who_width), printable(e.pair_id or "-").ljust(pair_width)
        lines.append(f"{e.at}  {who}  {pair}  {e.field}: {_short(e.old)} → {_short(e.new)}")
    return "\n".join(lines)


def entries_of(name: str, *, pair_id: str | None) -> list[HistoryEntry]:
    """The history of the review file (or stored review) ``name``."""
    path = Path(name)
    if path.is_file() or name.lower().endswith(".csv"):
        return CsvStore().history(path, pair_id=pair_id)
    store = open_store()
    try:
        return store.history(name, pair_id=pair_id)
    finally:
        store.close()


def run(args: argparse.Namespace) -> int:
    """Print (or write) the history; 0 on success."""
    entries = entries_of(args.file, pair_id=args.pair)
    if args.format == "csv":
        data = encode_history(entries, header=True)
    else:
        data = (format_text(entries) + "\n").encode("utf-8")
    if args.output is not None:
        write_output(args.output, data, inputs=[Path(args.file)])
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0
