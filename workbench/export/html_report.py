"""A standalone HTML report: summary, then every pair; all user text escaped.

Each pair says its verdict — why first ("number changed"), the band, then "text 99.7 %
alike" (:mod:`workbench.review.verdict`). A back-translation review with its forward
translation gets a third column with the forward passage, highlighted where it keeps or
carries a changed value, and which side introduced each discrepancy
(:mod:`workbench.review.attribution`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from workbench import render
from workbench.export.cells import utf8
from workbench.model import DiscrepancyEntry, PairDivergence
from workbench.review.attribution import PairAttribution, attribute_pair
from workbench.review.marks import describe
from workbench.review.record import PairRecord, Review
from workbench.review.summary import summarise
from workbench.review.verdict import compares_text, record_verdict

_REPORT_CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #ccc; padding: .4rem .5rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.text { white-space: pre-wrap; width: 35%; }
.summary td, .summary th { width: auto; }
.status-ok { background: #eaf7ee; }
.status-minor-issue { background: #fff8e1; }
.status-major-issue { background: #fdebdf; }
.status-critical { background: #fde7ea; }
.meta { color: #555; font-size: .9rem; }
.checks { font-size: .85rem; color: #7a4b00; }
.attribution { font-size: .85rem; color: #0d3c61; }
.verdict { font-weight: 600; }
ul.errors { margin: .3rem 0; padding-left: 1.1rem; }
"""


Renderer = Callable[[PairDivergence], tuple[str, str]]


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _counts_table(title: str, counts: dict[str, int]) -> str:
    rows = "".join(
        f"<tr><td>{_e(key or '(none)')}</td><td>{value}</td></tr>" for key, value in counts.items()
    )
    return f"<h3>{_e(title)}</h3><table class='summary'>{rows}</table>"


def _forward_cell(pair: PairRecord, attribution: PairAttribution | None) -> str:
    """The forward passage, highlighted where it keeps or carries a changed value."""
    if pair.forward is None:
        return "<td class='text'></td>"
    specs = attribution.forward_specs() if attribution is not None else []
    return f"<td class='text'>{render.highlight_html(pair.forward.text, specs)}</td>"


def _attribution_lines(attribution: PairAttribution | None) -> str:
    if attribution is None or not attribution.items:
        return ""
    return "".join(f"<div class='attribution'>{_e(m)}</div>" for m in attribution.messages)


def _pair_row(
    pair: PairRecord,
    rendered: tuple[str, str] | None,
    div: PairDivergence | None,
    *,
    text_similarity: bool,
    forward: bool = False,
    attribution: PairAttribution | None = None,
) -> str:
    """One table row; ``forward`` adds the forward passage's column."""
    ann = pair.annotation
    log = ann.log or DiscrepancyEntry()
    if rendered is None:
        o_html, t_html = _e(pair.original_text), _e(pair.translation_text)
    else:
        o_html, t_html = rendered  # render_pair escapes the texts it wraps in spans
    status_class = "status-" + ann.status.replace(" ", "-")
    checks = "<br>".join(_e(m) for m in pair.check_messages)
    said = record_verdict(pair, div, text_similarity=text_similarity)
    judgement = " · ".join(_e(x) for x in (ann.status, ann.category, ann.severity) if x)
    errors = "".join(f"<li>{_e(describe(mark))}</li>" for mark in ann.errors)
    extra = "".join(
        f"<div class='meta'>{_e(label)}: {_e(value)}</div>"
        for label, value in (
            ("reviewer", ann.reviewer),
            ("discrepancy", log.discrepancy),
            ("decision", log.decision),
            ("revised text", log.revised_text),
            ("rationale", log.rationale),
        )
        if value
    )
    return (
        f"<tr class='{_e(status_class)}' id='pair-{_e(pair.pair_id)}'>"
        f"<td>{pair.order + 1}<div class='meta'>{_e(pair.pair_id)}<br>{_e(pair.kind)}</div></td>"
        f"<td class='text'>{o_html}</td><td class='text'>{t_html}</td>"
        + (_forward_cell(pair, attribution) if forward else "")
        + f"<td><div class='verdict'>{_e(said.label)}</div>"
        f"<div class='checks'>{checks}</div>{_attribution_lines(attribution)}</td>"
        f"<td>{judgement}<div>{_e(ann.comment)}</div>"
        + (f"<ul class='errors'>{errors}</ul>" if errors else "")
        + f"{extra}</td></tr>"
    )


def _pairs_table(
    review: Review, by_id: dict[str, PairDivergence], renderer: Renderer | None
) -> str:
    """The table of every pair (a forward column in a back-translation review with one)."""
    meta = review.meta
    with_forward = meta.is_back_translation and meta.forward is not None
    heads = ["#", "Original", "Back-translation" if meta.is_back_translation else "Translation"]
    heads += ["Forward translation"] if with_forward else []
    rows = []
    for pair in review.pairs:
        div = by_id.get(pair.pair_id)
        rendered = renderer(div) if renderer is not None and div is not None else None
        attribution = attribute_pair(pair, meta) if with_forward else None
        rows.append(
            _pair_row(
                pair,
                rendered,
                div,
                text_similarity=compares_text(meta.settings),
                forward=with_forward,
                attribution=attribution,
            )
        )
    head = "".join(f"<th>{h}</th>" for h in [*heads, "Verdict", "Review"])
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def to_html_report(review: Review, *, divergences: Sequence[PairDivergence] | None = None) -> bytes:
    """One self-contained HTML file (inline CSS); highlights when divergences are given."""
    # the highlight styles also serve the forward column of a back-translation review
    css = render.CSS + _REPORT_CSS
    renderer = render.render_pair if divergences is not None else None
    by_id = {d.pair_id: d for d in divergences or ()}
    meta = review.meta
    summary = summarise(review)
    score = "—" if summary.mqm_score is None else f"{summary.mqm_score:.2f}"
    head = (
        f"<h1>Review: {_e(meta.project)}</h1>"
        f"<p class='meta'>{_e(meta.original_name)} ({_e(meta.original_language)}) ↔ "
        f"{_e(meta.translation_name)} ({_e(meta.translation_language)}) · level "
        f"{_e(meta.level)} · created {_e(meta.created_at)} · workbench {_e(meta.tool_version)}"
        f"<br>sha256 {_e(meta.original_sha256)} / {_e(meta.translation_sha256)}</p>"
        f"<h2>Summary</h2><p>{summary.pairs} pairs, {summary.reviewed} reviewed; MQM penalty "
        f"{summary.penalty} over {summary.words} words; MQM score {score}</p>"
        + _counts_table("By status", dict(summary.by_status))
        + _counts_table("By category", dict(summary.by_category))
        + _counts_table("By band", dict(summary.by_band))
    )
    legend = render.legend_html(forward=meta.forward is not None) if renderer else ""
    body = "<h2>Pairs</h2>" + legend + _pairs_table(review, by_id, renderer)
    page = (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>Review: {_e(meta.project)}</title><style>{css}</style></head>"
        f"<body>{head}{body}</body></html>\n"
    )
    return utf8(page)
