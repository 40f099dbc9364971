"""Paragraphs rebuilt from the text boxes of PDF pages (read by :mod:`workbench.text.pdf`).

Running headers, footers and page numbers repeated across pages are dropped; each page
is cut into columns at the gutters no line crosses (a page with too few lines to show
them takes the gutters of the other pages that fit it) and read column by column; lines
become paragraphs. A paragraph starts after a vertical gap, at an indented first line,
after a line that ends early (the next word would have fitted on it), or where the type
size changes. Its lines are joined as :mod:`workbench.text.unwrap` joins wrapped lines,
mending words hyphenated at a line end.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, replace

from workbench.text.unwrap import Vocabulary, join_lines

# --- layout rules (positions in points, 1/72 inch; "heights" are multiples of the type size)

#: Lines whose boxes overlap vertically by this share of the smaller height share a row.
SAME_ROW_OVERLAP = 0.5
#: Boxes on a row further apart than this many line heights are in different columns.
COLUMN_GAP_HEIGHTS = 1.5
#: Boxes on a row closer than this many heights are parts of one word (a font change).
SPACE_GAP_HEIGHTS = 0.1
#: A gutter is at least this wide (in heights) and crossed by no more than this share of
#: a page's lines (a title spanning two columns crosses it).
MIN_GUTTER_HEIGHTS = 1.0
MAX_GUTTER_CROSSING = 0.1
#: Each side of a gutter holds at least this many lines.
MIN_COLUMN_LINES = 3
#: A line at the top or bottom of a page is a running header or footer when its text,
#: digits aside, recurs there on this share of the pages (and on two at least).
REPEATED_ON_PAGES = 0.3
#: How many lines at the top and at the bottom of a page may be headers or footers.
MARGIN_LINES = 2
#: A line that is only a page number ("7", "- 7 -", "Page 7 of 9", "vii").
_PAGE_NUMBER = re.compile(
    r"^[\W_]*(?:page\s*|p\.\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|/)\s*\d{1,4})?[\W_]*$",
    re.IGNORECASE,
)
#: Line spacing this much larger than the usual spacing is a gap between paragraphs.
PARAGRAPH_GAP_RATIO = 1.3
#: A first line indented by at least this many heights (and at most INDENT_MAX_SHARE of
#: the column width: more is a centred or right-aligned line) starts a paragraph.
INDENT_MIN_HEIGHTS = 0.7
INDENT_MAX_SHARE = 0.25
#: Type sizes differing by more than this share are different paragraphs (a heading).
SIZE_CHANGE = 0.15
#: Positions within this many points count as the same edge.
EDGE_TOLERANCE = 2.0


@dataclass(frozen=True)
class Line:
    """A run of text on one line of a page: its box and baseline (counted from the page
    top) and the type size of its first character."""

    page: int
    x0: float
    x1: float
    top: float
    bottom: float
    baseline: float
    size: float
    text: str

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)


def rows(boxes: list[Line]) -> list[Line]:
    """Boxes on one row joined into lines; a row is cut where a gap is a column gutter."""
    boxes = sorted(boxes, key=lambda b: (b.top, b.x0))
    rows: list[list[Line]] = []
    for box in boxes:
        for row in reversed(rows[-4:]):
            first = row[0]
            overlap = min(first.bottom, box.bottom) - max(first.top, box.top)
            if overlap >= SAME_ROW_OVERLAP * min(first.height, box.height):
                row.append(box)
                break
        else:
            rows.append([box])
    lines = []
    for row in rows:
        row.sort(key=lambda b: b.x0)
        current = row[0]
        for box in row[1:]:
            gap = box.x0 - current.x1
            if gap > COLUMN_GAP_HEIGHTS * current.size:
                lines.append(current)
                current = box
                continue
            glue = " " if gap > SPACE_GAP_HEIGHTS * current.size else ""
            current = replace(
                current,
                x1=max(current.x1, box.x1),
                top=min(current.top, box.top),
                bottom=max(current.bottom, box.bottom),
                text=current.text + glue + box.text,
            )
        lines.append(current)
    return lines


def _signature(line: Line) -> str:
    """A header's text with its page number (any digits) left out."""
    return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without their running headers, footers and page numbers."""

    def margins(lines: list[Line]) -> list[Line]:
        ordered = sorted(lines, key=lambda x: x.baseline)
        return ordered[:MARGIN_LINES] + ordered[-MARGIN_LINES:]

    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_signature(x) for x in margins(lines)})
    needed = max(2, REPEATED_ON_PAGES * len(pages))
    out = []
    for lines in pages:
        edge = margins(lines)
        running = {
            id(x)
            for x in edge
            if seen[_signature(x)] >= needed or (len(pages) > 1 and _PAGE_NUMBER.match(x.text))
        }
        out.append([x for x in lines if id(x) not in running])
    return out


# --- columns ---------------------------------------------------------------------------


def _gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """The x ranges between columns: wide enough, crossed by few lines, lines either side."""
    if len(lines) < 2 * MIN_COLUMN_LINES:
        return []
    left = int(min(x.x0 for x in lines))
    width = int(max(x.x1 for x in lines)) - left + 2
    change = [0] * (width + 1)
    for x in lines:
        change[int(x.x0) - left] += 1
        change[int(x.x1) - left + 1] -= 1
    allowed = MAX_GUTTER_CROSSING * len(lines)
    least = MIN_GUTTER_HEIGHTS * statistics.median(x.size for x in lines)
    gutters, covered, start = [], 0, None
    for i in range(width):
        covered += change[i]
        if covered <= allowed and start is None:
            start = i
        elif covered > allowed and start is not None:
            if start > 0 and i - start >= least:
                gutters.append((left + start, left + i))
            start = None
    sides = [
        (g, sum(x.x1 <= g[0] + 1 for x in lines), sum(x.x0 >= g[1] - 1 for x in lines))
        for g in gutters
    ]
    return [g for g, before, after in sides if min(before, after) >= MIN_COLUMN_LINES]


def _column_of(line: Line, gutters: list[tuple[float, float]]) -> int:
    """Index of the column holding ``line``, or -1 when it crosses a gutter."""
    for k, gutter in enumerate(gutters):
        if _crosses(line, gutter):
            return -1
        if line.x1 <= gutter[0] + 1:
            return k
    return len(gutters)


def _crosses(line: Line, gutter: tuple[float, float]) -> bool:
    return line.x0 < gutter[1] - 1 and line.x1 > gutter[0] + 1


def _fits(lines: list[Line], gutter: tuple[float, float]) -> bool:
    """Whether a gutter of the document's other pages cuts this page too: few lines cross
    it and there are lines on both sides (however few: the last page of a two-column text
    may end a column after a line or two)."""
    crossing = sum(_crosses(x, gutter) for x in lines)
    return (
        crossing <= MAX_GUTTER_CROSSING * len(lines)
        and any(x.x1 <= gutter[0] + 1 for x in lines)
        and any(x.x0 >= gutter[1] - 1 for x in lines)
    )


def page_gutters(pages: list[list[Line]]) -> list[list[tuple[float, float]]]:
    """Each page's gutters: its own, or on a page with too few lines to show them (a short
    last column), the gutters found on at least two other pages that fit it."""
    found = [_gutters(lines) for lines in pages]
    seen = Counter(g for gutters in found for g in gutters)
    common = [g for g, n in seen.most_common() if n >= 2]
    out = []
    for lines, gutters in zip(pages, found, strict=True):
        if not gutters and lines:
            for gutter in common:
                overlaps = any(g[0] < gutter[1] and gutter[0] < g[1] for g in gutters)
                if not overlaps and _fits(lines, gutter):
                    gutters = [*gutters, gutter]
        out.append(sorted(gutters))
    return out


def reading_order(
    lines: list[Line], gutters: list[tuple[float, float]] | None = None
) -> list[list[Line]]:
    """One page's lines as blocks in reading order: lines crossing the gutters cut the page
    into bands; each band is read column by column, each column top to bottom. The gutters
    are the page's own unless given (:func:`page_gutters`)."""
    lines = sorted(lines, key=lambda x: (x.baseline, x.x0))
    gutters = _gutters(lines) if gutters is None else gutters
    if not gutters:
        return [lines] if lines else []
    blocks: list[list[Line]] = []
    band: dict[int, list[Line]] = {}
    for line in lines:
        column = _column_of(line, gutters)
        if column < 0:
            blocks.extend(band[k] for k in sorted(band))
            band = {}
            if blocks and _column_of(blocks[-1][-1], gutters) < 0:
                blocks[-1].append(line)
            else:
                blocks.append([line])
        else:
            band.setdefault(column, []).append(line)
    blocks.extend(band[k] for k in sorted(band))
    return blocks


