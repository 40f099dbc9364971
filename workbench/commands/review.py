"""``workbench review ORIGINAL TRANSLATION -o alignments/NAME.csv``: prepare a review file.

Aligns and analyses the two texts exactly as the app's **Align** does (the same session
functions, so the same pairs, divergences, checks and provenance) and saves the review
record through the store: atomically, keeping annotations already in the file for the
same texts and refusing a file that holds a review of other texts. A reviewer then opens
the file in the app's Projects tab, or receives it as a spreadsheet (``workbench export
--format xlsx``).

With one argument, ORIGINAL is a bilingual file (XLIFF 1.2/2.0, TMX; told by its content):
its units are the pairs, as the CAT tool paired them, and their ids are kept
(``docs/bilingual.md``).

Prints where the review went and one line per band; with ``--fail-on BAND`` the exit
status is 1 when any pair is at or above that band, so a translation pipeline can gate
on it.
"""

from __future__ import annotations

import argparse
import logging
from collections import Counter
from dataclasses import replace
from pathlib import Path

from workbench import session
from workbench.commands.output import printable
from workbench.commands.review_file import add_review_file_options, review_target
from workbench.model import BANDS, REQUESTED_MODES, Level, Mode
from workbench.review.navigation import identical_unreviewed
from workbench.review.record import Review, utc_now
from workbench.review.verdict import band_label, compares_text
from workbench.text import load_document
from workbench.text.bilingual import bilingual_format, read_file

logger = logging.getLogger(__name__)

