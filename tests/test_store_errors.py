"""Loading refuses broken files with messages that say what and where; it never writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import csv_rows, make_review, write_rows

from workbench.errors import AlignmentFileError
from workbench.review import FORMAT_VERSION
from workbench.store import COLUMNS, load_review, to_csv


def _load_unchanged(path: Path) -> str:
    """Load ``path`` expecting an error; check the file is untouched; the message."""
    before = path.read_bytes()
    with pytest.raises(AlignmentFileError) as info:
        load_review(path)
    assert path.read_bytes() == before
    return str(info.value)


def test_bad_status_names_line_and_column(tmp_path):
    rows = csv_rows()
    col = rows[0].index("status")
    rows[3][col] = "maybe"
    message = _load_unchanged(write_rows(tmp_path / "a.csv", rows))
    # The third pair starts on line 7: the second one's texts hold three line breaks.
    assert message.startswith("line 7, column 'status': 'maybe' is not a status (expected one of")
    assert "'unreviewed', 'ok', 'minor issue', 'major issue', 'critical'" in message


def test_missing_column_is_named(tmp_path):
    rows = csv_rows()
    col = rows[0].index("severity")
    rows = [r[:col] + r[col + 1 :] for r in rows]
    message = _load_unchanged(write_rows(tmp_path / "a.csv", rows))
    assert "required columns are missing: severity" in message


def test_newer_format_version_is_refused(tmp_path):
    rows = csv_rows()
    col = rows[0].index("format_version")
    for row in rows[1:]:
        row[col] = "7"
    message = _load_unchanged(write_rows(tmp_path / "a.csv", rows))
    expected = f"(up to version {FORMAT_VERSION})"
    assert f"format version 7, newer than this workbench can read {expected}" in message


def test_truncated_file_inside_a_quoted_field(tmp_path):
    data = to_csv(make_review())
    path = tmp_path / "cut.csv"
    path.write_bytes(data[: data.index(b"with a newline")])
    message = _load_unchanged(path)
    assert message.startswith("line 3: cut.csv is not valid CSV (unexpected end of data)")
    assert "truncated" in message


def test_truncated_file_inside_a_row(tmp_path):
    data = to_csv(make_review())
    path = tmp_path / "cut.csv"
    # Cut just after the pair id of the fourth pair: a row with one field.
    cut = data.index(b"\r\nP4=P4,") + len(b"\r\nP4=P4")
    path.write_bytes(data[:cut])
    message = _load_unchanged(path)
    assert message.startswith(f"line 8: expected {len(COLUMNS)} fields, found 1")


def test_truncated_at_a_row_boundary_is_noticed_by_the_unit_count(tmp_path):
    data = to_csv(make_review())
    path = tmp_path / "cut.csv"
    path.write_bytes(data[: data.index(b"\r\nP5=-,") + 2])
    message = _load_unchanged(path)
    assert "holds 4 units of the original but was written with 5: rows are missing" in message


def test_binary_file_is_not_a_csv(tmp_path):
    path = tmp_path / "image.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    message = _load_unchanged(path)
    assert "image.csv is not an alignment CSV: it is not UTF-8 text (byte 0x89 at offset 0" in (
        message
    )


def test_other_csv_is_not_an_alignment_csv(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("name,age\nAda,36\n", encoding="utf-8")
    message = _load_unchanged(path)
    assert "other.csv is not an alignment CSV: its first row ('name', 'age')" in message


@pytest.mark.parametrize("content", [b"", b"\n\n  \n"])
def test_empty_file(tmp_path, content):
    path = tmp_path / "empty.csv"
    path.write_bytes(content)
    message = _load_unchanged(path)
    assert message.startswith("empty.csv is empty: an alignment CSV starts with a header row")


def test_header_without_pairs(tmp_path):
    path = write_rows(tmp_path / "h.csv", csv_rows()[:1])
    assert _load_unchanged(path) == "h.csv has a header row but no pairs."


def test_pair_id_must_match_unit_ids(tmp_path):
    rows = csv_rows()
    rows[1][rows[0].index("pair_id")] = "P1=P2"
    message = _load_unchanged(write_rows(tmp_path / "a.csv", rows))
    assert message == (
        "line 2, column 'pair_id': 'P1=P2' does not match the unit ids (expected 'P1=P1')."
    )


def test_rows_of_two_alignments_cannot_be_mixed(tmp_path):
    rows = csv_rows()
    other = csv_rows(make_review(project="other"))
    rows[2] = other[2]
    message = _load_unchanged(write_rows(tmp_path / "a.csv", rows))
    assert "column 'meta': differs from line 2; rows of different alignments were mixed" in message


def test_sorted_rows_still_load_in_document_order(tmp_path):
    rows = csv_rows()
    path = write_rows(tmp_path / "sorted.csv", [rows[0], *reversed(rows[1:])])
    assert load_review(path) == make_review()


def test_unknown_extra_columns_are_ignored(tmp_path):
    rows = csv_rows()
    rows = [r + ["x"] for r in rows]
    rows[0][-1] = "my_notes"
    assert load_review(write_rows(tmp_path / "extra.csv", rows)) == make_review()


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(AlignmentFileError, match="There is no alignment file"):
        load_review(tmp_path / "nope.csv")
    with pytest.raises(AlignmentFileError, match="is a folder"):
        load_review(tmp_path)


def test_a_bom_added_by_a_spreadsheet_is_accepted(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + to_csv(make_review()))
    assert load_review(path) == make_review()


def test_utf16_file_is_recognised_as_not_ours(tmp_path):
    path = tmp_path / "u16.csv"
    header = to_csv(make_review()).decode("utf-8").split("\r\n", 1)[0]
    path.write_bytes((header + "\r\nP1=P1,0\r\n").encode("utf-16-le"))  # ASCII: valid UTF-8
    assert "it contains NUL bytes (a binary file?)" in _load_unchanged(path)


def test_control_characters_in_a_comment_survive(tmp_path):
    from workbench.model import Annotation
    from workbench.store import save_annotation, save_review

    path = save_review(make_review(), root=tmp_path)
    ann = Annotation(status="ok", comment="nul\x00 bell\x07 esc\x1b")
    save_annotation(path, "P1=P1", ann)
    from workbench import store

    store.files._CACHE.clear()
    assert load_review(path).by_id("P1=P1").annotation.comment == ann.comment
