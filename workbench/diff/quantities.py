"""Words that carry quantities and dates: number words, scales, units, months, weekdays.

Tables by language (English first; French and German for the cross-language checks),
and :func:`word_numbers`, which reads number phrases from a token list: "nine",
"twenty-five", "one hundred and twenty", "a dozen", "half", "a third", ordinals
("first", "twenty-first"). :mod:`workbench.diff.anchors` attaches units and scales to
the numbers it finds and matches them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from operator import or_

from workbench.diff.tokens import Token, token_norms, token_texts


def _counted(words: str, *, start: int = 0, step: int = 1) -> dict[str, int]:
    """``{word: value}`` for space-separated words valued ``start``, ``start + step``, ..."""
    return {w: start + k * step for k, w in enumerate(words.split())}


_EN_UNITS = _counted(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
)
_EN_TENS = _counted("twenty thirty forty fifty sixty seventy eighty ninety", start=20, step=10)
_EN_ORDINALS = _counted(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth",
    start=1,
) | _counted(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth",
    start=20,
    step=10,
)
#: Cardinal number words by language (units, teens and tens; scales are separate).
CARDINALS: dict[str, dict[str, int]] = {
    "en": _EN_UNITS | _EN_TENS,
    "fr": {"zéro": 0}
    | _counted("deux trois quatre cinq six sept huit neuf dix onze douze treize", start=2)
    | {"quatorze": 14, "quinze": 15, "seize": 16}
    | _counted("vingt trente quarante cinquante soixante", start=20, step=10),
    "de": _counted("null eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf")
    | {"zwanzig": 20, "dreißig": 30, "dreissig": 30, "vierzig": 40, "fünfzig": 50},
    "es": _counted("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce")
    | {"veinte": 20, "treinta": 30},
}
ORDINALS: dict[str, dict[str, int]] = {
    "en": _EN_ORDINALS,
    "fr": {"premier": 1, "première": 1, "deuxième": 2, "troisième": 3, "quatrième": 4},
    "de": {"erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3, "dritten": 3},
}
#: Words multiplying what precedes them ("1.2 million", "three thousand").
SCALES: dict[str, dict[str, int]] = {
    "en": {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
    | {"thousands": 1000, "millions": 10**6, "billions": 10**9},
    "fr": {"cent": 100, "cents": 100, "mille": 1000, "million": 10**6, "millions": 10**6}
    | {"milliard": 10**9, "milliards": 10**9},
    "de": {"hundert": 100, "tausend": 1000, "million": 10**6, "millionen": 10**6}
    | {"milliarde": 10**9, "milliarden": 10**9, "mio": 10**6, "mrd": 10**9},
    "es": {"cien": 100, "mil": 1000, "millón": 10**6, "millones": 10**6},
}
#: Fractions: "half" alone, "a third", "two thirds", "a quarter".
_FRACTIONS = {"half": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
#: Number words that also serve as pronouns or adverbs ("no one", "at first"): reported
#: only when they replace another number, never when they merely disappear.
WEAK_WORDS = frozenset(["one", "first", "second"])

_MONTHS = {
    "en": "january february march april may june july august september october november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
}
_WEEKDAYS = {
    "en": "monday tuesday wednesday thursday friday saturday sunday",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "de": "montag dienstag mittwoch donnerstag freitag samstag sonntag",
}
#: Month and weekday names by language, valued 1–12 and 1–7.
MONTHS = {lang: _counted(words, start=1) for lang, words in _MONTHS.items()}
MONTHS["en"] |= _counted("jan feb mar apr", start=1) | _counted("jun jul aug sep", start=6)
MONTHS["en"] |= {"sept": 9, "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {lang: _counted(words, start=1) for lang, words in _WEEKDAYS.items()}
#: Month abbreviations by language, counted only when a full stop follows ("Nov.",
#: "oct.", "Febr."): without it "Jan" is a first name and "mar" a word.
_MONTH_ABBREVIATIONS = {
    "en": "jan feb mar apr may jun jul aug sep oct nov dec",
    "fr": "janv févr mars avr mai juin juil août sept oct nov déc",
    "de": "jan feb märz apr mai jun jul aug sep okt nov dez",
}
MONTH_ABBREVIATIONS = {
    lang: _counted(words, start=1) | {"sept": 9, "febr": 2, "jän": 1, "fév": 2, "janv": 1}
    for lang, words in _MONTH_ABBREVIATIONS.items()
}
MONTHS["de"] |= {"jänner": 1}  # Austrian German
#: Languages whose month and weekday names are written with a capital (English "May"
#: the month, not "may" the verb).
CAPITALISED_DATES = frozenset(["en", "de"])

_UNIT_FORMS = {
    "mg": "mg milligram milligrams milligramme milligrammes",
    "g": "g gram grams gramme grammes gramm",
    "kg": "kg kilogram kilograms kilogramme kilogrammes kilo kilos",
    "µg": "µg μg mcg microgram micrograms",
    "ml": "ml millilitre millilitres milliliter milliliters",
    "cl": "cl centilitre centilitres",
    "l": "l litre litres liter liters",
    "mm": "mm millimetre millimetres millimeter millimeters",
    "cm": "cm centimetre centimetres centimeter centimeters",
    "m": "m metre metres meter meters mètre mètres",
    "km": "km kilometre kilometres kilometer kilometers kilomètre kilomètres",
    "ft": "ft foot feet fuss fuß pied pieds",
    "inch": "inch inches",
    "mile": "mile miles",
    "kb": "kb kilobyte kilobytes",
    "mb": "mb megabyte megabytes",
    "gb": "gb gigabyte gigabytes",
    "tb": "tb terabyte terabytes",
    "s": "sec secs seconds sekunden",
    "min": "min mins minute minutes minuten",
    "h": "h hr hrs hour hours stunde stunden heure heures",
    "day": "day days tag tage tagen jour jours",
    "week": "week weeks woche wochen semaine semaines",
    "month": "month months monat monate monaten mois",
    "year": "year years jahr jahre jahren an ans année années",
    "decade": "decade decades",
    "am": "am a.m.",
    "pm": "pm p.m.",
    "%": "% percent per-cent prozent",
    "‰": "‰",
    "°c": "°c",
    "°f": "°f",
    "GBP": "£ pound pounds gbp",
    "USD": "$ dollar dollars usd",
    "EUR": "€ euro euros eur",
}
#: Unit words and symbols (case-folded) → one name per unit, across English, French, German.
UNITS = {form: unit for unit, forms in _UNIT_FORMS.items() for form in forms.split()}


class WordNumber:
    """A number phrase read from tokens: its token range, value, and whether it is weak."""

    __slots__ = ("first", "last", "value", "weak")

    def __init__(self, first: int, last: int, value: float, weak: bool) -> None:
        self.first, self.last, self.value, self.weak = first, last, value, weak


def _word(tokens: Sequence[Token], k: int) -> str:
    return tokens[k].norm if 0 <= k < len(tokens) and tokens[k].kind == "word" else ""


def _adjacent(tokens: Sequence[Token], k: int) -> bool:
    """Token ``k`` follows token ``k - 1`` directly or after one space."""
    return 0 < k < len(tokens) and tokens[k].start - tokens[k - 1].end <= 1


def _fits(current: float, value: int) -> bool:
    """Whether a cardinal ``value`` may continue a phrase worth ``current`` so far."""
    if not current:
        return True
    rest = current % 100
    return value < 100 and (rest == 0 or (rest >= 20 and rest % 10 == 0 and 0 < value < 10))


def _continues(tokens: Sequence[Token], k: int, current: float, total: float) -> int | None:
    """Index of the token continuing the phrase after token ``k`` ("-", "and", a space)."""
    nxt = k + 1
    if not _adjacent(tokens, nxt):
        return None
    if tokens[nxt].norm == "-":
        return (
            nxt + 1
            if _adjacent(tokens, nxt + 1) and tokens[nxt].end == tokens[nxt + 1].start
            else None
        )
    if _word(tokens, nxt) == "and" and (total or current and current % 100 == 0):
        return nxt + 1 if _adjacent(tokens, nxt + 1) else None
    return nxt


def _start(tokens: Sequence[Token], i: int, language: str) -> tuple[int, float] | None:
    """Phrases that are complete from their first words: "a dozen", "half", "a third"."""
    if language != "en":
        return None
    word, nxt = _word(tokens, i), _word(tokens, i + 1) if _adjacent(tokens, i + 1) else ""
    if word in ("a", "one") and nxt == "dozen":
        return i + 1, 12.0
    if word in ("a", "one") and nxt in _FRACTIONS and nxt != "half":
        return i + 1, 1 / _FRACTIONS[nxt]
    if word == "half":
        return i, 0.5
    return None


def _phrase(tokens: Sequence[Token], i: int, language: str) -> tuple[int, float] | None:
    """(index of the last token, value) of the number phrase starting at token ``i``."""
    whole = _start(tokens, i, language)
    if whole is not None:
        return whole
    cardinals, scales = CARDINALS.get(language, {}), SCALES.get(language, {})
    ordinals = ORDINALS.get(language, {})
    word = _word(tokens, i)
    if word in ordinals:
        return i, float(ordinals[word])
    total, current, last, k = 0.0, 0.0, i, i
    if language == "en" and word == "a" and _word(tokens, i + 1) in scales:
        current, k = 1.0, i + 1  # "a hundred", "a thousand"
    elif word not in cardinals:
        return None
    while k is not None:
        word = _word(tokens, k)
        if word in cardinals and _fits(current, cardinals[word]):
            current += cardinals[word]
        elif word in scales and current and scales[word] == 100 and current < 100:
            current *= 100
        elif word in scales and current and scales[word] > 100:
            total, current = total + current * scales[word], 0.0
        elif word in ordinals and current % 100 >= 20 and current % 10 == 0:
            return k, total + current + ordinals[word]  # twenty-first
        elif language == "en" and current and not total and word in ("dozen", *_FRACTIONS):
            value = current * 12 if word == "dozen" else current / _FRACTIONS[word]
            return k, value  # two dozen, two thirds
        else:
            break
        last = k
        k = _continues(tokens, k, current, total)
    return last, total + current


_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_GERMAN_COMPOUND = re.compile(
    r"(ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf)(hundert|tausend)(?:er|ern|ers)?"
)


def roman_value(word: str, language: str) -> int | None:
    """The value of a Roman numeral in capitals ("IV" → 4; a lone "I" only outside English)."""
    if not word or not _ROMAN.fullmatch(word) or (word == "I" and language == "en"):
        return None
    values = [_ROMAN_VALUES[ch] for ch in word]
    return sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))


def _single(token: Token, language: str) -> float | None:
    """A number written as one token: a Roman numeral, a German compound
    ("Achttausender" 8000) or a bare "hundert"/"tausend"."""
    roman = roman_value(token.text, language)
    if roman is not None:
        return float(roman)
    if language == "de":
        compound = _GERMAN_COMPOUND.fullmatch(token.norm)
        if compound:
            first = CARDINALS["de"].get(compound.group(1), 1)
            return float(first * SCALES["de"][compound.group(2)])
    if token.norm in ("hundred", "thousand", "hundert", "tausend", "cent", "mille"):
        # a scale word of this language (in capitals, "PER CENT", it may be another's)
        scale = SCALES.get(language, {}).get(token.norm)
        return None if scale is None else float(scale)
    return None


@lru_cache(maxsize=16)
def _starting_words(language: str) -> frozenset[str]:
    """Words a number phrase of ``language`` may start with ("a" is checked apart)."""
    return frozenset(
        [*CARDINALS.get(language, {}), *ORDINALS.get(language, {}), *SCALES.get(language, {})]
        + (["half"] if language == "en" else [])
    )


_AFTER_A = frozenset(["dozen", "third", "quarter", "hundred", "thousand", "million", "billion"])


def _may_start(
    token: Token, tokens: Sequence[Token], i: int, starts: frozenset[str], language: str
) -> bool:
    """A cheap test before parsing: most words start no number."""
    if token.norm in starts or token.text.isupper():
        return True
    if token.norm == "a":
        return language == "en" and _word(tokens, i + 1) in _AFTER_A
    return language == "de" and ("tausend" in token.norm or "hundert" in token.norm)


@lru_cache(maxsize=16)
def _first_words(language: str) -> frozenset[str]:
    """The starting words of ``language`` and "a" (what :func:`_candidates` looks for)."""
    return _starting_words(language).union(["a"])


def number_word_vocabulary(language: str) -> frozenset[str] | None:
    """The norms one of which a text must hold for :func:`word_numbers` to find a number
    other than a Roman numeral (a word in capitals): the words a phrase starts with,
    and in English those "a" must come before ("a dozen", "A THIRD": "a" alone starts
    none). Empty where no number words are known, None in German (a compound such as
    "Achttausender" starts one too)."""
    if language not in CARDINALS:
        return frozenset()
    if language == "de":
        return None
    return _vocabulary(language)


@lru_cache(maxsize=16)
def _vocabulary(language: str) -> frozenset[str]:
    after_a = _AFTER_A.union(_FRACTIONS) if language == "en" else ()
    return _starting_words(language).union(after_a)


def _candidates(tokens: Sequence[Token], language: str) -> list[int]:
    """Indices of every token that may start a number (and a few more), in order: the
    tokens :func:`_may_start` can accept, found with set and C-level tests."""
    norms = token_norms(tokens)
    first_words = _first_words(language).intersection(norms)
    if language == "de":
        first_words = first_words.union(n for n in norms if "tausend" in n or "hundert" in n)
    flags = map(str.isupper, token_texts(tokens))
    if first_words:
        flags = map(or_, flags, map(first_words.__contains__, norms))
    return list(compress(range(len(tokens)), flags))


def word_numbers(tokens: Sequence[Token], language: str) -> list[WordNumber]:
    """The number phrases of a token list in ``language`` (none without a table)."""
    if language not in CARDINALS:
        return []
    found = []
    starts = _starting_words(language)
    i = 0  # tokens before ``i`` are read (a phrase covers several)
    for k in _candidates(tokens, language):
        token = tokens[k]
        if k < i or token.kind != "word" or not _may_start(token, tokens, k, starts, language):
            continue
        phrase = _phrase(tokens, k, language)
        if phrase is None:
            single = _single(token, language)
            if single is not None:  # Roman numerals are often parts of names: weak
                found.append(WordNumber(k, k, single, token.text.isupper()))
            i = k + 1
            continue
        last, value = phrase
        weak = last == k and token.norm in WEAK_WORDS
        found.append(WordNumber(k, last, value, weak))
        i = last + 1
    return found
