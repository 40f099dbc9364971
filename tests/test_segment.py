"""Segmentation: paragraphs, hard wraps, headings, credit lines, sentences, offsets."""

from __future__ import annotations

import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.errors import EmptyDocumentError, TooLargeError
from workbench.text import (
    document_from_units,
    guess_language,
    script_of,
    segment_text,
    split_sentences,
)
from workbench.text.language import _STOPWORDS, _function_word_scores
from workbench.text.unwrap import unwrap

ESSAY = Path(__file__).resolve().parent.parent / "texts" / "reflections-en-backtranslation.txt"

PROSE = (
    "The committee met on a grey Tuesday morning to discuss the proposal, which had been "
    "circulated the week before and had already provoked a lively exchange of letters among "
    "the members. Nobody expected a quick decision; the chair opened by reading the minutes "
    "of the previous meeting aloud, slowly, while the rain drummed against the tall windows "
    "of the old council chamber and the clerk took notes in a small green notebook."
)


def texts(doc):
    return [s.text for s in doc.segments]


def check_offsets(doc):
    """Every segment and sentence is the slice of doc.text at its offsets; ids in order."""
    for i, seg in enumerate(doc.segments):
        assert seg.id == f"P{i + 1}" and seg.index == i
        assert doc.text[seg.start : seg.end] == seg.text
        assert seg.text == seg.text.strip() and seg.text
        last = seg.start
        for k, sent in enumerate(seg.sentences):
            assert sent.id == f"{seg.id}.S{k + 1}"
            assert doc.text[sent.start : sent.end] == sent.text
            assert seg.start <= sent.start < sent.end <= seg.end
            assert sent.start >= last
            last = sent.end
        # sentences cover every non-space character of the paragraph
        covered = "".join(s.text for s in seg.sentences)
        assert "".join(covered.split()) == "".join(seg.text.split())


# --- paragraphs ---------------------------------------------------------------------


def test_blank_lines_separate_paragraphs():
    doc = segment_text("One.\n\n\nTwo.\n  \nThree.\n")
    assert texts(doc) == ["One.", "Two.", "Three."]
    check_offsets(doc)


def test_one_paragraph_per_line_without_blank_lines():
    doc = segment_text("First paragraph here.\nSecond paragraph.\nThird one, longer than the rest.")
    assert texts(doc) == [
        "First paragraph here.",
        "Second paragraph.",
        "Third one, longer than the rest.",
    ]


def test_hard_wrapped_blocks_are_joined():
    second = PROSE.replace("committee", "board")
    raw = textwrap.fill(PROSE, 72) + "\n\n" + textwrap.fill(second, 72) + "\n"
    doc = segment_text(raw)
    assert texts(doc) == [PROSE, second]
    check_offsets(doc)


def test_hard_wrapped_text_without_blank_lines_splits_at_short_lines():
    second = PROSE.replace("committee", "board")
    raw = textwrap.fill(PROSE, 60) + "\n" + textwrap.fill(second, 60)
    assert texts(segment_text(raw)) == [PROSE, second]


def test_indented_paragraphs_of_an_old_e_text():
    raw = (
        "    It was a dark and stormy night; the rain fell in torrents, except at\n"
        "occasional intervals, when it was checked by a violent gust of wind\n"
        "which swept up the streets (for it is in London that our scene lies),\n"
        "rattling along the housetops, and fiercely agitating the scanty flame.\n"
        "    Second paragraph starts here and it continues for a while until the\n"
        "line is full and wraps again, as lines in old e-texts always did then.\n"
        "    Third one."
    )
    doc = segment_text(raw)
    assert [s.text[:30] for s in doc.segments] == [
        "It was a dark and stormy night",
        "Second paragraph starts here a",
        "Third one.",
    ]
    assert doc.segments[0].text.endswith(
        "the streets (for it is in London that our scene "
        "lies), rattling along the housetops, and fiercely "
        "agitating the scanty flame."
    )
    check_offsets(doc)


def test_cjk_hard_wrap_joins_without_spaces():
    para = (
        "我们大约九年前创立了公司，因为我们相信通用人工智能是可能的，并且它有潜力成为人类历史上最具影响力的技术。"
        * 2
    )
    raw = "\n".join(para[i : i + 30] for i in range(0, len(para), 30))
    assert texts(segment_text(raw + "\n\n第二段。")) == [para, "第二段。"]


