"""Segmentation: normalised text -> Document of paragraphs and sentences with stable ids.

Paragraphs are blank-line separated blocks; a text without any blank line has one
paragraph per line. Hard-wrapped prose (lines cut at a fixed width by an editor, mail
client or e-text) is joined back into its paragraphs first, so the text a
:class:`Document` holds is the normalised, unwrapped text and every offset indexes it.
Markdown ``#`` headings are segments of their own.

Sentences: pysbd rules for alphabetic scripts, a punctuation splitter (。！？) for
Chinese and Japanese. Ids are ``P3`` for paragraphs and ``P3.S2`` for sentences.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from workbench.errors import EmptyDocumentError, TooLargeError
from workbench.ingest.normalise import normalise
from workbench.model import Document, Segment, SegmentKind, Sentence, sha256_text

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
# CJK sentences end at 。！？ (and ASCII !?), with closing quotes/brackets kept; a line
# break inside a paragraph also ends a sentence (as pysbd does for alphabetic text).
_CJK_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)\"']*|\n|$)")
# Anything that could end a sentence before the end of a paragraph.
_INNER_BOUNDARY = re.compile(r"[.!?…‽。！？\n]")
_FINAL_PUNCT = ".!?…‽。！？'\"”’)]»」』）"
_SINGLE_QUOTE_OPEN = re.compile(r"(?:^|\s)['‘‹„]")
_CLEAR_STOP = re.compile(r"(?:^|(?<=\s))([^\W\d_]{3,})([.!?]) +")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•‣◦·]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|>)")
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

#: Languages pysbd segments; others fall back to English rules.
_PYSBD_LANGS = frozenset(
    "en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split()  # noqa: SIM905
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
_BY_SCRIPT = {
    "Han": "zh",
    "Japanese": "ja",
    "Hangul": "ko",
    "Cyrillic": "ru",
    "Greek": "el",
    "Arabic": "ar",
    "Hebrew": "he",
    "Devanagari": "hi",
}

# Hard-wrap detection: wrapped prose has lines of a fixed width between these bounds
# (in display columns: CJK characters count two).
_MIN_WRAP_WIDTH = 45
_MAX_WRAP_WIDTH = 200


def script_of(text: str) -> str:
    """Dominant writing script of ``text`` (by letter count), e.g. "Latin", "Han"."""
    counts: Counter[str] = Counter()
    # ASCII letters are Latin: count them at C speed, look up names only for the rest.
    ascii_letters = len(_ASCII_LETTER.findall(text))
    if ascii_letters:
        counts["LATIN"] = ascii_letters
    for ch in _ASCII_RUN.sub("", text):
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
    if script in _BY_SCRIPT:
        return _BY_SCRIPT[script]
    if script != "Latin":
        return "und"
    words = Counter(w.lower() for w in re.findall(r"[^\W\d_]+", sample))
    scores = {lang: sum(words[w] for w in sw.split()) for lang, sw in _STOPWORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] > 0 else "und"


# --- sentences ------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _pysbd_segmenter(language: str):  # noqa: ANN202 - pysbd has no public type
    import pysbd  # local import: pysbd builds its rules on first use, keep import cheap

    return pysbd.Segmenter(language=language, clean=False)


def _cuts_to_spans(text: str, cuts: Sequence[int]) -> list[tuple[int, int]]:
    """Spans between consecutive cut points, trimmed of surrounding whitespace."""
    spans, start = [], 0
    for cut in [*cuts, len(text)]:
        if cut <= start:
            continue
        s, e = start, cut
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        start = cut
    return spans


def _pysbd_cuts(text: str, language: str) -> list[int]:
    """Sentence end offsets pysbd finds in ``text``, located in ``text`` itself.

    ``Segmenter.segment()`` re-finds each sentence with a freshly compiled regex (a third
    of its time) and silently drops one it cannot find; we take the processor's sentences
    and locate each from the previous cut. A sentence pysbd altered is not found: the
    text up to the next sentence found nearby becomes one sentence, so nothing is lost.
    """
    seg = _pysbd_segmenter(language if language in _PYSBD_LANGS else "en")
    cuts: list[int] = []
    pos = 0
    unmatched = 0  # length of sentences not found since the last cut
    for sentence in seg.processor(text).process():
        piece = sentence.strip()
        if not piece:
            continue
        found = text.find(piece, pos)
        gap = text[pos:found].strip() if found >= 0 else ""
        if found < 0 or len(gap) > unmatched + 10:
            unmatched += len(piece)
            continue
        if gap:
            cuts.append(found)  # close the stretch pysbd altered
        pos = found + len(piece)
        cuts.append(pos)
        unmatched = 0
    return cuts


#: pysbd's abbreviation pass is quadratic in the length of what it is given; longer
#: stretches are cut into windows of about this many characters first.
_PYSBD_WINDOW = 2000


def _windows(text: str, size: int) -> list[tuple[int, int]]:
    """Cut ``text`` into stretches of about ``size`` characters at likely sentence ends.

    Each cut is after a ``.``/``!``/``?`` followed by a space when one is near the
    window's end, else at a space, else hard; so only a sentence end that falls exactly
    on a window edge can be decided differently from a whole-text pass.
    """
    spans, start = [], 0
    while len(text) - start > size * 2:
        lo, hi = start + size // 2, start + size
        window = text[lo:hi]
        cut = max(window.rfind(". "), window.rfind("! "), window.rfind("? "))
        cut = lo + cut + 1 if cut >= 0 else (lo + window.rfind(" ") if " " in window else hi)
        spans.append((start, cut))
        start = cut
    spans.append((start, len(text)))
    return spans


def _pysbd_cuts_bounded(text: str, language: str) -> list[int]:
    """:func:`_pysbd_cuts` in linear time: long texts go to pysbd window by window."""
    if len(text) <= _PYSBD_WINDOW * 2:
        return _pysbd_cuts(text, language)
    cuts: list[int] = []
    for start, end in _windows(text, _PYSBD_WINDOW):
        cuts.extend(start + c for c in _pysbd_cuts(text[start:end], language))
        cuts.append(end)
    return cuts


@lru_cache(maxsize=32)
def _abbreviations(language: str) -> frozenset[str]:
    """pysbd's abbreviation list for ``language`` (lower case, without dots)."""
    from pysbd.languages import Language

    module = Language.get_language_code(language if language in _PYSBD_LANGS else "en")
    return frozenset(a.strip().lower().rstrip(".") for a in module.Abbreviation.ABBREVIATIONS)


