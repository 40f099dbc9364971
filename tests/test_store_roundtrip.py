"""Round trips: alignment -> review -> CSV/JSON -> review, identical; pandas reads the same."""

from __future__ import annotations

import csv
import io

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_helpers import make_review

from workbench.export import from_json, to_csv_excel, to_json
from workbench.model import (
    DECISIONS,
    DISCREPANCY_TYPES,
    MQM_CATEGORIES,
    SEVERITIES,
    STATUSES,
    Alignment,
    AlignSettings,
    Annotation,
    Bead,
    DiscrepancyEntry,
)
from workbench.review import build_review, review_to_alignment
from workbench.store import load_review, save_review, to_csv

# Text that survives normalisation: any code point except surrogates and C0/C1 controls
# other than tab, LF and CR; plus the tricky pieces a CSV must carry unharmed.
_chars = st.characters(
    blacklist_categories=("Cs",),
    blacklist_characters=[chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
    + [chr(c) for c in range(0x7F, 0xA0)],
)
_pieces = st.sampled_from(
    [
        ",",
        '"',
        '""',
        "\n",
        "\r\n",
        "\r",
        "\t",
        ";",
        "=cmd|' /C calc'!A0",
        "+1",
        "-2",
        "@x",
        "😀",
        "👩\u200d👩\u200d👧",
        "\u200f",
        "\u202e",
        "שלום",
        "مرحبا",
        "中文",
        "  ",
        "P1=P2",
    ]
)
text = st.lists(st.one_of(st.text(_chars, max_size=12), _pieces), max_size=6).map("".join)
timestamps = st.sampled_from(["", "2026-11-26T06:30:00Z", "2026-11-26T06:30:00.123Z"])
annotations = st.builds(
    Annotation,
    status=st.sampled_from(STATUSES),
    category=st.sampled_from(MQM_CATEGORIES),
    severity=st.sampled_from(SEVERITIES),
    comment=text,
    reviewer=text,
    updated_at=timestamps,
    log=st.none()
    | st.builds(
        DiscrepancyEntry,
        discrepancy=st.sampled_from(DISCREPANCY_TYPES),
        decision=st.sampled_from(DECISIONS),
        revised_text=text,
        rationale=text,
    ),
)


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    """Random beads of every kind over random unit texts, at paragraph or sentence level.

    At sentence level each unit is one sentence (``P3.S1``), joined by spaces in a bead.
    """
    from workbench.text import document_from_units

    shapes = draw(
        st.lists(
            st.tuples(st.integers(0, 2), st.integers(0, 2)).filter(lambda s: s != (0, 0)),
            min_size=1,
            max_size=6,
        )
    )
    n_o = sum(a for a, _ in shapes)
    n_t = sum(b for _, b in shapes)
    # Each side needs some text (an empty document is refused); a leading letter does it.
    o_units = ["x" + u for u in draw(st.lists(text, min_size=n_o, max_size=n_o))] or ["o"]
    t_units = ["y" + u for u in draw(st.lists(text, min_size=n_t, max_size=n_t))] or ["t"]
    o = document_from_units(o_units, name=draw(text) or "o", language="en")
    t = document_from_units(t_units, name=draw(text) or "t", language="fr")
    beads, i, j = [], 0, 0
    for a, b in shapes:
        orig, trans = tuple(range(i, i + a)), tuple(range(j, j + b))
        moved = a == 1 and b == 1 and draw(st.booleans())
        beads.append(
            Bead(
                orig,
                trans,
                draw(st.floats(0, 1)),
                draw(st.floats(0, 1)),
                kind="moved" if moved else "",
            )
        )
        i, j = i + a, j + b
    if not n_o:  # the placeholder unit must belong to a bead
        beads.append(Bead((0,), ()))
    if not n_t:
        beads.append(Bead((), (0,)))
    extra = tuple(
        sorted(draw(st.dictionaries(st.text(min_size=1, max_size=5), text, max_size=2)).items())
    )
    extra = tuple(
        (k, v)
        for k, v in extra
        if k not in ("level", "mode", "mode_used", "pivot_name", "pivot_sha256")
    )
    level = draw(st.sampled_from(["paragraph", "sentence"]))
    settings_ = AlignSettings(level=level, mode_used="monolingual", extra=extra)
    return Alignment(o, t, tuple(beads), settings_)


@st.composite
def reviews(draw: st.DrawFn):
    al = draw(alignments())
    ids = [al.pair_id(b) for b in al.beads]
    anns = draw(st.dictionaries(st.sampled_from(ids), annotations, max_size=len(ids)))
    return al, build_review(al, [], project=draw(text), annotations=anns)


_settings = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(reviews())
def test_csv_round_trip_is_identical(case):
    al, review = case
    from workbench.store import from_csv

    assert from_csv(to_csv(review)) == review
    back = review_to_alignment(review)
    assert back.beads == al.beads
    assert back.settings == al.settings
    assert [back.pair_texts(b) for b in back.beads] == [al.pair_texts(b) for b in al.beads]
    assert [s.text for s in back.original.segments] == [s.text for s in al.original.segments]
    assert [s.text for s in back.translation.segments] == [s.text for s in al.translation.segments]


@_settings
@given(reviews())
def test_json_round_trip_is_identical(case):
    _al, review = case
    assert from_json(to_json(review)) == review


@_settings
@given(reviews())
def test_pandas_and_csv_module_read_the_same_cells(case):
    _al, review = case
    data = to_csv(review)
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    frame = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    assert list(frame.columns) == rows[0]
    assert frame.values.tolist() == rows[1:]
    assert frame["original_text"].tolist() == [p.original_text for p in review.pairs]
    assert frame["comment"].tolist() == [p.annotation.comment for p in review.pairs]


def test_saved_file_loads_back_identical(tmp_path):
    review = make_review()
    path = save_review(review, root=tmp_path)
    assert path == (tmp_path / "demo.csv").resolve()
    assert load_review(path) == review
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert raw.split(b"\r\n", 1)[0].decode().startswith("pair_id,order,kind,")


def test_csv_for_excel_has_bom_and_neutralised_cells_while_canonical_does_not():
    review = make_review()
    canonical = to_csv(review)
    excel = to_csv_excel(review)
    assert excel.startswith(b"\xef\xbb\xbf") and not canonical.startswith(b"\xef\xbb\xbf")
    assert "=cmd|' /C calc'!A0" in canonical.decode()
    rows = list(csv.DictReader(io.StringIO(excel.decode("utf-8-sig"), newline="")))
    assert rows[2]["original_text"] == "'=cmd|' /C calc'!A0"
    assert rows[2]["translation_text"] == "'=1+2"
    assert all(not r["original_text"].startswith(("=", "+", "-", "@")) for r in rows)


def test_a_paragraph_longer_than_the_csv_modules_default_field_limit_round_trips(tmp_path):
    from store_helpers import one_to_one

    long = "word, " * 40_000 + "end."  # 240,004 characters
    review = build_review(one_to_one([long, "b"], ["c", long]), [], project="long")
    path = save_review(review, root=tmp_path)
    assert load_review(path) == review
