"""``workbench reconcile ORIGINAL BACK_TRANSLATION``: start a back-translation review.

Aligns and analyses the back-translation against the original, places the forward
translation's passages beside each pair, and writes the review record (the alignment
CSV) through the store: atomically, under its lock, keeping annotations already in the
file for the same texts and refusing a file that holds a review of other texts.
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter

from workbench import session
from workbench.commands.output import printable
from workbench.commands.review_file import add_review_file_options, review_target
from workbench.model import Level
from workbench.review.attribution import attribute_pair
from workbench.text import load_document

logger = logging.getLogger(__name__)


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``reconcile`` sub-command."""
    parser = subparsers.add_parser(
        "reconcile",
        help=help_text,
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
        "--level",
        choices=tuple(Level),
        default=Level.PARAGRAPH,
        help="units to align (default: paragraph)",
    )
    add_review_file_options(parser)
    parser.set_defaults(run=run)
    return parser


def run(args: argparse.Namespace) -> int:
    """Build and save the review, then print where it went and what was found."""
    project, path = review_target(args, fallback="reconciliation")
    original = load_document(args.original)
    back = load_document(args.back_translation)
    forward = load_document(args.forward) if args.forward else None
    result = session.start_back_translation_review(
        original,
        back,
        path=path,
        project=project,
        forward=forward,
        level=Level(args.level),
        replace=args.replace,
    )
    review = result.review
    bands = Counter(p.band for p in review.pairs)
    shown = ", ".join(f"{n} {band}" for band, n in sorted(bands.items()))
    print(printable(str(result.path)))
    if result.backup is not None:
        print(printable(f"the review of other texts it held is kept as {result.backup}"))
    print(f"{len(review.pairs)} pairs ({shown})")
    if forward is not None:
        print(printable(f"forward translation: {forward.name} ({forward.language})"))
    for warning in result.warnings:
        print(printable(f"note: {warning}"))
    for pair in review.pairs:
        if pair.band in ("major", "unaligned"):
            checks = f" [{', '.join(pair.checks)}]" if pair.checks else ""
            print(f"  {pair.pair_id}: {pair.band}{checks}")
            attribution = attribute_pair(pair, review.meta)
            for message in attribution.messages if attribution is not None else ():
                print(printable(f"    {message}"))
    logger.info("saved reconciliation of %s to %s", back.name, result.path)
    return 0
