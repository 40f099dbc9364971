"""What a review row shows, as escaped HTML: header, the texts side by side, the checks.

Pure functions of a review record and its analysis (no Streamlit calls), so a test can
check exactly what the app draws. Highlights come from :mod:`workbench.render`; the
row's own styles are :data:`UI_CSS`.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.model import KIND_ADDED, KIND_MOVED, KIND_OMITTED, PairDivergence
from workbench.render import escape, highlight_html, render_pair, text_block
from workbench.review.attribution import PairAttribution
from workbench.review.record import PairRecord, ReviewMeta, unit_sort_key
from workbench.review.verdict import band_label, record_verdict

KIND_LABELS = {
    KIND_OMITTED: ("wbui-kind-omitted", "not in the translation"),
    KIND_ADDED: ("wbui-kind-added", "added in the translation"),
    KIND_MOVED: ("wbui-kind-moved", "moved"),
}

#: Styles of the rows (the pair texts use workbench.render.CSS).
UI_CSS = """
.wbui-head{display:flex;gap:.6rem;align-items:center;flex-wrap:wrap;font-size:.9rem}
.wbui-num{color:#555;font-variant-numeric:tabular-nums}
.wbui-ids{font-weight:600}
.wbui-badge{border-radius:.6rem;padding:.05rem .55rem;font-size:.8rem;border:1px solid #0002}
.wbui-band-identical{background:#e3f3e6;color:#1b5e20}
.wbui-band-minor{background:#fff4d6;color:#7a5200}
.wbui-band-major{background:#fde2e1;color:#8e1b14}
.wbui-band-unaligned{background:#e8e4f5;color:#3b2a7a}
.wbui-kind-omitted,.wbui-kind-added{background:#ede7f6;color:#3b2a7a;font-weight:600}
.wbui-kind-moved{background:#e1effa;color:#0d3c61;font-weight:600}
.wbui-cols{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:1rem;margin:.3rem 0}
.wbui-cols.wbui-cols-3{grid-template-columns:repeat(3,minmax(0,1fr))}
.wbui-checks{margin:.2rem 0 0 0;padding-left:1.1rem;font-size:.85rem;color:#6d4c00}
.wbui-attribution{margin:.2rem 0 0 0;padding-left:1.1rem;font-size:.85rem;color:#0d3c61}
.wbui-attribution li[data-side="translation"]{color:#7a2600}
.wbui-empty{color:#777;font-style:italic}
.wbui-colhead{font-weight:600;color:#333;border-bottom:2px solid #1f5fa8;padding:.2rem 0}
.wbui-compact{display:grid;grid-template-columns:8rem minmax(0,1fr);gap:.6rem;
align-items:start}
.wbui-compact .wbui-head{font-size:.75rem;gap:.1rem .3rem;align-content:flex-start}
.wbui-compact .wbui-badge{white-space:nowrap;padding:.05rem .45rem}
.wbui-compact .wbui-cols{margin:0}
.wbui-compact .wb-text{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;
overflow:hidden;font-size:.9rem;line-height:1.35}
.wbui-saved{color:#1b5e20;font-size:.8rem}
.wbui-rownote{font-size:.8rem;color:#555;margin-top:.15rem}
.wbui-status{font-size:.8rem;font-weight:600}
.wbui-focus{background:#1f5fa8;color:#fff;border-radius:.6rem;padding:.05rem .55rem;
font-size:.8rem}
"""


#: Styles of Streamlit's own containers: less padding above the page and the sidebar (the
#: Align button and eight rows fit a 1440×900 screen), compact rows ruled off, and the pair
#: "next divergence" went to outlined.
LAYOUT_CSS = """
[data-testid="stMainBlockContainer"]{padding-top:2.2rem}
[data-testid="stSidebarUserContent"]{padding-top:0}
[data-testid="stSidebarHeader"]{height:2rem;min-height:0}
[data-testid="stSidebarUserContent"] h1,[data-testid="stSidebarUserContent"] h3{padding:.2rem 0}
div[class*="st-key-row_"]:has(.wbui-compact){border-bottom:1px solid #0001;padding-bottom:.2rem}
div[class*="st-key-row_"]:has(.wbui-focus){outline:2px solid #1f5fa8;outline-offset:2px;
border-radius:.5rem}
"""


def unit_label(ids: Sequence[str]) -> str:
    """Unit ids for a row header: ``P3``, ``P3–P5`` for a consecutive run, ``—`` if none."""
    if not ids:
        return "—"
    if len(ids) == 1:
        return ids[0]
    keys = [unit_sort_key(i) for i in ids]
    consecutive = all(
        b == (a[0], a[1] + 1) or (a[1] == b[1] == 0 and b[0] == a[0] + 1)
        for a, b in zip(keys, keys[1:], strict=False)
    )
    return f"{ids[0]}–{ids[-1]}" if consecutive else "+".join(ids)


def header_html(
    record: PairRecord,
    divergence: PairDivergence | None = None,
    *,
    text_similarity: bool = True,
    focused: bool = False,
) -> str:
    """The row's header: number, unit ids, the verdict (why, band, similarity), bead kind.

    ``text_similarity`` is False where the similarity is the cross-language score (then
    not shown); the divergence, when given, lets the verdict name the diff's spans.
    ``focused`` marks the pair "next divergence" went to.
    """
    said = record_verdict(record, divergence, text_similarity=text_similarity)
    badges = [
        f'<span class="wbui-badge wbui-band-{escape(record.band)}" '
        f'title="why · band · text similarity">{escape(said.label)}</span>'
    ]
    if record.kind in KIND_LABELS:
        css, text = KIND_LABELS[record.kind]
        badges.append(f'<span class="wbui-badge {css}">{escape(text)}</span>')
    elif record.kind:
        badges.append(f'<span class="wbui-badge">{escape(record.kind)}</span>')
    if focused:
        badges.append('<span class="wbui-focus" data-focus="1">▶ next divergence</span>')
    return (
        f'<div class="wbui-head" data-pair-id="{escape(record.pair_id)}" '
        f'data-band="{escape(record.band)}" data-kind="{escape(record.kind)}">'
        f'<span class="wbui-num">#{record.order + 1}</span>'
        f'<span class="wbui-ids">{escape(unit_label(record.original_ids))} ↔ '
        f"{escape(unit_label(record.translation_ids))}</span>" + "".join(badges) + "</div>"
    )


def checks_html(record: PairRecord) -> str:
    """The messages of the checks that fired, as a list ("" when none did)."""
    if not record.check_messages:
        return ""
    items = "".join(f"<li>{escape(m)}</li>" for m in record.check_messages)
    return f'<ul class="wbui-checks">{items}</ul>'


def attribution_html(attribution: PairAttribution | None) -> str:
    """Who introduced each discrepancy, by the forward translation ("" when nothing is said)."""
    if attribution is None or not attribution.items:
        return ""
    items = "".join(
        f'<li data-side="{escape(a.side)}">{escape(a.message)}</li>' for a in attribution.items
    )
    return (
        f'<ul class="wbui-attribution" data-attribution="{escape(attribution.side)}">{items}</ul>'
    )


def _forward_html(record: PairRecord, attribution: PairAttribution | None) -> str:
    if record.forward is None:
        return text_block("", empty="(no forward passage)")
    ids = escape("+".join(record.forward.ids))
    specs = attribution.forward_specs() if attribution is not None else []
    body = highlight_html(record.forward.text, specs)
    return f'<div class="wb-text" data-forward="{ids}">{body}</div>'


def texts_html(
    record: PairRecord,
    divergence: PairDivergence | None,
    *,
    forward: bool = False,
    attribution: PairAttribution | None = None,
) -> str:
    """The pair's texts side by side, highlighted; a third column with the forward passage,
    highlighted where it keeps or carries a value the back-translation changed."""
    if divergence is not None:
        columns = list(render_pair(divergence))
    else:
        columns = [text_block(record.original_text), text_block(record.translation_text)]
    if forward:
        columns.append(_forward_html(record, attribution))
    cells = "".join(f"<div>{column}</div>" for column in columns)
    return f'<div class="wbui-cols wbui-cols-{len(columns)}">{cells}</div>'


def pair_html(
    record: PairRecord,
    divergence: PairDivergence | None,
    *,
    forward: bool = False,
    attribution: PairAttribution | None = None,
    text_similarity: bool = True,
    focused: bool = False,
) -> str:
    """Everything a row shows above its annotation widgets."""
    return (
        header_html(record, divergence, text_similarity=text_similarity, focused=focused)
        + texts_html(record, divergence, forward=forward, attribution=attribution)
        + checks_html(record)
        + attribution_html(attribution)
    )


def compact_html(
    record: PairRecord,
    divergence: PairDivergence | None,
    *,
    text_similarity: bool = True,
    saved: str = "",
    forward: bool = False,
) -> str:
    """A compact row: number, ids and band in a narrow column, each text clamped to two
    lines (identical and minor pairs; the reviewer opens the full card with "More");
    ``forward`` adds the forward passage's column. The whole verdict is the band's title."""
    said = record_verdict(record, divergence, text_similarity=text_similarity)
    shown_band = band_label(record.band, text_similarity=text_similarity)
    mark = f'<span class="wbui-saved">saved ✓ {escape(saved)} UTC</span>' if saved else ""
    status = record.annotation.status
    if status != "unreviewed":
        mark = f'<span class="wbui-status" title="Your verdict">{escape(status)}</span>' + mark
    head = (
        f'<div class="wbui-head" data-pair-id="{escape(record.pair_id)}" '
        f'data-band="{escape(record.band)}" data-kind="{escape(record.kind)}">'
        f'<span class="wbui-num">#{record.order + 1}</span>'
        f'<span class="wbui-ids">{escape(unit_label(record.original_ids))} ↔ '
        f"{escape(unit_label(record.translation_ids))}</span>"
        f'<span class="wbui-badge wbui-band-{escape(record.band)}" '
        f'title="{escape(said.label)}">{escape(shown_band)}</span>{mark}</div>'
    )
    return (
        '<div class="wbui-compact">'
        + head
        + texts_html(record, divergence, forward=forward)
        + "</div>"
    )


#: What a compact row's buttons do, said once above the rows rather than in a tooltip on
#: each of them: forty identical tooltips made every page change about 150 ms slower
#: (p50 737 vs 886 ms on 1,116 pairs, same run).
ROW_BUTTONS_NOTE = (
    "“OK” marks a compact row's pair OK (with your name and the time, saved at once); "
    "“More” opens its full card."
)
#: The ``help`` of the compact rows' buttons: they are explained once, above the rows
#: (:data:`ROW_BUTTONS_NOTE`); the layering test accepts exactly this name.
EXPLAINED_ABOVE_THE_ROWS = None


def row_buttons_html() -> str:
    """The note above the rows that explains the compact rows' buttons."""
    return f'<div class="wbui-rownote">{escape(ROW_BUTTONS_NOTE)}</div>'


def column_heads_html(meta: ReviewMeta, *, forward: bool = False) -> str:
    """Which text is in which column, above the rows (names are user text: escaped)."""
    if meta.is_back_translation:
        heads = [
            f"Original · {meta.original_name} ({meta.original_language})",
            f"Back-translation · {meta.translation_name} ({meta.translation_language})",
        ]
    else:
        heads = [f"Original · {meta.original_name}", f"Translation · {meta.translation_name}"]
    if forward and meta.forward is not None:
        heads.append(f"Forward translation · {meta.forward.name} ({meta.forward.language})")
    cells = "".join(f'<div class="wbui-colhead">{escape(h)}</div>' for h in heads)
    return f'<div class="wbui-cols wbui-cols-{len(heads)}">{cells}</div>'