def test_hyphenated_line_ends_are_mended_with_evidence_from_the_text():
    raw = (
        "This paragraph is an example of the kind of text that gets hyphenated by exam-\n"
        "ple typesetters who split words at the end of each line, and also a well-known\n"
        "problem for tools that read such texts later, because the solution that is well-\n"
        "known and used by everyone is to look at the rest of the text before deciding.\n"
    )
    doc = segment_text(raw)
    assert len(doc.segments) == 1
    assert "by example typesetters" in doc.text
    assert "that is well-known and used" in doc.text


def test_hyphen_without_evidence_is_dropped_before_lowercase_and_kept_before_capital():
    raw = (
        "When the printer reached the margin he split the word inform-\n"
        "ation across two lines, as printers always did in the Anglo-\n"
        "Saxon tradition, and nobody at the time thought that it was strange.\n"
    )
    assert segment_text(raw).text == (
        "When the printer reached the margin he split the word information across two lines, "
        "as printers always did in the Anglo-Saxon tradition, and nobody at the time thought "
        "that it was strange.\n"
    )


def test_two_line_block_is_joined_only_in_a_wrapped_document():
    two = "Chapter One: The Beginning of Everything in This Small Town\nIt was a dark night."
    assert texts(segment_text("Intro.\n\n" + two)) == ["Intro.", two]
    tail = "A short paragraph that also wrapped once at the same width as the others\ndid before."
    raw = textwrap.fill(PROSE, 72) + "\n\n" + tail
    assert texts(segment_text(raw))[1] == tail.replace("\n", " ")


@pytest.mark.parametrize(
    "block",
    [
        # verse: short lines, ends punctuated, capitals
        "Shall I compare thee to a summer's day?\nThou art more lovely and more temperate:\n"
        "Rough winds do shake the darling buds of May,\nAnd summer's lease hath all too short",
        # an address
        "Mr John Smith\n12 High Street\nLittle Whinging\nSurrey",
        # lists
        "- first item of a list that is long enough to look like wrapped prose text\n"
        "- second item of a list that is long enough to look like wrapped prose too",
        "1. first numbered item that is long enough to look like a wrapped prose line\n"
        "2. second numbered item, long enough to look like wrapped prose text too",
    ],
)
def test_deliberate_short_lines_are_kept(block):
    doc = segment_text("Intro.\n\n" + block + "\n\nOutro.")
    assert texts(doc) == ["Intro.", block, "Outro."]


def test_markdown_headings_are_own_segments():
    doc = segment_text("# Title\nText under it.\n\n## Sub\n\nMore text.")
    assert [(s.kind, s.text) for s in doc.segments] == [
        ("heading", "# Title"),
        ("body", "Text under it."),
        ("heading", "## Sub"),
        ("body", "More text."),
    ]
    check_offsets(doc)


def test_credit_lines_near_the_start_are_front_matter():
    doc = segment_text(
        "My Essay\n\nOriginal author: Jane Doe\n\nTranslated by: John Roe\n\n"
        "By the time we arrived, the show had started.\n\nSource: later line stays body."
    )
    assert [s.kind for s in doc.segments] == ["body", "front", "front", "body", "body"]


def test_chinese_credit_lines_are_front_matter():
    doc = segment_text(
        "原文标题：Reflections\n\n原文作者：Sam Altman\n\n原文编译：深潮 TechFlow\n\n"
        "作者：山姆\n\n正文从这里开始。"
    )
    assert [s.kind for s in doc.segments] == ["front", "front", "front", "front", "body"]


def test_empty_text_is_refused():
    with pytest.raises(EmptyDocumentError, match="“x” contains no text"):
        segment_text(" \n\t ", name="x")


def test_max_segments():
    with pytest.raises(TooLargeError, match="3 paragraphs; the most accepted is 2"):
        segment_text("a\nb\nc", name="x", max_segments=2)


# --- sentences ----------------------------------------------------------------------


def sentences(text, language="en"):
    return [text[s:e] for s, e in split_sentences(text, language=language)]


def test_abbreviations_and_decimals_do_not_split():
    text = (
        "Dr. Smith met Mr. Jones in the U.S. capital at 3.5 p.m. on Monday. "
        "They discussed e.g. prices of $4.25 per unit. It went well."
    )
    assert sentences(text) == [
        "Dr. Smith met Mr. Jones in the U.S. capital at 3.5 p.m. on Monday.",
        "They discussed e.g. prices of $4.25 per unit.",
        "It went well.",
    ]


def test_quotes_and_question_marks():
    assert sentences("He asked, “Why now?” Nobody answered. Then: silence!") == [
        "He asked, “Why now?”",
        "Nobody answered.",
        "Then: silence!",
    ]


