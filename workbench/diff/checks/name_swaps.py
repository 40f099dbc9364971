"""Names put in place of one word of a name across languages (“la carte de Marcel Kurz”
→ “la carte de Haddad Kurz”).

A language that capitalises only names (French, English) says by itself what a name
is: a word capitalised inside a sentence that its document never writes in lower case.
Such a word is a newcomer when the other side has nothing like it and the other
document never writes it at all. Translations bring in names of their own (exonyms:
“Londres”, “Bâle”; capitalised institutions: “Gouvernement”), so a newcomer is reported
only when it stands in a run with a name word the other side has (“Haddad Kurz”,
“Achterberg Devi”, “Haddad-Hooft”): one word of a name changed; or when it stands alone
and nothing explains it as a name of the translation's own (a *stranger*, see
:func:`_stranger`): “la Tista” → “la Achterberg”, a name written once in each document,
has no evidence left once replaced.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from math import ceil

from workbench.diff.checks.base import on_side
from workbench.diff.checks.name_evidence import (
    EXONYM_PREFIX_LETTERS,
    NAME_STEM_SHARE,
    NOUN_CAPITALISING,
    DocumentNames,
    fold,
)
from workbench.diff.checks.name_words import (
    capital_candidates,
    capitalised,
    starts_sentence,
    strip_possessive,
    strong,
)
from workbench.diff.tokens import Token
from workbench.model import Finding

_RUN_GAPS = (" ", "-", "\u00a0")
#: Peoples, languages, continents and countries, folded, as English writes them (the
#: adjectives too, with a capital) and French (the nouns with a capital): translated
#: from one language to the other, never replaced names, so never strangers. Plural and
#: feminine French endings are dropped before the look-up.
_PEOPLE_AND_PLACE_WORDS = (
    "africa african america american arab arabic asia asian australia australian austria "
    "austrian belgian belgium britain british canada canadian china chinese czech danish "
    "denmark dutch england english europe european finland finnish france french german "
    "germany greece greek holland hungarian hungary india indian ireland irish italian "
    "italy japan japanese korea korean mexican mexico nepal nepalese netherlands norway "
    "norwegian pakistan pakistani poland polish portugal portuguese russia russian "
    "scotland scottish spain spanish sweden swedish swiss switzerland tibet tibetan "
    "turkey turkish wales welsh afrique africain amerique americain arabe asie asiatique "
    "australie australien autriche autrichien belge belgique bretagne britannique canada "
    "canadien chine chinois tcheque danois danemark neerlandais finlande finlandais "
    "francais allemagne allemand grece grec hongrie hongrois inde indien irlande "
    "irlandais italie italien japon japonais coree coreen mexique mexicain nepal nepalais "
    "norvege norvegien pologne polonais portugais russie russe ecosse ecossais espagne "
    "espagnol suede suedois suisse tibet tibetain turquie turc gallois europe europeen "
    "anglais angleterre"
)
_PEOPLES_AND_PLACES = frozenset(_PEOPLE_AND_PLACE_WORDS.split())

Present = Callable[[str], bool]


def _words(tokens: Sequence[Token]) -> list[tuple[int, str]]:
    """Indices and folded forms of the capitalised word tokens (not acronyms)."""
    out = []
    for k in capital_candidates(tokens):
        tok = tokens[k]
        word = strip_possessive(tok.text)
        if capitalised(tok) and not strong(word):
            out.append((k, fold(word)))
    return out


def swapped_names(
    text: str,
    tokens: Sequence[Token],
    *,
    language: str,
    documents: tuple[DocumentNames, DocumentNames],
    present: Present,
    key: Callable[[str], str],
    generic: frozenset[str],
    labels: tuple[str, str],
    original: bool,
    other_words: frozenset[str] | None = None,
) -> list[Finding]:
    """Findings for the newcomer names of one side that replace a name (see the module);
    ``other_words``: the other side's words, folded, to look for strangers (None: no
    strangers, as when a side is not in Latin script: names are transliterated)."""
    if not language or language in NOUN_CAPITALISING:
        return []  # capitals say nothing there (or we cannot tell)
    own, other = documents
    words = _words(tokens)
    capital_at = dict(words)
    here_counts = Counter(capital_at.values())
    findings = []
    for k, folded in words:
        if folded in own.lowercase or folded in generic or len(folded) < 3:
            continue
        if present(key(folded)) or other.knows(folded):
            continue
        tok = tokens[k]
        in_run = any(
            capital_at[j] not in generic
            and present(key(capital_at[j]))
            and text[min(tok.end, tokens[j].end) : max(tok.start, tokens[j].start)] in _RUN_GAPS
            for j in (k - 2, k - 1, k + 1, k + 2)
            if j in capital_at
        )
        stranger = other_words is not None and _stranger(
            text, tokens, k, folded, own, here_counts, other_words
        )
        if in_run or stranger:
            message = f"Name “{tok.text}” in the {labels[0]} is missing in the {labels[1]}"
            findings.append(on_side("names", message, ((tok.start, tok.end),), original=original))
    return findings


def _stranger(
    text: str,
    tokens: Sequence[Token],
    k: int,
    folded: str,
    own: DocumentNames,
    here_counts: Counter[str],
    other_words: frozenset[str],
) -> bool:
    """Whether newcomer ``k`` (not written by the other document, never in lower case by
    its own) is a name nothing explains: inside a sentence, not an acronym, written
    nowhere else in its document, not a people or place (``_PEOPLES_AND_PLACES``), not
    the stem of a word its document writes in lower case ("Glaces"/"glace",
    ``NAME_STEM_SHARE``), and sharing no first
    ``EXONYM_PREFIX_LETTERS`` letters with a word of the other side (an exonym)."""
    word = strip_possessive(tokens[k].text)
    if word.isupper() or starts_sentence(text, tokens, k) or _people_or_place(folded):
        return False
    if own.capitals.get(folded, 0) > here_counts[folded]:
        return False  # written elsewhere in the document too: a name of its own
    stem = folded[: max(4, ceil(NAME_STEM_SHARE * len(folded)))]
    if own.lowercase_stem(stem):
        return False
    prefix = folded[:EXONYM_PREFIX_LETTERS]
    return not any(w.startswith(prefix) for w in other_words)


def _people_or_place(folded: str) -> bool:
    """Whether ``folded`` is in ``_PEOPLES_AND_PLACES``, French endings ("Allemandes",
    "Européens") taken off."""
    if folded in _PEOPLES_AND_PLACES:
        return True
    for ending in ("nes", "ne", "es", "e", "s"):  # européennes, européenne, allemandes
        if folded.endswith(ending) and folded[: -len(ending)] in _PEOPLES_AND_PLACES:
            return True
    return False
