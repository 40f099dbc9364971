"""Names (capitalised words and runs of them) and quoted titles present on one side only.

Across languages only Latin-script names are compared, matched with accents and case
ignored and small spelling changes tolerated ("American"/"américain"). Strong names
(OpenAI, AGI, GPT4) missing give ``major`` findings, as do multi-word names when the
other side is written in Latin script; single ordinary capitalised words (languages
capitalise differently) and names facing a non-Latin text (they are transliterated)
give ``minor`` ones. Quoted titles are compared in same-language mode only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Indel

from workbench.diff.checks.base import DEFAULT_LABELS, Labels, on_side
from workbench.diff.tokens import Token, tokenize
from workbench.model import Finding
from workbench.text.normalise import comparison_form, fold_accents

#: Capitalised words that are not names: months, days (English, French) and "I".
_MONTHS_AND_DAYS = (
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday janvier "
    "février mars avril mai juin juillet août septembre octobre novembre décembre "
    "lundi mardi mercredi jeudi vendredi samedi dimanche"
)
_NOT_NAMES = frozenset([*_MONTHS_AND_DAYS.split(), "i"])
_SENTENCE_END = frozenset(".!?…:;。！？")
#: Quotes and brackets are transparent for sentence starts: in ``.) We`` and ``. "We``
#: the word still starts a sentence.
_TRANSPARENT = frozenset("\"'“”‘’«»()[]{}¿¡「」")


def _is_latin(word: str) -> bool:
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in word)


def _latin_share(text: str) -> float:
    """Share of letters in ``text`` that are Latin (1.0 when it has no letters)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for ch in letters if _is_latin(ch)) / len(letters)