def test_german_rules():
    assert sentences("Das ist z. B. ein Test. Er kam am 3. Mai zurück.", language="de") == [
        "Das ist z. B. ein Test.",
        "Er kam am 3. Mai zurück.",
    ]


def test_chinese_sentences_split_on_full_width_punctuation():
    text = "我们相信这是可能的。你相信吗？“当然！”他说。最后一句没有标点"
    assert sentences(text, "zh") == [
        "我们相信这是可能的。",
        "你相信吗？",
        "“当然！”",
        "他说。",
        "最后一句没有标点",
    ]


def test_japanese_sentences():
    text = "私は学生です。あなたは？はい、そうです！"
    assert sentences(text, "ja") == ["私は学生です。", "あなたは？", "はい、そうです！"]


def test_english_paragraph_inside_chinese_document_uses_latin_rules():
    doc = segment_text("这是中文。第二句。\n\nDr. Smith said hi. Then he left.", language="zh")
    assert [s.text for s in doc.sentences] == [
        "这是中文。",
        "第二句。",
        "Dr. Smith said hi.",
        "Then he left.",
    ]


def test_paragraph_without_inner_boundary_is_one_sentence():
    assert sentences("A heading without a full stop") == ["A heading without a full stop"]
    assert sentences("  One sentence only.  ") == ["One sentence only."]


# --- documents ----------------------------------------------------------------------


def test_essay_segments():
    doc = segment_text(ESSAY.read_text(encoding="utf-8"), name=ESSAY.name)
    assert len(doc.segments) == 37
    assert doc.segments[0].text == "Original author: Sam Altman"
    assert doc.segments[1].text == "Original translation: Deep Tide TechFlow"
    assert [s.kind for s in doc.segments[:3]] == ["front", "front", "body"]
    assert all(s.kind == "body" for s in doc.segments[2:])
    assert doc.segments[-1].text.endswith("than him.")
    assert all(seg.sentences for seg in doc.segments)
    assert (doc.language, doc.script) == ("en", "Latin")
    check_offsets(doc)


def test_segment_text_is_stable_on_its_own_output():
    raw = textwrap.fill(PROSE, 70) + "\n\n# Head\n\n" + textwrap.fill(PROSE, 50)
    once = segment_text(raw)
    again = segment_text(once.text)
    assert again.text == once.text and again.sha256 == once.sha256


def test_script_and_language_guesses():
    assert script_of("Hello world") == "Latin"
    assert script_of("我们相信") == "Han"
    assert script_of("私はがくせいです") == "Japanese"
    assert script_of("안녕하세요") == "Hangul"
    assert script_of("12345 !!") == "Unknown"
    assert guess_language("The cat and the dog are in the house.") == "en"
    assert guess_language("Der Hund und die Katze sind nicht im Haus.") == "de"
    assert guess_language("我们相信") == "zh"
    assert guess_language("12345") == "und"


def test_french_with_elided_articles_and_de_is_not_spanish():
    """A machine translation into French (the pivot of the browser test) was said to be
    Spanish: "de" counted for Spanish only, and "l'", "d'" and "à" for nobody."""
    french = (
        "En 2024, l'ouvrage a été remis en service au terme de deux années de chantier. "
        "La cime se trouve à 8481 m et son ascension initiale date de 1955. "
        "Au mois de juin, l'équipe est rentrée accompagnée de trois portefaix."
    )
    assert guess_language(french) == "fr"
    spanish = (
        "El puente volvió a abrir en 2024 después de dos años de obras. "
        "La cumbre se encuentra a 8481 m y fue escalada por primera vez en 1955."
    )
    assert guess_language(spanish) == "es"
    italian = "L'ascensione della vetta è stata difficile per gli alpinisti e per il capo."
    assert guess_language(italian) == "it"


_WORDS = ["the", "The", "und", "für", "FÜR", "à", "À", "é", "ès", "non", "NÃO", "l", "d", "İl"]
_GLUE = [" ", "'", "’", ", ", "_", "3", "\n", "-", "ß", "Σ", "中", "\u0301", "\u0130", ".."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS + _GLUE), max_size=40))
def test_function_words_are_counted_as_each_lower_cased_run_of_letters(parts: list[str]) -> None:
    # the reference: every run of letters, lower-cased, counted (the scores read only
    # the function words; the fast path splits the UTF-8 bytes instead)
    text = "".join(parts)
    words = Counter(w.lower() for w in re.findall(r"[^\W\d_]+", text))
    reference = {lang: sum(words[w] for w in sw.split()) for lang, sw in _STOPWORDS.items()}
    assert _function_word_scores(text) == reference


