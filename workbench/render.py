"""Safe HTML rendering of pairs and their divergences.

Every piece of user text goes through :func:`escape`: ``html.escape(quote=True)``
plus numeric character references for the characters markdown-aware renderers act
on (``* _ ` ~ $ [ ] : \\ # | { }``), so ``**x**``, ``$x$``, ``:smile:``, ``->`` and
``<script>`` come out literally wherever the HTML ends up. Nothing here interprets
markdown. Text keeps its own line breaks (``white-space: pre-wrap``).

Styles live in :data:`CSS`, scoped to classes prefixed ``wb-``; the HTML made here is
self-contained apart from that stylesheet. This module knows spans and findings, not
reviews or screens: the app and the HTML report lay out what it returns. Colours follow the
Okabe–Ito colour-blind-safe palette and every kind also has a non-colour cue
(strikethrough, underline style).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

from workbench.model import Finding, PairDivergence, Span

SpanSpec = tuple[int, int, str, str]  # (start, end, kind, message)

# What escape writes for each character it replaces, "&" first and "#" second: every
# later reference is made of "&", "#", digits, letters and ";" only, which nothing after
# them replaces, so each character is replaced once, as a table would (str.replace finds
# a character at C speed; str.translate with a table of strings goes character by
# character: 1.1 -> 0.25 ms for the essay's 390 pieces).
_REFS = (
    ("&", "&amp;"),
    ("#", "&#35;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("'", "&#x27;"),
    *((ch, f"&#{ord(ch)};") for ch in "*_`~$[]:\\|{}"),
)
_KIND_RE = re.compile(r"[^a-z0-9-]")

CSS = """
.wb-text { white-space: pre-wrap; overflow-wrap: anywhere; line-height: 1.5; margin: 0; }
.wb-empty { color: #777; font-style: italic; }
.wb-pivot { margin-top: 0.4em; padding-top: 0.3em; border-top: 1px dashed #bbb; }
.wb-pivot-label { font-size: 0.8em; color: #555; }
.wb-omission { background: #f9d6c4; color: #7a2600; text-decoration: line-through;
  text-decoration-color: #D55E00; }
.wb-addition { background: #cdeee3; color: #00503a; text-decoration: underline;
  text-decoration-color: #009E73; text-decoration-thickness: 2px; }
.wb-change { background: #fbe7b5; color: #5c3d00; text-decoration: underline wavy #E69F00; }
.wb-minor { text-decoration: underline dotted #8a8a8a; }
.wb-check { outline: 2px solid #0072B2; outline-offset: 1px; border-radius: 2px; }
.wb-forward-kept { background: #cdeee3; color: #00503a; font-weight: 600;
  text-decoration: underline double #009E73; }
.wb-forward-carried { background: #f9d6c4; color: #7a2600; font-weight: 600;
  outline: 2px dashed #D55E00; outline-offset: 1px; }
.wb-legend { display: flex; flex-wrap: wrap; gap: 0.2em 1em; font-size: 0.78em; color: #444;
  margin-top: 0.3em; }
.wb-legend-item { white-space: nowrap; }
.wb-gap::after { content: "\\2038"; color: #D55E00; font-weight: 700; }
.wb-gap.wb-addition::after, .wb-gap.wb-minor::after { color: #009E73; }
"""


def escape(text: str) -> str:
    """HTML-escape ``text`` and encode markdown-active characters as numeric references
    (what ``html.escape(text, quote=True)`` writes, then ``&#NN;`` for the others)."""
    for char, ref in _REFS:
        if char in text:
            text = text.replace(char, ref)
    return text


@lru_cache(maxsize=64)  # a handful of kinds, asked for at every cut
def _class(kind: str) -> str:
    return "wb-" + (_KIND_RE.sub("-", kind.lower()) or "span")


def highlight_html(text: str, spans: Sequence[SpanSpec]) -> str:
    """Escaped ``text`` with each ``(start, end, kind, message)`` wrapped in a styled span.

    Spans may overlap or nest: the text is cut at every boundary and each piece gets
    the classes and messages of all spans covering it. Empty spans (start == end)
    become zero-width insertion markers (drawn by CSS, no text added).
    """
    n = len(text)
    clean = []
    for start, end, kind, message in spans:
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if end < start:
            start, end = end, start
        clean.append((start, end, kind, message))
    cuts = sorted({0, n} | {s for s, _, _, _ in clean} | {e for _, e, _, _ in clean})
    gaps: dict[int, list[SpanSpec]] = {}
    for spec in clean:
        if spec[0] == spec[1]:
            gaps.setdefault(spec[0], []).append(spec)
    ranged = [spec for spec in clean if spec[0] < spec[1]]
    # Sweep over the cuts keeping the spans open at each one (by index, to keep their
    # order): testing every span at every cut is quadratic on a long, divergent pair.
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for index, (start, end, _, _) in enumerate(ranged):
        opening.setdefault(start, []).append(index)
        closing.setdefault(end, []).append(index)
    active: set[int] = set()
    out: list[str] = []
    for left, right in zip(cuts, cuts[1:] + [n], strict=True):
        active.difference_update(closing.get(left, ()))
        active.update(opening.get(left, ()))
        for _, _, kind, message in gaps.get(left, ()):
            out.append(f'<span class="wb-gap {_class(kind)}" title="{escape(message)}"></span>')
        if right <= left:
            continue
        piece = escape(text[left:right])
        if active:
            covering = [ranged[index] for index in sorted(active)]
            classes = " ".join(dict.fromkeys(_class(k) for _, _, k, _ in covering))
            title = escape(" | ".join(dict.fromkeys(m for _, _, _, m in covering if m)))
            out.append(f'<span class="{classes}" title="{title}">{piece}</span>')
        else:
            out.append(piece)
    return "".join(out)


Side = Literal["original", "translation"]


def side_specs(spans: Iterable[Span], findings: Iterable[Finding], side: Side) -> list[SpanSpec]:
    """The highlights of one side: its span ranges and its findings' ranges.

    The one rule of what is drawn: every span on that side, except a zero-width minor
    one (a dropped comma needs no marker), and every range a finding names there.
    """
    original = side == "original"
    specs: list[SpanSpec] = []
    for s in spans:
        start, end = (
            (s.original_start, s.original_end)
            if original
            else (s.translation_start, s.translation_end)
        )
        if start == end and s.kind == "minor":
            continue
        specs.append((start, end, s.kind, s.message))
    for f in findings:
        for start, end in f.original_spans if original else f.translation_spans:
            specs.append((start, end, "check", f.message))
    return specs


def text_block(text: str, specs: Sequence[SpanSpec] = (), *, empty: str = "(nothing)") -> str:
    """A ``wb-text`` block of ``text`` with ``specs`` highlighted (a placeholder when empty)."""
    if not text:
        return f'<div class="wb-text wb-empty">{escape(empty)}</div>'
    return f'<div class="wb-text">{highlight_html(text, specs)}</div>'


def render_pair(div: PairDivergence) -> tuple[str, str]:
    """(original-side HTML, translation-side HTML) with highlighted spans.

    In pivot mode the original side shows the original unmarked, then the pivot
    text carrying the original-side highlights (their offsets index the pivot).
    """
    o_specs = side_specs(div.spans, div.findings, "original")
    t_html = text_block(div.translation_text, side_specs(div.spans, div.findings, "translation"))
    if div.pivot_text:
        o_html = (
            text_block(div.original_text)
            + '<div class="wb-pivot"><div class="wb-pivot-label">via pivot</div>'
            + text_block(div.pivot_text, o_specs)
            + "</div>"
        )
    else:
        o_html = text_block(div.original_text, o_specs)
    return o_html, t_html


#: What each highlight means, in the order the legend lists them: (classes, sample, meaning).
LEGEND: tuple[tuple[str, str, str], ...] = (
    ("wb-omission", "words", "missing from the translation"),
    ("wb-addition", "words", "added"),
    ("wb-change", "words", "changed"),
    ("wb-minor", "words", "trivial (spelling, punctuation)"),
    ("wb-check", "3,500", "a check's finding (number, name, negation …)"),
    ("wb-gap wb-omission", "", "where missing words stood"),
)
#: The forward column's highlights (back-translation review).
FORWARD_LEGEND: tuple[tuple[str, str, str], ...] = (
    ("wb-forward-kept", "3 500", "forward has the original's value"),
    ("wb-forward-carried", "5 300", "forward has the changed value"),
)


def legend_html(*, forward: bool = False) -> str:
    """A one-line key to the highlight classes (styled by :data:`CSS`); ``forward`` adds
    the forward column's."""
    entries = LEGEND + (FORWARD_LEGEND if forward else ())
    items = "".join(
        f'<span class="wb-legend-item"><span class="{classes}">{escape(sample)}</span> '
        f"{escape(meaning)}</span>"
        for classes, sample, meaning in entries
    )
    return f'<div class="wb-legend" aria-label="Highlight legend">{items}</div>'
