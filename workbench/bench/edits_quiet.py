"""Quiet edits: differences that must leave a pair identical or at most minor.

Typography, spacing, case at a sentence start, British/American spelling, contractions,
the serial comma, hyphenation variants, hard line wraps, punctuation inside or outside
quotes and digit grouping. Each generator returns an edit that changes the text, or
None when the text has no material for it.
"""

from __future__ import annotations

import random
import re
import textwrap

from workbench.bench.edits import (
    TextNames,
    any_of,
    in_one_paragraph,
    keep_case,
    replace_match,
    sentences,
    word_pattern,
)


def _quotes(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """Straight quotes and apostrophes made curly, or curly ones straight."""
    kinds = [
        (re.compile(r'"([^"\n]+)"'), lambda m, r: f"“{m.group(1)}”"),
        (re.compile(r"“([^”\n]+)”"), lambda m, r: f'"{m.group(1)}"'),
        (re.compile(r"(?<=\w)'(?=\w)"), lambda m, r: "’"),
        (re.compile(r"(?<=\w)’(?=\w)"), lambda m, r: "'"),
    ]
    rng.shuffle(kinds)
    for pattern, new in kinds:
        result = replace_match(text, pattern, rng, new)
        if result is not None:
            return result
    return None


_DASH = re.compile(r" [-–—] |—")


def _dashes(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A dash written another way (hyphen, en dash, em dash, spaced or not)."""
    styles = (" - ", " – ", " — ", "—")
    return replace_match(text, _DASH, rng, lambda m, r: r.choice(styles))


def _ellipsis(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """Three full stops made one ellipsis character, or the other way round."""
    return replace_match(
        text, re.compile(r"\.\.\.|…"), rng, lambda m, r: "…" if m.group() == "..." else "..."
    )


def _spaces(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A space doubled, or made a no-break space."""
    return replace_match(
        text, re.compile(r"(?<=\S) (?=\S)"), rng, lambda m, r: r.choice(["  ", "\u00a0"])
    )


def _sentence_case(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """The first word of a sentence (not a name, not "I") lower-cased."""
    starts = [s for s, _ in sentences(text)]
    rng.shuffle(starts)
    known = {w for name in (*names.people, *names.words) for w in name.split()}
    for start in starts:
        word = re.match(r"[A-Z][a-z]+\b", text[start:])
        if word and word.group() not in known:
            lowered = word.group().lower()
            return text[:start] + lowered + text[
                start + len(lowered) :
            ], f"{word.group()} → {lowered}"
    return None


#: British and American spellings of words in the benchmark texts (and a few more).
SPELLINGS = (
    ("organisation", "organization"),
    ("organisational", "organizational"),
    ("unauthorised", "unauthorized"),
    ("centre", "center"),
    ("metre", "meter"),
    ("metres", "meters"),
    ("programme", "program"),
    ("colour", "color"),
    ("favour", "favor"),
    ("favourite", "favorite"),
    ("neighbours", "neighbors"),
    ("defences", "defenses"),
    ("licence", "license"),
    ("catalogue", "catalog"),
    ("analysed", "analyzed"),
    ("recognise", "recognize"),
    ("practised", "practiced"),
)
_SPELLING = {a: b for a, b in SPELLINGS} | {b: a for a, b in SPELLINGS}
_SPELLING_WORDS = word_pattern([w for pair in SPELLINGS for w in (*pair, pair[0].title())])


def _spelling(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A word in British spelling made American, or the other way round."""
    return replace_match(
        text, _SPELLING_WORDS, rng, lambda m, r: keep_case(m.group(), _SPELLING[m.group().lower()])
    )


_CONTRACTED = {
    "it's": "it is",
    "that's": "that is",
    "there's": "there is",
    "don't": "do not",
    "doesn't": "does not",
    "isn't": "is not",
    "can't": "cannot",
    "won't": "will not",
    "you'll": "you will",
    "you're": "you are",
    "you'd": "you would",
    "who'll": "who will",
    "they're": "they are",
    "we'll": "we will",
    "i've": "I have",
    "they'd": "they would",
}
_EXPANDED = {v.lower(): k for k, v in _CONTRACTED.items()} | {"can not": "can't"}
_CONTRACTIONS = re.compile(
    r"(?<![\w'])(?:" + "|".join(re.escape(k) for k in (*_CONTRACTED, *_EXPANDED)) + r")(?![\w'])",
    re.IGNORECASE,
)


def _contractions(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A contraction spelled out ("that's" → "that is") or made ("do not" → "don't")."""

    def new(m: re.Match[str], r: random.Random) -> str:
        old = m.group().lower()
        result = keep_case(m.group(), _CONTRACTED.get(old) or _EXPANDED[old])
        return "I" + result[1:] if result.lower().startswith(("i ", "i'")) else result

    return replace_match(text, _CONTRACTIONS, rng, new)


_SERIAL = re.compile(r"(?<=\w), ([^,.;:()\"]{1,40}?)(,?) (and|or) (?=\w)")


def _serial_comma(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """The serial comma of a list of three added or removed ("a, b and c" ↔ "a, b, and c")."""

    def new(m: re.Match[str], r: random.Random) -> str:
        comma = "" if m.group(2) else ","
        return f", {m.group(1)}{comma} {m.group(3)} "

    return replace_match(text, _SERIAL, rng, new)


_HYPHENATED = {
    "e-mail": "email",
    "co-operate": "cooperate",
    "co-ordinate": "coordinate",
    "sub-processors": "subprocessors",
    "follow-up": "follow up",
    "use-by": "use by",
    "power-saving": "power saving",
    "double-blind": "double blind",
    "first-class": "first class",
    "own-label": "own label",
    "e-diary": "ediary",
    "coordinator": "co-ordinator",
    "well-being": "wellbeing",
    "sub-contract": "subcontract",
    "set-up": "setup",
    "web site": "website",
    "non-profit": "nonprofit",
    "re-open": "reopen",
    "on-line": "online",
}
_HYPHENATION = word_pattern([*_HYPHENATED, "E-mail"])


def _hyphenation(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A compound written another way (e-mail/email, co-operate/cooperate, follow-up/follow up)."""
    return replace_match(
        text, _HYPHENATION, rng, lambda m, r: keep_case(m.group(), _HYPHENATED[m.group().lower()])
    )


def _line_wraps(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """The paragraph hard-wrapped at 55–78 characters, as an editor or mail client does."""
    width = rng.randint(55, 78)
    if len(text) < 2 * width:
        return None
    wrapped = textwrap.fill(text, width=width, break_long_words=False, break_on_hyphens=False)
    return wrapped, f"wrapped at {width} characters"


_QUOTE_PUNCT = re.compile(r"(?<=\w)([.,])([\"”’])|([\"”’])([.,])")


def _quote_punctuation(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """A full stop or comma moved inside or outside a closing quote."""

    def new(m: re.Match[str], r: random.Random) -> str:
        return m.group(2) + m.group(1) if m.group(1) else m.group(4) + m.group(3)

    return replace_match(text, _QUOTE_PUNCT, rng, new)


_GROUPED = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w.,]\d)")


def _digit_grouping(text: str, rng: random.Random, names: TextNames) -> tuple[str, str] | None:
    """Thousands grouped another way (1,000 → 1 000, 1\u00a0000 or 1000)."""

    def new(m: re.Match[str], r: random.Random) -> str:
        separators = [" ", "\u00a0"] + ([""] if m.group().count(",") == 1 else [])
        return m.group().replace(",", r.choice(separators))

    return replace_match(text, _GROUPED, rng, new)


QUIET_GENERATORS = {
    "typography": in_one_paragraph(any_of(_quotes, _dashes, _ellipsis, _spaces)),
    "sentence-case": in_one_paragraph(_sentence_case),
    "spelling": in_one_paragraph(_spelling),
    "contractions": in_one_paragraph(_contractions),
    "serial-comma": in_one_paragraph(_serial_comma),
    "hyphenation": in_one_paragraph(_hyphenation),
    "line-wraps": in_one_paragraph(_line_wraps),
    "quote-punctuation": in_one_paragraph(_quote_punctuation),
    "digit-grouping": in_one_paragraph(_digit_grouping),
}
