"""The CSV store's history sidecar and ``workbench history``."""

from __future__ import annotations

from store_helpers import make_review

from workbench.cli import main
from workbench.model import Annotation
from workbench.store import history_path, list_projects, sanitise_project_name
from workbench.store.csv_store import CsvStore, append_history, read_history
from workbench.store.history import HISTORY_COLUMNS, HistoryEntry


def _annotated(tmp_path):
    store = CsvStore(root=tmp_path)
    path = store.create_review(make_review(), who="setup")
    pid = store.open_review("demo").pairs[0].pair_id
    store.save_annotations(
        "demo", {pid: Annotation(status="ok", comment="a,\r\nb", reviewer="ana")}
    )
    return store, path, pid


def test_the_sidecar_is_csv_beside_the_file_and_only_ever_appended(tmp_path):
    store, path, pid = _annotated(tmp_path)
    sidecar = history_path(tmp_path / "demo.csv")
    assert sidecar.name == "demo.history.csv"
    before = sidecar.read_bytes()
    assert before.startswith((",".join(HISTORY_COLUMNS) + "\r\n").encode())
    store.save_annotations("demo", {pid: Annotation(status="critical", reviewer="bob")})
    after = sidecar.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert [e.field for e in read_history(tmp_path / "demo.csv")][-2:] == ["status", "comment"]


def test_the_sidecar_is_not_listed_as_a_project_and_no_project_can_be_named_like_it(tmp_path):
    _annotated(tmp_path)
    assert [p.name for p in list_projects(root=tmp_path)] == ["demo"]
    assert sanitise_project_name("demo.history") == "demo_history"
    assert sanitise_project_name("demo.history.csv") == "demo_history"


def test_a_torn_last_record_is_skipped_by_readers_and_cut_by_the_next_writer(tmp_path):
    store, path, pid = _annotated(tmp_path)
    sidecar = history_path(tmp_path / "demo.csv")
    good = read_history(tmp_path / "demo.csv")
    with sidecar.open("ab") as handle:
        handle.write(b'2026-11-27T00:00:00.000Z,eve,P1=P1,comment,"half a')
    assert read_history(tmp_path / "demo.csv") == good
    entry = HistoryEntry("2026-11-27T00:00:01.000Z", "zoe", pid, "comment", "x", "y")
    append_history(tmp_path / "demo.csv", [entry])
    assert read_history(tmp_path / "demo.csv") == [*good, entry]


def test_history_command_prints_a_pairs_changes_as_text_and_csv(tmp_path, capsys):
    store, path, pid = _annotated(tmp_path)
    assert main(["history", path, "--pair", pid]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert "ana" in out[0] and "status: unreviewed → ok" in out[0]
    assert "comment: ∅ → a,\\r\\nb" in out[1]
    assert main(["history", path, "--format", "csv"]) == 0
    data = capsys.readouterr().out
    assert data.splitlines()[0] == ",".join(HISTORY_COLUMNS)
    assert ",review,,6 pairs" in data


def test_history_command_writes_its_csv_to_a_file(tmp_path, capsys):
    store, path, pid = _annotated(tmp_path)
    out = tmp_path / "trail.csv"
    assert main(["history", path, "--format", "csv", "-o", str(out)]) == 0
    assert out.read_bytes() == history_path(tmp_path / "demo.csv").read_bytes()


def test_history_of_a_file_without_history_says_so(tmp_path, capsys):
    from workbench.store import save_review

    path = save_review(make_review(), root=tmp_path)  # the plain function keeps no history
    assert main(["history", str(path)]) == 0
    assert capsys.readouterr().out == "No changes recorded.\n"


def test_an_export_can_include_the_history(tmp_path, capsys):
    store, path, pid = _annotated(tmp_path)
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    assert main(["export", path, "-f", "json", "-o", str(out), "--with-history"]) == 0
    trail = out.with_name("report.history.csv")
    assert trail.read_bytes() == history_path(tmp_path / "demo.csv").read_bytes()
    assert main(["export", path, "-f", "json", "-o", "-", "--with-history"]) == 2


def test_the_app_offers_the_history_as_the_sidecar_csv(tmp_path):
    from workbench import session as sessions
    from workbench.ui.components.export import history_bytes

    store, path, pid = _annotated(tmp_path)
    opened = sessions.open_review(tmp_path / "demo.csv")
    assert history_bytes(opened) == history_path(tmp_path / "demo.csv").read_bytes()


def test_a_replaced_review_takes_its_history_aside_with_it(tmp_path):
    from workbench.store import keep_as_backup

    store, path, pid = _annotated(tmp_path)
    trail = history_path(tmp_path / "demo.csv").read_bytes()
    aside = keep_as_backup(tmp_path / "demo.csv")
    assert not history_path(tmp_path / "demo.csv").exists()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("demo.history.csv.replaced-")]
    assert [p.read_bytes() for p in kept] == [trail] and aside.exists()
    assert [p.name for p in list_projects(root=tmp_path)] == []
