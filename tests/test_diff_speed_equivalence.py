"""The analysis' fast paths give exactly what the plain code they replace gave.

Tokens of ASCII texts come from an ASCII pattern and keep their texts and norms; the
negation check skips pairs without a negator or a possible affixal flip; opcodes of
short pairs come from the norms themselves; visible lengths of ASCII texts are counted
on bytes; the analysis reads bead texts and ids with the units looked up once; the
names evidence picks first-capital words from the capitalised ones. Each is compared
with the reference, or with the replaced code kept here, on generated texts.
"""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from itertools import chain, compress
from operator import itemgetter, methodcaller, or_

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.align import align
from workbench.diff.analyse import _bead_sides
from workbench.diff.checks import name_evidence
from workbench.diff.checks.base import on_side
from workbench.diff.checks.negation import NEGATIVE_PREFIXES, NEGATORS, _stem, check_negation
from workbench.diff.measures import visible_length
from workbench.diff.opcodes import token_opcodes
from workbench.diff.tokens import Token, _tokens, token_norms, token_texts, tokenize
from workbench.model import Level
from workbench.text import segment_text

#: Pieces that exercise every alternative of the token patterns: numbers with groups,
#: decimals, percentages and ordinals, apostrophes, dashes, dots and odd whitespace.
_ASCII_PIECES = [
    *"aZ09 .,'-%\t\n\x1c\x0b!?\"()_",
    *["1 000", "12 345 678", "3.5", "3,5", "50 %", "30th", "1st", "2nd", "1er", "1re"],
    *["2e", "2eme", "don't", "...", "--", "e", "th", "st", "re"],
]
_ASCII_TEXT = st.lists(st.sampled_from(_ASCII_PIECES), max_size=30).map("".join)
_OTHER_PIECES = [*"’‘«»…‰ºª\u00a0\u202fÉéßİΣς—–", "1\u00a0000", "2ème", "東京", "カナ"]
_ANY_TEXT = st.lists(st.sampled_from(_ASCII_PIECES + _OTHER_PIECES), max_size=30).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_ASCII_TEXT, st.text(alphabet=st.characters(max_codepoint=127), max_size=40)))
def test_ascii_tokens_are_the_reference_tokens(text: str) -> None:
    assert tokenize(text) == _tokens(text)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(_ANY_TEXT, st.text(max_size=30)))
def test_tokens_of_any_text_are_the_reference_tokens_with_their_lists(text: str) -> None:
    tokens = tokenize(text)
    assert tokens == _tokens(text)
    assert token_texts(tokens) == [t.text for t in tokens] == token_texts(list(tokens))
    assert token_norms(tokens) == [t.norm for t in tokens] == token_norms(list(tokens))


# --- negation: the replaced code ------------------------------------------------------


def _old_negators(tokens: list[Token], language: str, skip: list[tuple[int, int]]) -> list[Token]:
    words = NEGATORS.get(language, frozenset())
    norms = list(map(itemgetter(1), tokens))
    flags = map(words.__contains__, norms)
    if language == "en":
        flags = map(or_, flags, map(methodcaller("endswith", "n't"), norms))
    elif language == "fr":
        flags = map(or_, flags, map(methodcaller("startswith", "n'"), norms))
    out = []
    for k in compress(range(len(norms)), flags):
        tok = tokens[k]
        if tok.kind == "word" and not any(s <= tok.start < e for s, e in skip):
            out.append(tok)
    return out


def _old_word_counts(tokens: list[Token]) -> Counter[str]:
    counts = Counter(t.norm for t in tokens if t.kind == "word")
    for k in range(1, len(tokens) - 1):
        first, dash, second = tokens[k - 1], tokens[k], tokens[k + 1]
        if (
            dash.text == "-"
            and first.kind == second.kind == "word"
            and first.end == dash.start
            and dash.end == second.start
        ):
            counts[first.norm + second.norm] += 1
    return counts


def _old_affixal_flips(a: list[Token], b: list[Token], language: str) -> list:
    prefixes = NEGATIVE_PREFIXES.get(language, ())
    if not prefixes:
        return []
    count_a, count_b = _old_word_counts(a), _old_word_counts(b)
    differ = {word for word, _ in set(count_a.items()).symmetric_difference(count_b.items())}
    found = []
    labels = ("original", "translation")
    for toks, here, there, (this, that), original in (
        (a, count_a, count_b, labels, True),
        (b, count_b, count_a, labels[::-1], False),
    ):
        stems = {w: _stem(w, prefixes, here, there) for w in differ if w.startswith(prefixes)}
        flipped = {w: stem for w, stem in stems.items() if stem}
        reported: set[str] = set()
        for tok in toks:
            stem = flipped.get(tok.norm) if tok.kind == "word" else None
            if stem and tok.norm not in reported:
                reported.add(tok.norm)
                message = (
                    f"Negation flip: “{tok.text}” in the {this} stands against “{stem}” "
                    f"in the {that}"
                )
                found.append(
                    on_side("negation", message, ((tok.start, tok.end),), original=original)
                )
    return found


