"""``workbench segment PATH``: show how a document is cut into paragraphs and sentences."""

from __future__ import annotations

import argparse
import json
import sys

from workbench.model import Document
from workbench.text import load_document

_PREVIEW_WORDS = 10


def add_parser(
    subparsers: argparse._SubParsersAction, *, help_text: str
) -> argparse.ArgumentParser:
    """Register the ``segment`` sub-command."""
    parser = subparsers.add_parser(
        "segment",
        help=help_text,
        description=(
            "Read a document (.txt, .md, .docx, .html) and list its paragraphs with their "
            "stable ids (P1, P2, ...), kinds and first words; or print everything as JSON."
        ),
    )
    parser.add_argument("path", metavar="PATH", help="the document to read")
    parser.add_argument(
        "--sentences", action="store_true", help="list each paragraph's sentences under it"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the document, segments and sentences as JSON"
    )
    parser.add_argument(
        "--language",
        metavar="CODE",
        default=None,
        help="ISO 639-1 language for sentence rules (default: guessed from the text)",
    )
    parser.set_defaults(run=run)
    return parser


def document_as_dict(doc: Document) -> dict:
    """The JSON-ready form of a segmented document."""
    return {
        "name": doc.name,
        "sha256": doc.sha256,
        "encoding": doc.encoding,
        "language": doc.language,
        "script": doc.script,
        "format": doc.source_format,
        "segments": [
            {
                "id": seg.id,
                "kind": seg.kind,
                "start": seg.start,
                "end": seg.end,
                "text": seg.text,
                "sentences": [
                    {"id": s.id, "start": s.start, "end": s.end, "text": s.text}
                    for s in seg.sentences
                ],
            }
            for seg in doc.segments
        ],
    }


def _preview(text: str, words: int = _PREVIEW_WORDS) -> str:
    """First ``words`` words of ``text`` on one line (CJK: first 30 characters)."""
    parts = text.split()
    if len(parts) <= 2 and len(text) > 40:
        flat = " ".join(parts)
        return flat[:30] + "…"
    head = " ".join(parts[:words])
    return head + (" …" if len(parts) > words else "")


def render_text(doc: Document, *, sentences: bool) -> str:
    """The human-readable listing printed by ``workbench segment``."""
    n_sentences = sum(len(seg.sentences) for seg in doc.segments)
    lines = [
        f"{doc.name}: {doc.source_format}, {doc.encoding}, language {doc.language} "
        f"({doc.script}), {len(doc.segments)} paragraphs, {n_sentences} sentences"
    ]
    width = max(len(seg.id) for seg in doc.segments)
    for seg in doc.segments:
        lines.append(f"{seg.id:<{width}}  {seg.kind:<7}  {_preview(seg.text)}")
        if sentences:
            lines.extend(f"    {s.id}  {' '.join(s.text.split())}" for s in seg.sentences)
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Read, segment and print the document named on the command line."""
    doc = load_document(args.path, language=args.language)
    if args.json:
        json.dump(document_as_dict(doc), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_text(doc, sentences=args.sentences) + "\n")
    return 0
