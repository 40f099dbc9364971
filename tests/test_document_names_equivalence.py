"""An ASCII document's names evidence, read without making every word and gap a string,
is exactly what the code it replaced gave; a document that is not ASCII is still read
word by word and gives the same too.

The replaced code is kept here: it split the whole text into gaps and words and read
each capitalised word's gap and previous word. The fast path reads only the words that
start with a capital, with the few characters before them (and every gap in full when
one of those is not enough), and counts words such as "l'Everest" in the distinct
white-space-separated chunks. Both are compared on generated texts.
"""

from __future__ import annotations

import re
from collections import Counter
from itertools import compress

from hypothesis import example, given, settings
from hypothesis import strategies as st

from workbench.diff.checks import name_evidence
from workbench.diff.checks.name_evidence import (
    _SENTENCE_END,
    ARTICLES,
    DocumentNames,
    _name_like,
    _without_urls,
    document_names,
    fold,
)

# --- the replaced code ---------------------------------------------------------------------

_OLD_WORD_SPLIT = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)*)")
_OLD_ASCII_WORD_SPLIT = re.compile(r"([A-Za-z]++(?:'[A-Za-z]++)*+)")


def _old_parts(word: str) -> list[str]:
    if "'" not in word and "’" not in word or word.endswith(("'s", "’s")):
        return [word]
    return [part for part in re.split(r"['’]", word) if part]


class _OldWords:
    def __init__(self, text: str) -> None:
        split = _OLD_ASCII_WORD_SPLIT if text.isascii() else _OLD_WORD_SPLIT
        pieces = split.split(text)
        self.words: list[str] = pieces[1::2]
        self.gaps: list[str] = pieces[0:-1:2]
        self.parts = {word: _old_parts(word) for word in set(self.words)}

    def at(self, selected: set[str]) -> list[int]:
        return list(compress(range(len(self.words)), map(selected.__contains__, self.words)))

    def not_initial(self, indices: list[int]) -> set[str]:
        gaps = self.gaps
        ends = {gap for gap in set(gaps) if not _SENTENCE_END.isdisjoint(gap)}
        return {self.words[i] for i in indices if i and gaps[i] not in ends}

    def after_article(self, indices: list[int]) -> set[str]:
        words, gaps = self.words, self.gaps
        articles = {w for w, parts in self.parts.items() if parts[-1] in ARTICLES}
        return {words[i] for i in indices if i and gaps[i] == " " and words[i - 1] in articles}

    def spaced(self, indices: list[int]) -> set[str]:
        return {self.words[i] for i in indices if self.gaps[i] == " "}


def _old_document_names(text: str) -> DocumentNames:
    doc = _OldWords(_without_urls(text))
    capitalised = {w for w, parts in doc.parts.items() if any(map(_name_like, parts))}
    capital_at = doc.at(capitalised)
    counts = Counter(map(doc.words.__getitem__, capital_at))
    lowercase: set[str] = set()
    capitals: Counter[str] = Counter()
    mid: set[str] = set()
    inner_after_article: set[str] = set()
    for word, parts in doc.parts.items():
        for k, part in enumerate(parts):
            if part[0].islower():
                lowercase.add(fold(part))
            elif len(part) >= 2:
                capitals[fold(part)] += counts[word]
                if k:
                    mid.add(fold(part))
                    if parts[k - 1] in ARTICLES:
                        inner_after_article.add(word)
    first = {w for w in capitalised if _name_like(doc.parts[w][0])}
    words_at = map(doc.words.__getitem__, capital_at)
    first_capital = list(compress(capital_at, map(first.__contains__, words_at)))
    mid.update(fold(doc.parts[w][0]) for w in doc.not_initial(first_capital))
    after_article = {fold(doc.parts[w][0]) for w in doc.after_article(first_capital)}
    if inner_after_article:
        for word in doc.spaced(doc.at(inner_after_article)):
            parts = doc.parts[word]
            after_article.update(
                fold(part)
                for previous, part in zip(parts[:-1], parts[1:], strict=True)
                if previous in ARTICLES and _name_like(part)
            )
    names = frozenset(mid - lowercase)
    by_prefix: dict[str, list[str]] = {}
    for name in names:
        by_prefix.setdefault(name[:2], []).append(name)
    return DocumentNames(
        names,
        frozenset(lowercase),
        frozenset(after_article),
        dict(capitals),
        {k: tuple(sorted(v)) for k, v in by_prefix.items()},
    )


