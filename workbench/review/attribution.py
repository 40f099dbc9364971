"""Where a back-translation discrepancy comes from: the translation, or the back-translation.

When the back-translation says "Okoro" and the original "Okafor", the forward translation
decides: if it has "Okafor", the translator got it right and the back-translator
introduced the change; if it also has "Okoro", the translation introduced it. The same
for numbers ("3 500" in French is the original's 3,500) and addresses: the values that
survive translation, which the checks of :mod:`workbench.diff.checks` match across
languages. This module calls those checks three times per pair — original ↔
back-translation, original ↔ forward, back-translation ↔ forward — and reads the answer
off what each reports missing; it matches no value itself, so whatever the checks accept
as the same value (locale formats included) counts here too.

Every comparison uses the cross-language rules (names matched fuzzily, quoted titles
not compared), so the three see the same values. Other discrepancies (wording,
negation, omitted sentences) have no value to look for: the reviewer compares the
forward passage shown beside the pair.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import zip_longest

from workbench.diff import checks
from workbench.model import DiscrepancyEntry, Finding
from workbench.review.record import PairRecord, ReviewMeta

#: Who introduced a discrepancy.
BY_BACK_TRANSLATION = "back-translation"
BY_TRANSLATION = "translation"
UNCLEAR = "unclear"
#: How messages of the original ↔ forward comparison name the two sides.
FORWARD_LABELS: checks.Labels = ("original", "forward translation")
#: The highlight kinds of the forward column (``workbench.render`` classes ``wb-<kind>``):
#: the forward translation keeps the original's value, or carries the changed one.
KEPT, CARRIED = "forward-kept", "forward-carried"
#: What a value is put next to so a check reads it alone: a lead that is not a word keeps
#: a capitalised name from looking like a sentence's first word.
_LEAD = "· "

Range = tuple[int, int]
Languages = tuple[str, str]
CheckCall = Callable[[str, str, Languages, checks.Labels], list[Finding]]


def _numbers(a: str, b: str, languages: Languages, labels: checks.Labels) -> list[Finding]:
    return checks.check_numbers(a, b, languages=languages, labels=labels)


def _names(a: str, b: str, languages: Languages, labels: checks.Labels) -> list[Finding]:
    return checks.check_names(a, b, same_language=False, labels=labels)


def _urls(a: str, b: str, languages: Languages, labels: checks.Labels) -> list[Finding]:
    return checks.check_urls(a, b, labels=labels)


#: The checks whose values survive translation, by check name.
ATTRIBUTABLE: Mapping[str, CheckCall] = {"numbers": _numbers, "names": _names, "urls": _urls}


@dataclass(frozen=True)
class Attribution:
    """One value the back-translation does not share with the original, and who changed it.

    ``original`` is "" when the back-translation added a value, ``back`` "" when it lost
    one; ``forward`` is the forward translation's own writing of the value that decided
    (``forward_range`` indexes the forward passage), "" when it has none.
    """

    check: str
    side: str  # BY_BACK_TRANSLATION, BY_TRANSLATION or UNCLEAR
    original: str
    back: str
    forward: str
    message: str
    forward_range: Range | None = None


@dataclass(frozen=True)
class PairAttribution:
    """A pair's attributions, and what the forward passage shows against the original."""

    items: tuple[Attribution, ...] = ()
    #: Original ↔ forward findings with a range in the forward passage (values the
    #: forward translation has and the original has not).
    forward_findings: tuple[Finding, ...] = ()

    @property
    def side(self) -> str:
        """Who introduced every attributed discrepancy ("" without any, UNCLEAR if mixed)."""
        sides = {a.side for a in self.items}
        return sides.pop() if len(sides) == 1 else (UNCLEAR if sides else "")

    @property
    def messages(self) -> tuple[str, ...]:
        """One sentence per attributed discrepancy."""
        return tuple(a.message for a in self.items)

    def forward_specs(self) -> list[tuple[int, int, str, str]]:
        """Highlights of the forward passage: (start, end, kind, message)."""
        specs = [
            (*a.forward_range, KEPT if a.side == BY_BACK_TRANSLATION else CARRIED, a.message)
            for a in self.items
            if a.forward_range is not None
        ]
        marked = {(s, e) for s, e, _, _ in specs}
        for finding in self.forward_findings:
            for start, end in finding.translation_spans:
                if (start, end) not in marked:
                    specs.append((start, end, "check", finding.message))
        return specs

    def suggestion(self) -> DiscrepancyEntry:
        """The log entry suggested by default: the cause as rationale, and the type
        "back-translation artefact" when the back-translation introduced everything."""
        if not self.items:
            return DiscrepancyEntry()
        kind = "back-translation artefact" if self.side == BY_BACK_TRANSLATION else ""
        return DiscrepancyEntry(discrepancy=kind, rationale="; ".join(self.messages) + ".")


