"""What is a name: capitalised words and runs of them that look like names.

A capitalised word in the middle of a sentence, or at a sentence start when it is
"strong" (OpenAI, AGI, GPT4) or written as a name elsewhere — in the pair, or, given the
documents' evidence (:mod:`workbench.diff.checks.name_evidence`), anywhere in the
document; never a word the document also writes in lower case, a month, a title or a
compass point. In a language that capitalises nouns (German) a word is a name when the
other-language document writes it (or a close spelling) as a name, or it is strong, or
(comparing two German texts) it is part of a run of capitalised words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import itemgetter

from workbench.diff.checks.name_evidence import NOUN_CAPITALISING, DocumentNames, fold
from workbench.diff.quantities import UNITS
from workbench.diff.tokens import Token, token_texts, tokenize

#: Capitalised words that are not names: months, days (English, French, German) and "I".
_MONTHS_AND_DAYS = (
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday janvier "
    "février mars avril mai juin juillet août septembre octobre novembre décembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche januar februar märz juni juli "
    "oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag"
)
#: Titles, compass points and month abbreviations: capitalised, but no name (Dr Marsh,
#: the SE ridge, 3 Nov).
_TITLES_AND_POINTS = (
    "dr mr mrs ms prof st sir herr frau mme mlle ne nw se sw nne ene ese sse ssw wsw wnw nnw "
    "no so nno ono oso sso jan feb apr aug sept oct okt nov dec dez"
)
NOT_NAMES = frozenset([*_MONTHS_AND_DAYS.split(), *_TITLES_AND_POINTS.split(), "i"])
_ROMAN = re.compile(r"[IVX]+")
_SENTENCE_END = frozenset(".!?…:;。！？")
#: Quotes and brackets are transparent for sentence starts: in ``.) We`` and ``. "We``
#: the word still starts a sentence.
_TRANSPARENT = frozenset("\"'“”‘’«»()[]{}¿¡「」")
_GAPS = (" ", "\u00a0")
_CONTRACTED = ("'ll", "'re", "'ve", "'d", "'m", "n't")


@lru_cache(maxsize=65536)
def strong(word: str) -> bool:
    """Internal capitals or digits (OpenAI, ChatGPT, GPT4) or an acronym (AGI, NASA)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def strip_possessive(text: str) -> str:
    if text.endswith(("'s", "’s")):
        return text[:-2]
    return text


class Name:
    __slots__ = ("text", "start", "end", "strong", "words", "tentative")

    def __init__(
        self, text: str, start: int, end: int, words: list[str], *, tentative: bool = False
    ) -> None:
        self.text, self.start, self.end, self.words = text, start, end, words
        self.strong = any(strong(w) for w in words)
        #: Only its shape says it is a name (see ``_tentative_runs``).
        self.tentative = tentative


def sentence_starts(text: str, toks: Sequence[Token]) -> list[bool]:
    """Whether each token starts a sentence (after . ! ? … : ; or a line break)."""
    initial: list[bool] = []
    prev_end_sentence = True
    for k, tok in enumerate(toks):
        initial.append(prev_end_sentence or (k > 0 and "\n" in text[toks[k - 1].end : tok.start]))
        if tok.kind == "punct" and tok.text in _TRANSPARENT:
            continue
        prev_end_sentence = tok.kind == "punct" and tok.text in _SENTENCE_END
    return initial


def starts_sentence(text: str, toks: Sequence[Token], k: int) -> bool:
    """``sentence_starts(text, toks)[k]``, looking back from token ``k`` only."""
    if k and "\n" in text[toks[k - 1].end : toks[k].start]:
        return True
    for j in range(k - 1, -1, -1):
        tok = toks[j]
        if tok.kind == "punct" and tok.text in _TRANSPARENT:
            continue
        return tok.kind == "punct" and tok.text in _SENTENCE_END
    return True


def capital_candidates(toks: Sequence[Token]) -> list[int]:
    """Indices of the word tokens whose first letter is a capital (the few that may be
    :func:`capitalised`), found without a Python-level pass over every token."""
    upper = map(str.isupper, map(itemgetter(0), token_texts(toks)))  # first characters
    return [k for k in compress(range(len(toks)), upper) if toks[k].kind == "word"]


def capitalised(tok: Token) -> bool:
    """A word token written with a capital that may be a name (see ``_capitalised_word``)."""
    return tok.kind == "word" and _capitalised_word(tok.text, tok.norm)


@lru_cache(maxsize=65536)
def _capitalised_word(text: str, norm: str) -> bool:
    """Two letters at least, a capital first, no month, title, contraction or Roman number."""
    word = strip_possessive(text)
    return (
        len(word) >= 2
        and word[0].isupper()
        and word.casefold() not in NOT_NAMES
        and not norm.endswith(_CONTRACTED)  # You'll, I've, Don't
        and not _ROMAN.fullmatch(word)  # Camp IV, Annapurna II: numbers
    )


