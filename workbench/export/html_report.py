"""A standalone HTML report: summary, then every pair; all user text escaped."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from workbench import render
from workbench.export.cells import utf8
from workbench.model import DiscrepancyEntry, PairDivergence
from workbench.review.record import PairRecord, Review
from workbench.review.summary import summarise

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
"""


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _counts_table(title: str, counts: dict[str, int]) -> str:
    rows = "".join(
        f"<tr><td>{_e(key or '(none)')}</td><td>{value}</td></tr>" for key, value in counts.items()
    )
    return f"<h3>{_e(title)}</h3><table class='summary'>{rows}</table>"


def _pair_row(pair: PairRecord, rendered: tuple[str, str] | None) -> str:
    ann = pair.annotation
    log = ann.log or DiscrepancyEntry()
    if rendered is None:
        o_html, t_html = _e(pair.original_text), _e(pair.translation_text)
    else:
        o_html, t_html = rendered  # render_pair escapes the texts it wraps in spans
    status_class = "status-" + ann.status.replace(" ", "-")
    checks = "<br>".join(_e(m) for m in pair.check_messages)
    judgement = " · ".join(_e(x) for x in (ann.status, ann.category, ann.severity) if x)
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
        f"<td>{pair.similarity:.1f}<div class='meta'>{_e(pair.band)}</div>"
        f"<div class='checks'>{checks}</div></td>"
        f"<td>{judgement}<div>{_e(ann.comment)}</div>{extra}</td></tr>"
    )


def to_html_report(review: Review, *, divergences: Sequence[PairDivergence] | None = None) -> bytes:
    """One self-contained HTML file (inline CSS); highlights when divergences are given."""
    css = _REPORT_CSS
    renderer = None
    if divergences is not None:
        css = render.CSS + css
        renderer = render.render_pair
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
    rows = []
    for pair in review.pairs:
        div = by_id.get(pair.pair_id)
        rendered = renderer(div) if renderer is not None and div is not None else None
        rows.append(_pair_row(pair, rendered))
    body = (
        "<h2>Pairs</h2><table><thead><tr><th>#</th><th>Original</th><th>Translation</th>"
        "<th>Similarity</th><th>Review</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    page = (
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
        f"<title>Review: {_e(meta.project)}</title><style>{css}</style></head>"
        f"<body>{head}{body}</body></html>\n"
    )
    return utf8(page)
