"""Names (capitalised words and runs of them) and quoted titles present on one side only.

What counts as a name is :mod:`workbench.diff.checks.name_words` (with the documents'
evidence, :mod:`workbench.diff.checks.name_evidence`). Within one language, a
multi-word name must appear as often on the other side as a phrase ("Edith Carrow" →
"Edith" is reported even if "Carrow" occurs later), a single word at least once;
British and American spellings count as one ("Leisure Centre"/"Center"); a
sentence-initial word found nowhere on the other side is a name when the other side
lost one ("Velotrine is licensed" → "Lindqvist is licensed").

Across languages only Latin-script names are compared, word by word, with accents and
case ignored and close spellings accepted ("Mount"/"Mont", "München"/"Munich",
"Nepal"/"népalais"); generic words and initials may differ ("Mount Everest" →
"l'Everest", "Heinrich Roiss" → "H. Roiss"). A single ordinary word missing is reported
only when the other side has a name of its own in its place (translations drop
repeated names and turn them into adjectives), and a name of one language is present
when the other side has a capitalised word that starts like it (exonyms: "London" →
"Londres"). A newcomer that replaces a name is found by :mod:`.name_swaps`. Strong
names missing give ``major`` findings, as do multi-word names when the other side is
written in Latin script; single ordinary capitalised words and names facing a non-Latin
text (they are transliterated) give ``minor`` ones. Quoted titles
(:mod:`.name_titles`) are compared within one language only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from itertools import chain, compress

from workbench.diff.checks.base import DEFAULT_LABELS, Labels, on_side
from workbench.diff.checks.name_evidence import (
    EXONYM_PREFIX_LETTERS,
    NOUN_CAPITALISING,
    DocumentNames,
    fold,
    similar_name,
)
from workbench.diff.checks.name_swaps import swapped_names
from workbench.diff.checks.name_titles import missing_titles
from workbench.diff.checks.name_words import (
    Name,
    capital_candidates,
    capitalised,
    extract_names,
    starts_sentence,
    strip_possessive,
)
from workbench.diff.tokens import Token, token_kinds, token_norms, tokenize
from workbench.model import Finding
from workbench.text.normalise import spelling_key

#: Generic parts of names that translations drop or translate (Mount Everest →
#: l'Everest, Lake Geneva → lac Léman): a name missing only these is not missing.
_GENERIC_WORDS = (
    "mount mont monte mt pic piz pik peak col pass lake lac lago see cape cap cabo saint "
    "sankt san santa st ste river fluss riviere glacier gletscher valley tal vallee club"
)
GENERIC_NAME_WORDS = frozenset(_GENERIC_WORDS.split())
_WORD_PARTS = re.compile(r"[^\W_]+")
_INITIAL = re.compile(r"(?<![^\W\d_])([^\W\d_])\s?\.")


@lru_cache(maxsize=65536)
def _key(word: str) -> str:
    """What a word is matched on: folded, accent-free, one spelling (colour/color)."""
    return spelling_key(fold(word))


@lru_cache(maxsize=65536)
def _norm_keys(norm: str) -> tuple[str, ...]:
    """The keys of a token's comparison form (apostrophes are straight there)."""
    if "'" not in norm:
        return (_key(norm),)
    word = norm[:-2] if norm.endswith("'s") else norm
    return tuple(_key(part) for part in word.split("'") if part)


def _is_latin(word: str) -> bool:
    if word.isascii():
        return True
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN") for ch in word)


def _latin_share(text: str) -> float:
    """Share of letters in ``text`` that are Latin (1.0 when it has no letters)."""
    if text.isascii():
        return 1.0
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    return sum(1 for ch in letters if ch.isascii() or _is_latin(ch)) / len(letters)


