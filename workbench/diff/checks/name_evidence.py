"""What a whole document says about its capitalised words: evidence for the names check.

A capitalised word is a name when the document treats it as one: it is capitalised in
the middle of a sentence somewhere and never written in lower case (German nouns and
sentence-initial words are capitalised too, so one pair alone cannot tell). In a
language that capitalises every noun (German), a word is a name only when the
other-language document writes it, or a word close in spelling, as a name ("Everest",
"München"/"Munich"); "Jahren" or "Mittelwert" are not.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from os.path import commonprefix

from rapidfuzz.distance import Indel

from workbench.diff.anchors import find_urls
from workbench.text.normalise import fold_accents

#: Languages that capitalise every noun: capitals there are no evidence of a name.
NOUN_CAPITALISING = frozenset(["de", "lb"])
#: Two names in different languages are the same name when their accent-free forms
#: start with the same two letters and are at least this similar (normalised Indel):
#: "Mount"/"Mont", "Kangchendzönga"/"Kangchenjunga"...
NAME_FUZZY_SIMILARITY = 0.8
#: ...or this similar when the shorter has five letters or fewer ("Berg" is not "Bern").
SHORT_NAME_SIMILARITY = 0.85
#: ...or when their consonants alone are this similar ("München"/"Munich": "mnchn"/"mnch").
NAME_SKELETON_SIMILARITY = 0.85
#: Two names with different second letters are still one ("Lerch"/"Larch", an OCR or
#: vowel shift) when both have at least this many letters, the same first letter, and
#: the same consonants in the same order...
SKELETON_MIN_LETTERS = 5
#: ...of which there are at least this many (fewer consonants match by chance).
SKELETON_MIN_CONSONANTS = 4
#: A word whose first letters are this share of another word (four letters at least)
#: is its stem: "Nepal"/"népalais", "Himalaya"/"himalayenne", "Adolf"/"Adolphe".
NAME_STEM_SHARE = 0.75
#: Across languages a name and a capitalised word of the other side that start with the
#: same this many letters may be one name in two languages (exonyms: "London"/"Londres",
#: "Indien"/"Inde", "Europäer"/"Européens").
EXONYM_PREFIX_LETTERS = 3
#: Across languages a capitalised word is a name when the other document writes it (or
#: a close spelling) capitalised at least this share of the times its own document
#: does: "Everest" is capitalised about as often in both, while a German noun such as
#: "Gipfel", quoted once in a French text, is not.
NAME_EVIDENCE_SHARE = 0.5

#: Articles and article-like words (German, French, English) after which a capitalised
#: word is a noun phrase's noun rather than a name's first word.
_ARTICLE_WORDS = (
    "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem "
    "keiner im am zum zur vom beim ins ans unser unsere unseren unserem dieser diese diesem "
    "diesen dieses jeder jede jedem jeden the a an le la les un une des du au aux"
)
ARTICLES = frozenset(_ARTICLE_WORDS.split())
_SENTENCE_END = frozenset(".!?…:;。！？\n")
_VOWELS = str.maketrans("", "", "aeiouy")
_WORD_SPLIT = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)*)")
#: An ASCII text's words (``_WORD_SPLIT``'s pieces there). Possessive quantifiers: nothing
#: after a letter run can fail, so it never gives letters back.
_ASCII_WORD = re.compile(r"[A-Za-z]++(?:'[A-Za-z]++)*+")
#: Characters before each capitalised word of an ASCII text read with it: the gap back to
#: the previous word, nearly always (``_AsciiWords``). Three were too few for prose
#: (", '(" made a second pass over the text: 0.17 -> 0.12 s for 3 MB of essay); more
#: windows to read cost a little (six: 5 ms more for a 3 MB document).
_WINDOW = 5
_ARTICLES_BY_LENGTH = "|".join(  # lookbehinds are of one width: one per article length
    f"(?<=[^A-Za-z](?:{'|'.join(w for w in sorted(ARTICLES) if len(w) == n)}) .)"
    for n in sorted({len(w) for w in ARTICLES})
)
#: A capital that starts a word (no letter, nor letter and apostrophe, before it), the
#: _WINDOW characters before it, and " " when an article and one space come before it.
_ASCII_CAPITAL_WORD = re.compile(
    rf"([A-Z](?<![A-Za-z].)(?<![A-Za-z]'.)(?<=([\s\S]{{{_WINDOW}}}).)"
    rf"(?:(?<=[a-z] .)(?:{_ARTICLES_BY_LENGTH})(?<=( ).))?[A-Za-z]*+(?:'[A-Za-z]++)*+)"
)
#: The same capitals in the reversed text, with the whole gap before each (reversed) and
#: the previous word's last letter, if any.
_ASCII_CAPITAL_CONTEXT = re.compile(r"[A-Z](?![A-Za-z])(?!'[A-Za-z])(?=([^A-Za-z]*+)([A-Za-z]?))")
_ASCII_GAP_END = re.compile(r"[A-Za-z]([^A-Za-z]*)\Z")


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Case folded, accents stripped, possessive dropped ("Okafor’s" → "okafor")."""
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return fold_accents(word)


