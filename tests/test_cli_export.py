"""``workbench export`` (every format) and ``workbench report`` on a saved review."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from store_helpers import make_review

from workbench.cli import main
from workbench.export import EXPORTS, export, from_json
from workbench.model import Annotation
from workbench.store import load_review, save_annotation, save_review


@pytest.fixture()
def saved(tmp_path):
    path = save_review(make_review(), root=tmp_path)
    save_annotation(path, "P1=P1", Annotation(status="ok"))
    save_annotation(
        path, "P2=P2+P3", Annotation(status="major issue", category="Accuracy/Omission")
    )
    return path


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_export_writes_each_format_next_to_the_input(saved, fmt, capsys):
    assert main(["export", str(saved), "--format", fmt]) == 0
    spec = EXPORTS[fmt]
    out = saved.with_name("demo" + spec.extension)
    if fmt == "csv":  # never overwrite the input: the copy gets ".export"
        out = saved.with_name("demo.export.csv")
    assert capsys.readouterr().out.strip() == str(out)
    data = out.read_bytes()
    # the HTML report and the reconciliation reports (their major pairs) use the analysis
    analysed = fmt == "html" or "major_pairs" in spec.options
    divergences = _divs(saved) if analysed else None
    assert data == export(load_review(saved), fmt, divergences=divergences)


def _divs(path):
    from workbench.diff import analyse
    from workbench.review import review_to_alignment

    return analyse(review_to_alignment(load_review(path)))


def test_export_to_stdout_and_to_a_named_file(saved, tmp_path, capsysbinary):
    assert main(["export", str(saved), "--format", "json", "-o", "-"]) == 0
    assert from_json(capsysbinary.readouterr().out) == load_review(saved)
    target = tmp_path / "out"
    target.mkdir()
    assert main(["export", str(saved), "-f", "tmx", "-o", str(target / "x.tmx")]) == 0
    assert (target / "x.tmx").read_bytes().startswith(b"<?xml")


def test_binary_format_to_stdout_and_a_broken_input_are_reported(saved, tmp_path, capsys):
    assert main(["export", str(saved), "--format", "xlsx", "-o", "-"]) == 2
    assert "xlsx format is binary" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("name,age\n")
    assert main(["export", str(bad), "--format", "csv"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("workbench: Alignment file problem: bad.csv is not an alignment CSV")


def test_report_prints_counts_score_and_divergent_pairs(saved, capsys):
    assert main(["report", str(saved)]) == 0
    out = capsys.readouterr().out
    assert "Pairs: 6   reviewed: 2" in out
    # Penalty 5 (one major issue) over the 3 + 3 words of the two reviewed translations:
    # "Bonjour, le monde." and "Une ligne / « citée »."; 100 × (1 − 5/6) = 16.67.
    assert "MQM score: 16.67   (penalty 5 over 6 translation words" in out
    assert "Accuracy/Omission  1" in out
    assert "Most divergent pairs:" in out
    # one line each (not one line with escaped breaks), each pair with its verdict
    lines = out.splitlines()
    assert "\\n" not in out and "Most divergent pairs:" in lines
    from workbench.review import summarise
    from workbench.review.verdict import verdict

    for pair in summarise(load_review(saved)).most_divergent:
        said = verdict(pair.band, pair.similarity, pair.checks).label
        assert any(line.startswith(f"  #{pair.order + 1}") and said in line for line in lines)


def test_report_json(saved, capsys):
    assert main(["report", str(saved), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["project"] == "demo"
    assert doc["pairs"] == 6 and doc["reviewed"] == 2
    assert doc["by_status"]["major issue"] == 1
    assert doc["penalty"] == 5 and doc["words"] == 6 and doc["mqm_score"] == 16.67
    assert len(doc["most_divergent"]) == 5


def test_cli_runs_as_a_module(saved):
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "report", str(saved), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["pairs"] == 6
