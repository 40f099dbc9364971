"""Segmentation: normalised text -> Document of paragraphs and sentences with stable ids."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from workbench.errors import EmptyDocumentError
from workbench.model import Document, Segment, SegmentKind, Sentence, sha256_text

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_FRONT_MATTER = re.compile(
    r"^(original\s+)?(author|translat(ion|or|ed by)|source|by|written by|editor|"
    r"原文|作者|翻译|译者|编译)\b\s*[:：]?",
    re.IGNORECASE,
)
_CJK_SENTENCE = re.compile(r"[^。！？!?]*(?:[。！？!?]+[”’」』）)]*|$)")

#: Languages pysbd segments; others fall back to English rules (Latin) or CJK punctuation.
_PYSBD_LANGS = frozenset(
    "en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split()
)
_STOPWORDS = {
    "en": "the and of to in is that it for was with as on are this be not have by",
    "de": "der die und das ist nicht ein eine zu den mit sich von auf für im dem des",
    "fr": "le la les et des est une un du que pour dans en pas qui sur au avec il",
    "es": "el la los las y de que en un una es por con para no se del al",
    "it": "il la le e di che è un una per non con del della sono gli",
    "nl": "de het een en van is dat niet op te zijn voor met die",
    "pt": "o a os as e de que em um uma não para com do da é",
}


def script_of(text: str) -> str:
    """Dominant writing script of ``text`` (by letter count), e.g. "Latin", "Han"."""
    counts: Counter[str] = Counter()
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        if not name:
            continue
        first = name.split(" ", 1)[0]
        if first == "CJK" or "IDEOGRAPH" in name:
            first = "HAN"
        elif first in ("HIRAGANA", "KATAKANA"):
            first = "KANA"
        elif first == "HANGUL":
            first = "HANGUL"
        counts[first] += 1
    if not counts:
        return "Unknown"
    script = counts.most_common(1)[0][0]
    if script == "HAN" and counts.get("KANA", 0) > counts["HAN"] * 0.1:
        script = "KANA"
    return {"HAN": "Han", "KANA": "Japanese", "HANGUL": "Hangul"}.get(script, script.title())


def guess_language(text: str) -> str:
    """ISO 639-1 guess from script and, for Latin script, common function words."""
    sample = text[:20000]
    script = script_of(sample)
    by_script = {"Han": "zh", "Japanese": "ja", "Hangul": "ko", "Cyrillic": "ru",
                 "Greek": "el", "Arabic": "ar", "Hebrew": "he", "Devanagari": "hi"}
    if script in by_script:
        return by_script[script]
    if script != "Latin":
        return "und"
    words = Counter(w.lower() for w in re.findall(r"[^\W\d_]+", sample))
    scores = {lang: sum(words[w] for w in sw.split()) for lang, sw in _STOPWORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] > 0 else "und"


@lru_cache(maxsize=16)
def _pysbd_segmenter(language: str):  # noqa: ANN202 - pysbd has no public type
    import pysbd  # local import: pysbd builds its rules on first use, keep import cheap

    return pysbd.Segmenter(language=language, clean=False, char_span=True)


def split_sentences(text: str, *, language: str = "en") -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``, whitespace between sentences excluded."""
    if not text.strip():
        return []
    if language in ("zh", "ja") or script_of(text[:2000]) in ("Han", "Japanese"):
        raw = [(m.start(), m.end()) for m in _CJK_SENTENCE.finditer(text) if m.end() > m.start()]
    else:
        seg = _pysbd_segmenter(language if language in _PYSBD_LANGS else "en")
        raw = [(s.start, s.end) for s in seg.segment(text)]
    spans: list[tuple[int, int]] = []
    pos = 0
    for start, end in raw:
        start = max(start, pos)
        # trim whitespace so spans cover only the sentence's characters
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
            pos = end
    if not spans:
        stripped_start = len(text) - len(text.lstrip())
        spans.append((stripped_start, len(text.rstrip())))
    return spans


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
    """Split off markdown heading lines inside a block so each heading is its own segment."""
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
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _classify(text: str, *, index: int) -> SegmentKind:
    stripped = text.strip()
    if _MD_HEADING.match(stripped):
        return "heading"
    if index < 5 and len(stripped) <= 120 and _FRONT_MATTER.match(stripped):
        return "front"
    return "body"


def segment_text(
    text: str,
    *,
    name: str = "document",
    encoding: str = "utf-8",
    source_format: str = "txt",
    language: str | None = None,
) -> Document:
    """Cut normalised ``text`` into paragraphs (P1, P2, ...) and sentences (P1.S1, ...)."""
    if not text.strip():
        raise EmptyDocumentError(f"“{name}” contains no text.")
    lang = language or guess_language(text)
    spans: list[tuple[int, int]] = []
    for start, end in _paragraph_blocks(text):
        spans.extend(_split_headings(text, start, end))
    segments = []
    for index, (start, end) in enumerate(spans):
        para = text[start:end]
        pid = f"P{index + 1}"
        sentences = tuple(
            Sentence(id=f"{pid}.S{k + 1}", text=para[s:e], start=start + s, end=start + e)
            for k, (s, e) in enumerate(split_sentences(para, language=lang))
        )
        segments.append(
            Segment(
                id=pid,
                index=index,
                text=para,
                start=start,
                end=end,
                kind=_classify(para, index=index),
                sentences=sentences,
            )
        )
    return Document(
        name=name,
        text=text,
        sha256=sha256_text(text),
        encoding=encoding,
        language=lang,
        script=script_of(text[:20000]),
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
    offsets stay exact. With ``split=False``
    each unit is also exactly one sentence (what sentence-aligned corpora need);
    with ``split=True`` sentences are found inside each unit.
    """
    if not any(u.strip() for u in units):
        raise EmptyDocumentError(f"“{name}” contains no text.")
    clean = [u.strip() for u in units]
    text = "\n\n".join(clean)
    lang = language or guess_language(text)
    segments, pos = [], 0
    for index, unit in enumerate(clean):
        pid = f"P{index + 1}"
        if split:
            spans = split_sentences(unit, language=lang)
        else:
            spans = [(0, len(unit))] if unit else []
        sentences = tuple(
            Sentence(id=f"{pid}.S{k + 1}", text=unit[s:e], start=pos + s, end=pos + e)
            for k, (s, e) in enumerate(spans)
        )
        segments.append(
            Segment(id=pid, index=index, text=unit, start=pos, end=pos + len(unit),
                    kind="body", sentences=sentences)
        )
        pos += len(unit) + 2
    return Document(
        name=name,
        text=text,
        sha256=sha256_text(text),
        encoding="utf-8",
        language=lang,
        script=script_of(text[:20000]),
        segments=tuple(segments),
        source_format="units",
    )
