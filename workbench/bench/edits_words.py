"""Loud edits of single words that change the meaning: negation flips and changed names."""

from __future__ import annotations

import random
import re

from workbench.bench.edits import (
    TextNames,
    in_one_paragraph,
    keep_case,
    replace_match,
    word_pattern,
)
from workbench.bench.edits_loud import REPLACEMENT_NAMES

_AUXILIARY = re.compile(
    r"(?<=[a-z] )(?:is|are|was|were|will|would|can|could|should|shall|must|may|has|have|had"
    r"|does|did)(?= (?!not\b|never\b|no\b|n't)[a-z])"
)


def _negation_added(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """ "not" added after an auxiliary verb ("is" → "is not")."""
    return replace_match(text, _AUXILIARY, rng, lambda m, r: m.group() + " not")


_NEGATED = re.compile(
    r"(?<=\w) not\b(?<!or not)|\b(?:do|does|did|is|are|was|were|has|have|could|should|would)n't\b"
    r"|\b(?:can't|won't|cannot)\b|\bnever |\bwithout\b|\bno longer "
)
_POSITIVE = {"can't": "can", "won't": "will", "cannot": "can", "without": "with"}


def _negation_removed(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A negator removed ("is not" → "is", "don't" → "do", "never", "without" → "with")."""

    def new(m: re.Match[str], r: random.Random) -> str:
        old = m.group()
        if old in _POSITIVE:
            return _POSITIVE[old]
        if old.endswith("n't"):
            return old[:-3]
        return ""

    return replace_match(text, _NEGATED, rng, new)


#: (positive, negative) words: swapping one for the other flips the meaning.
AFFIXAL_PAIRS = (
    ("possible", "impossible"),
    ("likely", "unlikely"),
    ("able", "unable"),
    ("reasonably", "unreasonably"),
    ("responsible", "irresponsible"),
    ("lawful", "unlawful"),
    ("authorised", "unauthorised"),
    ("necessary", "unnecessary"),
    ("usual", "unusual"),
    ("reliable", "unreliable"),
    ("compatible", "incompatible"),
    ("remediable", "irremediable"),
    ("disputed", "undisputed"),
    ("aware", "unaware"),
    ("important", "unimportant"),
    ("happy", "unhappy"),
    ("clear", "unclear"),
    ("willing", "unwilling"),
    ("official", "unofficial"),
    ("passable", "impassable"),
    ("foreseeable", "unforeseeable"),
    ("common", "uncommon"),
)
_FLIP = {a: b for a, b in AFFIXAL_PAIRS} | {b: a for a, b in AFFIXAL_PAIRS}
_AFFIXAL = word_pattern(
    [w for pair in AFFIXAL_PAIRS for w in (pair[0], pair[0].title(), *pair[1:])]
)


def _negation_affixal(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A word swapped for its negative-prefix counterpart (possible ↔ impossible)."""
    return replace_match(
        text, _AFFIXAL, rng, lambda m, r: keep_case(m.group(), _FLIP[m.group().lower()])
    )


def _name_other(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """One of the text's known names replaced by another name."""
    if not names.words:
        return None
    others = [n for n in REPLACEMENT_NAMES if n not in text]
    return replace_match(text, word_pattern(names.words), rng, lambda m, r: r.choice(others))


def _name_letter(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """One letter (not the first) of a known name changed ("Carrow" → "Carrov")."""

    def new(m: re.Match[str], r: random.Random) -> str | None:
        old = m.group()
        if len(old) < 4:
            return None
        k = r.randrange(1, len(old))
        letters = "aeioulnrstvk" if old[k].islower() else "AEIOULNRSTVK"
        choice = r.choice([c for c in letters if c != old[k]])
        return old[:k] + choice + old[k + 1 :]

    return replace_match(text, word_pattern(names.words), rng, new) if names.words else None


def _name_surname(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A person's surname dropped ("Martin Okafor" → "Martin")."""
    if not names.people:
        return None
    return replace_match(text, word_pattern(names.people), rng, lambda m, r: m.group().split()[0])


WORD_GENERATORS = {
    "negation-added": in_one_paragraph(_negation_added),
    "negation-removed": in_one_paragraph(_negation_removed),
    "negation-affixal": in_one_paragraph(_negation_affixal),
    "name-other": in_one_paragraph(_name_other),
    "name-letter": in_one_paragraph(_name_letter),
    "name-surname": in_one_paragraph(_name_surname),
}
