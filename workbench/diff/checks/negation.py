"""Negation flips: negators on one side only, and affixal negation ("impossible"/"possible").

Same-language pairs only. Negators are counted per side (``don't`` and ``do not``
count alike); when the counts differ, the surplus side's negators are named. Both
directions are treated by the same code, so a flip is reported whichever side holds it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import compress
from operator import methodcaller, or_

from workbench.diff.checks.base import DEFAULT_LABELS, Labels, on_side
from workbench.diff.tokens import Token, token_kinds, token_norms, token_texts, tokenize
from workbench.model import Finding

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


#: What the norm of a negator outside ``NEGATORS`` holds: "n't" ends it in English
#: ("don't"), "n'" starts it in French ("n'a").
_NEGATOR_AFFIXES = {"en": "n't", "fr": "n'"}


def _negators(
    tokens: Sequence[Token], language: str, skip: Sequence[tuple[int, int]]
) -> list[Token]:
    """The word tokens outside ``skip`` that are negators (found with C-level tests)."""
    words = NEGATORS.get(language, frozenset())
    norms = token_norms(tokens)
    affix = _NEGATOR_AFFIXES.get(language)
    if words.isdisjoint(norms) and (affix is None or affix not in "".join(norms)):
        # no listed word, and no norm holds the affix (so none ends or starts with it):
        # most texts have no negator, and these two tests take a third of the
        # token-by-token ones (5 against 14 µs for a 50-word paragraph)
        return []
    flags = map(words.__contains__, norms)
    if language == "en":
        flags = map(or_, flags, map(methodcaller("endswith", "n't"), norms))
    elif language == "fr":
        flags = map(or_, flags, map(methodcaller("startswith", "n'"), norms))
    out = []
    for k in compress(range(len(norms)), flags):
        tok = tokens[k]
        if tok.kind == "word" and not any(s <= tok.start < e for s, e in skip):
            out.append(tok)
    return out


#: Negative prefixes (English): "impossible" against "possible" is a negation flip.
NEGATIVE_PREFIXES: dict[str, tuple[str, ...]] = {
    "en": ("un", "in", "im", "il", "ir", "dis", "non", "non-"),
}
#: The bare stem of a negated word has at least this many letters ("in" is no "i" negated).
STEM_MIN_LETTERS = 4


def _word_counts(tokens: Sequence[Token]) -> Counter[str]:
    """Words and hyphenated compounds written as one ("non-profit" counts as "nonprofit")."""
    counts = Counter(compress(token_norms(tokens), map("word".__eq__, token_kinds(tokens))))
    for compound in _compounds(tokens):
        counts[compound] += 1
    return counts


def _compounds(tokens: Sequence[Token]) -> list[str]:
    """Hyphenated compounds written as one word ("non-profit" is "nonprofit"), in order."""
    texts = token_texts(tokens)
    out = []
    for k in compress(range(len(texts)), map("-".__eq__, texts)):
        if k == 0 or k == len(tokens) - 1:
            continue
        first, dash, second = tokens[k - 1], tokens[k], tokens[k + 1]
        if (
            first.kind == second.kind == "word"
            and first.end == dash.start
            and dash.end == second.start
        ):
            out.append(first.norm + second.norm)
    return out


def _flip_possible(a: Sequence[Token], b: Sequence[Token], prefixes: tuple[str, ...]) -> bool:
    """Whether a norm of either side is a prefix and a stem (``STEM_MIN_LETTERS``) that
    either side also writes: what every affixal flip needs, tested on all norms and
    compounds (a superset of the counted words). Most pairs have none, and this test
    takes half the time of counting both sides' words (about 12 against 25 µs)."""
    written = set(token_norms(a)).union(token_norms(b))
    if "-" in written:  # a dash token: maybe compounds
        written.update(_compounds(a), _compounds(b))
    for word in filter(methodcaller("startswith", prefixes), written):
        for prefix in prefixes:
            stem = word[len(prefix) :]
            if word.startswith(prefix) and len(stem) >= STEM_MIN_LETTERS and stem in written:
                return True
    return False


def _affixal_flips(
    a: Sequence[Token], b: Sequence[Token], language: str, labels: Labels
) -> list[Finding]:
    """Words with a negative prefix more often on one side whose bare stem is more often
    on the other ("impossible" against "possible"), counted, so a text holding both
    forms still shows a flip of one of them."""
    prefixes = NEGATIVE_PREFIXES.get(language, ())
    if not prefixes or not _flip_possible(a, b, prefixes):
        return []
    count_a, count_b = _word_counts(a), _word_counts(b)
    differ = {word for word, _ in set(count_a.items()).symmetric_difference(count_b.items())}
    found = []
    for toks, here, there, (this, that), original in (
        (a, count_a, count_b, labels, True),
        (b, count_b, count_a, labels[::-1], False),
    ):
        # a flip needs a word and its stem each more frequent on one side: words whose
        # counts differ; the same word always gives the same stem
        stems = {w: _stem(w, prefixes, here, there) for w in differ if w.startswith(prefixes)}
        flipped = {w: stem for w, stem in stems.items() if stem}
        if not flipped:
            continue
        reported: set[str] = set()
        for tok in toks:
            stem = flipped.get(tok.norm) if tok.kind == "word" else None
            if stem and tok.norm not in reported:
                reported.add(tok.norm)
                message = (
                    f"Negation flip: “{tok.text}” in the {this} stands against “{stem}” "
                    f"in the {that}"
                )
                found.append(
                    on_side("negation", message, ((tok.start, tok.end),), original=original)
                )
    return found


def _stem(
    word: str, prefixes: Sequence[str], here: Counter[str], there: Counter[str]
) -> str | None:
    """The bare stem of ``word`` if ``word`` negates it, is more frequent on this side, and
    the stem is more frequent on the other side."""
    if here[word] <= there[word]:
        return None
    for prefix in prefixes:
        stem = word[len(prefix) :]
        if word.startswith(prefix) and len(stem) >= STEM_MIN_LETTERS and there[stem] > here[stem]:
            return stem
    return None


def _surplus(extra_side: list[Token], other: list[Token]) -> list[Token]:
    """The negators of ``extra_side`` without a same-word partner on the ``other`` side."""
    left = [t.norm for t in other]
    extra = []
    for tok in extra_side:
        if tok.norm in left:
            left.remove(tok.norm)
        else:
            extra.append(tok)
    return extra or extra_side


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
    """Negators (not, no, never, without, n't, cannot, nor …) on one side only, then affixal flips.

    Ranges in ``*_skip`` (omitted or added passages, already reported as spans) are
    ignored, so a dropped sentence containing "not" is not also a negation flip.
    """
    if language not in NEGATORS:
        return []
    a_toks = original_tokens if original_tokens is not None else tokenize(original)
    b_toks = translation_tokens if translation_tokens is not None else tokenize(translation)
    a = _negators(a_toks, language, original_skip)
    b = _negators(b_toks, language, translation_skip)
    found: list[Finding] = []
    for here, there, (this, that), original_side in (
        (a, b, labels, True),
        (b, a, labels[::-1], False),
    ):
        if len(here) > len(there):
            extra = _surplus(here, there)
            words = ", ".join(f"“{t.text}”" for t in extra)
            message = f"Negation {words} in the {this} has no counterpart in the {that}"
            ranges = tuple((t.start, t.end) for t in extra)
            found.append(on_side("negation", message, ranges, original=original_side))
    return found + _affixal_flips(a_toks, b_toks, language, labels)
