"""The divergences of a pair drawn in its XLSX text cells (openpyxl rich text).

A cell's rich text can colour, strike and underline words but has no background, so
each highlight kind of the app (``render.CSS``) becomes its accent colour — the
Okabe–Ito colour of its underline or strikethrough there — with the same non-colour
cue: words missing from the translation struck through in vermillion, added words
underlined in bluish green, changed words double-underlined in orange. Trivial
differences (case, punctuation: the app's dotted "minor" underline) are not drawn.

The spans are the app's word diff (``diff.spans.diff_spans``), computed here from the
review's texts because a review file does not store them (exports are functions of
the review alone). Like the app, only same-language reviews get a word diff: a review
across languages, or through a pivot (whose text the file does not hold), is drawn
without highlights.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.diff.spans import diff_spans
from workbench.diff.tokens import tokenize
from workbench.model import Mode, Span
from workbench.review.record import PairRecord, Review

#: Font of each highlighted kind: (RGB colour, strike, underline). Colours as in render.CSS.
HIGHLIGHT_FONTS: dict[str, tuple[str, bool, str | None]] = {
    "omission": ("D55E00", True, None),
    "addition": ("009E73", False, "single"),
    "change": ("E69F00", False, "double"),
}
#: The legend written under the sheet's instructions: (kind, how it looks, meaning).
HIGHLIGHT_LEGEND: tuple[tuple[str, str, str], ...] = (
    ("omission", "vermillion, struck through", "in the original: missing from the translation"),
    ("addition", "green, underlined", "in the translation: added"),
    ("change", "orange, double underline", "changed (on both sides)"),
)

Piece = tuple[str, str | None]  # (text, highlight kind or None)


def has_word_diff(review: Review) -> bool:
    """True when the app draws a word diff for this review (same language, no pivot)."""
    settings = dict(review.meta.settings)
    used = settings.get("mode_used", "")
    if used:
        return used == Mode.MONOLINGUAL
    meta = review.meta
    return bool(meta.original_language) and meta.original_language == meta.translation_language


def pair_spans(pair: PairRecord) -> tuple[Span, ...]:
    """The word diff of one pair (nothing for a pair with an empty side, as in the app)."""
    original, translation = pair.original_text, pair.translation_text
    if not original.strip() or not translation.strip() or original == translation:
        return ()
    return diff_spans(
        original,
        translation,
        original_tokens=tokenize(original),
        translation_tokens=tokenize(translation),
    )


def pieces(text: str, spans: Sequence[Span], *, side: str, shift: int = 0) -> list[Piece]:
    """``text`` cut into plain and highlighted pieces (offsets moved by ``shift``)."""
    ranges = []
    for span in spans:
        if span.kind not in HIGHLIGHT_FONTS:
            continue
        start, end = (
            (span.original_start, span.original_end)
            if side == "original"
            else (span.translation_start, span.translation_end)
        )
        start, end = max(0, min(start + shift, len(text))), max(0, min(end + shift, len(text)))
        if start < end:
            ranges.append((start, end, span.kind))
    out: list[Piece] = []
    at = 0
    for start, end, kind in sorted(ranges):
        if start < at:  # overlapping spans (not made by the diff): keep the first
            continue
        if start > at:
            out.append((text[at:start], None))
        out.append((text[start:end], kind))
        at = end
    if at < len(text):
        out.append((text[at:], None))
    return out


def rich_value(text: str, spans: Sequence[Span], *, side: str, shift: int = 0) -> Any:
    """``text`` as openpyxl rich text with ``spans`` drawn, or the plain string if none."""
    cut = pieces(text, spans, side=side, shift=shift)
    if not any(kind for _, kind in cut):
        return text
    # Local imports: openpyxl is slow to import and only needed for XLSX exports.
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    fonts = {
        kind: InlineFont(color="FF" + colour, strike=strike or None, u=underline)
        for kind, (colour, strike, underline) in HIGHLIGHT_FONTS.items()
    }
    return CellRichText(
        [piece if kind is None else TextBlock(fonts[kind], piece) for piece, kind in cut]
    )