def _capitals(toks: Sequence[Token]) -> list[int]:
    """Indices of the capitalised tokens that may be names (not a unit after a number)."""
    return [
        k
        for k in capital_candidates(toks)
        if capitalised(toks[k])
        and not (k and toks[k - 1].kind == "number" and toks[k].norm in UNITS)  # "8 MB"
    ]


def _name_test(
    text: str,
    toks: Sequence[Token],
    *,
    language: str,
    evidence: tuple[DocumentNames, DocumentNames] | None,
    same_language: bool,
) -> tuple[list[int], list[int]]:
    """Indices of the tokens that are names (see the module's docstring), and of those
    that are names only tentatively (see ``_tentative_runs``)."""
    capitals = _capitals(toks)
    initial = {k: starts_sentence(text, toks, k) for k in capitals}
    mid = {strip_possessive(toks[k].text) for k in capitals if not initial[k]}
    own, other = evidence if evidence is not None else (None, None)
    nouns = language in NOUN_CAPITALISING
    across = own is not None and other is not None and not same_language
    out = []
    for k in capitals:
        word = strip_possessive(toks[k].text)
        if strong(word) and not across:
            out.append(k)
            continue
        folded = fold(word)
        if own is not None and folded in own.lowercase:
            continue  # the document writes it in lower case: a common word
        if across:
            # a name when the other language's document writes it as one too
            is_name = other.attests(folded, own.capitals.get(folded, 1), own=own)  # type: ignore[union-attr]
        elif nouns:
            is_name = not initial[k]  # capitals mark nouns: runs only (checked by the caller)
        else:
            is_name = not initial[k] or word in mid or (own is not None and folded in own.names)
        if is_name:
            out.append(k)
    tentative: list[int] = []
    if nouns and own is not None and other is not None and not same_language:
        flags = [False] * len(toks)
        for k in capitals:
            flags[k] = True
        names = [False] * len(toks)
        for k in out:
            names[k] = True
        runs = _tentative_runs(text, toks, flags, sentence_starts(text, toks), names, own)
        tentative = [k for k, flag in enumerate(runs) if flag]
    return out, tentative


def _tentative_runs(
    text: str,
    toks: Sequence[Token],
    capitals: Sequence[bool],
    initial: Sequence[bool],
    names: Sequence[bool],
    own: DocumentNames,
) -> list[bool]:
    """Capitalised words, unknown to the other document, standing side by side inside a
    sentence ("von Marcel Kurz"): in a language capitalising nouns that is a name's
    shape, nouns seldom stand so; a run of such words only is reported only when the
    other side has a name of its own in its place."""
    folded = [fold(strip_possessive(t.text)) for t in toks]
    usable = [
        c and not n and f not in own.lowercase and f not in own.after_article
        for c, n, f in zip(capitals, names, folded, strict=True)
    ]
    names = [n and f not in own.after_article for n, f in zip(names, folded, strict=True)]
    tentative = [False] * len(toks)
    for k in range(1, len(toks)):
        joined = text[toks[k - 1].end : toks[k].start] == " "
        pair = (usable[k - 1] or names[k - 1]) and (usable[k] or names[k])
        if joined and pair and not initial[k - 1]:
            tentative[k - 1], tentative[k] = usable[k - 1], usable[k]
    return tentative


def extract_names(
    text: str,
    *,
    tokens: Sequence[Token] | None = None,
    language: str = "",
    evidence: tuple[DocumentNames, DocumentNames] | None = None,
    same_language: bool = True,
) -> list[Name]:
    """Capitalised words and runs of them that look like names, with their offsets.

    ``evidence`` is (this text's document, the other text's document) as
    :class:`~workbench.diff.checks.name_evidence.DocumentNames`; without it only the
    text itself is evidence ("Building a company…" is no name, "OpenAI was…" is).
    """
    toks = tokens if tokens is not None else tokenize(text)
    is_name, tentative = _name_test(
        text, toks, language=language, evidence=evidence, same_language=same_language
    )
    runs_only = language in NOUN_CAPITALISING and (evidence is None or same_language)
    names: list[Name] = []
    run: list[Token] = []

    unsure: set[int] = {toks[k].start for k in tentative}

    def flush() -> None:
        if run and (not runs_only or len(run) > 1 or any(strong(t.text) for t in run)):
            words = [strip_possessive(t.text) for t in run]
            end = run[-1].start + len(words[-1])
            # a run with one word the other document writes as a name is a name
            # ("Albert Höcht"); only a run of unknown words is tentative
            maybe = all(t.start in unsure for t in run)
            names.append(Name(text[run[0].start : end], run[0].start, end, words, tentative=maybe))
        run.clear()

    # tokens neither name nor tentative only end a run: the flagged ones are enough
    for k in sorted({*is_name, *tentative}):
        tok = toks[k]
        if run and (run[-1] is not toks[k - 1] or text[run[-1].end : tok.start] not in _GAPS):
            flush()
        run.append(tok)
        if tok.text.endswith(("'s", "’s")):
            flush()  # "Ron's abilities": the possessive ends the name
    flush()
    return names