# --- generated texts ----------------------------------------------------------------------

_ASCII_WORDS = [
    *sorted(ARTICLES)[::3],  # some of each length
    *["the", "The", "a", "A", "an", "la", "le", "der", "die", "das", "unseren", "I", "O"],
    *["Everest", "everest", "Okafor", "Okafor's", "O'Brien", "l'Everest", "L'Everest"],
    *["d'Artagnan", "la'Xy", "the'Abc", "Abc'the", "the's", "Ab", "aB", "AB", "Zu", "zu"],
    *["McDonald", "mcDonald", "Mont", "mont", "x", "s", "Nepal", "nepal", "Abc's'Def"],
]
_ASCII_GAPS = [
    *[" ", " ", " ", "  ", "\t", "\n", "\n\n", " \n", ".", ". ", "! ", "? ", ": ", "; "],
    *[",", ", ", "(", ") ", '"', ' "', "-", " -- ", "1", "42 ", "3.5", "_", "'", "''", "' "],
    *[" (1) ", ', "', "\x0b", "\x1c", "12 345 "],
]
_ADDRESSES = ["https://Example.com/A.B", "support@Tidewater.example.net", "www.Everest.org"]
_OTHER = ["…", "。", "！", "？", "’", "Okafor’s", "l’Everest", "Ébène", "ébène", "Straße"]
_OTHER += ["Жук", "жук", "中文", "Kangchendzönga", "München", "ǅemal", "ª", "²", "é"]

_ASCII_TEXT = st.lists(st.sampled_from(_ASCII_WORDS + _ASCII_GAPS), max_size=40).map("".join)
_ASCII_WITH_ADDRESSES = st.lists(
    st.sampled_from(_ASCII_WORDS + _ASCII_GAPS + _ADDRESSES), max_size=30
).map("".join)
_ANY_TEXT = st.lists(
    st.sampled_from(_ASCII_WORDS + _ASCII_GAPS + _ADDRESSES + _OTHER), max_size=40
).map("".join)
_CHARACTERS = st.text(alphabet="aAbZ'’ .\n\t,(1é中Ж…", max_size=30)


def _fields(names: DocumentNames) -> tuple:
    return (names.names, names.lowercase, names.after_article, names.capitals, names.by_prefix)


def _same(text: str) -> None:
    document_names.cache_clear()
    assert _fields(document_names(text)) == _fields(_old_document_names(text)), repr(text)


@settings(max_examples=4000, deadline=None)
@given(_ASCII_TEXT)
@example("")
@example("Everest")
@example("the Everest")
@example(" Everest la'Xy")
@example("x 1 (Everest. Okafor's rise, l'Everest")
@example("a  (1) (Everest. Everest")  # a gap longer than the window: read in full
def test_ascii_texts_give_what_the_replaced_code_gave(text: str) -> None:
    assert text.isascii()
    _same(text)


@settings(max_examples=1500, deadline=None)
@given(_ASCII_WITH_ADDRESSES)
def test_ascii_texts_with_addresses_give_what_the_replaced_code_gave(text: str) -> None:
    _same(text)


@settings(max_examples=2500, deadline=None)
@given(st.one_of(_ANY_TEXT, _CHARACTERS))
def test_any_texts_give_what_the_replaced_code_gave(text: str) -> None:
    _same(text)


def test_ascii_texts_take_the_fast_path_and_others_the_word_by_word_one(monkeypatch) -> None:
    # both readings are compared above only if both are taken
    seen: list[str] = []
    original = name_evidence._AsciiWords.__init__

    def spy(self: name_evidence._AsciiWords, text: str) -> None:
        seen.append(text)
        original(self, text)

    monkeypatch.setattr(name_evidence._AsciiWords, "__init__", spy)
    document_names.cache_clear()
    document_names("The Everest")
    document_names("L’Everest")
    document_names.cache_clear()
    assert seen == ["The Everest"]
