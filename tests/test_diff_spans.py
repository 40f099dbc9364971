"""The fuzzy word diff: exact spans for each kind; trivial differences stay quiet."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.diff import tokenize
from workbench.diff.spans import diff_spans, fuzzy_equal
from workbench.model import Span


def _spans(original: str, translation: str, **kw: object) -> tuple[Span, ...]:
    return diff_spans(
        original,
        translation,
        original_tokens=tokenize(original),
        translation_tokens=tokenize(translation),
        **kw,  # type: ignore[arg-type]
    )


def _view(o: str, t: str, spans: tuple[Span, ...]) -> list[tuple[str, str, str, str]]:
    return [
        (
            s.kind,
            s.op,
            o[s.original_start : s.original_end],
            t[s.translation_start : s.translation_end],
        )
        for s in spans
    ]


def test_omission_span_with_offsets_and_message() -> None:
    o, t = "We built a company from scratch.", "We built a company."
    spans = _spans(o, t)
    assert spans == (
        Span(
            "omission",
            "delete",
            19,
            31,
            18,
            18,
            "In the original, missing in the translation: “from scratch”",
        ),
    )


def test_addition_span() -> None:
    o, t = "They held concerts.", "They held concerts, which raised money."
    assert _view(o, t, _spans(o, t)) == [("addition", "insert", "", ", which raised money")]
    assert _spans(o, t)[0].message == "Added in the translation: “, which raised money”"


def test_change_span_is_one_span_per_run_of_words() -> None:
    o, t = "a big red car", "a small blue car"
    spans = _spans(o, t)
    assert _view(o, t, spans) == [("change", "replace", "big red", "small blue")]
    assert spans[0].message == "Changed: “big red” → “small blue”"


def test_changes_merge_across_one_function_word() -> None:
    o, t = "The cat of Anna sleeps.", "The dog of Bob sleeps."
    assert _view(o, t, _spans(o, t)) == [("change", "replace", "cat of Anna", "dog of Bob")]


def test_inflection_and_spelling_variants_are_minor() -> None:
    o, t = "The developer of the organisation", "The developers of the organization"
    spans = _spans(o, t)
    assert _view(o, t, spans) == [
        ("minor", "replace", "developer", "developers"),
        ("minor", "replace", "organisation", "organization"),
    ]
    assert spans[0].message == "Spelling or inflection variant: “developer” → “developers”"


def test_negative_prefix_is_not_a_fuzzy_variant() -> None:
    a, b = tokenize("possible impossible")
    assert not fuzzy_equal(a, b)
    o, t = "It is possible.", "It is impossible."
    assert _view(o, t, _spans(o, t)) == [("change", "replace", "possible", "impossible")]


def test_case_only_difference_is_minor() -> None:
    o, t = "the council met", "the Council met"
    spans = _spans(o, t)
    assert _view(o, t, spans) == [("minor", "equal", "council", "Council")]
    assert spans[0].message == "Case differs: “council” → “Council”"


def test_punctuation_only_differences_are_minor() -> None:
    o, t = "Hello world, again.", "Hello world again!"
    assert _view(o, t, _spans(o, t)) == [
        ("minor", "delete", ",", ""),
        ("minor", "replace", ".", "!"),
    ]


def test_number_notation_variants_are_minor() -> None:
    o, t = "rose 3.5% to 1,000 units", "rose 3,5 % to 1 000 units"
    assert [s.kind for s in _spans(o, t)] == ["minor", "minor"]


def test_contraction_is_minor() -> None:
    o, t = "We don't know.", "We do not know."
    assert _view(o, t, _spans(o, t)) == [("minor", "replace", "don't", "do not")]


def test_quote_dash_and_space_styles_are_quiet() -> None:
    o = 'He said "yes" - twice -- and  it\'s   fine... ok'
    t = "He said “yes” — twice — and it’s fine… ok"
    assert _spans(o, t) == ()


def test_suppress_minor_drops_minor_spans_only() -> None:
    o, t = "The Council met on Monday, and agreed.", "The council met on Friday and agreed."
    assert _view(o, t, _spans(o, t)) == [
        ("minor", "equal", "Council", "council"),
        ("change", "replace", "Monday,", "Friday"),
    ]
    assert [s.kind for s in _spans(o, t, suppress_minor=True)] == ["change"]


def test_dropped_sentence_span_starts_at_its_first_word() -> None:
    o = "One. It was about the habits. Two."
    t = "One. Two."
    assert _view(o, t, _spans(o, t)) == [("omission", "delete", "It was about the habits.", "")]


def test_empty_side_marks_insertion_point() -> None:
    o, t = "alpha beta", "alpha gamma beta"
    (span,) = _spans(o, t)
    assert (span.original_start, span.original_end) == (5, 5)
    assert t[span.translation_start : span.translation_end] == "gamma"


_WORDS = st.sampled_from(
    [
        "the",
        "The",
        "cat",
        "cats",
        "sat",
        "on",
        "mat",
        ",",
        ".",
        "—",
        "-",
        "2022",
        "3.5",
        "3,5",
        "don't",
        "do",
        "not",
        "organisation",
        "organization",
        "“",
        '"',
        "Okafor",
        "Okoro",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_WORDS, max_size=25), st.lists(_WORDS, max_size=25))
def test_tokens_outside_spans_are_the_same_on_both_sides(a: list[str], b: list[str]) -> None:
    """Brute-force invariant: what no span covers is equal (in comparison form) on both sides."""
    o, t = " ".join(a), " ".join(b)
    spans = _spans(o, t)
    o_toks, t_toks = tokenize(o), tokenize(t)

    def outside(toks, ranges):  # noqa: ANN001, ANN202
        return [x.norm for x in toks if not any(s <= x.start and x.end <= e for s, e in ranges)]

    o_ranges = [(s.original_start, s.original_end) for s in spans]
    t_ranges = [(s.translation_start, s.translation_end) for s in spans]
    assert outside(o_toks, o_ranges) == outside(t_toks, t_ranges)
    for s in spans:
        assert 0 <= s.original_start <= s.original_end <= len(o)
        assert 0 <= s.translation_start <= s.translation_end <= len(t)
    # spans come in text order and never overlap
    for x, y in zip(spans, spans[1:], strict=False):
        assert x.original_end <= y.original_start and x.translation_end <= y.translation_start


def test_long_pairs_use_anchors_and_still_find_every_edit() -> None:
    """Past DIFFLIB_MAX_CELLS the diff is cut at anchors; every planted edit is still a span."""
    import random

    from workbench.diff import opcodes as opcodes_module

    rng = random.Random(7)
    vocab = [f"w{k}" for k in range(400)]
    words = [rng.choice(vocab) for _ in range(3000)]
    edited, planted = [], []  # planted: indices (in ``words``) that were changed or dropped
    for k, w in enumerate(words):
        if k % 300 == 150:
            planted.append(k)
            continue  # dropped
        if k % 250 == 100:
            planted.append(k)
            edited.append("CHANGED")
            continue
        edited.append(w)
    o, t = " ".join(words), " ".join(edited)
    a, b = tokenize(o), tokenize(t)
    assert len(a) * len(b) > opcodes_module.DIFFLIB_MAX_CELLS
    spans = _spans(o, t)
    assert {s.kind for s in spans} == {"change", "omission"}
    starts = [a[k].start for k in planted]
    for start in starts:
        assert any(s.original_start <= start < s.original_end for s in spans), start
    for s in spans:
        assert any(s.original_start <= start < s.original_end for start in starts), s
    assert len(spans) == len(planted)
