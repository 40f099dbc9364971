"""``workbench store push FILE.csv`` / ``workbench store pull NAME -o FILE.csv``: copy a
review, with its history, between an alignment file and the review database.

The database is ``--store URL`` or the ``WORKBENCH_STORE`` setting. A copy never lands
on an existing review: push refuses a name the database holds, pull a file (or history
sidecar) that exists. The history is copied as it is, entry for entry, so a file pushed
and pulled back is the same bytes, and so is its sidecar (``docs/history.md``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.errors import OutputError, ReviewConflictError, WorkbenchError
from workbench.store.csv_store import CsvStore
from workbench.store.names import history_path
from workbench.store.protocol import ReviewStore
from workbench.store.select import open_store

#: Who a copy's own entries name when a review without history is copied.
COPIER = "workbench store"


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``store`` sub-command and its ``push`` and ``pull`` actions."""
    parser = subparsers.add_parser(
        "store",
        help=help_text,
        description="Copy a review with its history between a CSV file and the database.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    push = actions.add_parser(
        "push", help="copy an alignment CSV (and its history) into the database"
    )
    push.add_argument("file", type=Path, help="alignment CSV written by workbench")
    push.add_argument("--name", help="name in the database (default: the file's stem)")
    pull = actions.add_parser("pull", help="copy a review (and its history) from the database")
    pull.add_argument("name", help="the review's name in the database")
    pull.add_argument("-o", "--output", type=Path, required=True, help="alignment CSV to write")
    for action in (push, pull):
        action.add_argument(
            "--store", metavar="URL", help="database URL (default: WORKBENCH_STORE)"
        )
    parser.set_defaults(run=run)
    return parser


def _database(spec: str | None) -> ReviewStore:
    store = open_store(spec)
    if isinstance(store, CsvStore):
        raise WorkbenchError(
            "No review database is set: give --store postgresql://… or set WORKBENCH_STORE."
        )
    return store


def push(file: Path, *, name: str | None, database: ReviewStore) -> str:
    """Copy the review in ``file`` and its history into ``database``; the name it got."""
    files = CsvStore()
    review = files.open_review(file)
    history = files.history(file)
    name = name or file.name.removesuffix(".csv")
    if database.exists(name):
        raise ReviewConflictError(
            f"The database already holds a review {name!r}; it is never overwritten. "
            "Choose another name with --name."
        )
    return database.create_review(review, who=COPIER, name=name, history=history)


def pull(name: str, *, output: Path, database: ReviewStore) -> Path:
    """Copy review ``name`` and its history from ``database`` into the file ``output``."""
    for path in (output, history_path(output)):
        if path.exists():
            raise OutputError(f"{path} exists; a pulled review is never written over a file.")
    review = database.open_review(name)
    history = database.history(name)
    return Path(CsvStore().create_review(review, who=COPIER, name=output, history=history))


def run(args: argparse.Namespace) -> int:
    """Push or pull; 0 on success."""
    database = _database(args.store)
    try:
        if args.action == "push":
            name = push(args.file, name=args.name, database=database)
            print(
                f"Pushed {args.file} as {name!r} ({len(database.history(name))} history entries)."
            )
        else:
            path = pull(args.name, output=args.output, database=database)
            print(f"Pulled {args.name!r} into {path}.")
    finally:
        database.close()
    return 0
