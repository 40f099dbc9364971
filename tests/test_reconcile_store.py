"""The back-translation review in the alignment file: format versions 1 to 3, and JSON."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from store_helpers import make_review

from workbench.errors import AlignmentFileError
from workbench.export import from_json, to_json
from workbench.model import DECISIONS, DISCREPANCY_TYPES, Annotation, DiscrepancyEntry
from workbench.review import FORMAT_VERSION, ReviewKind, review_to_alignment
from workbench.store import COLUMNS, from_csv, load_review, save_annotation, save_review, to_csv
from workbench.store.csv_write import COLUMN_SINCE, META_KEY_SINCE

DEMO = Path(__file__).resolve().parent.parent / "texts" / "demo"
NEW_COLUMNS = ("forward_ids", "forward_text", "forward_unit_lengths")
NEW_META_KEYS = ("forward_name", "forward_sha256", "forward_language")


@pytest.fixture(scope="module")
def review(demo_back_translation_review):
    return demo_back_translation_review


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _write(rows: list[list[str]]) -> bytes:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode("utf-8")


def _as_version(data: bytes, version: int) -> bytes:
    """What the code of an older format version wrote: no newer columns or meta keys."""
    rows = _rows(data)
    header = rows[0]
    keep = [i for i, name in enumerate(header) if COLUMN_SINCE[name] <= version]
    out = []
    for n, row in enumerate(rows):
        row = [row[i] for i in keep]
        if n:
            cols = [header[i] for i in keep]
            row[cols.index("format_version")] = str(version)
            meta = json.loads(row[cols.index("meta")])
            for key, since in META_KEY_SINCE.items():
                if since > version:
                    meta.pop(key)
            row[cols.index("meta")] = json.dumps(meta, ensure_ascii=False, separators=(",", ":"))
        out.append(row)
    return _write(out)


def test_format_versions_2_to_5_add_the_forward_columns_the_kind_the_errors_and_cat():
    assert FORMAT_VERSION == 5
    assert {c: COLUMN_SINCE[c] for c in NEW_COLUMNS} == dict.fromkeys(NEW_COLUMNS, 2)
    assert COLUMN_SINCE["errors"] == 4
    assert COLUMN_SINCE["cat"] == 5
    assert all(COLUMN_SINCE[c] == 1 for c in COLUMNS if c not in (*NEW_COLUMNS, "errors", "cat"))
    assert META_KEY_SINCE == {**dict.fromkeys(NEW_META_KEYS, 2), "kind": 3}


def test_three_text_review_round_trips_through_csv_and_the_store(review, tmp_path):
    data = to_csv(review)
    rows = _rows(data)
    header = rows[0]
    p2 = next(r for r in rows[1:] if r[0] == "P2+P3=P2")
    assert p2[header.index("forward_ids")] == "P2;P3"
    lengths = [len(review.by_id("P2+P3=P2").forward.text.split("\n\n")[k]) for k in (0, 1)]
    assert p2[header.index("forward_unit_lengths")] == f"{lengths[0]};{lengths[1]}"
    p5 = next(r for r in rows[1:] if r[0] == "P5=P4+P5")
    assert p5[header.index("forward_ids")] == "P5"
    assert p5[header.index("forward_unit_lengths")] == ""
    assert "3 500" in p5[header.index("forward_text")]
    assert p5[header.index("format_version")] == "5"
    meta = json.loads(p5[header.index("meta")])
    assert meta["forward_name"] == "translation.fr.txt" and meta["forward_language"] == "fr"
    assert meta["kind"] == "back-translation"
    assert from_csv(data) == review

    path = save_review(review, root=tmp_path)
    annotation = Annotation(
        status="major issue",
        log=DiscrepancyEntry(
            discrepancy="meaning shift",
            decision="forward translation revised",
            revised_text="… 3 500 visiteurs …",
            rationale="Back-translation shows 5,300; the forward text is right, re-checked.",
        ),
        reviewer="Ann",
    )
    updated = save_annotation(path, "P5=P4+P5", annotation)
    loaded = load_review(path)
    assert loaded == updated
    got = loaded.by_id("P5=P4+P5")
    assert got.annotation.log.decision == "forward translation revised"
    assert got.annotation.log.revised_text == "… 3 500 visiteurs …"
    assert got.forward == review.by_id("P5=P4+P5").forward and got.forward.ids == ("P5",)
    assert loaded.meta.forward == review.meta.forward
    # The alignment the review came from is rebuilt as before (forward fields aside).
    assert review_to_alignment(loaded).notation() == review_to_alignment(review).notation()


@pytest.mark.parametrize("field", ["discrepancy", "decision"])
def test_discrepancy_fields_must_be_known_values(review, field, tmp_path):
    allowed = DISCREPANCY_TYPES if field == "discrepancy" else DECISIONS
    for value in allowed:
        ann = Annotation(log=DiscrepancyEntry(**{field: value}))
        assert (
            from_csv(to_csv(review.with_annotation("P1=P1", ann))).by_id("P1=P1").annotation == ann
        )
    path = save_review(review, root=tmp_path)
    with pytest.raises(AlignmentFileError, match=f"{field}: 'maybe' is not"):
        save_annotation(path, "P1=P1", Annotation(log=DiscrepancyEntry(**{field: "maybe"})))
    rows = _rows(to_csv(review))
    rows[1][rows[0].index(field)] = "maybe"
    with pytest.raises(AlignmentFileError, match=rf"line 2, column '{field}': 'maybe' is not"):
        from_csv(_write(rows))


def test_a_version_1_file_still_loads(review):
    plain = make_review()
    old = _as_version(to_csv(plain), 1)
    assert b"forward" not in old and b'""kind""' not in old  # no kind in the meta cell
    loaded = from_csv(old)
    assert loaded.meta.format_version == 1
    assert loaded.pairs == plain.pairs
    assert replace(loaded.meta, format_version=FORMAT_VERSION) == plain.meta
    # A reconciliation written as version 1 loses only its forward fields (and so its kind).
    loaded = from_csv(_as_version(to_csv(review), 1))
    assert [p.pair_id for p in loaded.pairs] == [p.pair_id for p in review.pairs]
    assert all(p.forward is None for p in loaded.pairs)
    assert loaded.meta.forward is None and loaded.meta.kind == ReviewKind.TRANSLATION
    # Saving it again writes the current version.
    assert _rows(to_csv(loaded))[1][COLUMNS.index("format_version")] == str(FORMAT_VERSION)


def test_a_version_2_file_is_a_back_translation_review_when_it_has_a_forward(review):
    loaded = from_csv(_as_version(to_csv(review), 2))
    assert loaded.meta.format_version == 2
    assert loaded.meta.kind == ReviewKind.BACK_TRANSLATION
    assert replace(loaded, meta=replace(loaded.meta, format_version=FORMAT_VERSION)) == review
    plain = from_csv(_as_version(to_csv(make_review()), 2))
    assert plain.meta.kind == ReviewKind.TRANSLATION


def test_an_unknown_review_kind_is_refused(review):
    rows = _rows(to_csv(review))
    meta_col = rows[0].index("meta")
    for row in rows[1:]:
        row[meta_col] = row[meta_col].replace('"kind":"back-translation"', '"kind":"audit"')
    with pytest.raises(AlignmentFileError, match="kind 'audit' is not one of"):
        from_csv(_write(rows))


def test_a_version_2_file_without_the_forward_columns_is_refused(review):
    rows = _rows(to_csv(review))
    keep = [i for i, name in enumerate(rows[0]) if name not in NEW_COLUMNS]
    with pytest.raises(AlignmentFileError, match="required columns are missing: forward_ids"):
        from_csv(_write([[r[i] for i in keep] for r in rows]))


def test_forward_text_without_ids_is_refused(review):
    rows = _rows(to_csv(review))
    rows[1][rows[0].index("forward_ids")] = ""
    with pytest.raises(AlignmentFileError, match="column 'forward_text'.*'forward_ids' is empty"):
        from_csv(_write(rows))


def test_json_keeps_the_forward_translation_and_reads_version_1(review):
    data = to_json(review)
    doc = json.loads(data)
    assert doc["format_version"] == 5
    assert doc["meta"]["forward_name"] == "translation.fr.txt"
    assert doc["meta"]["kind"] == "back-translation"
    assert doc["pairs"][1]["forward_ids"] == ["P2", "P3"]
    assert from_json(data) == review
    doc["format_version"] = 1
    for key in (*NEW_META_KEYS, "kind"):
        del doc["meta"][key]
    for pair in doc["pairs"]:
        del pair["forward_ids"], pair["forward_text"]
    old = from_json(json.dumps(doc).encode())
    assert all(p.forward is None for p in old.pairs) and old.meta.forward is None
