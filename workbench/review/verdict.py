"""What a pair's verdict says: *why* first ("number changed"), then the band, then how alike
the texts are ("text 99.7 % alike") — or no percentage where it is not a text similarity.

A similarity alone misleads: 300 → 200 million leaves two texts 99.7 % alike, and a pair
that lost a sentence is "88 %" and nothing more. The reasons come from the checks that
fired (any check, known or not: :data:`CHECK_PHRASES` words the known ones, an unknown
one is named as it is), then from the word diff's spans when the analysis is at hand,
then from the band. Used by the app's rows, the comparison view and the HTML report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from workbench.model import ANALYSIS_MODE, Mode, PairDivergence, Span

#: How each known check is said in a verdict (what it means for the pair).
CHECK_PHRASES: Mapping[str, str] = {
    "numbers": "number changed",
    "names": "name changed",
    "negation": "negation flipped",
    "urls": "address changed",
    "length": "length far from typical",
    "untranslated": "left untranslated",
    "omission": "sentence missing",
    "addition": "sentence added",
    "replaced": "passage replaced",
    "moved": "moved",
}
#: Reasons read off the word diff when no check fired (a span kind → its phrase).
SPAN_PHRASES: Mapping[str, str] = {
    "omission": "words missing",
    "addition": "words added",
    "change": "wording changed",
}
#: What the band alone says when nothing more specific is known.
BAND_PHRASES: Mapping[str, str] = {
    "identical": "identical",
    "minor": "minor differences",
    "major": "major differences",
    "unaligned": "no counterpart",
}
#: Across languages "identical" would mislead (a French pair is not identical to its
#: English original): the band means that no check found anything.
CROSS_LANGUAGE_PHRASES: Mapping[str, str] = {"identical": "no difference found"}


def band_label(band: str, *, text_similarity: bool = True) -> str:
    """How a band is named on its own (a compact row's badge): the band, except that
    across languages (``text_similarity`` False) "identical" is "no difference found"."""
    return band if text_similarity else CROSS_LANGUAGE_PHRASES.get(band, band)


def check_phrase(check: str) -> str:
    """How a check that fired is said: the known phrase, else the check's own name."""
    if check in CHECK_PHRASES:
        return CHECK_PHRASES[check]
    name = " ".join(check.replace("_", " ").replace("-", " ").split())
    return f"{name or 'unnamed'} check"


def percent_text(similarity: float) -> str:
    """A similarity as ``"99.7 %"``: whole numbers, except that only an exact match is 100."""
    shown = f"{similarity:.0f}"
    if shown == "100" and similarity < 100:
        shown = f"{min(similarity, 99.9):.1f}"
    return f"{shown} %"


def compares_text(settings: Iterable[tuple[str, str]]) -> bool:
    """True if a review's similarity is a text similarity (not the cross-language score):
    the mode its divergences were found in, recorded when it is not the alignment's (a
    pivot that only guided), else the alignment's."""
    found_in = dict(settings)
    return found_in.get(ANALYSIS_MODE, found_in.get("mode_used")) != Mode.CROSSLINGUAL


@dataclass(frozen=True)
class Verdict:
    """Why a pair is flagged, its band, and its text similarity (None when not shown)."""

    reasons: tuple[str, ...]
    band: str
    similarity: float | None = None

    @property
    def why(self) -> str:
        """The reasons, comma-separated (e.g. ``"number changed, name changed"``)."""
        return ", ".join(self.reasons)

    @property
    def alike(self) -> str:
        """``"text 99.7 % alike"``, or "" when no text similarity is shown."""
        return "" if self.similarity is None else f"text {percent_text(self.similarity)} alike"

    @property
    def label(self) -> str:
        """The badge: ``"number changed · major · text 99.7 % alike"``.

        The band is left out when the reason is the band's own phrase ("identical",
        "minor differences"), the similarity where it says nothing.
        """
        parts = [self.why]
        if self.band not in ("", "identical") and self.why != BAND_PHRASES.get(self.band):
            parts.append(self.band)
        if self.alike:
            parts.append(self.alike)
        return " · ".join(p for p in parts if p)


class _Judged(Protocol):
    """What a verdict reads off a stored pair (a review's row or its record)."""

    band: str
    similarity: float
    checks: Sequence[str]


def _span_reasons(spans: Sequence[Span]) -> list[str]:
    kinds = dict.fromkeys(s.kind for s in spans if s.kind in SPAN_PHRASES)
    return [SPAN_PHRASES[k] for k in kinds]


def verdict(
    band: str,
    similarity: float | None,
    checks: Sequence[str],
    *,
    spans: Sequence[Span] | None = None,
    text_similarity: bool = True,
) -> Verdict:
    """The verdict of one pair from what the analysis found.

    ``checks`` are the names of the checks that fired (in order, repeats ignored);
    ``spans`` the word diff when at hand (None when only the record is).
    ``text_similarity`` is False where the similarity is the cross-language score: it is
    then not shown (nor for one-sided and identical pairs, where it says nothing), and
    an identical pair is said to have "no difference found".
    """
    reasons = [check_phrase(c) for c in dict.fromkeys(checks) if c != "unaligned"]
    if band == "unaligned":
        reasons.insert(0, BAND_PHRASES["unaligned"])
    elif not reasons and band in ("major", "minor") and spans is not None:
        reasons = _span_reasons(spans)
    if not reasons:
        named = band_label(band, text_similarity=text_similarity)
        reasons = [BAND_PHRASES.get(named, named or "not analysed")]
    shown = similarity if text_similarity and band not in ("unaligned", "identical") else None
    return Verdict(tuple(dict.fromkeys(reasons)), band, shown)


def record_verdict(
    record: _Judged, divergence: PairDivergence | None = None, *, text_similarity: bool = True
) -> Verdict:
    """The verdict of a stored pair (anything with ``band``, ``similarity`` and ``checks``),
    naming the diff's spans when its ``divergence`` is at hand."""
    return verdict(
        record.band,
        record.similarity,
        record.checks,
        spans=divergence.spans if divergence is not None else None,
        text_similarity=text_similarity,
    )
