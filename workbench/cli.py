"""The ``workbench`` command line: one sub-command per module in ``workbench.commands``.

Each command module defines ``add_parser(subparsers)`` and ``run(args) -> int``.
Library errors (:class:`workbench.errors.WorkbenchError`) are turned into messages
here, in one place; nothing else prints tracebacks for user mistakes.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from workbench import __version__
from workbench.errors import WorkbenchError

#: Sub-commands, in the order ``--help`` lists them (module names in workbench.commands).
COMMANDS = ("segment", "align", "export", "report", "reconcile", "compare")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every available sub-command registered."""
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Align an original with its translation, find divergences, export reviews.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"workbench.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"workbench.commands.{name}":
                raise
            continue  # command not built yet in this checkout
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workbench`` console script; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.run(args) or 0)
    except WorkbenchError as exc:
        print(f"workbench: {exc.title}: {exc.message}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
