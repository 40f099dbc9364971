"""Loud edits: changes a reviewer must see (numbers, negation, names, passages, order).

Each generator returns an :class:`~workbench.bench.edits.Edit` that really is what its
category says (a number edit changes a number's value, a name edit changes one of the
text's known names …) or None when the text has no material for it.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from workbench.bench.edits import (
    Edit,
    TextNames,
    in_one_paragraph,
    keep_case,
    replace_match,
    sentences,
    word_pattern,
)
from workbench.bench.perturb import FOREIGN_PARAGRAPHS

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINALS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
]
#: Unrelated sentences and clauses to add (written for the benchmark; no digits, names or
#: negators, so an addition is only an addition).
UNRELATED_SENTENCES = (
    "The recipe calls for a pinch of salt and a little grated lemon peel.",
    "Swallows return to the old barn every spring and build their nests under the roof.",
    "A good pair of walking boots is worth every penny on a long hike.",
    "The choir practised the new hymn until the caretaker locked the hall.",
    "Fresh paint makes even a small kitchen look bright and welcoming.",
    "Most of the apples in the orchard were picked before the frost came.",
    "The museum shop sells postcards, maps and a guide to the local birds.",
    "She carried the heavy basket up the hill and left it by the gate.",
)
ADDED_CLAUSES = (
    ", as the committee explained at some length",
    ", especially during the busy summer months",
    ", according to several people who were there",
    ", which surprised almost everyone involved",
    ", at least for the time being",
)
REPLACEMENT_NAMES = ("Lindqvist", "Moreau", "Achterberg", "Kowalczyk", "Haddad", "Thornbury")


def number_words(value: int) -> str:
    """English words for 0 < ``value`` < 100 ("twenty-five")."""
    if value < 10:
        return _UNITS[value - 1]
    if value < 20:
        return _TEENS[value - 10]
    tens, unit = divmod(value, 10)
    return _TENS[tens - 2] + (f"-{_UNITS[unit - 1]}" if unit else "")


_WORD_VALUES = {number_words(v): v for v in range(2, 100)}
_CARDINAL = re.compile(
    r"(?<![\w-])(?:a dozen|half|a third|a quarter|"
    + "|".join(sorted(_WORD_VALUES, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)
_FRACTIONS = ("a dozen", "half", "a third", "a quarter")


def _other_cardinal(m: re.Match[str], rng: random.Random) -> str | None:
    old = m.group().lower()
    if old in _FRACTIONS:
        choices = [f for f in _FRACTIONS if f != old]
        if m.string[: m.start()].lower().endswith(("the other ", "a ")):
            choices = [f.removeprefix("a ") for f in choices if f != "a dozen"]
        return keep_case(m.group(), rng.choice(choices))
    value = _WORD_VALUES[old]
    new = max(2, min(99, value + rng.choice([-3, -2, -1, 1, 2, 3, 10])))
    return keep_case(m.group(), number_words(new)) if new != value else None


def _new_integer(old: str, rng: random.Random) -> str:
    digits = old.replace(",", "")
    value = int(digits)
    step = rng.randint(1, max(2, value // 4))
    new = value + step if value < step + 1 or rng.random() < 0.5 else value - step
    text = str(new).zfill(len(digits)) if digits.startswith("0") else str(new)
    return f"{new:,}" if "," in old else text


_INTEGER = re.compile(
    r"(?<![\w.,/:£$€-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w%°]|[.,:/-]\d| ?%| ?°"
    r"| (?:" + "|".join(MONTHS) + r"))"
)
_YEAR = re.compile(r"(?<![\w.,/-])(?:1[89]\d\d|20\d\d)(?![\w%]|[.,:/-]\d)")


def _digits(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A number written in digits (not a year, percentage, decimal or day of a date)."""

    def new(m: re.Match[str], r: random.Random) -> str | None:
        if _YEAR.fullmatch(m.group()) or text[: m.start()].rstrip().endswith(tuple(MONTHS)):
            return None
        return _new_integer(m.group(), r)

    return replace_match(text, _INTEGER, rng, new)