_PAIRED = '()[]“”«»"'


def _balanced(counts: dict[str, int]) -> bool:
    """No bracket or double quote counted in ``counts`` (a text's prefix) is still open."""
    return (
        counts["("] == counts[")"]
        and counts["["] == counts["]"]
        and counts["“"] == counts["”"]
        and counts["«"] == counts["»"]
        and counts['"'] % 2 == 0
    )


def _clear_cuts(text: str, language: str) -> list[int]:
    """Cut points after sentences that end unambiguously.

    "Clear" means a lowercase word of three or more letters (not an abbreviation),
    one ``.``/``!``/``?``, spaces, then a capitalised word, with no bracket or quote
    open around it: every pysbd language with Latin script ends a sentence there.
    """
    if _SINGLE_QUOTE_OPEN.search(text):
        return []  # single quotes and apostrophes cannot be told apart reliably
    abbreviations = _abbreviations(language)
    cuts = []
    # Bracket counts of text[:scanned], advanced to each candidate cut (cuts only grow):
    # recounting the whole prefix at every cut is quadratic on a long paragraph.
    counts = dict.fromkeys(_PAIRED, 0)
    scanned = 0
    for m in _CLEAR_STOP.finditer(text):
        word, after = m.group(1), m.end()
        if not word.islower() or word.lower() in abbreviations:
            continue
        if not (after + 1 < len(text) and text[after].isupper() and text[after + 1].islower()):
            continue
        cut = m.start(2) + 1
        chunk = text[scanned:cut]
        for ch in _PAIRED:
            counts[ch] += chunk.count(ch)
        scanned = cut
        if _balanced(counts):
            cuts.append(cut)
    return cuts


def _has_inner_boundary(text: str) -> bool:
    """Whether anything before the final punctuation of ``text`` could end a sentence."""
    return bool(_INNER_BOUNDARY.search(text.rstrip().rstrip(_FINAL_PUNCT)))