def _old_check_negation(original: str, translation: str, language: str) -> list:
    if language not in NEGATORS:
        return []
    a_toks, b_toks = _tokens(original), _tokens(translation)
    a = _old_negators(a_toks, language, [])
    b = _old_negators(b_toks, language, [])
    found = []
    for here, there, (this, that), original_side in (
        (a, b, ("original", "translation"), True),
        (b, a, ("translation", "original"), False),
    ):
        if len(here) > len(there):
            left = [t.norm for t in there]
            extra = []
            for tok in here:
                if tok.norm in left:
                    left.remove(tok.norm)
                else:
                    extra.append(tok)
            extra = extra or here
            words = ", ".join(f"“{t.text}”" for t in extra)
            message = f"Negation {words} in the {this} has no counterpart in the {that}"
            ranges = tuple((t.start, t.end) for t in extra)
            found.append(on_side("negation", message, ranges, original=original_side))
    return found + _old_affixal_flips(a_toks, b_toks, language)


_NEGATION_WORDS = [
    *["not", "NOT", "don't", "Don’t", "DON'T", "n't", "n'a", "N'est", "ne", "pas", "cannot"],
    *["possible", "impossible", "Impossible", "legal", "illegal", "happy", "unhappy", "un"],
    *["profit", "non-profit", "nonprofit", "non", "-", "—", "in", "able", "disable", "xx"],
]
_NEGATION_TEXT = st.lists(
    st.tuples(st.sampled_from(_NEGATION_WORDS), st.sampled_from([" ", "", ", ", ". "])),
    max_size=14,
).map(lambda pieces: "".join(chain.from_iterable(pieces)))


@settings(max_examples=3000, deadline=None)
@given(_NEGATION_TEXT, _NEGATION_TEXT, st.sampled_from(["en", "fr", "de", "xx"]))
def test_negation_check_is_the_replaced_one(original: str, translation: str, lang: str) -> None:
    new = check_negation(original, translation, language=lang)
    assert new == _old_check_negation(original, translation, lang)


# --- opcodes, lengths, beads, names evidence ------------------------------------------


@settings(max_examples=1500, deadline=None)
@given(_NEGATION_TEXT, _NEGATION_TEXT)
def test_opcodes_on_norms_are_those_on_int_codes(original: str, translation: str) -> None:
    a, b = tokenize(original), tokenize(translation)
    vocab: dict[str, int] = {}
    ia = [vocab.setdefault(t.norm, len(vocab)) for t in a]
    ib = [vocab.setdefault(t.norm, len(vocab)) for t in b]
    expected = SequenceMatcher(None, ia, ib, autojunk=False).get_opcodes()
    assert token_opcodes(a, b) == expected


@settings(max_examples=3000, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127)), st.text()))
def test_visible_length_is_the_length_of_the_split_words(text: str) -> None:
    assert visible_length(text) == sum(map(len, text.split()))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Alpha beta.", "Gamma delta! Eps.", "Zeta eta theta."]),
        min_size=1,
        max_size=6,
    ),
    st.lists(
        st.sampled_from(["Alpha beta.", "Gamma delta! Eps.", "Iota kappa."]), min_size=1, max_size=6
    ),
    st.sampled_from([Level.PARAGRAPH, Level.SENTENCE]),
)
def test_bead_sides_are_the_alignment_s_own(left: list[str], right: list[str], level) -> None:
    original = segment_text("\n\n".join(left), name="o")
    translation = segment_text("\n\n".join(right), name="t")
    alignment = align(original, translation, level=level)
    expected = [
        (b, alignment.pair_texts(b), alignment.unit_ids(b), alignment.pair_id(b))
        for b in alignment.beads
    ]
    assert list(_bead_sides(alignment)) == expected


def _old_first_capital(doc: name_evidence._Words) -> list[int]:
    return doc.at({w for w, parts in doc.parts.items() if name_evidence._name_like(parts[0])})


_NAME_WORDS = ["Everest", "everest", "the", "Die", "l'Everest", "d'Article", "Okafor's", "A"]
_NAME_TEXT = st.lists(
    st.tuples(st.sampled_from(_NAME_WORDS), st.sampled_from([" ", ". ", "\n", ", "])),
    max_size=20,
).map(lambda pieces: "".join(chain.from_iterable(pieces)))


@settings(max_examples=1500, deadline=None)
@given(_NAME_TEXT)
def test_first_capitals_are_picked_from_the_capitalised_words(text: str) -> None:
    doc = name_evidence._Words(text)
    capitalised = {w for w, parts in doc.parts.items() if any(map(name_evidence._name_like, parts))}
    capital_at = doc.at(capitalised)
    first = {w for w in capitalised if name_evidence._name_like(doc.parts[w][0])}
    words_at = map(doc.words.__getitem__, capital_at)
    assert list(compress(capital_at, map(first.__contains__, words_at))) == _old_first_capital(doc)
    assert Counter(map(doc.words.__getitem__, capital_at)) == Counter(
        doc.words[i] for i in doc.at(capitalised)
    )