def similar_name(a: str, b: str, *, stems: bool = True) -> bool:
    """Two folded words are the same name across languages: close in spelling (see
    ``NAME_FUZZY_SIMILARITY``), or with ``stems`` one the stem of the other
    ("Nepal"/"népalais", "Himalaya"/"himalayenne": at least four letters and
    ``NAME_STEM_SHARE`` of the shorter in common at the start). Words of three letters
    or fewer must be equal."""
    if a == b:
        return True
    if a[:2] != b[:2]:
        # OCR and vowel shifts ("Lerch"/"Larch"): the same first letter and consonants
        return a[:1] == b[:1] and _same_skeleton(a, b)
    shorter = min(len(a), len(b))
    if shorter <= 3:
        return False
    common = len(commonprefix((a, b)))
    if stems and common >= 4 and common >= NAME_STEM_SHARE * shorter:
        return True
    cutoff = SHORT_NAME_SIMILARITY if shorter <= 5 else NAME_FUZZY_SIMILARITY
    if Indel.normalized_similarity(a, b) >= cutoff:
        return True
    # vowels change most between languages: "München"/"Munich" share "mnch"
    skeleton_a, skeleton_b = a.translate(_VOWELS), b.translate(_VOWELS)
    return (
        min(len(skeleton_a), len(skeleton_b)) >= 4
        and Indel.normalized_similarity(skeleton_a, skeleton_b) >= NAME_SKELETON_SIMILARITY
    )


def _same_skeleton(a: str, b: str) -> bool:
    """Two long words with the same consonants in the same order (SKELETON_MIN_*)."""
    if min(len(a), len(b)) < SKELETON_MIN_LETTERS:
        return False
    skeleton = a.translate(_VOWELS)
    return len(skeleton) >= SKELETON_MIN_CONSONANTS and skeleton == b.translate(_VOWELS)


@dataclass(frozen=True)
class DocumentNames:
    """Folded words a document writes as names, those it writes in lower case, and how
    often it writes each word capitalised."""

    names: frozenset[str] = frozenset()
    lowercase: frozenset[str] = frozenset()
    #: Capitalised words seen right after an article ("die Regierung"): nouns, in German.
    after_article: frozenset[str] = frozenset()
    capitals: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    by_prefix: dict[str, tuple[str, ...]] = field(default_factory=dict, compare=False, hash=False)
    #: Answers of :meth:`evidence` so far (one document is asked about the same words often).
    _asked: dict[tuple[str, int], int] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    #: ``lowercase`` sorted, made when first asked (:meth:`lowercase_stem`).
    _sorted_lowercase: list[str] = field(
        default_factory=list, compare=False, hash=False, repr=False
    )

    def attests(self, folded: str, times: int = 1, *, own: DocumentNames | None = None) -> bool:
        """Whether this document writes ``folded`` (or a close spelling) as a name at least
        ``NAME_EVIDENCE_SHARE`` of ``times``; a close spelling that ``own`` (the word's
        document) writes itself is that word's, not evidence for this one ("Besteigung"
        quoted in French says nothing of "Belästigung")."""
        return self.evidence(folded, own=own) >= max(1.0, NAME_EVIDENCE_SHARE * times)

    def lowercase_stem(self, stem: str) -> bool:
        """Whether a word this document writes in lower case starts with ``stem``."""
        if not self._sorted_lowercase and self.lowercase:
            self._sorted_lowercase.extend(sorted(self.lowercase))
        words = self._sorted_lowercase
        at = bisect_left(words, stem)
        return at < len(words) and words[at].startswith(stem)

    def knows(self, folded: str) -> bool:
        """Whether this document writes ``folded`` at all (any case) or a close name."""
        return folded in self.capitals or folded in self.lowercase or self.evidence(folded) > 0

    def evidence(self, folded: str, *, own: DocumentNames | None = None) -> int:
        """How often this document writes ``folded``, or its closest name, capitalised."""
        key = (folded, hash(own))
        if key not in self._asked:
            if folded in self.names:
                count = self.capitals.get(folded, 1)
            else:
                bucket = self.by_prefix.get(folded[:2], ())
                close = [
                    name
                    for name in bucket
                    if similar_name(folded, name, stems=False)
                    and (own is None or (name not in own.capitals and name not in own.lowercase))
                ]
                count = max((self.capitals.get(name, 1) for name in close), default=0)
            self._asked[key] = count
        return self._asked[key]