@lru_cache(maxsize=65536)
def _sentence_spans(text: str, language: str) -> tuple[tuple[int, int], ...]:
    script = script_of(text[:2000])
    if script in ("Han", "Japanese") or (script == "Unknown" and language in ("zh", "ja")):
        cuts = [m.end() for m in _CJK_SENTENCE.finditer(text) if m.end() > m.start()]
        return tuple(_cuts_to_spans(text, cuts))
    if script != "Latin":
        # other scripts have their own stops (Greek ";", Hindi "।", Arabic "؟"): pysbd
        return tuple(_cuts_to_spans(text, _pysbd_cuts_bounded(text, language)))
    # Speed (pysbd costs ~0.5 ms per paragraph): cut at unambiguous sentence ends first
    # and ask pysbd only about the pieces that still hold a possible boundary. On real
    # prose this is pysbd's own answer (tests/test_segment.py); only word salads of list
    # markers and abbreviations, where pysbd's list rules look across sentences, differ.
    clear = _clear_cuts(text, language)
    cuts, start = [], 0
    for end in [*clear, len(text)]:
        piece = text[start:end]
        if _has_inner_boundary(piece):
            cuts.extend(start + c for c in _pysbd_cuts_bounded(piece, language))
        cuts.append(end)
        start = end
    return tuple(_cuts_to_spans(text, cuts))


def split_sentences(text: str, *, language: str = "en") -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``, whitespace between sentences excluded.

    The spans cover every non-space character of ``text`` in order; Chinese and Japanese
    paragraphs are cut after 。！？, others by pysbd's rules for ``language``.
    """
    if not text.strip():
        return []
    return list(_sentence_spans(text, language))


# --- hard-wrapped text ----------------------------------------------------------------


def _width(s: str) -> int:
    """Display width: East Asian wide/full-width characters count two columns."""
    if s.isascii():
        return len(s)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in s)


def _is_wide(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in "WF"


def _first_word(line: str) -> str:
    stripped = line.lstrip()
    if stripped and _is_wide(stripped[0]):
        return stripped[0]  # CJK wraps anywhere: the "word" is one character
    return stripped.split(" ", 1)[0]


def _soft_breaks(lines: list[str], *, doc_limit: int | None = None) -> list[bool] | None:
    """For a run of lines, which breaks are wraps (True) or real ends (False); None if
    the run does not look hard-wrapped at all.

    A run of two lines says little about its own width (its longer line is always
    "full"), so it is judged against ``doc_limit``, the wrap width of the document's
    longer wrapped runs, and left alone when the document has none.
    """
    if len(lines) < 2:
        return None
    widths = [_width(line) for line in lines]
    limit = max(widths)
    if len(lines) == 2:
        if doc_limit is None or limit > doc_limit + 2:
            return None
        limit = doc_limit
    if not _MIN_WRAP_WIDTH <= limit <= _MAX_WRAP_WIDTH:
        return None
    soft, structured = [], 0
    for i in range(len(lines) - 1):
        line, nxt = lines[i], lines[i + 1]
        word = _first_word(nxt)
        gap = 0 if _is_wide(word[:1]) and _is_wide(line[-1:]) else 1
        # a wrapped line is "full": the next word would not have fitted on it; a word
        # hyphenated across the break is a wrap too
        full = widths[i] + gap + _width(word) > limit or bool(
            re.search(r"[^\W\d_]-$", line) and nxt.lstrip()[:1].isalpha()
        )
        indented = len(nxt) - len(nxt.lstrip()) > len(line) - len(line.lstrip())
        soft.append(full and not indented)
        if re.search(r"[.,;:!?—\"”’)]$", line) and nxt.lstrip()[:1].isupper():
            structured += 1
    n = len(soft)
    if sum(soft) / n < 0.6:
        return None
    # Verse: most lines end in punctuation and the next starts with a capital letter.
    if structured / n > 0.5:
        return None
    return soft


class _Vocabulary:
    """Word counts of a text, built on first use, to decide line-end hyphens."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None

    def count(self, word: str) -> int:
        if self._counts is None:
            self._counts = Counter(w.lower() for w in _WORD.findall(self._text))
        return self._counts[word.lower()]


def _join(left: str, right: str, vocab: _Vocabulary) -> str:
    """Join a wrapped line and its continuation, mending words split at a hyphen."""
    right = right.lstrip()
    # only the tail matters; ``left`` grows as a paragraph's lines are joined
    m = re.search(r"([^\W\d_]+)-$", left[-80:]) if left.endswith("-") else None
    n = re.match(r"[^\W\d_]+", right)
    if m and n and right[0].islower():
        head, tail = m.group(1), n.group(0)
        merged, hyphenated = head + tail, head + "-" + tail
        # Evidence from elsewhere in the text decides; both halves being words in their
        # own right suggests a compound ("well-known"); otherwise it is typesetting.
        keep = vocab.count(hyphenated) > 0 or (
            vocab.count(merged) == 0 and vocab.count(head) > 1 and vocab.count(tail) > 1
        )
        return left + right if keep else left[:-1] + right
    # an unspaced dash joins its words; a spaced one ("before —") keeps its space
    dash = left.endswith(("—", "-")) and not left.endswith((" —", " -"))
    if dash or (_is_wide(left[-1:]) and _is_wide(right[:1])):
        return left + right
    return left + " " + right


