"""``workbench segment``: text listing, sentences, JSON, and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.cli import main

ESSAY = Path(__file__).resolve().parent.parent / "texts" / "reflections-en-backtranslation.txt"


def test_essay_json(capsys):
    assert main(["segment", str(ESSAY), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"name", "sha256", "encoding", "language", "script", "format", "segments"}
    assert (data["name"], data["encoding"], data["language"], data["format"]) == (
        "reflections-en-backtranslation.txt",
        "utf-8",
        "en",
        "txt",
    )
    segments = data["segments"]
    assert len(segments) == 37
    assert [s["id"] for s in segments] == [f"P{i}" for i in range(1, 38)]
    assert segments[0]["text"].startswith("Original author")
    assert segments[0]["kind"] == "front" and segments[1]["kind"] == "front"
    assert segments[-1]["text"].endswith("than him.")
    text = ESSAY.read_text(encoding="utf-8")
    for seg in segments:
        assert set(seg) == {"id", "kind", "start", "end", "text", "sentences"}
        assert seg["sentences"], seg["id"]
        assert text[seg["start"] : seg["end"]] == seg["text"]  # the essay needs no changes
        for k, sent in enumerate(seg["sentences"], 1):
            assert sent["id"] == f"{seg['id']}.S{k}"
            assert text[sent["start"] : sent["end"]] == sent["text"]


def test_listing_with_sentences(capsys):
    assert main(["segment", str(ESSAY), "--sentences"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("reflections-en-backtranslation.txt: txt, utf-8, language en")
    assert "37 paragraphs" in lines[0]
    assert lines[1].split() == ["P1", "front", "Original", "author:", "Sam", "Altman"]
    assert lines[2].strip() == "P1.S1  Original author: Sam Altman"
    p3 = lines.index(next(x for x in lines if x.startswith("P3 ")))
    assert lines[p3 + 1].startswith("    P3.S1  ChatGPT's second birthday")
    assert lines[p3 + 2].startswith("    P3.S2  The new year always prompts reflection")


def test_listing_without_sentences_shows_first_words(capsys):
    assert main(["segment", str(ESSAY)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 38
    assert lines[3].split()[:3] == ["P3", "body", "ChatGPT's"]
    assert lines[3].endswith("…")


def test_unsupported_file_reports_error(tmp_path, capsys):
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%binary")
    assert main(["segment", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert "Unsupported file format" in err
    assert "a PDF file" in err


def test_missing_file_reports_error(tmp_path, capsys):
    assert main(["segment", str(tmp_path / "nope.txt")]) == 2
    assert "No file at" in capsys.readouterr().err


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_console_entry_point_runs(flag):
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "segment", str(ESSAY), *flag],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Original author" in result.stdout
