"""Hard-wrapped prose (lines cut at a fixed width by an editor or mail client) joined back.

A run of lines is wrapped when most of its breaks fall where the next word would not
have fitted; verse, lists, quotes and code keep their line structure. Words hyphenated
across a break are mended unless the text itself spells them with the hyphen.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_MD_HEADING = re.compile(r"^#{1,6}\s+\S")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+•‣◦·]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|>)")
_CODE_FENCE = re.compile(r"^\s*(```|~~~)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Hard-wrap detection: wrapped prose has lines of a fixed width between these bounds
# (in display columns: CJK characters count two).
_MIN_WRAP_WIDTH = 45
_MAX_WRAP_WIDTH = 200


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


class Vocabulary:
    """Word counts of a text, built on first use, to decide line-end hyphens."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._counts: Counter[str] | None = None

    def count(self, word: str) -> int:
        if self._counts is None:
            self._counts = Counter(w.lower() for w in _WORD.findall(self._text))
        return self._counts[word.lower()]


def join_lines(left: str, right: str, vocab: Vocabulary) -> str:
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


def _unwrap_run(lines: list[str], vocab: Vocabulary, doc_limit: int | None) -> list[str]:
    """Join the wrapped lines of a run; lines after a real break start anew."""
    soft = _soft_breaks(lines, doc_limit=doc_limit)
    if soft is None:
        return lines
    out = [lines[0]]
    for is_soft, line in zip(soft, lines[1:], strict=True):
        if is_soft:
            out[-1] = join_lines(out[-1], line, vocab)
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
    vocab = Vocabulary(text)
    pieces = []
    for i, (block, runs) in enumerate(zip(blocks, split_blocks, strict=True)):
        if runs is None:
            pieces.append(block)
        else:
            pieces.append("\n".join(x for run in runs for x in _unwrap_run(run, vocab, doc_limit)))
        if i < len(separators):
            pieces.append(separators[i])
    return "".join(pieces)