# --- paragraphs ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    """Where a block's column starts and ends, and its usual line pitch."""

    left: float
    right: float
    pitch: float
    height: float


def _column(block: list[Line], pitch: float, height: float) -> _Column:
    starts = Counter(round(x.x0) for x in block)
    left = float(min(starts, key=lambda x: (-starts[x], x)))
    return _Column(left, max(x.x1 for x in block), pitch, height)


def _ends_early(line: Line, following: Line, column: _Column) -> bool:
    """Whether the first word of ``following`` would have fitted at the end of ``line``."""
    word = following.text.split(" ", 1)[0]
    char = (following.x1 - following.x0) / max(len(following.text), 1)
    space = 0.25 * line.size
    return line.x1 + space + (len(word) + 1) * char < column.right - EDGE_TOLERANCE


def _indented(line: Line, column: _Column) -> bool:
    shift = line.x0 - column.left
    width = column.right - column.left
    return INDENT_MIN_HEIGHTS * line.size <= shift <= INDENT_MAX_SHARE * width


def _resized(a: Line, b: Line) -> bool:
    return abs(a.size - b.size) > SIZE_CHANGE * max(a.size, b.size)


def _hyphenated(line: Line) -> bool:
    return bool(re.search(r"[^\W\d_]-$", line.text))


