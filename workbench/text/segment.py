"""Segmentation: normalised text -> Document of paragraphs and sentences with stable ids.

Paragraphs are blank-line separated blocks; a text without any blank line has one
paragraph per line. Hard-wrapped prose (lines cut at a fixed width by an editor, mail
client or e-text) is joined back into its paragraphs first, so the text a
:class:`Document` holds is the normalised, unwrapped text and every offset indexes it.
Markdown ``#`` headings are segments of their own.

Sentences come from :mod:`workbench.text.sentences`. Ids are ``P3`` for paragraphs and
``P3.S2`` for sentences.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import EmptyDocumentError, TooLargeError
from workbench.model import Document, Segment, SegmentKind, Sentence, sha256_text
from workbench.text.language import language_and_script
from workbench.text.normalise import normalise
from workbench.text.sentences import split_sentences
from workbench.text.unwrap import unwrap

log = logging.getLogger(__name__)

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_FRONT_LABELS = (
    r"(?:original\s+)?(?:authors?|translators?|translation|translated\s+by|source|"
    r"written\s+by|edited\s+by|editors?|compiled\s+by|proofread(?:ing|\s+by)?|"
    r"(?:原文|原)?(?:作者|标题|標題|链接|連結|翻译|翻譯|译者|譯者|编译|編譯|编辑|編輯|"
    r"来源|來源|出处|出處|校对|校對)|原文|著者|訳者|翻訳|출처|저자|번역)"
)
# "Label: value" credit lines, or a short "By Name" byline.
_FRONT_LABEL = re.compile(rf"^{_FRONT_LABELS}\s*[:：]", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|(?:translated|written|edited)\s+by)\s+(.+)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…。！？]['\"”’)\]]*$")


@dataclass(frozen=True)
class SentenceSplitter:
    """The sentence spans of a paragraph in one language (equal splitters compare equal)."""

    language: str

    def __call__(self, text: str) -> list[tuple[int, int]]:
        return split_sentences(text, language=self.language)


# --- paragraphs -----------------------------------------------------------------------


def _paragraph_blocks(text: str) -> list[tuple[int, int]]:
    """Raw paragraph spans: blank-line blocks, or lines when the text has no blank lines."""
    if _BLANK_LINE.search(text):
        blocks, pos = [], 0
        for m in _BLANK_LINE.finditer(text):
            blocks.append((pos, m.start()))
            pos = m.end()
        blocks.append((pos, len(text)))
    else:
        blocks, pos = [], 0
        for line in text.split("\n"):
            blocks.append((pos, pos + len(line)))
            pos += len(line) + 1
    out = []
    for start, end in blocks:
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if trail > lead:
            out.append((start + lead, start + trail))
    return out


def _split_headings(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split off markdown heading lines inside a block so each heading is its own segment.

    ``[start, end)`` is a block of :func:`_paragraph_blocks` (stripped, not empty).
    """
    if text.find("\n", start, end) < 0:
        return [(start, end)]  # one line (most paragraphs): heading or not, one segment
    lines, pos, spans = text[start:end].split("\n"), start, []
    current: tuple[int, int] | None = None
    for line in lines:
        lstart, lend = pos, pos + len(line)
        pos = lend + 1
        if _MD_HEADING.match(line.strip()):
            if current:
                spans.append(current)
                current = None
            spans.append((lstart, lend))
        elif current is None:
            current = (lstart, lend)
        else:
            current = (current[0], lend)
    if current:
        spans.append(current)
    out = []
    for s, e in spans:
        chunk = text[s:e]
        lead, trail = len(chunk) - len(chunk.lstrip()), len(chunk.rstrip())
        if trail > lead:
            out.append((s + lead, s + trail))
    return out


def _is_title_like(text: str) -> bool:
    """A short line without sentence-final punctuation (a plain-text title)."""
    return len(text) <= 100 and "\n" not in text and not _SENTENCE_END.search(text)


def _is_credit(text: str) -> bool:
    """A credit line: "Author: ...", "译者：...", or a byline such as "By Jane Doe"."""
    if _FRONT_LABEL.match(text):
        return True
    m = _BYLINE.match(text)
    if not m or _SENTENCE_END.search(text):
        return False
    names = m.group(1).split()
    # a byline names people: short, and mostly capitalised words
    return len(names) <= 6 and sum(w[:1].isupper() for w in names) >= len(names) / 2


