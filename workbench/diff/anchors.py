"""Anchors: what survives translation unchanged — numbers (by value) and addresses.

Numbers are found in digits (decimals with either separator, space-grouped
thousands, percentages, ordinals) and, on request, written as words; "1,000" may mean
a thousand or one (the separator groups thousands in English, marks decimals in
French and German), so both readings are kept. Two texts' anchors are matched as
multisets: a number written twice must be matched twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress

from workbench.diff.quantities import (
    CAPITALISED_DATES,
    MONTH_ABBREVIATIONS,
    MONTHS,
    SCALES,
    UNITS,
    WEEKDAYS,
    number_word_vocabulary,
    roman_value,
    word_numbers,
)
from workbench.diff.tokens import Token, token_norms, token_texts, tokenize

#: A number: not after a digit, a digit and a separator, or a letter (in a Latin word;
#: CJK is fine). Each of those tests looks behind from after the number's first digit
#: (``\d(?<!\d.)`` is ``(?<!\d)\d``): so the regex engine skips to the digits, where
#: lookbehinds first made it try every position of the text (a paragraph, 23 -> 6 µs).
_NUMBER_RE = re.compile(
    r"(?P<num>\d(?<!\d.)(?<!\d[.,].)(?<![^\W\d_\u3000-\u9fff\uac00-\ud7af].)"
    r"(?:\d{0,2}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?|\d*(?:[.,]\d+)*))"
    r"(?P<suffix>[ \u00a0\u202f]?[%‰]|(?:st|nd|rd|th|er|re|e|ème|eme|º|ª)(?![^\W\d_]))?"
)


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
    """A number found in a text: as written, where, and the values it can mean.

    ``kind`` is "number", "month" or "weekday" (dates are matched by name, 1–12 and
    1–7); ``unit`` names the unit written with it ("mg", "m", "GBP", "%"; "" when
    none); a ``weak`` number ("one", "first") is reported only when it replaced
    another; ``plain`` are the values before a scale word ("1.2" of "1.2 million"),
    and ``scale_aware`` says the number's language has scale words (so an unscaled
    number there really is unscaled).
    """

    __slots__ = ("text", "start", "end", "values", "kind", "unit", "weak", "plain", "scale_aware")

    def __init__(
        self,
        text: str,
        start: int,
        end: int,
        values: frozenset[float],
        *,
        kind: str = "number",
        unit: str = "",
        weak: bool = False,
        plain: frozenset[float] | None = None,
        scale_aware: bool = True,
    ) -> None:
        self.text, self.start, self.end, self.values = text, start, end, values
        self.kind, self.unit, self.weak = kind, unit, weak
        self.plain = values if plain is None else plain
        self.scale_aware = scale_aware

    @property
    def scaled(self) -> bool:
        """Whether a scale word multiplied the digits ("1.2 million")."""
        return self.plain != self.values


def _word_numbers(text: str, tokens: Sequence[Token], language: str) -> list[Number]:
    out = []
    for found in word_numbers(tokens, language):
        start, end = tokens[found.first].start, tokens[found.last].end
        values = frozenset({float(found.value)})
        out.append(Number(text[start:end], start, end, values, weak=found.weak))
    return out


#: Every digit-number pattern needs a digit: without one the (slower) patterns are skipped.
_DIGIT = re.compile(r"\d")
_ASCII_DIGITS = "0123456789"


def _has_digit(text: str) -> bool:
    """Whether ``text`` has a digit (``\\d``: any decimal digit). An ASCII text can only
    have the ten ASCII ones, each looked for by a byte search: 3.3 -> 0.8 µs for a
    paragraph of 50 words."""
    if text.isascii():
        return any(map(text.__contains__, _ASCII_DIGITS))
    return _DIGIT.search(text) is not None


def extract_numbers(text: str, *, language: str = "en", words: bool = False) -> list[Number]:
    """The digit-numbers of ``text`` (and its number words in ``language`` if ``words``)."""
    out = [
        Number(m.group(), m.start(), m.end(), number_values(m.group("num")))
        for m in (_NUMBER_RE.finditer(text) if _has_digit(text) else ())
    ]
    if words:
        out += _word_numbers(text, tokenize(text), language)
        out.sort(key=lambda n: n.start)
    return out


_SCALE_AFTER = re.compile(r"[ \u00a0\u202f]([^\W\d_]+)")
_UNIT_AFTER = re.compile(
    r"[ \u00a0\u202f]?(°[ \u00a0]?[CF](?![^\W\d_])|[ap]\.m\.|per cent|[^\W\d_]+\.?)",
    re.IGNORECASE,
)
_CURRENCY_BEFORE = re.compile(r"[£$€][ \u00a0]?$")


def _unit_after(text: str, end: int) -> tuple[str, int]:
    """The unit written right after position ``end`` ("mg", "m", "min" …) and where it ends."""
    m = _UNIT_AFTER.match(text, end)
    if m is None:
        return "", end
    if len(m.group(1).rstrip(".")) == 1 and not m.group(1).islower():
        return "", end  # "L. Lachenal": an initial, not litres
    key = m.group(1).casefold().replace("\u00a0", "").replace(" ", "-").replace("°-", "°")
    if key in UNITS:
        return UNITS[key], m.end(1)
    if key.endswith(".") and key[:-1] in UNITS:
        return UNITS[key[:-1]], m.end(1) - 1
    return "", end


_FRACTION_AFTER = re.compile(r"[ \u00a0]?([½¼¾⅓⅔])")
_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}
_YEAR_BEFORE = re.compile(r"(?<!\d)(1[5-9]|20)\d\d[/–-]$")


def _with_context(text: str, m: re.Match[str], values: frozenset[float]) -> frozenset[float]:
    """Values read with their neighbours: "1 ½" is 1.5; "53" in "1952/53" is also 1953."""
    fraction = _FRACTION_AFTER.match(text, m.end())
    if fraction and not m.group("suffix"):
        return frozenset(v + _FRACTIONS[fraction.group(1)] for v in values)
    digits = m.group("num")
    century = _YEAR_BEFORE.search(text, max(0, m.start() - 5), m.start())
    if century and len(digits) == 2 and digits.isdigit():
        return values | {float(century.group(1) + digits)}
    return values


def _digit_number(text: str, m: re.Match[str], language: str) -> Number:
    """A digit number with the scale word, unit or currency written with it."""
    plain = _with_context(text, m, number_values(m.group("num")))
    values, start, end = plain, m.start(), m.end()
    scales = SCALES.get(language, {})
    scale = _SCALE_AFTER.match(text, end)
    if scale and scale.group(1).casefold() in scales:
        factor = scales[scale.group(1).casefold()]
        values, end = frozenset(round(v * factor, 6) for v in plain), scale.end()
    unit = UNITS.get(m.group()[-1], "") if m.group()[-1] in "%‰" else ""
    if not unit:
        unit, end = _unit_after(text, end)
    currency = _CURRENCY_BEFORE.search(text, max(0, start - 2), start)
    if currency and not unit:
        unit, start = UNITS[currency.group()[0]], currency.start()
    return Number(
        text[start:end], start, end, values, unit=unit, plain=plain, scale_aware=bool(scales)
    )


#: "15 h 30", "15 h. 30" (French times) and "2 fr. 70" (Swiss francs): one number, 15.30
#: (up to four spaces or line breaks on either side of the full stop).
_HOURS_AND_MONEY = re.compile(r"(\d(?<![\d.,].)\d?) ?(h|fr)\b\s{0,4}\.?\s{0,4}(\d{2})(?!\d)")


def _hours_and_money(text: str) -> list[Number]:
    """Times and amounts written with the unit between the two parts ("15 h 30")."""
    out = []
    for m in _HOURS_AND_MONEY.finditer(text):
        value = frozenset({float(f"{m.group(1)}.{m.group(3)}")})
        unit = "h" if m.group(2) == "h" else ""
        out.append(Number(m.group(), m.start(), m.end(), value, unit=unit))
    return out


def _date_names(text: str, tokens: Sequence[Token], language: str) -> list[Number]:
    """Month and weekday names (capitalised where the language writes them so), and
    month abbreviations followed by a full stop ("Nov.", "oct.")."""
    out: list[Number] = []
    if language not in MONTHS and language not in WEEKDAYS:
        return out
    capital = language in CAPITALISED_DATES
    in_order = token_norms(tokens)
    norms = set(in_order)
    abbreviations = MONTH_ABBREVIATIONS.get(language, {})
    for kind, table in (
        ("month", MONTHS.get(language, {})),
        ("month", abbreviations),
        ("weekday", WEEKDAYS.get(language, {})),
    ):
        if table.keys().isdisjoint(norms):
            continue
        for k in compress(range(len(in_order)), map(table.__contains__, in_order)):
            tok = tokens[k]
            if tok.kind == "word" and (not capital or tok.text[0].isupper()):
                if table is abbreviations and not text[tok.end : tok.end + 3].lstrip().startswith(
                    "."
                ):
                    continue
                if any(n.start == tok.start for n in out):
                    continue  # "mars", "mai": a full name and an abbreviation
                value = frozenset({float(table[tok.norm])})
                out.append(Number(tok.text, tok.start, tok.end, value, kind=kind))
    return out


#: A designation: one capital that is no vowel ("A 17 heures" is a time) with a number,
#: written together or with a space ("K2", "K 2", "V 2"); a code, compared as written,
#: letter and number, never as a value ("K2" is not the number 2).
_DESIGNATION_LETTER = r"([B-DF-HJ-NP-TV-XZ])(?<![\w.].)"  # (looked behind from after it)
_DESIGNATION_RE = re.compile(_DESIGNATION_LETTER + r" ?(\d+)(?![\w]|[.,]\d)")


def _designations(text: str) -> list[Number]:
    """Designations (``_DESIGNATION_RE``): kind "designation", the letter as their unit."""
    return [
        Number(
            m.group(),
            m.start(),
            m.end(),
            frozenset({float(m.group(2))}),
            kind="designation",
            unit=m.group(1),
        )
        for m in _DESIGNATION_RE.finditer(text)
    ]


#: Languages that elide their article before a vowel ("l'industrie"): there a "1"
#: glued to an apostrophe is the letter l misread (OCR), not a number.
ELIDING_LANGUAGES = frozenset(["fr", "it", "ca"])
_DESIGNATION_BEFORE = re.compile(_DESIGNATION_LETTER + " $")  # not "A 17 heures"


def _no_number(text: str, m: re.Match[str], language: str) -> bool:
    """Digits that are no number: an elided article read as "1" ("1'«industrie"), or the
    number of a designation written with a space after one capital ("K 2" for "K2")."""
    if m.group() == "1" and text[m.end() : m.end() + 1] in ("'", "’"):
        return language in ELIDING_LANGUAGES
    return _DESIGNATION_BEFORE.search(text, max(0, m.start() - 3), m.start()) is not None


@lru_cache(maxsize=32)
def _date_words(language: str) -> frozenset[str]:
    """The norms that may make a month or weekday name in ``language``."""
    tables = (MONTHS, MONTH_ABBREVIATIONS, WEEKDAYS)
    return frozenset().union(*(table.get(language, {}) for table in tables))


def _kinds_to_look_for(
    tokens: Sequence[Token], language: str, *, words: bool, dates: bool
) -> tuple[bool, bool]:
    """``(words, dates)`` less what ``tokens`` surely hold none of: number words (no norm
    of :func:`~workbench.diff.quantities.number_word_vocabulary` and no Roman numeral
    among the words in capitals) and date names (no norm that could make one). A set
    test each instead of their scans: find_quantities of a 50-word paragraph without
    any, 13 -> 5 µs (digit search too)."""
    norms = token_norms(tokens)
    if words:
        vocabulary = number_word_vocabulary(language)
        if vocabulary is not None and vocabulary.isdisjoint(norms):
            capitals = filter(str.isupper, token_texts(tokens))
            words = any(roman_value(word, language) is not None for word in capitals)
    if dates and _date_words(language).isdisjoint(norms):
        dates = False
    return words, dates


def find_quantities(
    text: str,
    *,
    language: str = "en",
    tokens: Sequence[Token] | None = None,
    words: bool = True,
    dates: bool = True,
) -> list[Number]:
    """Numbers with their units and scales, designations ("K2"), number words (if
    ``words``) and month and weekday names (if ``dates``), in text order: what the
    numbers check compares."""
    out = []
    if _has_digit(text):
        out = _hours_and_money(text)
        taken = [(n.start, n.end) for n in out]
        out += [
            _digit_number(text, m, language)
            for m in _NUMBER_RE.finditer(text)
            if not any(s <= m.start() < e for s, e in taken) and not _no_number(text, m, language)
        ]
        out += _designations(text)
    toks = tokens if tokens is not None else tokenize(text) if words or dates else ()
    if words or dates:
        words, dates = _kinds_to_look_for(toks, language, words=words, dates=dates)
    if words:
        for number in _word_numbers(text, toks, language):
            number.unit, end = _unit_after(text, number.end)
            if number.unit:
                number.text, number.end = text[number.start : end], end
            out.append(number)
    if dates:
        out += _date_names(text, toks, language)
    out.sort(key=lambda n: n.start)
    return out


def has_date_names(language: str) -> bool:
    """Whether month and weekday names of ``language`` are known."""
    return language in MONTHS


def _same_number(a: Number, b: Number) -> bool:
    if a.kind != b.kind or (a.unit and b.unit and a.unit != b.unit):
        return False
    if a.values & b.values:
        return True
    if a.scaled != b.scaled and not (b if a.scaled else a).scale_aware and a.plain & b.plain:
        return True  # "1.2 million" against "1,2" in a language without scale words
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
                    if (
                        other.text == num.text and other.kind == num.kind
                        if exact
                        else _same_number(num, other)
                    )
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
    if "@" not in text and "://" not in text and "www." not in text:
        return []  # what every address needs (much faster than the pattern's search)
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