def _runs(block: str) -> list[list[str]] | None:
    """A block's runs of prose lines (split at headings), or None to keep it as is."""
    lines = block.split("\n")
    if len(lines) < 2 or any(_LIST_ITEM.match(x) or _CODE_FENCE.match(x) for x in lines):
        return None  # lists, quotes and code keep their line structure
    runs: list[list[str]] = [[]]
    for line in lines:
        if _MD_HEADING.match(line.strip()) or not line.strip():
            runs.extend([[line], []])  # a heading is a run of its own, never joined
        else:
            runs[-1].append(line)
    return [run for run in runs if run]


def _unwrap_run(lines: list[str], vocab: _Vocabulary, doc_limit: int | None) -> list[str]:
    """Join the wrapped lines of a run; lines after a real break start anew."""
    soft = _soft_breaks(lines, doc_limit=doc_limit)
    if soft is None:
        return lines
    out = [lines[0]]
    for is_soft, line in zip(soft, lines[1:], strict=True):
        if is_soft:
            out[-1] = _join(out[-1], line, vocab)
        else:
            out.append(line)
    return out


def unwrap(text: str) -> str:
    """Join hard-wrapped lines back into paragraphs; other line structure is kept."""
    if "\n" not in text:
        return text
    blocks, separators, pos = [], [], 0
    for m in _BLANK_LINE.finditer(text):
        blocks.append(text[pos : m.start()])
        separators.append(m.group())
        pos = m.end()
    blocks.append(text[pos:])
    split_blocks = [_runs(block) for block in blocks]
    # The document's wrap width, from runs long enough to show it themselves.
    limits = [
        max(_width(line) for line in run)
        for runs in split_blocks
        if runs
        for run in runs
        if len(run) >= 3 and _soft_breaks(run) is not None
    ]
    doc_limit = max(limits) if limits else None
    vocab = _Vocabulary(text)
    pieces = []
    for i, (block, runs) in enumerate(zip(blocks, split_blocks, strict=True)):
        if runs is None:
            pieces.append(block)
        else:
            pieces.append("\n".join(x for run in runs for x in _unwrap_run(run, vocab, doc_limit)))
        if i < len(separators):
            pieces.append(separators[i])
    return "".join(pieces)


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

    The text is normalised (see :func:`workbench.ingest.normalise`) and hard-wrapped
    lines are joined; ``Document.text`` is that text and all offsets index it.
    """
    if not text.strip():
        raise EmptyDocumentError(f"“{name}” contains no text.")
    text = unwrap(normalise(text))
    if not text.strip():
        raise EmptyDocumentError(f"“{name}” contains no visible text.")
    lang = language or guess_language(text)
    spans: list[tuple[int, int]] = []
    for start, end in _paragraph_blocks(text):
        spans.extend(_split_headings(text, start, end))
    if max_segments is not None and len(spans) > max_segments:
        raise TooLargeError(
            f"“{name}” has {len(spans):,} paragraphs; the most accepted is {max_segments:,}."
        )
    segments = []
    previous: list[tuple[SegmentKind, str]] = []
    for index, (start, end) in enumerate(spans):
        para = text[start:end]
        pid = f"P{index + 1}"
        sentences = tuple(
            Sentence(id=f"{pid}.S{k + 1}", text=para[s:e], start=start + s, end=start + e)
            for k, (s, e) in enumerate(split_sentences(para, language=lang))
        )
        kind = _classify(para, index=index, previous=previous)
        previous.append((kind, para))
        segments.append(
            Segment(
                id=pid,
                index=index,
                text=para,
                start=start,
                end=end,
                kind=kind,
                sentences=sentences,
            )
        )
    log.info("segmented %s: %d paragraphs, language %s", name, len(segments), lang)
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
    offsets stay exact; an empty unit stays an empty paragraph so unit ``i`` is
    always ``P{i+1}``. With ``split=False`` each unit is also exactly one sentence
    (what sentence-aligned corpora need); with ``split=True`` sentences are found
    inside each unit.
    """
    if not any(u.strip() for u in units):
        raise EmptyDocumentError(f"“{name}” contains no text.")
    clean = [u.strip() for u in units]
    text = "\n\n".join(clean)
    lang = language or guess_language(text)
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
                sentences=sentences,
            )
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