def _starts_paragraph(a: Line, b: Line, c: Line | None, column: _Column) -> bool:
    """Whether ``b``, the line after ``a`` (and before ``c``) in a column, starts a paragraph.

    An indented line starts one when the line before or after it is less indented: a
    block quote indents all its lines alike."""
    if _resized(a, b):
        return True
    scale = max(a.size, b.size) / column.height
    if b.baseline - a.baseline > PARAGRAPH_GAP_RATIO * column.pitch * scale:
        return True
    if _hyphenated(a):
        return False
    early = _ends_early(a, b, column)
    outdented = a.x0 < b.x0 - EDGE_TOLERANCE or (c is not None and c.x0 < b.x0 - EDGE_TOLERANCE)
    return early or (_indented(b, column) and outdented)


def _continues(a: Line, a_column: _Column, b: Line, b_column: _Column) -> bool:
    """Whether the paragraph ending a column (or page) at ``a`` goes on at ``b``."""
    if _resized(a, b):
        return False
    if _hyphenated(a):
        return True
    return not _ends_early(a, b, a_column) and not _indented(b, b_column)


def _pitch(blocks: list[list[Line]]) -> tuple[float, float]:
    """The usual distance between the tops of consecutive lines, and the usual height."""
    sizes = [x.size for block in blocks for x in block]
    height = statistics.median(sizes) if sizes else 10.0
    steps = [
        b.baseline - a.baseline
        for block in blocks
        for a, b in zip(block, block[1:], strict=False)
        if 0 < b.baseline - a.baseline < 3 * height and not _resized(a, b)
    ]
    return (statistics.median(steps) if steps else 1.2 * height), height


def paragraphs(blocks: list[list[Line]]) -> list[list[Line]]:
    """Lines grouped into paragraphs, following the blocks in reading order."""
    pitch, height = _pitch(blocks)
    out: list[list[Line]] = []
    last: tuple[Line, _Column] | None = None
    for block in blocks:
        column = _column(block, pitch, height)
        for i, line in enumerate(block):
            if last is None:
                new = True
            elif i == 0:
                new = not _continues(last[0], last[1], line, column)
            else:
                following = block[i + 1] if i + 1 < len(block) else None
                new = _starts_paragraph(last[0], line, following, column)
            if new:
                out.append([line])
            else:
                out[-1].append(line)
            last = (line, column)
    return out


def _whole_words(groups: list[list[Line]]) -> str:
    """The text without the halves of words hyphenated at line ends: the vocabulary that
    decides whether a line-end hyphen is kept must not count the halves as words."""
    kept, cut = [], False
    for line in (x for group in groups for x in group):
        words = line.text.split(" ")
        words = words[1:] if cut else words
        cut = _hyphenated(line)
        kept.append(" ".join(words[:-1] if cut else words))
    return "\n".join(kept)


def layout_text(pages: list[list[Line]]) -> str:
    """The text of the pages' boxes: paragraphs in reading order, separated by blank lines."""
    pages = drop_running_lines(pages)
    blocks = [
        block
        for lines, gutters in zip(pages, page_gutters(pages), strict=True)
        for block in reading_order(lines, gutters)
    ]
    groups = paragraphs(blocks)
    vocabulary = Vocabulary(_whole_words(groups))
    texts = []
    for group in groups:
        text = group[0].text
        for line in group[1:]:
            text = join_lines(text, line.text, vocabulary)
        texts.append(text)
    return "\n\n".join(texts)
