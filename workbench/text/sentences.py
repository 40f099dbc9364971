"""Sentences inside a paragraph: pysbd rules for alphabetic scripts, 。！？ for Chinese/Japanese.

Spans cover every non-space character of a paragraph in order; pysbd is asked only
about the stretches that hold a possible boundary (see :func:`_sentence_spans`) and
long stretches are cut into windows first, so splitting stays linear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from workbench.text.language import script_of

# CJK sentences end at 。！？ (and ASCII !?), with closing quotes/brackets kept; a line
# break inside a paragraph also ends a sentence (as pysbd does for alphabetic text).
_CJK_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+[”’」』）)\"']*|\n|$)")
# Anything that could end a sentence before the end of a paragraph.
_INNER_BOUNDARY = re.compile(r"[.!?…‽。！？\n]")
_FINAL_PUNCT = ".!?…‽。！？'\"”’)]»」』）"
_SINGLE_QUOTE_OPEN = re.compile(r"(?:^|\s)['‘‹„]")
_CLEAR_STOP = re.compile(r"(?:^|(?<=\s))([^\W\d_]{3,})([.!?]) +")

#: Languages pysbd segments; others fall back to English rules.
_PYSBD_LANGS = frozenset(
    "en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split()  # noqa: SIM905
)


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