def _strong(word: str) -> bool:
    """Internal capitals or digits (OpenAI, ChatGPT, GPT4) or an acronym (AGI, NASA)."""
    letters = [c for c in word if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    return any(c.isupper() for c in word[1:]) or any(c.isdigit() for c in word)


def _strip_possessive(text: str) -> str:
    if text.endswith(("'s", "’s")):
        return text[:-2]
    return text


class _Name:
    __slots__ = ("text", "start", "end", "strong")

    def __init__(self, text: str, start: int, end: int, strong: bool) -> None:
        self.text, self.start, self.end, self.strong = text, start, end, strong


def extract_names(text: str, *, tokens: Sequence[Token] | None = None) -> list[_Name]:
    """Capitalised words and runs of them that look like names, with their offsets.

    A sentence-initial capitalised word counts only if it is "strong" (internal
    capitals, digits, acronym) or the same word appears capitalised mid-sentence in
    ``text``; that keeps "Building a company…" out while keeping "OpenAI was…".
    """
    toks = list(tokens) if tokens is not None else tokenize(text)
    initial: list[bool] = []
    prev_end_sentence = True
    for tok in toks:
        initial.append(prev_end_sentence)
        if tok.kind == "punct" and tok.text in _TRANSPARENT:
            continue
        prev_end_sentence = tok.kind == "punct" and tok.text in _SENTENCE_END
    # a line break starts a new sentence (titles, list items)
    for k, tok in enumerate(toks):
        if k and "\n" in text[toks[k - 1].end : tok.start]:
            initial[k] = True

    def capitalised(tok: Token) -> bool:
        word = _strip_possessive(tok.text)
        return (
            tok.kind == "word"
            and len(word) >= 2
            and word[0].isupper()
            and word.casefold() not in _NOT_NAMES
        )

    mid_sentence = {
        _strip_possessive(t.text) for k, t in enumerate(toks) if capitalised(t) and not initial[k]
    }
    names: list[_Name] = []
    run: list[Token] = []

    def flush() -> None:
        if run:
            words = [_strip_possessive(t.text) for t in run]
            end = run[-1].start + len(words[-1])
            names.append(
                _Name(text[run[0].start : end], run[0].start, end, any(_strong(w) for w in words))
            )
            run.clear()

    for k, tok in enumerate(toks):
        ok = capitalised(tok) and (
            not initial[k]
            or _strong(_strip_possessive(tok.text))
            or _strip_possessive(tok.text) in mid_sentence
        )
        if ok and run and text[run[-1].end : tok.start] not in (" ", "\u00a0"):
            flush()
        if ok:
            run.append(tok)
            if tok.text != _strip_possessive(tok.text):
                flush()  # "Ron's abilities": the possessive ends the name
        else:
            flush()
    flush()
    return names


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return fold_accents(word)


def _name_present(name: _Name, other: str, other_words: set[str], *, fuzzy: bool) -> bool:
    """Every word of ``name`` is in the other text (any case; fuzzily across languages)."""
    for word in re.findall(r"[^\W_]+", name.text):
        folded = _fold(word)
        if folded in other_words:
            continue
        if fuzzy and any(
            w[:3] == folded[:3] and Indel.normalized_similarity(w, folded) >= 0.8
            for w in other_words
        ):
            continue
        return False
    return True


_QUOTED_RE = re.compile(
    r"“([^”\n]{1,120})”|«\s?([^»\n]{1,120}?)\s?»|„([^“”\n]{1,120})[“”]"
    r"|(?<![\w])\"([^\"\n]{1,120})\"(?!\w)|(?<![\w])[‘']([^‘’'\n]{1,120})[’'](?!\w)"
)


def _title_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", comparison_form(text)))


def _quoted_titles(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _QUOTED_RE.finditer(text):
        gi = next(i for i in range(1, 6) if m.group(i) is not None)
        inner = m.group(gi)
        words = re.findall(r"[^\W_]+", inner)
        if not words or len(words) > 12 or not words[0][0].isupper():
            continue
        out.append((inner, m.start(gi), m.end(gi)))
    return out


def _other_words(tokens: Sequence[Token]) -> set[str]:
    """Words of a text, folded, possessives stripped, apostrophe parts split ("l'OpenAI")."""
    return {
        _fold(part)
        for t in tokens
        if t.kind == "word"
        for part in re.split(r"['’]", _strip_possessive(t.text))
    }


def _missing_titles(
    text: str, other: str, labels: Labels, *, original: bool
) -> tuple[list[Finding], list[tuple[int, int]]]:
    """Findings for quoted titles of ``text`` missing in ``other``, and their ranges."""
    this, that = labels
    other_key = _title_key(other)
    findings, ranges = [], []
    for inner, start, end in _quoted_titles(text):
        key = _title_key(inner)
        if key and key not in other_key:
            ranges.append((start, end))
            message = f"Quoted title “{inner}” in the {this} is missing in the {that}"
            findings.append(on_side("names", message, ((start, end),), original=original))
    return findings, ranges


def _missing_names(
    text: str,
    tokens: Sequence[Token],
    other: str,
    other_tokens: Sequence[Token],
    labels: Labels,
    *,
    original: bool,
    same_language: bool,
    skip: Sequence[tuple[int, int]],
) -> list[Finding]:
    """Findings for names of ``text`` missing in ``other`` (outside the ``skip`` ranges)."""
    this, that = labels
    other_is_latin = _latin_share(other) >= 0.5
    other_words = _other_words(other_tokens)
    seen: set[str] = set()
    findings = []
    for name in extract_names(text, tokens=tokens):
        if name.text in seen or any(s <= name.start < e for s, e in skip):
            continue  # a name inside a reported title is not reported twice
        if not same_language and not _is_latin(name.text):
            continue
        if _name_present(name, other, other_words, fuzzy=not same_language):
            continue
        seen.add(name.text)
        multiword = " " in name.text or "\u00a0" in name.text
        # ordinary names are transliterated into other scripts (Sam Altman ->
        # 萨姆·奥尔特曼) and single words are capitalised differently across languages
        major = same_language or name.strong or (multiword and other_is_latin)
        message = f"Name “{name.text}” in the {this} is missing in the {that}"
        findings.append(
            on_side(
                "names",
                message,
                ((name.start, name.end),),
                original=original,
                severity="major" if major else "minor",
            )
        )
    return findings


def check_names(
    original: str,
    translation: str,
    *,
    same_language: bool = True,
    labels: Labels = DEFAULT_LABELS,
    original_tokens: Sequence[Token] | None = None,
    translation_tokens: Sequence[Token] | None = None,
) -> list[Finding]:
    """Names and quoted titles present on one side only (see the module's docstring).

    Original-side findings come first, then translation-side ones, each in text order.
    """
    a = original_tokens if original_tokens is not None else tokenize(original)
    b = translation_tokens if translation_tokens is not None else tokenize(translation)
    findings: list[Finding] = []
    for text, toks, other, other_toks, side_labels, is_original in (
        (original, a, translation, b, labels, True),
        (translation, b, original, a, labels[::-1], False),
    ):
        skip: list[tuple[int, int]] = []
        if same_language:
            titles, skip = _missing_titles(text, other, side_labels, original=is_original)
            findings += titles
        findings += _missing_names(
            text,
            toks,
            other,
            other_toks,
            side_labels,
            original=is_original,
            same_language=same_language,
            skip=skip,
        )
    return findings
