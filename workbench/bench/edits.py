"""Labelled edits for the detection benchmark: what an edit is and how generators pick text.

An :class:`Edit` is a document (its paragraphs) after one change, with the paragraphs
the change touches on each side and a one-line description ("nine → ten"). Generators
(:mod:`workbench.bench.edits_loud`, :mod:`workbench.bench.edits_quiet`) take the
paragraphs, a random generator and the text's known names, and return an Edit or None
when the text has no material for them; an edit that would not change the text is
never returned.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.text import split_sentences


@dataclass(frozen=True)
class TextNames:
    """The names a text is known to contain (from ``texts/bench/names.json``)."""

    people: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Edit:
    """A document after one labelled change."""

    paragraphs: tuple[str, ...]
    #: Paragraph indices the change touches in the original and in the edited copy.
    original_index: tuple[int, ...]
    edited_index: tuple[int, ...]
    description: str


#: A change inside one paragraph: (new paragraph, description) or None without material.
ParagraphChange = Callable[[str, random.Random, TextNames], tuple[str, str] | None]
Generator = Callable[[Sequence[str], random.Random, TextNames], Edit | None]


def in_one_paragraph(change: ParagraphChange) -> Generator:
    """A generator applying ``change`` to the first paragraph (in random order) it fits."""

    def generate(paragraphs: Sequence[str], rng: random.Random, names: TextNames) -> Edit | None:
        order = list(range(len(paragraphs)))
        rng.shuffle(order)
        for index in order:
            result = change(paragraphs[index], rng, names)
            if result is None or result[0] == paragraphs[index]:
                continue
            edited = list(paragraphs)
            edited[index] = result[0]
            return Edit(tuple(edited), (index,), (index,), result[1])
        return None

    generate.__doc__ = change.__doc__
    return generate


def any_of(*changes: ParagraphChange) -> ParagraphChange:
    """A change trying ``changes`` in random order until one fits the paragraph."""

    def change(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
        for one in rng.sample(changes, len(changes)):
            result = one(text, rng, names)
            if result is not None and result[0] != text:
                return result
        return None

    change.__doc__ = " / ".join(c.__doc__.split("\n")[0] for c in changes if c.__doc__)
    return change


def replace_match(
    text: str,
    pattern: re.Pattern[str],
    rng: random.Random,
    new: Callable[[re.Match[str], random.Random], str | None],
    *,
    group: int | str = 0,
) -> tuple[str, str] | None:
    """``text`` with one random match of ``pattern`` (its ``group``) replaced by ``new(m)``.

    Matches for which ``new`` returns None or the same text are skipped.
    """
    matches = list(pattern.finditer(text))
    rng.shuffle(matches)
    for m in matches:
        replacement = new(m, rng)
        old = m.group(group)
        if replacement is None or replacement == old:
            continue
        start, end = m.span(group)
        return text[:start] + replacement + text[end:], f"{old} → {replacement}"
    return None


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges of a paragraph (the library's English sentence splitter)."""
    return split_sentences(text, language="en")


def word_pattern(words: Sequence[str]) -> re.Pattern[str]:
    """A pattern matching any of ``words`` as a whole word (longest first)."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")


def keep_case(old: str, new: str) -> str:
    """``new`` with the capitalisation of ``old`` (Title or lower)."""
    return new[:1].upper() + new[1:] if old[:1].isupper() else new