def _ranges(found: Sequence[Finding], *, original: bool) -> list[Range]:
    return [r for f in found for r in (f.original_spans if original else f.translation_spans)]


def _changes(found: Sequence[Finding]) -> tuple[tuple[Range | None, Range | None], ...]:
    """The values of two texts that differ, as (first side's, second side's) pairs.

    A finding naming a range on each side is one change ("Number changed: 9 → 10"); the
    values reported on one side only are paired in text order, the rest left alone.
    """
    pairs: list[tuple[Range | None, Range | None]] = [
        (f.original_spans[0], f.translation_spans[0])
        for f in found
        if len(f.original_spans) == 1 and len(f.translation_spans) == 1
    ]
    single = [f for f in found if not (len(f.original_spans) == 1 == len(f.translation_spans))]
    pairs += zip_longest(_ranges(single, original=True), _ranges(single, original=False))
    return tuple(sorted(pairs, key=lambda p: p[0] or p[1] or (0, 0)))


@dataclass(frozen=True)
class _Triangle:
    """One check's findings over the three texts of a pair (ranges of values reported missing)."""

    texts: tuple[str, str, str]  # original, back-translation, forward
    languages: tuple[str, str, str]
    call: CheckCall
    #: (original value the back-translation lacks, back-translation value the original
    #: lacks): a change, or either alone (None for the other).
    changes: tuple[tuple[Range | None, Range | None], ...]
    forward_lacks: frozenset[Range]  # original values the forward lacks
    forward_extra: tuple[Range, ...]  # forward values the original lacks
    back_not_forward: frozenset[Range]  # back-translation values the forward lacks
    forward_not_back: tuple[Range, ...]  # forward values the back-translation lacks

    def locate(
        self, value: str, candidates: Sequence[Range], used: set[Range], *, back: bool
    ) -> Range | None:
        """The first unused forward value among ``candidates`` the check takes for ``value``
        (a value of the back-translation if ``back``, else of the original)."""
        languages = (self.languages[1 if back else 0], self.languages[2])
        for start, end in candidates:
            if (start, end) in used:
                continue
            found = self.call(
                _LEAD + value, _LEAD + self.texts[2][start:end], languages, checks.DEFAULT_LABELS
            )
            if not found:
                used.add((start, end))
                return start, end
        return None


def _triangle(
    name: str, texts: tuple[str, str, str], languages: tuple[str, str, str]
) -> tuple[_Triangle, list[Finding]]:
    """The check's three comparisons, and its original ↔ forward findings on the forward."""
    call = ATTRIBUTABLE[name]
    o, b, f = texts
    ob = call(o, b, (languages[0], languages[1]), checks.DEFAULT_LABELS)
    of = call(o, f, (languages[0], languages[2]), FORWARD_LABELS)
    bf = call(b, f, (languages[1], languages[2]), checks.DEFAULT_LABELS) if ob else []
    triangle = _Triangle(
        texts=texts,
        languages=languages,
        call=call,
        changes=_changes(ob),
        forward_lacks=frozenset(_ranges(of, original=True)),
        forward_extra=tuple(_ranges(of, original=False)),
        back_not_forward=frozenset(_ranges(bf, original=True)),
        forward_not_back=tuple(_ranges(bf, original=False)),
    )
    return triangle, [x for x in of if x.translation_spans]


