"""Fuzzing the whole pipeline: ingest -> segment -> align -> diff -> render -> review -> exports.

Only the typed errors of ``workbench.errors`` may escape. The normal suite runs a few
hundred examples; the opt-in long run sets the count:

    WORKBENCH_FUZZ_EXAMPLES=10000 .venv/bin/pytest -q tests/test_fuzz_pipeline.py
"""

from __future__ import annotations

import contextlib
import html
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.align import align
from workbench.diff import analyse
from workbench.errors import EmptyDocumentError, WorkbenchError
from workbench.export import EXPORTS, export
from workbench.review import build_review, review_to_alignment
from workbench.store import from_csv, to_csv
from workbench.text import load_document, read_bytes
from workbench.ui.components.pair_html import pair_html

EXAMPLES = int(os.environ.get("WORKBENCH_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: Characters that break naive text handling: controls, bidi marks, combining marks,
#: zero-width and odd spaces, emoji (incl. ZWJ sequences), CJK, markup and markdown.
SPECIALS = list(
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\r\t\u200b\u200c\u200d\u2060\ufeff\u00ad"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u0301\u0308\u0327\u20dd\u00a0\u2009\u3000\u2028\u2029"
    "😀👩‍💻🏳️‍🌈中文。！？「」한국어日本語"
    "<>&\"'`*_~$[]():#|\\/=+-@"
)
WORDS = st.sampled_from(
    [
        "the",
        "translation",
        "Original",
        "2022",
        "3.5%",
        "1,000",
        "OpenAI",
        "not",
        "never",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        ":smile:",
        "->",
        "**b**",
        "$x$",
        "=cmd|' /C calc'!A0",
        "javascript:alert(1)",
        "“quoted”",
        "naïve",
        "e.g.",
        "Dr.",
        "U.S.",
        "...",
        "—",
        "",
    ]
)
TOKEN = st.one_of(WORDS, st.sampled_from(SPECIALS), st.text(min_size=1, max_size=8))
PARAGRAPH = st.lists(TOKEN, min_size=0, max_size=25).map(" ".join)
DOCUMENT = st.lists(PARAGRAPH, min_size=0, max_size=8).map(lambda paras: "\n\n".join(paras))


def _load(text: str, name: str):
    return load_document(text.encode("utf-8", "surrogatepass"), name=name)


def _pipeline(original_text: str, translation_text: str) -> None:
    """Run every stage; return normally or raise a WorkbenchError."""
    original = _load(original_text, "original.txt")
    translation = _load(translation_text, "translation.txt")
    alignment = align(original, translation)
    covered_o = sorted(i for b in alignment.beads for i in b.original)
    covered_t = sorted(i for b in alignment.beads for i in b.translation)
    assert covered_o == list(range(len(original.segments)))
    assert covered_t == list(range(len(translation.segments)))

    divergences = analyse(alignment)
    assert len(divergences) == len(alignment.beads)
    review = build_review(alignment, divergences, project="fuzz")
    for record, div in zip(review.pairs, divergences, strict=True):
        page = pair_html(record, div, forward=True)  # what the app draws for the row
        assert "<script" not in page.lower()
        assert not re.search(r"<img\b", page, re.IGNORECASE)
        assert 0.0 <= div.similarity <= 100.0
    assert from_csv(to_csv(review)) == review
    rebuilt = review_to_alignment(review)
    assert [b.original for b in rebuilt.beads] == [b.original for b in alignment.beads]
    for fmt in EXPORTS:
        data = export(review, fmt, divergences=divergences)
        assert isinstance(data, bytes) and data
    report = export(review, "html", divergences=divergences).decode("utf-8")
    assert "<script>alert(1)" not in report


@FUZZ
@given(original=DOCUMENT, translation=DOCUMENT)
def test_pipeline_raises_only_typed_errors(original: str, translation: str) -> None:
    with contextlib.suppress(WorkbenchError):
        _pipeline(original, translation)


@FUZZ
@given(original=DOCUMENT, edits=st.lists(st.tuples(st.integers(0, 10**6), TOKEN), max_size=6))
def test_pipeline_on_a_lightly_edited_copy(original: str, edits: list[tuple[int, str]]) -> None:
    translation = original
    for position, token in edits:
        at = position % (len(translation) + 1)
        translation = translation[:at] + token + translation[at:]
    with contextlib.suppress(WorkbenchError):
        _pipeline(original, translation)


@FUZZ
@given(
    data=st.binary(max_size=4096),
    name=st.sampled_from(["a.txt", "a.md", "a.html", "a.htm", "a.docx", "a", "a.csv", "a.pdf"]),
)
def test_arbitrary_bytes_are_read_or_refused_with_a_typed_error(data: bytes, name: str) -> None:
    try:
        result = read_bytes(data, name=name)
    except WorkbenchError as exc:
        assert exc.message.strip()
    else:
        assert isinstance(result.text, str)
        assert "\x00" not in result.text
        assert "\r" not in result.text


@FUZZ
@given(text=st.text(max_size=300))
def test_arbitrary_unicode_text_is_read_or_refused(text: str) -> None:
    try:
        doc = _load(text, "text.txt")
    except WorkbenchError:
        return
    for segment in doc.segments:
        assert doc.text[segment.start : segment.end] == segment.text
        for sentence in segment.sentences:
            assert doc.text[sentence.start : sentence.end] == sentence.text


def test_lone_surrogates_in_bytes_are_refused_or_replaced() -> None:
    raw = "abc \udcff def".encode("utf-8", "surrogateescape")
    try:
        result = read_bytes(raw + b" more ordinary text to read", name="s.txt")
    except WorkbenchError as exc:
        assert "encod" in exc.message.lower()
    else:
        assert "\udcff" not in result.text


def test_empty_and_whitespace_documents_raise_empty_document_error() -> None:
    for text in ("", "   \n\n\t  ", "\u200b\u00ad\ufeff"):
        with pytest.raises(EmptyDocumentError):
            _load(text, "empty.txt")


def test_one_giant_paragraph_goes_through() -> None:
    words = ("alpha beta gamma 2022 delta. " * 8000).strip()
    _pipeline(words, words.replace("2022", "2023", 1))


def test_ten_thousand_tiny_paragraphs_go_through() -> None:
    text = "\n\n".join(f"Line {i}." for i in range(10_000))
    changed = text.replace("Line 5000.", "Line 5000, changed slightly.")
    original = _load(text, "o.txt")
    translation = _load(changed, "t.txt")
    alignment = align(original, translation)
    assert len(alignment.beads) >= 9_999
    divergences = analyse(alignment)
    flagged = [d.pair_id for d in divergences if d.band != "identical"]
    # Every other pair is identical; the edited line is flagged, paired or (its text
    # being as close to it as any other line is) as an omission plus an addition.
    assert flagged in (["P5001=P5001"], ["-=P5001", "P5001=-"], ["P5001=-", "-=P5001"])


def test_markup_payloads_render_literally() -> None:
    payload = "<script>alert(1)</script> <img src=x onerror=alert(1)> :smile: -> **b** $x$"
    original = _load(payload, "o.txt")
    alignment = align(original, _load(payload + " extra", "t.txt"))
    divergences = analyse(alignment)
    record = build_review(alignment, divergences, project="xss").pairs[0]
    page = pair_html(record, divergences[0])
    text_only = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "<script>alert(1)</script>" in text_only
    assert "<img src=x onerror=alert(1)>" in text_only
    assert "<script" not in page and "<img" not in page