class _Side:
    """One side of a pair as the names check compares it: its text, tokens and word keys."""

    __slots__ = (
        "text",
        "tokens",
        "_keys",
        "_key_set",
        "by_letter",
        "_initials",
        "_joined",
        "_capital_prefixes",
    )

    def __init__(self, text: str, tokens: Sequence[Token]) -> None:
        self.text, self.tokens = text, tokens
        self._keys: list[str] | None = None
        self._key_set: frozenset[str] = frozenset()
        self.by_letter: dict[str, list[str]] | None = None
        self._initials: frozenset[str] | None = None
        self._joined: frozenset[str] | None = None
        self._capital_prefixes: dict[str, list[str]] | None = None

    @property
    def initials(self) -> frozenset[str]:
        """Folded initials written here: capitals standing alone before a full stop
        ("H. Roiss", "H.R. von Gunten")."""
        if self._initials is None:
            self._initials = frozenset(fold(m) for m in _INITIAL.findall(self.text))
        return self._initials

    def exonym(self, key: str) -> bool:
        """Whether a capitalised word here may be ``key``'s name in another language: it
        starts with the same ``EXONYM_PREFIX_LETTERS`` letters, and with one more unless
        either word is that short plus one ("Londres" for "London", "Inde" for "Indien";
        not "Martin" for "Marcel")."""
        size = EXONYM_PREFIX_LETTERS
        if len(key) < size:
            return False
        if self._capital_prefixes is None:
            toks = self.tokens
            words = (strip_possessive(toks[k].text) for k in capital_candidates(toks))
            prefixes: dict[str, list[str]] = {}
            for word in {_key(word) for word in words if len(word) >= size}:
                prefixes.setdefault(word[:size], []).append(word)
            self._capital_prefixes = prefixes
        return any(
            word[: size + 1] == key[: size + 1] or min(len(word), len(key)) <= size + 1
            for word in self._capital_prefixes.get(key[:size], ())
        )

    def joined(self, key: str) -> bool:
        """Whether two or three words in a row here make ``key`` ("Albert Eggler" for
        "AlbertEggler"), or ``key`` is one word here made of a name's words."""
        if self._joined is None:
            keys = self.keys
            self._joined = frozenset(
                "".join(keys[i : i + n]) for n in (2, 3) for i in range(len(keys) - n + 1)
            )
        return key in self._joined

    def _make_keys(self) -> list[str]:
        # words folded and spelled one way, possessives dropped, "l'OpenAI" split
        tokens = self.tokens
        words = compress(token_norms(tokens), map("word".__eq__, token_kinds(tokens)))
        keys = list(chain.from_iterable(map(_norm_keys, words)))
        self._keys, self._key_set = keys, frozenset(keys)
        return keys

    @property
    def keys(self) -> list[str]:
        """The word keys in text order (made when first asked: most pairs have no names)."""
        return self._make_keys() if self._keys is None else self._keys

    @property
    def key_set(self) -> frozenset[str]:
        """The word keys as a set."""
        if self._keys is None:
            self._make_keys()
        return self._key_set

    def count(self, phrase: list[str]) -> int:
        """How often the word keys ``phrase`` occur in a row."""
        n, keys = len(phrase), self.keys
        if n == 1:
            return keys.count(phrase[0])
        starts = compress(range(len(keys)), map(phrase[0].__eq__, keys))
        return sum(1 for i in starts if keys[i : i + n] == phrase)

    def has_like(self, key: str, *, taken: frozenset[str] = frozenset()) -> bool:
        """Whether this side has ``key`` or a word close in spelling (across languages)
        that is not ``taken`` (written exactly on the other side: "Reist" is Reist's,
        not Reiss's)."""
        if key in self.key_set:
            return True
        if self.by_letter is None:
            self.by_letter = {}
            for k in self.key_set:
                self.by_letter.setdefault(k[:1], []).append(k)
        return any(similar_name(key, k) and k not in taken for k in self.by_letter.get(key[:1], ()))


def _present(
    name: Name,
    here: _Side,
    there: _Side,
    *,
    same_language: bool,
    other_doc: DocumentNames | None = None,
) -> bool:
    """Whether ``name`` of ``here`` is on the other side (see the module's docstring);
    ``other_doc``: the other side's document (across languages)."""
    parts = [p for w in name.words for p in _WORD_PARTS.findall(w)]
    keys = [_key(p) for p in parts]
    if not keys:
        return True
    if not same_language:
        # translations drop or translate the generic words of a name ("Mount Everest"
        # → "l'Everest") and shorten first names to initials ("H. Roiss"), never the
        # name itself ("Martin Okoro", "Nanga Parbat")
        last = len(keys) - 1
        if "".join(keys) in there.key_set if len(keys) > 1 else there.joined(keys[0]):
            return True  # "Black Tooth"/"BlackTooth" (OCR and spelling join or split names)
        found = [
            there.has_like(k, taken=here.key_set)
            or there.exonym(k)
            or k in GENERIC_NAME_WORDS
            or (i < last and k[:1] in there.initials)
            for i, k in enumerate(keys)
        ]
        if all(found) or other_doc is None or not any(found):
            return all(found)
        # part of the name is there; a word the other document never writes is no name
        # word there ("Grindelwaldner Führern Fritz Amatter": "Führern" is a noun)
        return all(f or not other_doc.knows(fold(p)) for f, p in zip(found, parts, strict=True))
    if len(keys) == 1:
        return keys[0] in there.key_set
    return there.count(keys) >= here.count(keys)