def _words(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A number written in words ("nine", "twenty-five", "a dozen", "half")."""
    return replace_match(text, _CARDINAL, rng, _other_cardinal)


_ORDINAL = re.compile(
    r"(?<![\w-])(?:" + "|".join(_ORDINALS) + r"|\d+(?:st|nd|rd|th))(?!\w)", re.IGNORECASE
)


def _suffixed(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _ordinals(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """An ordinal ("first" → "second", "3rd" → "4th"); "at first" is an adverb, left alone."""

    def new(m: re.Match[str], r: random.Random) -> str | None:
        old = m.group()
        if old[0].isdigit():
            n = int(re.match(r"\d+", old).group())  # type: ignore[union-attr]
            return _suffixed(n + r.randint(1, 3))
        if text[: m.start()].lower().endswith("at "):
            return None
        others = [o for o in _ORDINALS if o != old.lower()]
        return keep_case(old, r.choice(others[:6]))

    return replace_match(text, _ORDINAL, rng, new)


_DATE_PATTERNS = (
    re.compile(r"\b(\d{1,2}) (?:" + "|".join(MONTHS) + r")\b"),  # 14 February
    re.compile(r"\b(?:" + "|".join(MONTHS) + r") (\d{1,2}),"),  # February 14,
    re.compile(r"\b\d{4}-\d{2}-(\d{2})\b"),  # 2025-09-09
    re.compile(r"\b(\d{2})/\d{2}/\d{4}\b"),  # 02/09/2025
)
_MONTH = word_pattern(MONTHS)
_WEEKDAY = word_pattern(WEEKDAYS)


def _dates(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A date: its day (in any of four formats), its month name, or a weekday."""

    def new_day(m: re.Match[str], r: random.Random) -> str:
        day = int(m.group(1))
        return str(day + 1 if day < 28 else day - 1).zfill(len(m.group(1)))

    def other(choices: Sequence[str]):  # noqa: ANN202
        return lambda m, r: r.choice([c for c in choices if c != m.group()])

    kinds = [(p, new_day, 1) for p in _DATE_PATTERNS]
    kinds += [(_MONTH, other(MONTHS), 0), (_WEEKDAY, other(WEEKDAYS), 0)]
    rng.shuffle(kinds)
    for pattern, new, group in kinds:
        result = replace_match(text, pattern, rng, new, group=group)
        if result is not None:
            return result
    return None


def _years(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A year (1800–2099)."""

    def new(m: re.Match[str], r: random.Random) -> str:
        return str(int(m.group()) + r.choice([-10, -3, -2, -1, 1, 2, 3, 10]))

    return replace_match(text, _YEAR, rng, new)


_PERCENT = re.compile(r"(?<![\w.,])(\d+(?:\.\d+)?)(?= ?%| per ?cent)")


def _percentages(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A percentage's value (8.5% → 9.5%)."""

    def new(m: re.Match[str], r: random.Random) -> str:
        old = m.group(1)
        if "." in old:
            decimals = len(old.split(".")[1])
            return f"{float(old) + r.choice([-1, 1, 2]):.{decimals}f}"
        return str(int(old) + r.choice([-5, -2, -1, 1, 2, 5]))

    return replace_match(text, _PERCENT, rng, new, group=1)


_VERSION = re.compile(r"(?:[Vv]ersions?|[Ff]irmware|Studio) (\d+(?:\.\d+)+)")


def _versions(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A version number (4.2.0 → 4.3.0, 3.1 → 4.1)."""

    def new(m: re.Match[str], r: random.Random) -> str:
        parts = m.group(1).split(".")
        k = r.randrange(len(parts))
        parts[k] = str(int(parts[k]) + 1)
        return ".".join(parts)

    return replace_match(text, _VERSION, rng, new, group=1)


_OTHER_UNIT = {
    "mg": ("g", "µg"),
    "ml": ("l", "cl"),
    "mm": ("cm", "m"),
    "cm": ("mm", "m"),
    "MB": ("GB", "KB"),
    "°C": ("°F",),
    "metres": ("feet", "kilometres"),
    "metre": ("foot", "kilometre"),
    "minutes": ("hours", "seconds"),
    "hours": ("minutes", "days"),
    "weeks": ("months", "days"),
    "months": ("weeks", "years"),
    "days": ("weeks", "hours"),
    "years": ("months", "decades"),
    "£": ("€", "$"),
}
_UNIT = re.compile(
    r"(?<=\d )(mg|ml|mm|cm|MB|°C|metres|metre|minutes|hours|weeks|months|days|years)\b"
    r"|(£)(?=\d)"
)


def _units(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """The unit of a measurement or amount (5 mg → 5 g, 45 minutes → 45 hours, £25 → €25)."""

    def new(m: re.Match[str], r: random.Random) -> str:
        return r.choice(_OTHER_UNIT[m.group()])

    return replace_match(text, _UNIT, rng, new)


NUMBER_GENERATORS = {
    "numbers-digits": in_one_paragraph(_digits),
    "numbers-words": in_one_paragraph(_words),
    "ordinals": in_one_paragraph(_ordinals),
    "dates": in_one_paragraph(_dates),
    "years": in_one_paragraph(_years),
    "percentages": in_one_paragraph(_percentages),
    "versions": in_one_paragraph(_versions),
    "units": in_one_paragraph(_units),
}


def dropped_paragraph(paragraphs: Sequence[str], rng: random.Random, names: TextNames) -> Edit:
    """A whole paragraph left out."""
    index = rng.randrange(1, len(paragraphs))
    rest = tuple(p for k, p in enumerate(paragraphs) if k != index)
    return Edit(rest, (index,), (), f"P{index + 1} dropped")


def added_paragraph(paragraphs: Sequence[str], rng: random.Random, names: TextNames) -> Edit:
    """An unrelated paragraph inserted."""
    index = rng.randrange(1, len(paragraphs) + 1)
    edited = list(paragraphs)
    edited.insert(index, rng.choice(FOREIGN_PARAGRAPHS))
    return Edit(tuple(edited), (), (index,), f"paragraph added as P{index + 1}")


def moved_paragraph(paragraphs: Sequence[str], rng: random.Random, names: TextNames) -> Edit:
    """A paragraph moved at least three places away."""
    n = len(paragraphs)
    while True:
        i, j = rng.randrange(1, n), rng.randrange(1, n)
        if abs(i - j) >= 3:
            break
    edited = list(paragraphs)
    edited.insert(j, edited.pop(i))
    return Edit(tuple(edited), (i,), (j,), f"P{i + 1} moved to P{j + 1}")


def _real_sentences(spans: list[tuple[int, int]], text: str) -> list[int]:
    """Indices of the sentences of four words or more (not "Q8." or "9. Termination.")."""
    return [k for k, (s, e) in enumerate(spans) if len(text[s:e].split()) >= 4]


def _dropped_sentence(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A sentence (four words or more) of a paragraph of two or more left out."""
    spans = sentences(text)
    choices = _real_sentences(spans, text)
    if len(spans) < 2 or not choices:
        return None
    k = rng.choice(choices)
    start = spans[k][0]
    end = spans[k + 1][0] if k + 1 < len(spans) else len(text)
    if k + 1 == len(spans):
        start = spans[k - 1][1]
    return text[:start] + text[end:], f"dropped “{text[spans[k][0] : spans[k][1]]}”"


_CLAUSE = re.compile(r", ((?:[\w'’-]+ ){2,11}[\w'’-]+)(?=[,.;](?!\d))")


def _dropped_clause(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A comma-separated clause of three to twelve words left out."""
    return replace_match(text, _CLAUSE, rng, lambda m, r: "")


def _added_sentence(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """An unrelated sentence added after one of the paragraph's sentences."""
    spans = sentences(text)
    if len(spans) < 2:
        return None
    end = rng.choice(spans)[1]
    added = rng.choice(UNRELATED_SENTENCES)
    return text[:end] + " " + added + text[end:], f"added “{added}”"


def _added_clause(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A clause added before a sentence's final full stop."""
    ends = [m.start() for m in re.finditer(r"(?<=[a-z])\.(?=\s|$)", text)]
    if not ends:
        return None
    at = rng.choice(ends)
    clause = rng.choice(ADDED_CLAUSES)
    return text[:at] + clause + text[at:], f"added “{clause[2:]}”"


def _replaced_sentence(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A sentence (four words or more) of a paragraph of two or more replaced by an
    unrelated one."""
    spans = sentences(text)
    choices = _real_sentences(spans, text)
    if len(spans) < 2 or not choices:
        return None
    start, end = spans[rng.choice(choices)]
    new = rng.choice(UNRELATED_SENTENCES)
    return text[:start] + new + text[end:], f"“{text[start:end]}” → “{new}”"


PASSAGE_GENERATORS = {
    "dropped-sentence": in_one_paragraph(_dropped_sentence),
    "dropped-clause": in_one_paragraph(_dropped_clause),
    "dropped-paragraph": dropped_paragraph,
    "added-sentence": in_one_paragraph(_added_sentence),
    "added-clause": in_one_paragraph(_added_clause),
    "added-paragraph": added_paragraph,
    "moved-paragraph": moved_paragraph,
    "replaced-sentence": in_one_paragraph(_replaced_sentence),
}
