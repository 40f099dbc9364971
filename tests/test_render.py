"""Rendering: every user text is escaped, spans become classed <span>s, nothing is markdown."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.align import align
from workbench.diff import analyse, analyse_pair
from workbench.model import Bead, Finding, PairDivergence, Span
from workbench.render import CSS, escape, highlight_html, render_pair, side_specs, text_block
from workbench.review import build_review
from workbench.text import document_from_units
from workbench.ui.components.pair_html import UI_CSS, pair_html

PAYLOADS = (
    ":smile:",
    "->",
    "**x**",
    "$x$",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[link](http://x)",
    "`code`",
    "~~strike~~",
    "_under_",
)
_TAG = re.compile(r"<[^>]*>")


def _text_of(markup: str) -> str:
    return html.unescape(_TAG.sub("", markup))


def test_escape_encodes_html_and_markdown_characters() -> None:
    assert escape('<a href="x">') == "&lt;a href=&quot;x&quot;&gt;"
    assert escape("$5 **bold** :smile:") == "&#36;5 &#42;&#42;bold&#42;&#42; &#58;smile&#58;"
    assert "&#95;" in escape("_x_") and "&#96;" in escape("`x`") and "&#126;" in escape("~")
    assert escape("[a]") == "&#91;a&#93;"
    assert escape("# it's & #") == "&#35; it&#x27;s &amp; &#35;"


_ACTIVE = "&#<>\"'*_`~$[]:\\|{}"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ACTIVE + "ab;x27 é’中"), max_size=40))
def test_escape_replaces_each_active_character_once(text: str) -> None:
    # the reference: html.escape, then every other active character as &#NN; (escape
    # replaces them one character at a time, none twice)
    reference = "".join(
        html.escape(ch, quote=True) if ch in "&<>\"'" else f"&#{ord(ch)};" if ch in _ACTIVE else ch
        for ch in text
    )
    assert escape(text) == reference
    assert html.unescape(escape(text)) == text


def test_highlight_wraps_spans_with_class_and_escaped_title() -> None:
    out = highlight_html("ab<cd", [(1, 3, "change", 'Changed: “b<” → "x"')])
    assert out == (
        'a<span class="wb-change" title="Changed&#58; “b&lt;” → &quot;x&quot;">b&lt;</span>cd'
    )


def test_empty_span_is_a_zero_width_marker() -> None:
    out = highlight_html("abc", [(1, 1, "omission", "gone")])
    assert out == 'a<span class="wb-gap wb-omission" title="gone"></span>bc'


def test_overlapping_spans_are_cut_at_boundaries() -> None:
    out = highlight_html("abcdef", [(0, 4, "change", "c"), (2, 6, "check", "k")])
    assert out == (
        '<span class="wb-change" title="c">ab</span>'
        '<span class="wb-change wb-check" title="c &#124; k">cd</span>'
        '<span class="wb-check" title="k">ef</span>'
    )


def test_kinds_cannot_inject_attributes() -> None:
    out = highlight_html("x", [(0, 1, 'a" onclick="evil', "m")])
    assert 'onclick="' not in out
    assert 'class="wb-a--onclick--evil"' in out


def _div(original: str, translation: str) -> PairDivergence:
    sim, band, spans, findings = analyse_pair(original, translation)
    return PairDivergence(
        "P1=P1",
        Bead((0,), (0,)),
        ("P1",),
        ("P1",),
        original,
        translation,
        sim,
        band,
        spans,
        findings,
    )


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_comes_out_literally(payload: str) -> None:
    o_html, t_html = render_pair(_div(f"Say {payload} now.", f"Say {payload} now."))
    assert escape(payload) in o_html and escape(payload) in t_html
    assert _text_of(o_html) == f"Say {payload} now."


def test_payloads_stay_literal_inside_highlighted_spans() -> None:
    original = "\n".join(PAYLOADS)
    translation = "\n".join(PAYLOADS[::-1]) + " extra"
    div = _div(original, translation)
    assert div.spans  # the reordering produces highlights that cut through the payloads
    block = _row_html(original, translation)
    assert "<script" not in block.lower()
    assert "<img" not in block.lower()
    o_html, t_html = render_pair(div)
    assert _text_of(o_html) == original
    assert _text_of(t_html) == translation
    for markup in (o_html, t_html, block):
        text_only = _TAG.sub("", markup)
        assert not set(text_only) & set("*_`~$[]:<>")
        # attribute values are escaped too: no raw markdown characters inside titles
        for title in re.findall(r'title="([^"]*)"', markup):
            assert not set(title) & set("*_`~$[]:<>")


def _row_html(original: str, translation: str) -> str:
    """What the app draws for the first pair of two one-paragraph texts."""
    alignment = align(
        document_from_units([original], name="o", language="en"),
        document_from_units([translation], name="t", language="en"),
    )
    divergences = analyse(alignment)
    review = build_review(alignment, divergences, project="p")
    return pair_html(review.pairs[0], divergences[0])


def test_the_app_row_shows_ids_why_band_similarity_and_messages() -> None:
    block = _row_html("It launched in 2022.", "It launched in 2023.")
    assert block.startswith('<div class="wbui-head" data-pair-id="P1=P1" data-band="major"')
    assert "P1 ↔ P1" in block
    # why first, then the band, then the similarity said as what it is
    badge = re.search(r'title="why · band · text similarity">([^<]*)<', block)
    assert badge is not None
    said = html.unescape(badge.group(1))
    assert re.fullmatch(r"number changed · major · text 9\d(\.\d)? % alike", said), said
    # every message of the checks is listed (whatever the numbers check words it as)
    findings = analyse_pair("It launched in 2022.", "It launched in 2023.")[3]
    assert any("2022" in f.message for f in findings)
    assert all(f.message in html.unescape(block) for f in findings)
    assert 'class="wb-change wb-check"' in block
    assert "<style>" not in block


def test_side_specs_skip_zero_width_minor_spans_and_add_findings() -> None:
    spans = (
        Span("minor", "delete", 3, 3, 4, 5, "comma"),
        Span("change", "replace", 0, 2, 0, 3, "changed"),
    )
    findings = (Finding("numbers", "n", original_spans=((5, 6),), translation_spans=((1, 2),)),)
    assert side_specs(spans, findings, "original") == [
        (0, 2, "change", "changed"),
        (5, 6, "check", "n"),
    ]
    assert side_specs(spans, findings, "translation") == [
        (4, 5, "minor", "comma"),
        (0, 3, "change", "changed"),
        (1, 2, "check", "n"),
    ]


def test_pivot_pair_shows_original_and_highlighted_pivot() -> None:
    div = PairDivergence(
        "P1=P1",
        Bead((0,), (0,)),
        ("P1",),
        ("P1",),
        "Ils n'avaient pas tort.",
        "They were wrong.",
        90.0,
        "major",
        (Span("omission", "delete", 10, 13, 9, 9, "gone"),),
        (Finding("negation", "neg", original_spans=((10, 13),)),),
        pivot_text="They were not wrong.",
    )
    o_html, _ = render_pair(div)
    assert "via pivot" in o_html
    assert '<span class="wb-omission wb-check" title="gone &#124; neg">not</span>' in o_html
    assert "Ils n&#x27;avaient pas tort." in o_html


def test_empty_side_and_css() -> None:
    div = PairDivergence("P4=-", Bead((3,), ()), ("P4",), (), "Lost.", "", 0.0, "unaligned")
    _, t_html = render_pair(div)
    assert "wb-empty" in t_html
    assert (
        text_block("", empty="(gone <b>)") == '<div class="wb-text wb-empty">(gone &lt;b&gt;)</div>'
    )
    for kind in ("omission", "addition", "change", "minor", "check"):
        assert f".wb-{kind}" in CSS
    assert "white-space: pre-wrap" in CSS
    # every selector in CSS is scoped to a wb- class (wbui- for the app's rows)
    for stylesheet, prefix in ((CSS, ".wb-"), (UI_CSS, ".wbui-")):
        selectors = re.findall(r"(^|})\s*([^{}]+)\{", stylesheet)
        for _, sel in selectors:
            for part in sel.split(","):
                assert part.strip().startswith(prefix), part


_spans = st.lists(
    st.tuples(
        st.integers(0, 60),
        st.integers(0, 60),
        st.sampled_from(["omission", "addition", "change", "minor", "check"]),
        st.text(max_size=20),
    ),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), _spans)
def test_rendering_then_stripping_tags_gives_back_the_text(text: str, spans) -> None:  # noqa: ANN001
    out = highlight_html(text, spans)
    assert _text_of(out) == text
    assert "<script" not in out and "<img" not in out