def test_document_from_units():
    doc = document_from_units(["  First unit. Two sentences.", "", "Third"], name="u")
    assert [s.text for s in doc.segments] == ["First unit. Two sentences.", "", "Third"]
    assert [len(s.sentences) for s in doc.segments] == [1, 0, 1]
    for seg in doc.segments:
        assert doc.text[seg.start : seg.end] == seg.text
    split = document_from_units(["First unit. Two sentences."], split=True)
    assert [s.text for s in split.sentences] == ["First unit.", "Two sentences."]


# --- properties ---------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    list("abcXYZ .,!?;:-—\n\n\n  \t\"“”'’()") + ["Dr.", "U.S.", "3.5", "我", "。", "？", "# ", "- "]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=120).map("".join))
def test_offsets_hold_for_arbitrary_text(raw):
    if not raw.strip():
        with pytest.raises(EmptyDocumentError):
            segment_text(raw)
        return
    doc = segment_text(raw)
    check_offsets(doc)
    assert segment_text(doc.text).text == doc.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_offsets_hold_for_any_unicode(raw):
    if not raw.strip():
        return
    try:
        doc = segment_text(raw)
    except EmptyDocumentError:
        return  # only invisible characters
    check_offsets(doc)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(PROSE.split()), min_size=30, max_size=120), st.integers(45, 100))
def test_wrapped_prose_round_trips(words, width):
    para = " ".join(words)
    wrapped = textwrap.fill(para, width, break_on_hyphens=False)
    if wrapped.count("\n") < 2 or max(map(len, wrapped.split("\n"))) < 45:
        return  # too few lines, or narrower than the documented minimum wrap width
    assert unwrap(wrapped) == para


# --- the fast path agrees with pysbd --------------------------------------------------

_TRICKY = [
    "Dr. Smith arrived at 5 p.m. on Monday.",
    "The U.S. team won gold.",
    "Prices rose 2.5% last year.",
    "He said “Stop. Now.” and left.",
    "See the results (they were good. Very good.) below.",
    "It cost approx. ten dollars.",
    "We met at the station.",
    "Nobody came!",
    "Why did it happen?",
    "This is the end... Or is it?",
    "The company, i.e. the board, decided.",
    "Visit www.example.com today.",
    "Version 3.5 shipped in 2022.",
    "It was fine etc. Then we left.",
    "Mr. and Mrs. Jones agreed.",
    "The essay was called 'Chat With GPT-3.5.' at first.",
    'He wrote: "Done." Then slept.',
    "Some items: a. apples b. pears.",
]


def _pysbd_only(text, language="en"):
    from workbench.text.sentences import _cuts_to_spans, _pysbd_cuts

    return _cuts_to_spans(text, _pysbd_cuts(text, language))


def test_fast_path_matches_pysbd_on_the_essay():
    paragraphs = [p for p in ESSAY.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    for para in paragraphs:
        assert split_sentences(para) == _pysbd_only(para), para


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TRICKY), min_size=1, max_size=6))
def test_fast_path_matches_pysbd_on_tricky_sentences(parts):
    para = " ".join(parts)
    assert split_sentences(para) == _pysbd_only(para)


def test_sentence_pysbd_altered_is_kept_not_dropped(monkeypatch):
    import workbench.text.sentences as seg_module

    class FakeProcessor:
        def __init__(self, text):
            self.text = text

        def process(self):
            # as if pysbd had rewritten the middle sentence
            return ["First one.", "Sec0nd  one!", "Third one.", "Fourth."]

    class FakeSegmenter:
        def processor(self, text):
            return FakeProcessor(text)

    monkeypatch.setattr(seg_module, "_pysbd_segmenter", lambda language: FakeSegmenter())
    text = "First one. Second one! Third one. Fourth."
    spans = seg_module._cuts_to_spans(text, seg_module._pysbd_cuts(text, "en"))
    assert [text[s:e] for s, e in spans] == [
        "First one.",
        "Second one!",
        "Third one.",
        "Fourth.",
    ]


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("before —", "and after", "before — and after"),
        ("before—", "after", "before—after"),
        ("Anglo-", "Saxon", "Anglo-Saxon"),
        ("COVID-", "19 cases", "COVID-19 cases"),
        ("inform-", "ation", "information"),
        ("plain", "  words", "plain words"),
        ("中文换行", "继续", "中文换行继续"),
    ],
)
def test_joining_wrapped_lines(left, right, joined):
    from workbench.text.unwrap import Vocabulary, join_lines

    assert join_lines(left, right, Vocabulary(left + "\n" + right)) == joined