def _parts(word: str) -> list[str]:
    """A word split at apostrophes ("l'Everest"), a possessive kept whole ("Okafor's")."""
    if "'" not in word and "’" not in word or word.endswith(("'s", "’s")):
        return [word]
    return [part for part in re.split(r"['’]", word) if part]


def _without_urls(text: str) -> str:
    """``text`` with every address made one space ("support@tidewater.example.net" is no word)."""
    pieces, cut = [], 0
    for _, start, end in find_urls(text):
        pieces += [text[cut:start], " "]
        cut = end
    return "".join(pieces) + text[cut:]


class _Words:
    """A document's words in order, each with the gap before it, and their parts: how a
    text that is not ASCII is read (``_AsciiWords`` reads an ASCII one faster)."""

    def __init__(self, text: str) -> None:
        pieces = _WORD_SPLIT.split(text)  # gap, word, gap, word, ..., trailing gap
        self.words: list[str] = pieces[1::2]
        self.gaps: list[str] = pieces[0:-1:2]
        self.parts = {word: _parts(word) for word in set(self.words)}

    def at(self, selected: set[str]) -> list[int]:
        """Indices of the occurrences of the ``selected`` words (found at C speed)."""
        return list(compress(range(len(self.words)), map(selected.__contains__, self.words)))

    def capitalised(
        self, capitalised: set[str], first: set[str]
    ) -> tuple[Counter[str], set[str], set[str]]:
        """How often each ``capitalised`` word occurs, and the words of ``first`` written
        after the first word without a sentence end before, and after an article word
        (its last part) and one space."""
        capital_at = self.at(capitalised)
        counts = Counter(map(self.words.__getitem__, capital_at))
        # the occurrences of the words with a capitalised first part are picked from
        # theirs, not from all words again (0.04 s of a 3 MB document)
        words_at = map(self.words.__getitem__, capital_at)
        at = list(compress(capital_at, map(first.__contains__, words_at)))
        words, gaps = self.words, self.gaps
        ends = {gap for gap in set(gaps) if not _SENTENCE_END.isdisjoint(gap)}
        mid = {words[i] for i in at if i and gaps[i] not in ends}
        articles = {w for w, parts in self.parts.items() if parts[-1] in ARTICLES}
        after = {words[i] for i in at if i and gaps[i] == " " and words[i - 1] in articles}
        return counts, mid, after

    def spaced(self, selected: set[str]) -> set[str]:
        """Those of the ``selected`` words written somewhere after a single space."""
        return {self.words[i] for i in self.at(selected) if self.gaps[i] == " "}


