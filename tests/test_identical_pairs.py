"""Identical texts skip the word diff and the checks that compare two sides.

``_same_language_pair`` returns at once for a pair whose two texts are equal: no span,
similarity 100, and only the length check (it compares with the document's ratio, not
with the other side). That is exact only if no other same-language check can report
anything on two equal texts: every check is run here on generated texts full of names,
titles, possessives, initials, numbers and negators, read with any documents' evidence,
and finds only what the length check finds.
"""

from __future__ import annotations

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from workbench.diff.analyse import analyse_pair
from workbench.diff.checks import check_length
from workbench.diff.checks.name_evidence import document_names
from workbench.diff.checks.names import check_names
from workbench.diff.pair_checks import same_language_checks
from workbench.diff.tokens import tokenize

_PIECES = [
    *["Okafor", "Okoro", "Martin", "Okafor's", "l'Everest", "Mount", "Everest", "Dr.", "J."],
    *["the", "a", "rose", "Rose", "ROSE", "van", "der", "Berg", "said", "not", "never"],
    *["“Blue Harbour”", "'Tidewater'", '"The Sea"', "Baltoro", "McNaught-Davis", "Zürich"],
    *["New York", "UN", "3,500", "5 300", "1956", "ten", ". ", ", ", "; ", "\n", " ", " "],
]
_TEXT = st.lists(st.sampled_from(_PIECES), min_size=1, max_size=25).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(
    text=_TEXT,
    original_doc=_TEXT,
    translation_doc=_TEXT,
    language=st.sampled_from(["en", "de", "fr"]),
)
def test_names_find_nothing_on_equal_texts(
    text: str, original_doc: str, translation_doc: str, language: str
) -> None:
    tokens = tokenize(text)
    evidence = (document_names(original_doc + " " + text), document_names(translation_doc))
    found = check_names(
        text,
        text,
        same_language=True,
        original_tokens=tokens,
        translation_tokens=tokens,
        languages=(language, language),
        evidence=evidence,
    )
    assert found == []


@settings(max_examples=300, deadline=None)
@given(text=_TEXT, other_doc=_TEXT, ratio=st.sampled_from([0.3, 1.0, 1.2, 3.0]))
def test_the_shortcut_gives_what_the_full_path_gave(
    text: str, other_doc: str, ratio: float
) -> None:
    assume(text.strip())  # a blank side is a one-sided pair (unaligned), not an identical one
    tokens = tokenize(text)
    evidence = (document_names(text), document_names(other_doc))
    full = same_language_checks(
        text,
        text,
        (tokens, tokens),
        (),
        skip=([], []),
        ratio=ratio,
        language="en",
        labels=("original", "translation"),
        number_words=True,
        name_evidence=evidence,
    )
    assert full == check_length(text, text, ratio=ratio)
    score, band, spans, findings = analyse_pair(text, text, ratio=ratio, name_evidence=evidence)
    assert (score, spans, list(findings)) == (100.0, (), full)
    if not full:
        assert band == "identical"
