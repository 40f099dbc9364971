"""Per-pair checks in the style of QA tools (Xbench, Verifika): each returns ``Finding``s.

Every check is a small function ``check_x(original, translation, *, ...)`` that
compares the two texts of one pair and returns findings whose spans index those
texts. Messages name what fired, e.g. "Number 2022 in the original is missing in
the translation". The ``labels`` option names the two sides in messages (a pivot
comparison says "pivot" instead of "original").

Which checks run depends on the mode (see :mod:`workbench.diff.analyse`):
same-language pairs get all of them; cross-language pairs without a pivot only the
ones that survive translation (numbers, URLs, Latin-script names, length,
untranslated).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from workbench.diff.tokens import Token, normalise, tokenize
from workbench.model import Finding

#: A pair's length ratio (translation/original, non-space characters) is an outlier
#: when it differs from the document's typical ratio by more than this factor.
LENGTH_OUTLIER_FACTOR = 2.0
#: Pairs whose longer side has fewer non-space characters than this skip the length check.
LENGTH_MIN_CHARS = 40
#: Cross-language pairs whose normalised texts are at least this similar (fuzz.ratio)
#: are reported as untranslated.
UNTRANSLATED_SIMILARITY = 90.0
#: Untranslated check skips originals with fewer words (names, numbers, headings).
UNTRANSLATED_MIN_WORDS = 3

Labels = tuple[str, str]
DEFAULT_LABELS: Labels = ("original", "translation")

# --- numbers -------------------------------------------------------------------------

_NUMBER_RE = re.compile(
    r"(?<![\d.,])(?<![^\W\d_\u3000-\u9fff\uac00-\ud7af])"  # not inside a Latin word; CJK ok
    r"(?P<num>\d{1,3}(?:[ \u00a0\u202f]\d{3}(?!\d))+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"(?P<suffix>[ \u00a0\u202f]?[%‰]|(?:st|nd|rd|th|er|re|e|ème|eme|º|ª)(?![^\W\d_]))?"
)

#: Number words, by language; used to tolerate "nine" against "9" (and checked
#: themselves only with ``number_words=True``).
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {
        w: i
        for i, w in enumerate(
            [
                "zero",
                "one",
                "two",
                "three",
                "four",
                "five",
                "six",
                "seven",
                "eight",
                "nine",
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
                "twenty",
            ]
        )
    }
    | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80}
    | {"ninety": 90, "hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
    | {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10},
    "fr": {
        w: i
        for i, w in enumerate(
            [
                "zéro",
                "un",
                "deux",
                "trois",
                "quatre",
                "cinq",
                "six",
                "sept",
                "huit",
                "neuf",
                "dix",
                "onze",
                "douze",
                "treize",
                "quatorze",
                "quinze",
                "seize",
            ]
        )
        if i != 1  # "un" is mostly the article
    }
    | {"vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60}
    | {"cent": 100, "mille": 1000, "million": 10**6, "milliard": 10**9},
    "de": {
        w: i
        for i, w in enumerate(
            [
                "null",
                "eins",
                "zwei",
                "drei",
                "vier",
                "fünf",
                "sechs",
                "sieben",
                "acht",
                "neun",
                "zehn",
                "elf",
                "zwölf",
            ]
        )
    }
    | {"zwanzig": 20, "dreißig": 30, "hundert": 100, "tausend": 1000, "million": 10**6},
    "es": {
        w: i
        for i, w in enumerate(
            [
                "cero",
                "uno",
                "dos",
                "tres",
                "cuatro",
                "cinco",
                "seis",
                "siete",
                "ocho",
                "nueve",
                "diez",
                "once",
                "doce",
            ]
        )
    }
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


class _Num:
    __slots__ = ("text", "start", "end", "values")

    def __init__(self, text: str, start: int, end: int, values: frozenset[float]) -> None:
        self.text, self.start, self.end, self.values = text, start, end, values


def _extract_numbers(text: str, *, language: str, words: bool) -> list[_Num]:
    out = [
        _Num(m.group(), m.start(), m.end(), number_values(m.group("num")))
        for m in _NUMBER_RE.finditer(text)
    ]
    if words:
        table = NUMBER_WORDS.get(language, {})
        for tok in tokenize(text):
            if tok.kind == "word" and tok.norm in table:
                out.append(_Num(tok.text, tok.start, tok.end, frozenset({float(table[tok.norm])})))
        out.sort(key=lambda n: n.start)
    return out


def _same_number(a: _Num, b: _Num) -> bool:
    if a.values & b.values:
        return True
    # version-like strings have no numeric reading: compare the digits as written
    return re.sub(r"\D", "", a.text) == re.sub(r"\D", "", b.text) and any(v != v for v in a.values)


def _word_values(text: str, language: str, tokens: Sequence[Token] | None) -> set[float]:
    table = NUMBER_WORDS.get(language, {})
    toks = tokens if tokens is not None else tokenize(text)
    return {float(table[t.norm]) for t in toks if t.kind == "word" and t.norm in table}


def check_numbers(
    original: str,
    translation: str,
    *,
    languages: tuple[str, str] = ("en", "en"),
    number_words: bool = False,
    labels: Labels = DEFAULT_LABELS,
    original_tokens: Sequence[Token] | None = None,
    translation_tokens: Sequence[Token] | None = None,
) -> list[Finding]:
    """Numbers (digits, decimals with either separator, percentages, ordinals) on one side only.

    Numbers are matched by value, as a multiset: a number written twice in the
    original must appear twice in the translation. A digit-number matched by a number
    word on the other side ("9" / "nine") is accepted; with ``number_words=True`` the
    number words are themselves checked.
    """
    a = _extract_numbers(original, language=languages[0], words=number_words)
    b = _extract_numbers(translation, language=languages[1], words=number_words)
    unmatched_b = list(b)
    missing_a: list[_Num] = []
    # exact spellings first, then by value, so "2022" pairs with "2022" before "2,022"
    for exact in (True, False):
        rest: list[_Num] = []
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
    findings: list[Finding] = []
    if not number_words:
        words_b = _word_values(translation, languages[1], translation_tokens)
        words_a = _word_values(original, languages[0], original_tokens)
        missing_a = [n for n in missing_a if not (n.values & words_b)]
        unmatched_b = [n for n in unmatched_b if not (n.values & words_a)]
    for num in missing_a:
        findings.append(
            Finding(
                check="numbers",
                message=f"Number {num.text} in the {labels[0]} is missing in the {labels[1]}",
                original_spans=((num.start, num.end),),
            )
        )
    for num in unmatched_b:
        findings.append(
            Finding(
                check="numbers",
                message=f"Number {num.text} in the {labels[1]} is missing in the {labels[0]}",
                translation_spans=((num.start, num.end),),
            )
        )
    return findings


# --- URLs and e-mail addresses --------------------------------------------------------

_URL_RE = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'“”«»]+[^\s<>\"'“”«».,;:!?)\]]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
)


def check_urls(
    original: str, translation: str, *, labels: Labels = DEFAULT_LABELS
) -> list[Finding]:
    """URLs and e-mail addresses present on one side only (compared exactly)."""
    a = [(m.group(), m.start(), m.end()) for m in _URL_RE.finditer(original)]
    b = [(m.group(), m.start(), m.end()) for m in _URL_RE.finditer(translation)]
    b_left = [x[0] for x in b]
    findings = []
    for text, start, end in a:
        if text in b_left:
            b_left.remove(text)
            continue
        findings.append(
            Finding(
                "urls",
                f"Address {text} in the {labels[0]} is missing in the {labels[1]}",
                original_spans=((start, end),),
            )
        )
    a_left = [x[0] for x in a]
    for text, start, end in b:
        if text in a_left:
            a_left.remove(text)
            continue
        findings.append(
            Finding(
                "urls",
                f"Address {text} in the {labels[1]} is missing in the {labels[0]}",
                translation_spans=((start, end),),
            )
        )
    return findings


def count_anchors(text: str) -> int:
    """Numbers and URLs in ``text`` (the anchors a cross-language pair must share)."""
    return sum(1 for _ in _NUMBER_RE.finditer(text)) + sum(1 for _ in _URL_RE.finditer(text))


# --- names and quoted titles -----------------------------------------------------------

_NOT_NAMES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "i",
    ]
)
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
    return "".join(
        c for c in unicodedata.normalize("NFKD", word.casefold()) if not unicodedata.combining(c)
    )


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


def _title_key(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", normalise(text)))


def check_names(
    original: str,
    translation: str,
    *,
    same_language: bool = True,
    labels: Labels = DEFAULT_LABELS,
    original_tokens: Sequence[Token] | None = None,
    translation_tokens: Sequence[Token] | None = None,
) -> list[Finding]:
    """Names (capitalised words and runs) and quoted titles present on one side only.

    Across languages only Latin-script names are compared, matched with accents and
    case ignored and small spelling changes tolerated ("American"/"américain").
    Strong names (OpenAI, AGI, GPT4) missing give ``major`` findings, as do multi-word
    names when the other side is written in Latin script; single ordinary capitalised
    words (languages capitalise differently) and names facing a non-Latin text (they
    are transliterated) give ``minor`` ones.
    Quoted titles are compared in same-language mode only.
    """
    sides = (
        (original, translation, original_tokens, translation_tokens, labels, True),
        (translation, original, translation_tokens, original_tokens, labels[::-1], False),
    )
    findings: list[Finding] = []
    for text, other, toks, other_toks, (this, that), is_original in sides:
        other_is_latin = _latin_share(other) >= 0.5
        # words of the other side, possessives stripped, apostrophe parts split off
        # ("l'OpenAI" -> "l", "openai")
        other_words = {
            _fold(part)
            for t in (other_toks if other_toks is not None else tokenize(other))
            if t.kind == "word"
            for part in re.split(r"['’]", _strip_possessive(t.text))
        }
        seen: set[str] = set()
        title_spans: list[tuple[int, int]] = []
        if same_language:
            other_key = _title_key(other)
            for inner, start, end in _quoted_titles(text):
                key = _title_key(inner)
                if key and key not in other_key:
                    span = ((start, end),)
                    title_spans.append((start, end))
                    findings.append(
                        Finding(
                            "names",
                            f"Quoted title “{inner}” in the {this} is missing in the {that}",
                            original_spans=span if is_original else (),
                            translation_spans=() if is_original else span,
                        )
                    )
        for name in extract_names(text, tokens=toks):
            if name.text in seen or any(s <= name.start < e for s, e in title_spans):
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
            severity = "major" if major else "minor"
            span = ((name.start, name.end),)
            findings.append(
                Finding(
                    "names",
                    f"Name “{name.text}” in the {this} is missing in the {that}",
                    severity=severity,
                    original_spans=span if is_original else (),
                    translation_spans=() if is_original else span,
                )
            )
    # original-side findings first, then translation-side, each in text order
    return findings


# --- negation --------------------------------------------------------------------------

NEGATORS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "not",
            "no",
            "never",
            "none",
            "nothing",
            "nobody",
            "nowhere",
            "neither",
            "nor",
            "without",
            "cannot",
        ]
    ),
    "fr": frozenset(
        ["ne", "pas", "jamais", "aucun", "aucune", "rien", "sans", "ni", "nullement", "guère"]
    ),
    "de": frozenset(
        [
            "nicht",
            "kein",
            "keine",
            "keinen",
            "keinem",
            "keiner",
            "keines",
            "nie",
            "niemals",
            "ohne",
            "weder",
        ]
    ),
    "es": frozenset(
        ["no", "nunca", "nada", "nadie", "ninguno", "ninguna", "sin", "ni", "jamás", "tampoco"]
    ),
    "it": frozenset(["non", "mai", "niente", "nulla", "nessuno", "nessuna", "senza", "né"]),
    "nl": frozenset(["niet", "geen", "nooit", "niets", "niemand", "zonder", "noch"]),
    "pt": frozenset(
        ["não", "nunca", "nada", "ninguém", "nenhum", "nenhuma", "sem", "nem", "jamais"]
    ),
}


def _negators(
    tokens: Iterable[Token], language: str, skip: Sequence[tuple[int, int]]
) -> list[Token]:
    words = NEGATORS.get(language, frozenset())
    out = []
    for tok in tokens:
        if tok.kind != "word" or any(s <= tok.start < e for s, e in skip):
            continue
        norm = tok.norm
        if (
            norm in words
            or (language == "en" and norm.endswith("n't"))
            or (language == "fr" and norm.startswith("n'"))
        ):
            out.append(tok)
    return out


#: Negative prefixes (English): "impossible" against "possible" is a negation flip.
NEGATIVE_PREFIXES: dict[str, tuple[str, ...]] = {
    "en": ("un", "in", "im", "il", "ir", "dis", "non", "non-"),
}


def _affixal_flips(
    a: Sequence[Token], b: Sequence[Token], language: str, labels: Labels
) -> list[Finding]:
    """Words with a negative prefix on one side whose bare stem stands on the other side."""
    prefixes = NEGATIVE_PREFIXES.get(language, ())
    if not prefixes:
        return []
    words_a = {t.norm for t in a if t.kind == "word"}
    words_b = {t.norm for t in b if t.kind == "word"}
    found = []
    for toks, here, there, flip in ((a, words_a, words_b, False), (b, words_b, words_a, True)):
        for tok in toks:
            if tok.kind != "word" or tok.norm in there:
                continue
            for prefix in prefixes:
                stem = tok.norm[len(prefix) :]
                if tok.norm.startswith(prefix) and len(stem) >= 4 and stem in there:
                    if stem in here:
                        break  # both forms on this side: no flip to report
                    side = labels[1] if flip else labels[0]
                    other = labels[0] if flip else labels[1]
                    span = ((tok.start, tok.end),)
                    found.append(
                        Finding(
                            "negation",
                            f"Negation flip: “{tok.text}” in the {side} stands against "
                            f"“{stem}” in the {other}",
                            original_spans=() if flip else span,
                            translation_spans=span if flip else (),
                        )
                    )
                    break
    return found


def check_negation(
    original: str,
    translation: str,
    *,
    language: str = "en",
    labels: Labels = DEFAULT_LABELS,
    original_tokens: Sequence[Token] | None = None,
    translation_tokens: Sequence[Token] | None = None,
    original_skip: Sequence[tuple[int, int]] = (),
    translation_skip: Sequence[tuple[int, int]] = (),
) -> list[Finding]:
    """Negators (not, no, never, without, n't, cannot, nor …) on one side only.

    Same-language pairs only. Negators are counted per side (``don't`` and ``do not``
    count alike); when the counts differ, the surplus side's negators are named.
    Affixal negation ("impossible" against "possible") is reported too (English).
    Ranges in ``*_skip`` (omitted or added passages, already reported as spans) are
    ignored, so a dropped sentence containing "not" is not also a negation flip.
    """
    if language not in NEGATORS:
        return []
    a_toks = original_tokens or tokenize(original)
    b_toks = translation_tokens or tokenize(translation)
    affixal = _affixal_flips(a_toks, b_toks, language, labels)
    a = _negators(a_toks, language, original_skip)
    b = _negators(b_toks, language, translation_skip)
    if len(a) == len(b):
        return affixal
    a_norms = [t.norm for t in a]
    b_norms = [t.norm for t in b]
    if len(a) > len(b):
        extra = [t for t in a if not (t.norm in b_norms and not b_norms.remove(t.norm))]
        extra = extra or a
        words = ", ".join(f"“{t.text}”" for t in extra)
        return [
            Finding(
                "negation",
                f"Negation {words} in the {labels[0]} has no counterpart in the {labels[1]}",
                original_spans=tuple((t.start, t.end) for t in extra),
            )
        ]
    extra = [t for t in b if not (t.norm in a_norms and not a_norms.remove(t.norm))]
    extra = extra or b
    words = ", ".join(f"“{t.text}”" for t in extra)
    return [
        Finding(
            "negation",
            f"Negation {words} in the {labels[1]} has no counterpart in the {labels[0]}",
            translation_spans=tuple((t.start, t.end) for t in extra),
        )
    ] + affixal


# --- length and untranslated -------------------------------------------------------------


def visible_length(text: str) -> int:
    """Number of non-whitespace characters (what length ratios are computed on)."""
    return sum(1 for ch in text if not ch.isspace())


def check_length(
    original: str, translation: str, *, ratio: float = 1.0, labels: Labels = DEFAULT_LABELS
) -> list[Finding]:
    """The pair's length ratio is more than ``LENGTH_OUTLIER_FACTOR`` away from ``ratio``.

    ``ratio`` is the document's typical translation/original length ratio (median
    over its 1:1 pairs); pairs shorter than ``LENGTH_MIN_CHARS`` are skipped.
    """
    lo, lt = visible_length(original), visible_length(translation)
    if not lo or not lt or max(lo, lt) < LENGTH_MIN_CHARS or ratio <= 0:
        return []
    pair_ratio = lt / lo
    deviation = pair_ratio / ratio
    if 1 / LENGTH_OUTLIER_FACTOR <= deviation <= LENGTH_OUTLIER_FACTOR:
        return []
    which = "shorter" if deviation < 1 else "longer"
    return [
        Finding(
            "length",
            f"Length ratio {pair_ratio:.2f} is far from the document's typical {ratio:.2f}: "
            f"the {labels[1]} is much {which} than expected",
        )
    ]


def check_untranslated(
    original: str, translation: str, *, labels: Labels = DEFAULT_LABELS
) -> list[Finding]:
    """Cross-language pairs whose translation is (nearly) identical to the original."""
    if len(re.findall(r"[^\W\d_]+", original)) < UNTRANSLATED_MIN_WORDS:
        return []
    score = fuzz.ratio(normalise(original), normalise(translation))
    if score < UNTRANSLATED_SIMILARITY:
        return []
    return [
        Finding(
            "untranslated",
            f"The {labels[1]} looks untranslated: {score:.0f}% identical to the {labels[0]}",
            translation_spans=((0, len(translation)),),
        )
    ]