class _AsciiWords:
    """An ASCII text read as ``_Words`` reads it, for the same results, without every
    word and gap made a string: its distinct words from its distinct white-space-
    separated chunks (no word spans white space), and only the words that start with a
    capital found in the text, each with the characters before it (``_WINDOW``). A
    3.3 MB document of 10,000 paragraphs: 0.27 -> 0.18 s (medians, collector paused)."""

    def __init__(self, text: str) -> None:
        self.text, self.chunks = text, text.split()
        self.distinct = set(self.chunks)
        words = set(_ASCII_WORD.findall(" ".join(self.distinct)))
        self.parts = {word: [word] for word in words}
        self.parts.update((w, _parts(w)) for w in words if "'" in w)
        # (word, the _WINDOW characters before it, " " after an article and a space);
        # the text starts with new lines: its first word starts a sentence
        self.rows = _ASCII_CAPITAL_WORD.findall("\n" * _WINDOW + text)

    def capitalised(
        self, capitalised: set[str], first: set[str]
    ) -> tuple[Counter[str], set[str], set[str]]:
        """As :meth:`_Words.capitalised`."""
        counts = Counter(word for word, _, _ in self.rows)
        counts.update(self._occurrences({w for w in capitalised if w[0].islower()}))
        mid = self._mid() & first
        after = {word for word, _, article in self.rows if article and word in first}
        return counts, mid, after

    def _occurrences(self, words: set[str]) -> list[str]:
        """The occurrences of ``words`` (each has an apostrophe: "l'Everest"), counted in
        the distinct chunks that hold them."""
        holding = {}
        for chunk in [c for c in self.distinct if "'" in c] if words else ():
            if found := [w for w in _ASCII_WORD.findall(chunk) if w in words]:
                holding[chunk] = found
        return [w for chunk in filter(holding.__contains__, self.chunks) for w in holding[chunk]]

    def _mid(self) -> set[str]:
        """The capitalised words written somewhere with a previous word and no sentence
        end in the gap between: read in the windows or, when some window holds only a
        part of a gap ("1 ("), from every gap in full (a pass more)."""
        rows, mid_windows, unsure = self.rows, set(), set()
        for window in {window for _, window, _ in rows}:
            if found := _ASCII_GAP_END.search(window):
                if _SENTENCE_END.isdisjoint(found.group(1)):
                    mid_windows.add(window)
            elif _SENTENCE_END.isdisjoint(window):
                unsure.add(window)
        mid = {word for word, window, _ in rows if window in mid_windows}
        if not unsure or {word for word, window, _ in rows if window in unsure} <= mid:
            return mid
        contexts = _ASCII_CAPITAL_CONTEXT.findall(self.text[::-1])
        contexts.reverse()
        return {
            word
            for (word, _, _), (gap, previous) in zip(rows, contexts, strict=True)
            if previous and _SENTENCE_END.isdisjoint(gap)
        }

    def spaced(self, selected: set[str]) -> set[str]:
        """As :meth:`_Words.spaced`: a space, not after another gap character, then the word."""
        words = "|".join(map(re.escape, sorted(selected, key=len, reverse=True)))
        return set(re.findall(f" (?<![^A-Za-z] )({words})(?![A-Za-z])(?!'[A-Za-z])", self.text))


def _name_like(part: str) -> bool:
    """A part that counts as a capitalised word (not lower case, two letters at least)."""
    return not part[0].islower() and len(part) >= 2


@lru_cache(maxsize=8)
def document_names(text: str) -> DocumentNames:
    """The names evidence of a whole document (cached: one document, many pairs).

    Read word by word, a part is lower case, or capitalised; capitalised parts count,
    are *mid* unless they start a sentence (the document's first word, a word after
    ``_SENTENCE_END``), and are *after an article* when the previous part is one and a
    single space separates the word from it. Computed per distinct word, in bulk.
    """
    text = _without_urls(text)
    doc = _AsciiWords(text) if text.isascii() else _Words(text)
    capitalised = {w for w, parts in doc.parts.items() if any(map(_name_like, parts))}
    first = {w for w in capitalised if _name_like(doc.parts[w][0])}
    counts, mid_words, article_words = doc.capitalised(capitalised, first)
    lowercase: set[str] = set()
    capitals: Counter[str] = Counter()
    mid: set[str] = set()
    inner_after_article: set[str] = set()  # "d'Article": parts after a part that is one
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
    mid.update(fold(doc.parts[w][0]) for w in mid_words)
    after_article = {fold(doc.parts[w][0]) for w in article_words}
    if inner_after_article:
        for word in doc.spaced(inner_after_article):
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
