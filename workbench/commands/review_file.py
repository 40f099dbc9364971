"""The options of a command that writes a review file (``review``, ``reconcile``): where
it goes (``-o``), its project name, and whether a review of other texts may be replaced."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench import config
from workbench.errors import ProjectNameError
from workbench.store import project_path, sanitise_project_name


def add_review_file_options(parser: argparse.ArgumentParser) -> None:
    """``-o OUT.csv``, ``--project NAME`` and ``--replace``."""
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT.csv",
        default=None,
        help="alignment CSV to write (default: <project>.csv in the alignments folder, "
        "$WORKBENCH_ALIGNMENTS_DIR or ./alignments)",
    )
    parser.add_argument(
        "--project",
        metavar="NAME",
        default=None,
        help="project name (default: from -o or ORIGINAL)",
    )
    parser.add_argument(
        "--replace",
        action="store_true",
        help="if the output file holds a review of other texts, keep it as "
        "OUT.csv.replaced-<time> and write the new review (without this the command refuses)",
    )


def review_target(args: argparse.Namespace, *, fallback: str) -> tuple[str, Path]:
    """The project name (``--project``, else from ``-o`` or ORIGINAL, else ``fallback``)
    and the review file (``-o``, else ``<project>.csv`` in the alignments folder)."""
    if args.project:
        project = sanitise_project_name(args.project)
    else:
        stem = Path(args.output).stem if args.output else Path(args.original).stem
        try:
            project = sanitise_project_name(stem)
        except ProjectNameError:
            project = fallback
    path = Path(args.output) if args.output else project_path(project, root=config.alignments_dir())
    return project, path
