"""Anchors: what survives translation unchanged — numbers (by value) and addresses.

Numbers are found in digits (decimals with either separator, space-grouped
thousands, percentages, ordinals) and, on request, written as words; "1,000" may mean
a thousand or one (the separator groups thousands in English, marks decimals in
French and German), so both readings are kept. Two texts' anchors are matched as
multisets: a number written twice must be matched twice.
"""

from __future__ import annotations

import re

from workbench.diff.tokens import tokenize

_NUMBER_RE = re.compile(
    r"(?<![\d.,])(?<![^\W\d_\u3000-\u9fff\uac00-\ud7af])"  # not inside a Latin word; CJK ok
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"(?P<suffix>[ \u00a0\u202f]?[%‰]|(?:st|nd|rd|th|er|re|e|ème|eme|º|ª)(?![^\W\d_]))?"
)

#: Number words, by language; used to tolerate "nine" against "9" (and checked


def _words(text: str, *, start: int = 0) -> dict[str, int]:
    """``{word: value}`` for space-separated words valued ``start``, ``start + 1``, ..."""
    return {w: i for i, w in enumerate(text.split(), start=start)}


#: Number words, by language; used to tolerate "nine" against "9" (and checked
#: themselves only with ``number_words=True``). French "un" is left out: mostly the article.
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": _words(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty"
    )
    | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
    | {"ninety": 90, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
    | {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10},
    "fr": {"zéro": 0}
    | _words(
        "deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize",
        start=2,
    )
    | {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
    | {"cent": 100, "mille": 1000, "million": 10**6, "milliard": 10**9},
    "de": _words("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf")
    | {"zwanzig": 20, "dreißig": 30, "hundert": 100, "tausend": 1000, "million": 10**6},
    "es": _words("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce")
    | {"veinte": 20, "treinta": 30, "cien": 100, "mil": 1000, "millón": 10**6},
}


def number_values(text: str) -> frozenset[float]:
    """Values a written number can mean: ``1,000`` → {1000, 1.0}; ``3,5`` → {3.5}.

    A separator followed by exactly three digits may group thousands or mark
    decimals (English vs French/German usage), so both readings are kept; any
    other separator is a decimal mark. Spaces always group thousands.
    """
    digits = re.sub(r"[ \u00a0\u202f]", "", text)
    parts = re.split(r"([.,])", digits)
    groups, seps = parts[0::2], parts[1::2]
    if not seps:
        return frozenset({float(digits)})
    values: set[float] = set()
    # reading 1: every separator groups thousands (needs 3-digit groups)
    if all(len(g) == 3 for g in groups[1:]):
        values.add(float("".join(groups)))
    # reading 2: the last separator is the decimal mark, earlier ones group
    if len(seps) == 1 or len(set(seps[:-1])) == 1 and seps[-1] != seps[0]:
        if all(len(g) == 3 for g in groups[1:-1]):
            values.add(float("".join(groups[:-1]) + "." + groups[-1]))
    elif len(set(seps)) == 1 and all(len(g) == 3 for g in groups[1:]):
        pass  # 1.000.000 / 1,000,000: only the grouping reading makes sense
    if not values:  # e.g. version strings 1.2.3: compare as written
        values.add(float("nan"))
    return frozenset(values)


class Number:
    """A number found in a text: as written, where, and the values it can mean."""

    __slots__ = ("text", "start", "end", "values")

    def __init__(self, text: str, start: int, end: int, values: frozenset[float]) -> None:
        self.text, self.start, self.end, self.values = text, start, end, values


def extract_numbers(text: str, *, language: str = "en", words: bool = False) -> list[Number]:
    """The digit-numbers of ``text`` (and its number words in ``language`` if ``words``)."""
    out = [
        Number(m.group(), m.start(), m.end(), number_values(m.group("num")))
        for m in _NUMBER_RE.finditer(text)
    ]
    if words:
        table = NUMBER_WORDS.get(language, {})
        for tok in tokenize(text):
            if tok.kind == "word" and tok.norm in table:
                out.append(
                    Number(tok.text, tok.start, tok.end, frozenset({float(table[tok.norm])}))
                )
        out.sort(key=lambda n: n.start)
    return out


def _same_number(a: Number, b: Number) -> bool:
    if a.values & b.values:
        return True
    # version-like strings have no numeric reading: compare the digits as written
    return re.sub(r"\D", "", a.text) == re.sub(r"\D", "", b.text) and any(v != v for v in a.values)


def unmatched_numbers(a: list[Number], b: list[Number]) -> tuple[list[Number], list[Number]]:
    """Numbers of ``a`` and of ``b`` left without a partner (same spelling first, then value)."""
    unmatched_b = list(b)
    missing_a: list[Number] = []
    # exact spellings first, then by value, so "2022" pairs with "2022" before "2,022"
    for exact in (True, False):
        rest: list[Number] = []
        for num in a if exact else missing_a:
            hit = next(
                (
                    other
                    for other in unmatched_b
                    if (other.text == num.text if exact else _same_number(num, other))
                ),
                None,
            )
            if hit is None:
                rest.append(num)
            else:
                unmatched_b.remove(hit)
        missing_a = rest
    return missing_a, unmatched_b


_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'“”«»]+[^\s<>\"'“”«».,;:!?)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)


Address = tuple[str, int, int]


def find_urls(text: str) -> list[Address]:
    """(address, start, end) of every URL and e-mail address in ``text``."""
    return [(m.group(), m.start(), m.end()) for m in _URL_RE.finditer(text)]


def _missing(items: list[Address], other: list[Address]) -> list[Address]:
    """Items of ``items`` without a partner in ``other`` (compared as multisets)."""
    left = [x[0] for x in other]
    out = []
    for item in items:
        if item[0] in left:
            left.remove(item[0])
        else:
            out.append(item)
    return out


def unmatched_urls(a: list[Address], b: list[Address]) -> tuple[list[Address], list[Address]]:
    """Addresses of ``a`` missing in ``b`` and of ``b`` missing in ``a``."""
    return _missing(a, b), _missing(b, a)
