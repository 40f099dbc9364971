"""``workbench report FILE.csv [--json]``: counts, MQM score and the most divergent pairs."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from workbench.commands.output import printable
from workbench.review import ReviewSummary, summarise
from workbench.review.verdict import compares_text, verdict
from workbench.store import load_review


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``report`` sub-command."""
    parser = subparsers.add_parser(
        "report",
        help=help_text,
        description="Summarise a saved alignment CSV.",
    )
    parser.add_argument("file", type=Path, help="alignment CSV written by workbench")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--top", type=int, default=5, help="how many divergent pairs to list")
    parser.set_defaults(run=run)
    return parser


def _counts(title: str, counts: dict[str, int]) -> list[str]:
    lines = [f"{title}:"]
    shown = {k: v for k, v in counts.items() if v} or {"(none)": 0}
    width = max(len(k or "(none)") for k in shown)
    lines += [f"  {(k or '(none)').ljust(width)}  {v}" for k, v in shown.items()]
    return lines


def format_summary(summary: ReviewSummary, *, project: str, text_similarity: bool = True) -> str:
    """The summary as plain text for the terminal (each divergent pair with its verdict:
    why first, the band, how alike the texts are)."""
    score = "n/a (nothing reviewed)" if summary.mqm_score is None else f"{summary.mqm_score:.2f}"
    lines = [
        f"Project: {project}",
        f"Pairs: {summary.pairs}   reviewed: {summary.reviewed}",
        f"MQM score: {score}   (penalty {summary.penalty} over {summary.words} "
        "translation words of the reviewed pairs)",
        *_counts("By status", dict(summary.by_status)),
        *_counts("By category", dict(summary.by_category)),
        *_counts("By band", dict(summary.by_band)),
        "Most divergent pairs:",
    ]
    for p in summary.most_divergent:
        said = verdict(p.band, p.similarity, p.checks, text_similarity=text_similarity)
        lines.append(f"  #{p.order + 1:<5} {p.pair_id:<16} {said.label}  ({p.annotation.status})")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the report; 0 on success."""
    review = load_review(args.file)
    summary = summarise(review, top=max(args.top, 0))
    if args.json:
        payload = {"project": review.meta.project, **summary.as_dict()}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        text = format_summary(
            summary,
            project=review.meta.project,
            text_similarity=compares_text(review.meta.settings),
        )
        # line by line: printable() would show the summary's own line breaks as "\n"
        print("\n".join(printable(line) for line in text.split("\n")))
    return 0