def _missing_names(
    here: _Side,
    there: _Side,
    labels: Labels,
    *,
    original: bool,
    same_language: bool,
    skip: Sequence[tuple[int, int]],
    names: Sequence[Name],
    single: bool = True,
    other_doc: DocumentNames | None = None,
) -> list[Finding]:
    """Findings for ``names`` of one side missing on the other (outside ``skip`` ranges);
    one-word ordinary names only if ``single``; ``other_doc``: the other side's document."""
    this, that = labels
    other_is_latin: bool | None = None  # read across languages only, worked out once
    seen: set[str] = set()
    findings = []
    for name in names:
        if name.text in seen or any(s <= name.start < e for s, e in skip):
            continue  # a name inside a reported title is not reported twice
        if not same_language and not _is_latin(name.text):
            continue
        if not single and (name.tentative or len(name.words) == 1 and not name.strong):
            continue
        if _present(name, here, there, same_language=same_language, other_doc=other_doc):
            continue
        seen.add(name.text)
        multiword = len(name.words) > 1
        # ordinary names are transliterated into other scripts (Sam Altman ->
        # 萨姆·奥尔特曼) and single words are capitalised differently across languages
        if not (same_language or name.strong) and multiword and other_is_latin is None:
            other_is_latin = _latin_share(there.text) >= 0.5
        major = same_language or name.strong or (multiword and bool(other_is_latin))
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


def _short_of_a_name(names: Sequence[Name], here: _Side, there: _Side) -> bool:
    """A one-word name of ``here`` occurs fewer times on the other side."""
    for name in names:
        if len(name.words) == 1:
            key = [_key(name.words[0])]
            if there.count(key) < here.count(key):
                return True
    return False


def _newcomers(side: _Side, other: _Side, document: DocumentNames) -> list[Name]:
    """Sentence-initial capitalised words found nowhere on the other side and never in
    lower case in their document: names, when the other side lost one ("Velotrine is
    licensed" → "Lindqvist is licensed", Velotrine being named again elsewhere)."""
    out = []
    for k in capital_candidates(side.tokens):
        tok = side.tokens[k]
        if not capitalised(tok) or not starts_sentence(side.text, side.tokens, k):
            continue
        word = strip_possessive(tok.text)
        folded = fold(word)
        if folded not in document.lowercase and spelling_key(folded) not in other.key_set:
            out.append(Name(word, tok.start, tok.start + len(word), [word]))
    return out


def _has_newcomer(
    side: _Side, other: _Side, names: Sequence[Name], language: str, document: DocumentNames
) -> bool:
    """Whether ``side`` has a name, or (in a language that writes only names with a
    capital) a capitalised word inside a sentence, that ``other`` lacks."""
    if language in NOUN_CAPITALISING:
        candidates = [_key(w) for name in names if not name.tentative for w in name.words]
    else:
        toks = side.tokens
        candidates = [
            _key(strip_possessive(toks[k].text))
            for k in capital_candidates(toks)
            if capitalised(toks[k]) and not starts_sentence(side.text, toks, k)
        ]
        candidates = [c for c in candidates if c not in document.lowercase]
    return any(not other.has_like(c) for c in candidates)


def _other_sides(
    sides: tuple[_Side, _Side],
    names: list[list[Name]],
    languages: tuple[str, str],
    evidence: tuple[DocumentNames, DocumentNames],
) -> list[tuple[_Side, _Side, list[Name], str, DocumentNames]]:
    """For each side, what ``_has_newcomer`` looks at: the other side, against this one."""
    return [
        (sides[1 - k], sides[k], names[1 - k], languages[1 - k], evidence[1 - k]) for k in (0, 1)
    ]


