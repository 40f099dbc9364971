"""``workbench agreement A.csv B.csv [C.csv ...]``: how far reviewers of the same texts agree.

Per field (status, category, severity): the pairs compared, observed agreement, Cohen's
kappa (Fleiss' for three or more reviews, with each pair's Cohen's kappa), the confusion
table of every pair of reviewers and the pairs where they disagree
(``docs/agreement.md``).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

from workbench.commands.output import printable, write_output
from workbench.review.agreement import (
    FIELDS,
    Agreement,
    Confusion,
    FieldAgreement,
    format_kappa,
    measure_agreement,
    value_label,
)
from workbench.store import load_review

#: Disagreements listed per field unless ``--all-disagreements``.
SHOWN_DISAGREEMENTS = 10
_METHODS = {"cohen": "Cohen's kappa", "fleiss": "Fleiss' kappa"}


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``agreement`` sub-command."""
    parser = subparsers.add_parser(
        "agreement",
        help=help_text,
        description=(
            "Compare two or more saved reviews of the same texts: per field the observed "
            "agreement, Cohen's kappa (Fleiss' kappa for three or more), a confusion table "
            "and the pairs where the reviewers disagree. Pairs a reviewer left unreviewed "
            "are not counted."
        ),
    )
    parser.add_argument("files", metavar="REVIEW", type=Path, nargs="+", help="alignment CSVs")
    parser.add_argument(
        "--field",
        choices=(*FIELDS, "all"),
        default="all",
        help="the annotation field to compare (default: all)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument(
        "--all-disagreements",
        action="store_true",
        help=f"list every disagreement (default: the first {SHOWN_DISAGREEMENTS} per field)",
    )
    parser.add_argument(
        "-o", "--output", metavar="OUT", type=Path, default=None, help="write the result to OUT"
    )
    parser.set_defaults(run=run)
    return parser


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    """One line of a table: the first cell left-aligned, the counts right-aligned."""
    shown = [cells[0].ljust(widths[0])]
    shown += [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
    return "    " + "  ".join(shown)


def _confusion_lines(found: Confusion, reviewers: Sequence[str]) -> list[str]:
    labels = [value_label(v) for v in found.labels]
    head = [f"{reviewers[found.first]} \\ {reviewers[found.second]}", *labels]
    rows = [[labels[i], *map(str, row)] for i, row in enumerate(found.counts)]
    widths = [max(len(r[k]) for r in [head, *rows]) for k in range(len(head))]
    return [_table_line(line, widths) for line in [head, *rows]]


def _field_lines(found: FieldAgreement, reviewers: Sequence[str], *, every: bool) -> list[str]:
    lines = [
        f"{found.field}: n={found.items}  observed agreement {_percent(found.observed)}  "
        f"{_METHODS[found.method]} {format_kappa(found.kappa)}"
    ]
    if found.method == "fleiss":
        lines += [
            f"  Cohen's kappa {reviewers[k.first]} / {reviewers[k.second]}: "
            f"{format_kappa(k.kappa)} (observed {_percent(k.observed)})"
            for k in found.pairwise
        ]
    for confusion in found.confusions:
        lines.append(
            f"  confusion (rows: {reviewers[confusion.first]}, "
            f"columns: {reviewers[confusion.second]}):"
        )
        lines += _confusion_lines(confusion, reviewers) if found.items else ["    (no pair)"]
    lines.append(f"  disagreements: {len(found.disagreements)}")
    shown = found.disagreements if every else found.disagreements[:SHOWN_DISAGREEMENTS]
    for d in shown:
        values = " | ".join(value_label(v) for v in d.values)
        lines.append(f"    {d.pair_id}: {values}  — “{d.original_text}”")
    if len(shown) < len(found.disagreements):
        lines.append(f"    … and {len(found.disagreements) - len(shown)} more")
    return lines


def format_agreement(result: Agreement, *, every: bool = False) -> str:
    """The agreement as plain text for the terminal."""
    lines = [
        "Reviewers: " + ", ".join(result.reviewers),
        f"Pairs compared: {result.shared - result.unreviewed} "
        f"({result.shared} in every review with the same texts, {result.unreviewed} of "
        f"them left unreviewed by a reviewer and not counted; {result.not_shared} pairs "
        "not in every review)",
    ]
    for found in result.fields:
        lines += ["", *_field_lines(found, result.reviewers, every=every)]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Measure and print (or write) the agreement; 0 on success."""
    files: list[Path] = list(args.files)
    reviews = [load_review(path) for path in files]
    names = [path.name for path in files]
    if len(set(names)) < len(names):  # the same name in two folders: show the paths
        names = [str(path) for path in files]
    fields = FIELDS if args.field == "all" else (args.field,)
    result = measure_agreement(reviews, names=names, fields=fields)
    if args.format == "json":
        text = json.dumps(result.as_dict(), ensure_ascii=False, indent=2)
    else:
        text = format_agreement(result, every=args.all_disagreements)
    if args.output is not None:
        write_output(args.output, (text + "\n").encode("utf-8"), inputs=files)
        print(printable(str(args.output)))
    elif args.format == "json":
        print(text)
    else:
        # line by line: printable() would show the text's own line breaks as "\n"
        print("\n".join(printable(line) for line in text.split("\n")))
    return 0