def _message(side: str, lost: str, gained: str, forward: str, *, both: bool = False) -> str:
    """The attribution sentence, e.g. "Okafor → Okoro: forward translation has Okafor — …".

    ``both``: an unclear case where the forward translation has both values (else neither).
    """
    if lost and gained:
        what = f"{lost} → {gained}"
    else:
        what = f"{lost} missing" if lost else f"{gained} added"
    if side == BY_BACK_TRANSLATION:
        has = f"has {forward}" if forward else f"does not have {gained or lost}"
        return f"{what}: forward translation {has} — the back-translation introduced the change"
    if side == BY_TRANSLATION:
        has = f"also has {forward}" if forward else f"also lacks {lost or gained}"
        return f"{what}: forward translation {has} — the translation introduced it"
    has = "both" if both else "neither"
    return f"{what}: forward translation has {has} — compare it with the original"


def _judge(
    t: _Triangle, lost: Range | None, gained: Range | None, used: set[Range]
) -> tuple[str, Range | None]:
    """(who introduced it, the deciding forward value) for one lost and/or gained value.

    The back-translation introduced it when the forward translation keeps the original's
    value and lacks the back-translation's; the translation, when it is the other way round.
    """
    o, b, _ = t.texts
    keeps = lost is None or lost not in t.forward_lacks
    carries = gained is not None and gained not in t.back_not_forward
    lacks_original = lost is not None and lost in t.forward_lacks
    if keeps and not carries:
        if lost is None:
            return BY_BACK_TRANSLATION, None
        return BY_BACK_TRANSLATION, t.locate(o[slice(*lost)], t.forward_not_back, used, back=False)
    if (lost is None or lacks_original) and (gained is None or carries):
        if gained is None:
            return BY_TRANSLATION, None
        return BY_TRANSLATION, t.locate(b[slice(*gained)], t.forward_extra, used, back=True)
    return UNCLEAR, None


def _attribute(name: str, t: _Triangle) -> list[Attribution]:
    """One attribution per changed value (or value lost, or added)."""
    o, b, f = t.texts
    used: set[Range] = set()
    out = []
    for x, y in t.changes:
        side, where = _judge(t, x, y, used)
        original = o[slice(*x)] if x is not None else ""
        back = b[slice(*y)] if y is not None else ""
        forward = f[slice(*where)] if where is not None else ""
        both = (x is None or x not in t.forward_lacks) and y not in t.back_not_forward
        message = _message(side, original, back, forward, both=both)
        out.append(Attribution(name, side, original, back, forward, message, where))
    return out


def attribute(
    original: str,
    back_translation: str,
    forward: str,
    *,
    languages: tuple[str, str, str] = ("en", "en", "fr"),
) -> PairAttribution:
    """Who introduced each value the back-translation does not share with the original.

    ``languages`` are those of the original, the back-translation and the forward text.
    """
    if not forward.strip():
        return PairAttribution()
    texts = (original, back_translation, forward)
    items: list[Attribution] = []
    findings: list[Finding] = []
    for name in ATTRIBUTABLE:
        triangle, forward_findings = _triangle(name, texts, languages)
        items += _attribute(name, triangle)
        findings += forward_findings
    return PairAttribution(tuple(items), tuple(findings))


def attribute_pair(record: PairRecord, meta: ReviewMeta) -> PairAttribution | None:
    """The attribution of one pair of a back-translation review (None without a forward)."""
    if not meta.is_back_translation or meta.forward is None or record.forward is None:
        return None
    if not record.original_text.strip() or not record.translation_text.strip():
        return PairAttribution()
    languages = (meta.original_language, meta.original_language, meta.forward.language)
    return attribute(
        record.original_text, record.translation_text, record.forward.text, languages=languages
    )