def _add_newcomers(
    names: list[list[Name]],
    sides: tuple[_Side, _Side],
    evidence: tuple[DocumentNames, DocumentNames],
) -> None:
    """Within one language, add to each side's ``names`` its newcomers when the other
    side lost a name (see ``_newcomers``)."""
    for k in range(2):
        here, there = sides[k], sides[1 - k]
        if _short_of_a_name(names[1 - k], there, here):
            known = {n.start for n in names[k]}
            extra = [n for n in _newcomers(here, there, evidence[k]) if n.start not in known]
            names[k] = sorted([*names[k], *extra], key=lambda n: n.start)


def _side(text: str, tokens: Sequence[Token] | None) -> _Side:
    return _Side(text, tokenize(text) if tokens is None else tokens)


def check_names(
    original: str,
    translation: str,
    *,
    same_language: bool = True,
    labels: Labels = DEFAULT_LABELS,
    original_tokens: Sequence[Token] | None = None,
    translation_tokens: Sequence[Token] | None = None,
    languages: tuple[str, str] = ("", ""),
    evidence: tuple[DocumentNames, DocumentNames] | None = None,
) -> list[Finding]:
    """Names and quoted titles present on one side only (see the module's docstring);
    ``evidence``: the documents' :class:`DocumentNames` (original, translation).
    Original-side findings first, then translation-side ones, each in text order."""
    a = _side(original, original_tokens)
    b = _side(translation, translation_tokens)
    sides = ((a, b, labels, True), (b, a, labels[::-1], False))
    names = [
        extract_names(
            here.text,
            tokens=here.tokens,
            language=languages[k],
            evidence=None if evidence is None else (evidence[k], evidence[1 - k]),
            same_language=same_language,
        )
        for k, (here, _, _, _) in enumerate(sides)
    ]
    single = [True, True]
    if evidence is not None and same_language:
        _add_newcomers(names, (a, b), evidence)
    elif evidence is not None:
        # across languages a one-word name goes missing legitimately (pronouns,
        # "himalayenne"); it is reported when the other side has a name of its own there
        single = [
            _has_newcomer(*newcomer_side)
            for newcomer_side in _other_sides((a, b), names, languages, evidence)
        ]
    findings: list[Finding] = []
    for k, ((here, there, side_labels, is_original), side_names) in enumerate(
        zip(sides, names, strict=True)
    ):
        skip: list[tuple[int, int]] = []
        if same_language:
            titles, skip = missing_titles(here.text, there.text, side_labels, original=is_original)
            findings += titles
        findings += _missing_names(
            here,
            there,
            side_labels,
            original=is_original,
            same_language=same_language,
            skip=skip,
            names=side_names,
            single=single[k],
            other_doc=None if evidence is None else evidence[1 - k],
        )
    if evidence is not None and not same_language:
        findings += _swaps((a, b), labels, languages, evidence, findings)
    return findings


def _swaps(
    sides: tuple[_Side, _Side],
    labels: Labels,
    languages: tuple[str, str],
    evidence: tuple[DocumentNames, DocumentNames],
    found: Sequence[Finding],
) -> list[Finding]:
    """Names one side put in place of the other's (:mod:`.name_swaps`), not yet reported."""
    out: list[Finding] = []
    latin = [_latin_share(side.text) >= 0.5 for side in sides]
    for k, side_labels in ((0, labels), (1, labels[::-1])):
        here, there = sides[k], sides[1 - k]
        taken = here.key_set
        new = swapped_names(
            here.text,
            here.tokens,
            language=languages[k],
            documents=(evidence[k], evidence[1 - k]),
            present=lambda key, there=there, taken=taken: (
                there.has_like(key, taken=taken) or there.exonym(key)
            ),
            key=_key,
            generic=GENERIC_NAME_WORDS,
            labels=side_labels,
            original=k == 0,
            # names are transliterated between scripts: strangers within Latin script only
            other_words=there.key_set if latin[0] and latin[1] else None,
        )
        spans = {(f.original_spans, f.translation_spans) for f in found}
        out += [f for f in new if (f.original_spans, f.translation_spans) not in spans]
    return out