def _classify(text: str, *, index: int, previous: Sequence[tuple[SegmentKind, str]]) -> SegmentKind:
    """Kind of a paragraph: markdown heading, credit line near the start, or body."""
    stripped = text.strip()
    if _MD_HEADING.match(stripped):
        return "heading"
    if (
        index < 6
        and len(stripped) <= 150
        and "\n" not in stripped
        and _is_credit(stripped)
        # credits come before the body: only headings, credits or a title precede them
        and all(kind != "body" or _is_title_like(t) for kind, t in previous)
    ):
        return "front"
    return "body"


def segment_text(
    text: str,
    *,
    name: str = "document",
    encoding: str = "utf-8",
    source_format: str = "txt",
    language: str | None = None,
    max_segments: int | None = None,
) -> Document:
    """Cut ``text`` into paragraphs (P1, P2, ...) and sentences (P1.S1, ...).

    The text is normalised (see :func:`workbench.text.normalise`) and hard-wrapped
    lines are joined; ``Document.text`` is that text and all offsets index it.
    """
    if not text.strip():
        raise EmptyDocumentError(f"“{name}” contains no text.")
    text = unwrap(normalise(text))
    if not text.strip():
        raise EmptyDocumentError(f"“{name}” contains no visible text.")
    lang, script = language_and_script(text, language=language)
    spans: list[tuple[int, int]] = []
    for start, end in _paragraph_blocks(text):
        spans.extend(_split_headings(text, start, end))
    if max_segments is not None and len(spans) > max_segments:
        raise TooLargeError(
            f"“{name}” has {len(spans):,} paragraphs; the most accepted is {max_segments:,}."
        )
    segments = []
    previous: list[tuple[SegmentKind, str]] = []
    splitter = SentenceSplitter(lang)  # sentences are split when first asked for
    for index, (start, end) in enumerate(spans):
        para = text[start:end]
        kind = _classify(para, index=index, previous=previous)
        previous.append((kind, para))
        segments.append(
            Segment(
                id=f"P{index + 1}",
                index=index,
                text=para,
                start=start,
                end=end,
                kind=kind,
                splitter=splitter,
            )
        )
    log.info("segmented %s: %d paragraphs, language %s", name, len(segments), lang)
    return Document(
        name=name,
        text=text,
        sha256=sha256_text(text),
        encoding=encoding,
        language=lang,
        script=script,
        segments=tuple(segments),
        source_format=source_format,
    )


def document_from_units(
    units: Sequence[str],
    *,
    name: str = "document",
    language: str | None = None,
    split: bool = False,
) -> Document:
    """A Document from pre-segmented units (one paragraph, or one sentence, each).

    Units are stripped (inner line breaks kept) and joined with blank lines, so
    offsets stay exact; an empty unit stays an empty paragraph so unit ``i`` is
    always ``P{i+1}``. With ``split=False`` each unit is also exactly one sentence
    (what sentence-aligned corpora need); with ``split=True`` sentences are found
    inside each unit.
    """
    if not any(u.strip() for u in units):
        raise EmptyDocumentError(f"“{name}” contains no text.")
    clean = [u.strip() for u in units]
    text = "\n\n".join(clean)
    lang, script = language_and_script(text, language=language)
    segments, pos = [], 0
    for index, unit in enumerate(clean):
        pid = f"P{index + 1}"
        whole = [(0, len(unit))] if unit else []
        spans = split_sentences(unit, language=lang) if split else whole
        sentences = tuple(
            Sentence(id=f"{pid}.S{k + 1}", text=unit[s:e], start=pos + s, end=pos + e)
            for k, (s, e) in enumerate(spans)
        )
        segments.append(
            Segment(
                id=pid,
                index=index,
                text=unit,
                start=pos,
                end=pos + len(unit),
                kind="body",
                given_sentences=sentences,
            )
        )
        pos += len(unit) + 2
    return Document(
        name=name,
        text=text,
        sha256=sha256_text(text),
        encoding="utf-8",
        language=lang,
        script=script,
        segments=tuple(segments),
        source_format="units",
    )
