"""Safe HTML rendering of pairs and their divergences.

Every piece of user text goes through :func:`escape`: ``html.escape(quote=True)``
plus numeric character references for the characters markdown-aware renderers act
on (``* _ ` ~ $ [ ] : \\ # | { }``), so ``**x**``, ``$x$``, ``:smile:``, ``->`` and
``<script>`` come out literally wherever the HTML ends up. Nothing here interprets
markdown. Text keeps its own line breaks (``white-space: pre-wrap``).

Styles live in :data:`CSS`, scoped to classes prefixed ``wb-``; the HTML made here is
self-contained apart from that stylesheet (pass ``include_css=True`` to inline it,
e.g. for ``st.html`` which renders each call on its own). Colours follow the
Okabe–Ito colour-blind-safe palette and every kind also has a non-colour cue
(strikethrough, underline style).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from workbench.model import PairDivergence

SpanSpec = tuple[int, int, str, str]  # (start, end, kind, message)

# "#" is handled apart: html.escape itself writes "&#x27;", whose "#" must stay.
_EXTRA_REFS = str.maketrans({ch: f"&#{ord(ch)};" for ch in "*_`~$[]:\\|{}"})
_HASH = re.compile(r"(?<!&)#")
_KIND_RE = re.compile(r"[^a-z0-9-]")

CSS = """
.wb-pair { border: 1px solid #c8c8c8; border-left: 6px solid #999; border-radius: 4px;
  margin: 0 0 0.8em 0; padding: 0.4em 0.6em; font-family: system-ui, sans-serif;
  color: #1a1a1a; background: #fff; }
.wb-pair.wb-band-identical { border-left-color: #009E73; }
.wb-pair.wb-band-minor { border-left-color: #56B4E9; }
.wb-pair.wb-band-major { border-left-color: #D55E00; }
.wb-pair.wb-band-unaligned { border-left-color: #CC79A7; border-left-style: dashed; }
.wb-head { display: flex; gap: 0.8em; align-items: baseline; font-size: 0.85em;
  color: #444; margin-bottom: 0.3em; }
.wb-id { font-family: ui-monospace, monospace; font-weight: 600; }
.wb-band { padding: 0 0.4em; border-radius: 3px; font-weight: 600; }
.wb-band-label-identical { background: #d4efe6; }
.wb-band-label-minor { background: #dcefFB; }
.wb-band-label-major { background: #f9dcc8; }
.wb-band-label-unaligned { background: #f4e0ec; }
.wb-cols { display: grid; grid-template-columns: 1fr 1fr; gap: 0.8em; }
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
.wb-gap::after { content: "\\2038"; color: #D55E00; font-weight: 700; }
.wb-gap.wb-addition::after, .wb-gap.wb-minor::after { color: #009E73; }
.wb-findings { margin: 0.4em 0 0 0; padding-left: 1.2em; font-size: 0.85em; }
.wb-finding-major { color: #8a3200; }
.wb-finding-minor { color: #555; }
.wb-legend { display: flex; flex-wrap: wrap; gap: 0.8em; font-size: 0.85em;
  font-family: system-ui, sans-serif; }
.wb-legend span { padding: 0 0.3em; }
"""


def escape(text: str) -> str:
    """HTML-escape ``text`` and encode markdown-active characters as numeric references."""
    return _HASH.sub("&#35;", html.escape(text, quote=True).translate(_EXTRA_REFS))


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
        covering = [ranged[index] for index in sorted(active)]
        piece = escape(text[left:right])
        if covering:
            classes = " ".join(dict.fromkeys(_class(k) for _, _, k, _ in covering))
            title = escape(" | ".join(dict.fromkeys(m for _, _, _, m in covering if m)))
            out.append(f'<span class="{classes}" title="{title}">{piece}</span>')
        else:
            out.append(piece)
    return "".join(out)


def _side_specs(div: PairDivergence, side: int) -> list[SpanSpec]:
    specs: list[SpanSpec] = []
    for s in div.spans:
        start, end = (
            (s.original_start, s.original_end)
            if side == 0
            else (s.translation_start, s.translation_end)
        )
        if start == end and s.kind == "minor":
            continue  # a dropped comma needs no marker
        specs.append((start, end, s.kind, s.message))
    for f in div.findings:
        for start, end in f.original_spans if side == 0 else f.translation_spans:
            specs.append((start, end, "check", f.message))
    return specs


def _text_block(text: str, body: str) -> str:
    if not text:
        return '<div class="wb-text wb-empty">(nothing)</div>'
    return f'<div class="wb-text">{body}</div>'


def render_pair(div: PairDivergence) -> tuple[str, str]:
    """(original-side HTML, translation-side HTML) with highlighted spans.

    In pivot mode the original side shows the original unmarked, then the pivot
    text carrying the original-side highlights (their offsets index the pivot).
    """
    t_html = _text_block(
        div.translation_text, highlight_html(div.translation_text, _side_specs(div, 1))
    )
    if div.pivot_text:
        o_html = (
            _text_block(div.original_text, escape(div.original_text))
            + '<div class="wb-pivot"><div class="wb-pivot-label">via pivot</div>'
            + _text_block(div.pivot_text, highlight_html(div.pivot_text, _side_specs(div, 0)))
            + "</div>"
        )
    else:
        o_html = _text_block(
            div.original_text, highlight_html(div.original_text, _side_specs(div, 0))
        )
    return o_html, t_html


def render_side_by_side(div: PairDivergence, *, include_css: bool = False) -> str:
    """A two-column block: header (pair id, unit ids, band, similarity), texts, check messages."""
    o_html, t_html = render_pair(div)
    band = _KIND_RE.sub("-", div.band)
    o_ids = escape("+".join(div.original_ids) or "–")
    t_ids = escape("+".join(div.translation_ids) or "–")
    head = (
        '<div class="wb-head">'
        f'<span class="wb-id">{o_ids} ↔ {t_ids}</span>'
        f'<span class="wb-band wb-band-label-{band}">{escape(div.band)}</span>'
        f"<span>similarity {_number(div.similarity)}</span>"
        "</div>"
    )
    items = "".join(
        f'<li class="wb-finding-{_KIND_RE.sub("-", f.severity)}">'
        f"{escape(f.check)}&#58; {escape(f.message)}</li>"
        for f in div.findings
    )
    findings = f'<ul class="wb-findings">{items}</ul>' if items else ""
    block = (
        f'<div class="wb-pair wb-band-{band}" data-pair="{escape(div.pair_id)}">'
        f'{head}<div class="wb-cols"><div>{o_html}</div><div>{t_html}</div></div>{findings}</div>'
    )
    return _with_css(block) if include_css else block


def render_legend(*, include_css: bool = False) -> str:
    """A one-line legend of the highlight classes."""
    items = (
        ("omission", "omitted in the translation"),
        ("addition", "added in the translation"),
        ("change", "changed"),
        ("minor", "minor (case, punctuation, spelling)"),
        ("check", "flagged by a check"),
    )
    body = "".join(
        f'<span class="{_class(kind)}" title="{escape(label)}">{escape(label)}</span>'
        for kind, label in items
    )
    block = f'<div class="wb-legend">{body}</div>'
    return _with_css(block) if include_css else block


def _number(value: float) -> str:
    """One decimal, none when whole: a near-identical 99.6 must not show as 100."""
    return f"{value:.1f}".removesuffix(".0")


def _with_css(block: str) -> str:
    return f"<style>{CSS}</style>{block}"
