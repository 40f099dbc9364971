"""The ``workbench`` command line: one sub-command per module in ``workbench.commands``.

Each command module defines ``add_parser(subparsers, *, help_text)`` and
``run(args) -> int``. Only the module of the command being run is imported (the others
are listed by name and help line), so a command pays for its own imports only: the
whole library takes about half a second to import, ``workbench segment`` needs a
fraction of it. Library errors (:class:`workbench.errors.WorkbenchError`) are turned
into messages here, in one place; nothing else prints tracebacks for user mistakes.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from workbench import __version__
from workbench.commands.output import printable
from workbench.errors import WorkbenchError

#: Sub-commands (module names in workbench.commands) and their help lines, in the order
#: ``--help`` lists them.
COMMANDS: dict[str, str] = {
    "segment": "show the paragraphs (and sentences) of a document",
    "align": "align an original with its translation",
    "review": "align, analyse and save a review file, as the app does (for batch work)",
    "export": "export a saved alignment CSV to another format",
    "report": "summarise a saved review: counts, MQM score, most divergent pairs",
    "reconcile": "review a back-translation against its original (with the forward translation)",
    "compare": "compare 2 to 6 translations (or back-translations) of one original",
    "import": "merge a reviewer's edited spreadsheet (XLSX or CSV for Excel) into a review",
    "agreement": "agreement between two or more reviews of the same texts (kappa, confusions)",
    "history": "print a review's audit trail: who changed what, when, old → new",
    "store": "copy a review with its history between a CSV file and the review database",
}
#: Commands whose module name differs from the command (``import`` is a Python keyword).
_MODULES: dict[str, str] = {"import": "import_review"}


# C0 controls, DEL, C1 controls (ESC starts terminal escapes, CSI U+009B is one by itself)
# and lone surrogates (undecodable bytes of a file name, which stdout cannot encode).
def _chosen(argv: Sequence[str]) -> str | None:
    """The sub-command named in ``argv`` (the first argument that is not an option)."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in COMMANDS else None


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; ``command``'s options in full, the other commands listed
    by name and help line (all of them when ``command`` is None: what ``--help``, a
    missing or an unknown command print needs nothing more)."""
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Align an original with its translation, find divergences, export reviews.",
    )
    parser.add_argument("--version", action="version", version=f"workbench {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, help_text in COMMANDS.items():
        if name == command:
            module = importlib.import_module(f"workbench.commands.{_MODULES.get(name, name)}")
            module.add_parser(sub, help_text=help_text)
        else:  # listed in --help; its options are loaded when it is the one being run
            sub.add_parser(name, help=help_text, add_help=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``workbench`` console script; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_chosen(argv))
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.run(args) or 0)
    except WorkbenchError as exc:
        print(f"workbench: {exc.title}: {printable(exc.message)}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130


def run() -> NoReturn:
    """The ``workbench`` console script (and ``python -m workbench``): :func:`main`, and
    then the process ends at once.

    Python's shutdown would tear down every module and object first, about 12 ms for
    numpy alone, which every command imports; nothing of ours needs it, as each file is
    written and closed before :func:`main` returns. The log handlers and the two
    streams are flushed before the end (a reader that went away loses nothing of ours).
    """
    status = main()
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        # the reader may be gone, or the stream closed
        with contextlib.suppress(BrokenPipeError, ValueError):
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
