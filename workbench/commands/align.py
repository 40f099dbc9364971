"""``workbench align ORIGINAL TRANSLATION``: align two documents and print the beads."""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from workbench import config
from workbench.align import align, align_units_detailed
from workbench.align.core import UnitAlignment
from workbench.align.evaluate import EOA
from workbench.commands.output import write_output
from workbench.errors import InputError, TooLargeError
from workbench.model import (
    REQUESTED_MODES,
    Alignment,
    AlignSettings,
    Bead,
    Document,
    Level,
    Mode,
)
from workbench.text import document_from_units, load_document


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``align`` sub-command."""
    parser = subparsers.add_parser(
        "align",
        help=help_text,
        description=(
            "Align ORIGINAL with TRANSLATION at paragraph or sentence level and print one "
            "bead per line ([0,1]:[2], 0-based), or every bead as CSV or JSON. To make a "
            "review file (the alignment CSV the app opens), use `workbench review`."
        ),
    )
    parser.add_argument("original", metavar="ORIGINAL", help="the original document")
    parser.add_argument("translation", metavar="TRANSLATION", help="its translation")
    parser.add_argument(
        "--level",
        choices=tuple(Level),
        default=Level.PARAGRAPH,
        help="units to align (default: paragraph)",
    )
    parser.add_argument(
        "--pivot",
        metavar="FILE",
        default=None,
        help="machine translation of ORIGINAL into the translation's language, unit by unit",
    )
    parser.add_argument(
        "--mode",
        choices=REQUESTED_MODES,
        default=Mode.AUTO,
        help="cost regime (default: auto)",
    )
    parser.add_argument(
        "--format",
        choices=("beads", "beads-csv", "json", "csv"),
        default="beads",
        help="output format (default: beads). beads-csv is a table of beads, not a review "
        "file: for the alignment CSV the app, `report` and `export` open, use "
        "`workbench review` (csv is the old name of beads-csv)",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        default=None,
        help="write to OUT instead of standard output",
    )
    parser.add_argument(
        "--presegmented",
        action="store_true",
        help="inputs hold one unit per line, documents separated by '.EOA' lines; "
        "each document is aligned separately and '.EOA' printed between them",
    )
    parser.add_argument(
        "--no-moves", action="store_true", help="do not link moved units (keep them as 1:0 / 0:1)"
    )
    parser.set_defaults(run=run)
    return parser


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _too_big(name: str, size: int, max_bytes: int) -> TooLargeError:
    return TooLargeError(
        f"“{name}” is {_megabytes(size)}; the largest file accepted is {_megabytes(max_bytes)}."
    )


def _read_lines(path: str) -> list[str]:
    """The lines of a pre-segmented UTF-8 file, within the limits every input has."""
    # Limits are read at call time, as in text/reader.py, so they can be lowered in tests.
    max_bytes, name = config.MAX_UPLOAD_BYTES, Path(path).name
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise _too_big(name, size, max_bytes)  # refused before a byte is read
        with Path(path).open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may grow after the stat (or be a pipe)
    except OSError as exc:
        raise InputError(f"Cannot read “{path}”: {exc.strerror}.") from exc
    if len(data) > max_bytes:
        raise _too_big(name, len(data), max_bytes)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"“{path}” is not UTF-8 text; pre-segmented files must be UTF-8.") from exc
    if len(text) > config.MAX_CHARS:
        raise TooLargeError(
            f"“{name}” has {len(text):,} characters of text; the most accepted is "
            f"{config.MAX_CHARS:,}."
        )
    lines = text.splitlines()  # the same lines as reading in text mode: indices are line numbers
    units = sum(1 for line in lines if line.strip() != EOA)
    if units > config.MAX_SEGMENTS:
        raise TooLargeError(
            f"“{name}” has {units:,} lines in all its documents; the most accepted is "
            f"{config.MAX_SEGMENTS:,}."
        )
    return lines


def _split_documents(lines: list[str]) -> list[list[str]]:
    docs: list[list[str]] = [[]]
    for line in lines:
        if line.strip() == EOA:
            docs.append([])
        else:
            docs[-1].append(line)
    return docs


def _pivot_documents(orig_lines: list[str], pivot_lines: list[str]) -> list[list[str]] | None:
    """The pivot's documents, each as long as the original's; None if they cannot be matched.

    A pivot is a line-by-line translation of the original. When its ``.EOA`` lines
    survived, its documents are used as they are. Machine translation often translates
    or drops them, so a pivot with exactly as many lines as the original (separators
    translated) or as the original has units (separators dropped) is matched by position.
    """
    orig_docs = _split_documents(orig_lines)
    docs = _split_documents(pivot_lines)
    if [len(d) for d in docs] == [len(d) for d in orig_docs]:
        return docs
    if len(pivot_lines) == len(orig_lines):
        units = [p for p, o in zip(pivot_lines, orig_lines, strict=True) if o.strip() != EOA]
    elif len(pivot_lines) == sum(len(d) for d in orig_docs):
        units = list(pivot_lines)
    else:
        return None
    out, start = [], 0
    for doc in orig_docs:
        out.append(units[start : start + len(doc)])
        start += len(doc)
    return out


def _presegmented(args: argparse.Namespace) -> list[tuple[list[str], list[str], UnitAlignment]]:
    """Align every ``.EOA``-separated document pair of pre-segmented files: each pair's
    lines and their alignment."""
    orig_lines = _read_lines(args.original)
    orig_docs = _split_documents(orig_lines)
    trans_docs = _split_documents(_read_lines(args.translation))
    if len(orig_docs) != len(trans_docs):
        raise InputError(
            f"The files hold different numbers of documents (original {len(orig_docs)}, "
            f"translation {len(trans_docs)}); documents are separated by “{EOA}” lines."
        )
    pivot_docs = None
    if args.pivot:
        pivot_lines = _read_lines(args.pivot)
        pivot_docs = _pivot_documents(orig_lines, pivot_lines)
        if pivot_docs is None:
            units = sum(len(d) for d in orig_docs)
            raise InputError(
                f"The pivot has {len(pivot_lines):,} lines, but a pivot must translate the "
                f"original line by line: the original has {units:,} lines in "
                f"{len(orig_docs)} document(s) (with its “{EOA}” lines, {len(orig_lines):,})."
            )
    out = []
    for k, (o_lines, t_lines) in enumerate(zip(orig_docs, trans_docs, strict=True)):
        piv = pivot_docs[k] if pivot_docs else None
        # units are the lines themselves (empty ones included), so indices are line numbers
        result = align_units_detailed(
            o_lines,
            t_lines,
            pivot_texts=piv,
            mode=args.mode,
            level=args.level,
            detect_moves=not args.no_moves,
        )
        out.append((o_lines, t_lines, result))
    return out


def _line_alignments(
    args: argparse.Namespace, aligned: list[tuple[list[str], list[str], UnitAlignment]]
) -> list[Alignment]:
    """The alignments of :func:`_presegmented`'s document pairs, with their documents
    (what every format but the beads reads)."""
    out = []
    for k, (o_lines, t_lines, result) in enumerate(aligned):
        o_doc = _units_document(o_lines, f"{Path(args.original).name}#{k + 1}")
        t_doc = _units_document(t_lines, f"{Path(args.translation).name}#{k + 1}")
        settings = AlignSettings(
            level=Level.PARAGRAPH,
            mode=Mode(args.mode),
            mode_used=result.mode_used,
            pivot_name=Path(args.pivot).name if args.pivot else "",
            extra=tuple(sorted({**dict(result.settings), "unit": args.level}.items())),
        )
        out.append(Alignment(o_doc, t_doc, result.beads, settings))
    return out


def _units_document(lines: list[str], name: str) -> Document:
    """A document whose paragraphs are exactly the given lines (blank lines kept as units)."""
    units = [line if line.strip() else "\u2205" for line in lines] or ["\u2205"]
    return document_from_units(units, name=name, split=False)


def _documents(args: argparse.Namespace) -> list[Alignment]:
    original = load_document(args.original)
    translation = load_document(args.translation)
    pivot = load_document(args.pivot) if args.pivot else None
    return [
        align(
            original,
            translation,
            level=args.level,
            mode=args.mode,
            pivot=pivot,
            detect_moves=not args.no_moves,
        )
    ]


def beads_text(documents: Sequence[Sequence[Bead]]) -> str:
    """The beads of each document, one per line, documents separated by ``.EOA`` lines."""
    return "".join(
        (EOA + "\n" if k else "") + "".join(f"{b}\n" for b in beads)
        for k, beads in enumerate(documents)
    )


def render(alignments: list[Alignment], fmt: str) -> str:
    """The alignments in one output format (documents separated as the format allows)."""
    if fmt == "beads":
        return beads_text([al.beads for al in alignments])
    rows = []
    for k, al in enumerate(alignments):
        for n, bead in enumerate(al.beads):
            o_ids, t_ids = al.unit_ids(bead)
            o_text, t_text = al.pair_texts(bead)
            rows.append(
                {
                    "document": k + 1,
                    "bead": n,
                    "notation": str(bead),
                    "kind": bead.kind,
                    "original": list(bead.original),
                    "translation": list(bead.translation),
                    "original_ids": list(o_ids),
                    "translation_ids": list(t_ids),
                    "score": bead.score,
                    "confidence": bead.confidence,
                    "original_text": o_text,
                    "translation_text": t_text,
                }
            )
    if fmt == "json":
        payload = {
            "documents": [
                {
                    "original": al.original.name,
                    "translation": al.translation.name,
                    "original_sha256": al.original_sha256,
                    "translation_sha256": al.translation_sha256,
                    "settings": al.settings.as_dict(),
                }
                for al in alignments
            ],
            "beads": rows,
        }
        return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["document"])
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                **row,
                "original": " ".join(map(str, row["original"])),
                "translation": " ".join(map(str, row["translation"])),
                "original_ids": " ".join(row["original_ids"]),
                "translation_ids": " ".join(row["translation_ids"]),
            }
        )
    return buf.getvalue()


def run(args: argparse.Namespace) -> int:
    """Align, then print or write the result; returns the exit status."""
    if args.format == "csv":
        print(
            "workbench align: --format csv is now --format beads-csv (a table of beads, not a "
            "review file; `workbench review` writes the alignment CSV the app opens)",
            file=sys.stderr,
        )
    if not args.presegmented:
        text = render(_documents(args), args.format)
    elif args.format == "beads":
        # the units are the lines themselves: the beads need no documents
        text = beads_text([result.beads for _, _, result in _presegmented(args)])
    else:
        text = render(_line_alignments(args, _presegmented(args)), args.format)
    if args.output:
        sources = [args.original, args.translation, *([args.pivot] if args.pivot else [])]
        write_output(Path(args.output), text.encode("utf-8"), inputs=[Path(s) for s in sources])
    else:
        sys.stdout.write(text)
    return 0