#: Bytes read to tell a bilingual file from a text (its root element is in them).
_SNIFF_BYTES = 65536
#: What ``--fail-on`` accepts: a band, and every band after it in BANDS counts as worse.
FAIL_BANDS = BANDS[1:]


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``review`` sub-command."""
    parser = subparsers.add_parser(
        "review",
        help=help_text,
        description=(
            "Align ORIGINAL with TRANSLATION, find the divergences and save the review as an "
            "alignment CSV: the same file the app's Align writes, which the app's Projects "
            "tab, `workbench report` and every `workbench export` open."
        ),
    )
    _add_inputs(parser)
    _add_verdict_options(parser)
    add_review_file_options(parser)
    parser.set_defaults(run=run, parser=parser)
    return parser


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    """The texts, where the review goes, and how they are aligned."""
    parser.add_argument(
        "original",
        metavar="ORIGINAL",
        help="the original document, or a bilingual file (XLIFF 1.2/2.0, TMX) holding both",
    )
    parser.add_argument(
        "translation",
        metavar="TRANSLATION",
        nargs="?",
        default=None,
        help="its translation (not given when ORIGINAL is a bilingual file)",
    )
    parser.add_argument(
        "--level",
        choices=tuple(Level),
        default=Level.PARAGRAPH,
        help="units to align (default: paragraph; sentence refines inside paragraph pairs)",
    )
    parser.add_argument(
        "--mode",
        choices=REQUESTED_MODES,
        default=Mode.AUTO,
        help="comparison mode (default: auto, from the texts' languages)",
    )
    parser.add_argument(
        "--pivot",
        metavar="FILE",
        default=None,
        help="machine translation of ORIGINAL into the translation's language: guides the "
        "alignment; compared word by word only when worded like the translation",
    )
    parser.add_argument(
        "--forward",
        metavar="FILE",
        default=None,
        help="TRANSLATION is a back-translation and FILE the forward translation: a "
        "back-translation review, as `workbench reconcile` makes (no --pivot or --mode)",
    )


def _add_verdict_options(parser: argparse.ArgumentParser) -> None:
    """What is highlighted, which verdicts the command makes, and when it fails."""
    parser.add_argument(
        "--group",
        action="store_true",
        help="bilingual file: one pair per group of units (an XLIFF <group>, the segments of "
        "an XLIFF 2.0 unit) instead of one per unit",
    )
    parser.add_argument(
        "--suppress-minor",
        action="store_true",
        help="do not highlight minor differences (as the app's option of that name)",
    )
    parser.add_argument(
        "--reviewer",
        metavar="NAME",
        default=None,
        help="who the verdicts this command makes are recorded under (--mark-identical-ok)",
    )
    parser.add_argument(
        "--mark-identical-ok",
        action="store_true",
        help="mark every unreviewed identical pair OK under --reviewer (the app's bulk verdict)",
    )
    parser.add_argument(
        "--fail-on",
        choices=FAIL_BANDS,
        default=None,
        help="exit with status 1 when any pair is in this band or a worse one "
        f"(bands from best to worst: {', '.join(BANDS)})",
    )


def _bilingual(path: str) -> str | None:
    """The format of ``path`` when it is a bilingual file (by its content), else None."""
    try:
        with open(path, "rb") as file:
            head = file.read(_SNIFF_BYTES)
    except OSError:
        return None  # reading it as a document reports why
    return bilingual_format(head)


def _check_bilingual(args: argparse.Namespace) -> None:
    """One argument is a bilingual file; two are two texts (argparse's exit 2 otherwise)."""
    parser: argparse.ArgumentParser = args.parser
    fmt = _bilingual(args.original)
    args.bilingual = fmt
    if fmt is not None and args.translation is not None:
        parser.error(
            f"{args.original} is a bilingual file ({fmt}) holding the translation too: "
            "give it alone, without TRANSLATION"
        )
    if fmt is None and args.translation is None:
        parser.error(
            f"one argument must be a bilingual file (XLIFF 1.2, XLIFF 2.0 or TMX) and "
            f"{args.original} is not one; give ORIGINAL and TRANSLATION"
        )
    if fmt is not None and (args.forward or args.pivot or args.level != Level.PARAGRAPH):
        parser.error(
            "a bilingual file is reviewed as its units pair it: no --forward, --pivot or "
            "--level sentence"
        )
    if fmt is None and args.group:
        parser.error("--group groups the units of a bilingual file; ORIGINAL is not one")


def _check_options(args: argparse.Namespace) -> None:
    """Refuse option combinations that would silently do nothing (argparse's exit 2)."""
    parser: argparse.ArgumentParser = args.parser
    _check_bilingual(args)
    if args.forward and (args.pivot or args.mode != Mode.AUTO):
        parser.error("--forward makes a back-translation review, which takes no --pivot or --mode")
    if args.mark_identical_ok and not args.reviewer:
        parser.error("--mark-identical-ok needs --reviewer NAME: each verdict records who made it")
    if args.reviewer and not args.mark_identical_ok:
        parser.error(
            "--reviewer names who makes this command's verdicts; give --mark-identical-ok too "
            "(a new review has no other verdicts)"
        )


def _start(args: argparse.Namespace, project: str, path: Path) -> session.ReviewSession:
    if args.bilingual is not None:
        return session.start_bilingual_review(
            read_file(args.original),
            name=Path(args.original).name,
            path=path,
            project=project,
            group=args.group,
            suppress_minor=args.suppress_minor,
            replace=args.replace,
        )
    original = load_document(args.original)
    translation = load_document(args.translation)
    if args.forward:
        return session.start_back_translation_review(
            original,
            translation,
            path=path,
            project=project,
            forward=load_document(args.forward),
            level=Level(args.level),
            suppress_minor=args.suppress_minor,
            replace=args.replace,
        )
    return session.start_review(
        original,
        translation,
        path=path,
        project=project,
        level=Level(args.level),
        mode=Mode(args.mode),
        pivot=load_document(args.pivot) if args.pivot else None,
        suppress_minor=args.suppress_minor,
        replace=args.replace,
    )


def _mark_identical(started: session.ReviewSession, reviewer: str) -> tuple[Review, int]:
    """Mark the unreviewed identical pairs OK under ``reviewer``, in one write."""
    now = utc_now()
    verdicts = {
        p.pair_id: replace(p.annotation, status="ok", reviewer=reviewer, updated_at=now)
        for p in identical_unreviewed(started.review.pairs)
    }
    if not verdicts:
        return started.review, 0
    return session.save_annotations(started, verdicts), len(verdicts)


def _pairs(n: int) -> str:
    return f"{n} pair" if n == 1 else f"{n} pairs"


def summary_lines(review: Review) -> list[str]:
    """One line per band, every band in order (a band without pairs says 0). Lines start
    with the band as ``--fail-on`` and the CSV name it; across languages a band the
    product words otherwise says so after the count ("identical: 9 pairs, no difference
    found across languages"): a French pair is not identical to its original."""
    bands = Counter(p.band for p in review.pairs)
    texts = compares_text(review.meta.settings)
    lines = []
    for band in BANDS:
        line = f"{band}: {_pairs(bands.get(band, 0))}"
        label = band_label(band, text_similarity=texts)
        lines.append(line if label == band else f"{line}, {label} across languages")
    return lines


def failing(review: Review, band: str) -> list[str]:
    """Pair ids whose band is ``band`` or worse (later in BANDS)."""
    worse = set(BANDS[BANDS.index(band) :])
    return [p.pair_id for p in review.pairs if p.band in worse]


def run(args: argparse.Namespace) -> int:
    """Build and save the review; print where it went and the bands; gate on --fail-on."""
    _check_options(args)
    project, path = review_target(args, fallback="review")
    started = _start(args, project, path)
    review, marked = started.review, 0
    if args.mark_identical_ok:
        review, marked = _mark_identical(started, args.reviewer)
    print(printable(f"{started.path}: {_pairs(len(review.pairs))}"))
    if started.backup is not None:
        print(printable(f"the review of other texts it held is kept as {started.backup}"))
    if started.kept:
        print(f"kept {started.kept} annotations already in the file for these texts")
    for warning in started.warnings:
        print(printable(f"note: {warning}"))
    for line in summary_lines(review):
        print(line)
    if marked:
        print(printable(f"marked {_pairs(marked)} identical and OK, as {args.reviewer}"))
    logger.info("saved review of %s to %s", started.alignment.translation.name, started.path)
    if args.fail_on:
        bad = failing(review, args.fail_on)
        if bad:
            shown = ", ".join(bad[:10]) + (f" and {len(bad) - 10} more" if len(bad) > 10 else "")
            print(printable(f"fail: {_pairs(len(bad))} at or above {args.fail_on}: {shown}"))
            return 1
    return 0
