"""``workbench reconcile ORIGINAL BACK_TRANSLATION``: start a back-translation review.

Aligns and analyses the back-translation against the original, places the forward
translation's passages beside each pair, and writes the review record (the alignment
CSV) through the store: atomically, under its lock, keeping annotations already in the
file for the same texts.
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from pathlib import Path

from workbench.errors import ProjectNameError

logger = logging.getLogger(__name__)


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the ``reconcile`` sub-command."""
    parser = subparsers.add_parser(
        "reconcile",
        help="review a back-translation against its original (with the forward translation)",
        description=(
            "Align BACK_TRANSLATION with ORIGINAL, find the discrepancies, show the forward "
            "translation beside each pair, and save the review as an alignment CSV."
        ),
    )
    parser.add_argument("original", metavar="ORIGINAL", help="the original document")
    parser.add_argument(
        "back_translation", metavar="BACK_TRANSLATION", help="the back-translation (same language)"
    )
    parser.add_argument(
        "--forward", metavar="FILE", default=None, help="the forward translation (any language)"
    )
    parser.add_argument(
        "--project",
        metavar="NAME",
        default=None,
        help="project name (default: from -o or ORIGINAL)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT.csv",
        default=None,
        help="alignment CSV to write (default: alignments/<project>.csv)",
    )
    parser.add_argument(
        "--level",
        choices=("paragraph", "sentence"),
        default="paragraph",
        help="units to align (default: paragraph)",
    )
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Build and save the review, then print where it went and what was found."""
    from workbench.ingest import load_document
    from workbench.reconcile import build_reconciliation_review, reconcile
    from workbench.store import ALIGNMENTS_DIR, sanitise_project_name, save_review

    original = load_document(args.original)
    back = load_document(args.back_translation)
    forward = load_document(args.forward) if args.forward else None
    result = reconcile(original, back, forward=forward, level=args.level)
    if args.project:
        project = args.project
    elif args.output:
        project = Path(args.output).stem
    else:
        project = Path(args.original).stem
    try:
        project = sanitise_project_name(project)
    except ProjectNameError:
        if args.project:
            raise
        project = "reconciliation"
    review = build_reconciliation_review(result, project=project)
    if args.output:
        path = save_review(review, path=args.output)
    else:
        path = save_review(review, root=ALIGNMENTS_DIR)
    bands = Counter(p.band for p in review.pairs)
    shown = ", ".join(f"{n} {band}" for band, n in sorted(bands.items()))
    print(f"{path}")
    print(f"{len(review.pairs)} pairs ({shown})")
    if forward is not None:
        print(f"forward translation: {forward.name} ({forward.language})")
    flagged = [p for p in review.pairs if p.band in ("major", "unaligned")]
    for pair in flagged:
        checks = f" [{', '.join(pair.checks)}]" if pair.checks else ""
        print(f"  {pair.pair_id}: {pair.band}{checks}")
    logger.info("saved reconciliation of %s to %s", back.name, path)
    return 0
