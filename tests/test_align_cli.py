"""The ``workbench align`` command and the gold-format evaluation (vs the shared score.py)."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import os
import random
from pathlib import Path

import pytest

from workbench.align.evaluate import (
    format_alignment,
    parse_alignment,
    read_alignment,
    score,
)
from workbench.cli import main
from workbench.errors import AlignmentFileError

BENCH_DIR = Path(
    os.environ.get("WORKBENCH_BENCH_DIR")
    or Path(__file__).resolve().parent.parent.parent / "shared" / "bench"
)
SCORE_PY = BENCH_DIR / "score.py"

ORIGINAL_DOCS = [
    [
        "The river rises in the hills above the old mill.",
        "It runs for 42 kilometres before it reaches the sea.",
        "Fishermen say the water was clearer in 1950.",
        "Today a footpath follows the whole length of the valley.",
    ],
    [
        "Anna opened the shop at seven, as every morning.",
        "The first customer wanted bread and two newspapers.",
        "By noon the shelves were nearly empty.",
    ],
]
TRANSLATION_DOCS = [
    [
        "The river rises in the hills above the old mill and runs for 42 kilometres "
        "before it reaches the sea.",
        "Fishermen say the water was clearer in 1950.",
        "Today a footpath follows the whole length of the valley.",
    ],
    [
        "Anna opened the shop at seven, as every morning.",
        "The first customer wanted bread and two newspapers.",
        "A notice on the door announced a concert for Friday evening at the town hall.",
        "By noon the shelves were nearly empty.",
    ],
]
EXPECTED = "[0,1]:[0]\n[2]:[1]\n[3]:[2]\n.EOA\n[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[3]\n"


def _write_docs(path: Path, docs: list[list[str]]) -> Path:
    path.write_text("\n.EOA\n".join("\n".join(d) for d in docs) + "\n", encoding="utf-8")
    return path


def _load_score_py():
    spec = importlib.util.spec_from_file_location("bench_score", SCORE_PY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cli_presegmented_beads_output(tmp_path, capsys):
    orig = _write_docs(tmp_path / "orig.txt", ORIGINAL_DOCS)
    trans = _write_docs(tmp_path / "trans.txt", TRANSLATION_DOCS)
    status = main(
        [
            "align",
            str(orig),
            str(trans),
            "--presegmented",
            "--level",
            "sentence",
            "--format",
            "beads",
        ]
    )
    assert status == 0
    assert capsys.readouterr().out == EXPECTED


@pytest.mark.skipif(not SCORE_PY.exists(), reason="shared bench/score.py not available")
def _pivot_run(tmp_path, capsys, pivot_lines: list[str]) -> tuple[int, str, str]:
    orig = _write_docs(tmp_path / "orig.txt", ORIGINAL_DOCS)
    trans = _write_docs(tmp_path / "trans.txt", TRANSLATION_DOCS)
    pivot = tmp_path / "pivot.txt"
    pivot.write_text("\n".join(pivot_lines) + "\n", encoding="utf-8")
    args = ["align", str(orig), str(trans), "--presegmented", "--pivot", str(pivot)]
    status = main([*args, "--format", "json"])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize(
    "separator",
    [".EOA", ".eoa .", None],
    ids=["kept", "translated", "dropped"],
)
def test_a_pivot_is_matched_to_the_original_by_position(tmp_path, capsys, separator):
    # a machine translation (here: the original upper-cased) that kept, translated or
    # dropped the document separator: every case is the same line-by-line pivot
    lines = [u.upper() for u in ORIGINAL_DOCS[0]]
    lines += [separator] if separator else []
    lines += [u.upper() for u in ORIGINAL_DOCS[1]]
    status, out, err = _pivot_run(tmp_path, capsys, lines)
    assert status == 0, err
    payload = json.loads(out)
    assert [d["settings"]["mode_used"] for d in payload["documents"]] == ["pivot", "pivot"]
    assert [d["settings"]["pivot_name"] for d in payload["documents"]] == ["pivot.txt"] * 2
    beads = [(b["document"], b["original"], b["translation"]) for b in payload["beads"]]
    assert beads == [
        (1, [0, 1], [0]),
        (1, [2], [1]),
        (1, [3], [2]),
        (2, [0], [0]),
        (2, [1], [1]),
        (2, [], [2]),
        (2, [2], [3]),
    ]


def test_a_pivot_of_another_length_is_refused_with_both_counts(tmp_path, capsys):
    status, out, err = _pivot_run(tmp_path, capsys, [u.upper() for u in ORIGINAL_DOCS[0]])
    assert status == 2 and out == ""
    assert "The pivot has 4 lines" in err and "the original has 7 lines in 2 document(s)" in err


def test_score_py_parses_cli_output_and_agrees_with_our_scorer(tmp_path):
    orig = _write_docs(tmp_path / "orig.txt", ORIGINAL_DOCS)
    trans = _write_docs(tmp_path / "trans.txt", TRANSLATION_DOCS)
    out = tmp_path / "hyp.txt"
    assert main(["align", str(orig), str(trans), "--presegmented", "-o", str(out)]) == 0
    referee = _load_score_py()
    hyp_docs = referee.read_alignment(str(out))
    assert len(hyp_docs) == 2
    gold_docs = parse_alignment(EXPECTED.replace("[]:[2]\n", ""))
    theirs, _ = referee.score(gold_docs, hyp_docs)
    ours = score(gold_docs, read_alignment(out)).as_dict()
    for key, value in ours.items():
        assert value == pytest.approx(theirs[key], abs=1e-12)
    assert ours["recall_strict"] == pytest.approx(1.0)
    assert ours["precision_strict"] == pytest.approx(6 / 7)  # the 0:1 bead is not in this gold


@pytest.mark.skipif(not SCORE_PY.exists(), reason="shared bench/score.py not available")
def test_our_scorer_agrees_with_score_py_on_random_hypotheses():
    referee = _load_score_py()
    gold = read_alignment(BENCH_DIR / "textberg-dev" / "gold.txt")
    rng = random.Random(5)
    for _ in range(30):
        hyp = []
        for src, tgt in gold[0]:
            r = rng.random()
            if r < 0.1 and src:
                hyp.append((src, ()))
            elif r < 0.2 and len(tgt) > 1:
                hyp.append((src, tgt[:1]))
                hyp.append(((), tgt[1:]))
            elif r < 0.25:
                hyp.append((src, tuple(j + 1 for j in tgt)))
            else:
                hyp.append((src, tgt))
        theirs, _ = referee.score(gold, [hyp])
        ours = score(gold, [hyp]).as_dict()
        for key, value in ours.items():
            assert value == pytest.approx(theirs[key], abs=1e-12)


def test_cli_csv_and_json_formats(tmp_path, capsys):
    orig = _write_docs(tmp_path / "orig.txt", ORIGINAL_DOCS[:1])
    trans = _write_docs(tmp_path / "trans.txt", TRANSLATION_DOCS[:1])
    assert main(["align", str(orig), str(trans), "--presegmented", "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    first = payload["beads"][0]
    assert first["original"] == [0, 1] and first["translation"] == [0]
    assert first["original_ids"] == ["P1", "P2"] and first["kind"] == "n:m"
    assert first["translation_text"].startswith("The river rises")
    assert payload["documents"][0]["settings"]["mode_used"] == "monolingual"
    assert main(["align", str(orig), str(trans), "--presegmented", "--format", "beads-csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["notation"] for r in rows] == ["[0,1]:[0]", "[2]:[1]", "[3]:[2]"]
    assert rows[0]["original_ids"] == "P1 P2"
    assert rows[0]["original_text"].endswith("before it reaches the sea.")


def test_cli_aligns_whole_documents(tmp_path, capsys):
    orig = tmp_path / "a.txt"
    trans = tmp_path / "b.txt"
    orig.write_text("\n\n".join(ORIGINAL_DOCS[0]) + "\n", encoding="utf-8")
    trans.write_text("\n\n".join(TRANSLATION_DOCS[0]) + "\n", encoding="utf-8")
    assert main(["align", str(orig), str(trans)]) == 0
    assert capsys.readouterr().out == "[0,1]:[0]\n[2]:[1]\n[3]:[2]\n"


def test_gold_format_round_trip_and_errors():
    text = "[0, 1]:[2]\n[]:[3]\n# comment\n[2]:[]:0.5\n.EOA\n[0]:[0]\n"
    docs = parse_alignment(text)
    assert docs == [[((0, 1), (2,)), ((), (3,)), ((2,), ())], [((0,), (0,))]]
    assert parse_alignment(format_alignment(docs)) == docs
    with pytest.raises(AlignmentFileError, match="line 1"):
        parse_alignment("0-1 2\n")
    with pytest.raises(AlignmentFileError, match="document"):
        score(docs, docs[:1])


def test_the_old_csv_format_name_still_works_and_points_to_review(tmp_path, capsys):
    orig = _write_docs(tmp_path / "orig.txt", ORIGINAL_DOCS[:1])
    trans = _write_docs(tmp_path / "trans.txt", TRANSLATION_DOCS[:1])
    assert main(["align", str(orig), str(trans), "--presegmented", "--format", "beads-csv"]) == 0
    new = capsys.readouterr()
    assert main(["align", str(orig), str(trans), "--presegmented", "--format", "csv"]) == 0
    old = capsys.readouterr()
    assert old.out == new.out and not new.err
    assert "beads-csv" in old.err and "workbench review" in old.err


def test_aligning_plain_text_does_not_import_the_pdf_or_word_readers(tmp_path):
    # a command line pays for the formats it reads: the PDF and Word readers are
    # imported when such a file comes, not for two text files
    import subprocess
    import sys

    (tmp_path / "o.txt").write_text("One paragraph.\n\nAnother one.", encoding="utf-8")
    (tmp_path / "t.txt").write_text("One paragraph.\n\nAnother.", encoding="utf-8")
    code = (
        "import sys\nfrom workbench.cli import main\n"
        "main(['align', 'o.txt', 't.txt', '-o', 'b.txt'])\n"
        "readers = ('workbench.text.pdf', 'workbench.text.docx')\n"
        "print(sorted(m for m in readers if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8").splitlines() == ["[0]:[0]", "[1]:[1]"]


def test_calibrating_the_aligner_does_not_import_numpy_random(tmp_path):
    # the calibration replays Python's random generator on words drawn from it, not
    # through numpy.random (10 ms of every aligning process to import)
    import subprocess
    import sys

    from repo_paths import ESSAY_PATH

    code = (
        "import sys\nfrom workbench.align.sampling import unrelated_pairs\n"
        "from workbench.cli import main\n"
        "assert unrelated_pairs(37, 36, count=1000, seed=1)\n"
        f"main(['align', {str(ESSAY_PATH)!r}, {str(ESSAY_PATH)!r}, '-o', 'b.txt'])\n"
        "print('numpy.random' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "False"
    assert len((tmp_path / "b.txt").read_text(encoding="utf-8").splitlines()) == 37


def test_the_command_list_imports_no_command():
    # ``workbench --help`` lists the commands by name and help line: it imports none of
    # their modules (nor numpy, which aligning needs), and lists every one of them
    import subprocess
    import sys

    from workbench.cli import COMMANDS

    code = (
        "import contextlib, io, sys\nfrom workbench.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        "    main(['--help'])\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('workbench.commands.')\n"
        "                and m != 'workbench.commands.output')\n"
        "print(out.getvalue())\nprint(loaded, 'numpy' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    lines = done.stdout.strip().splitlines()
    assert lines[-1] == "[] False"
    listed = {line.split()[0] for line in lines if line.startswith("    ") and line.split()}
    assert set(COMMANDS) <= listed


def test_the_console_script_ends_at_once_with_everything_written(tmp_path, capsys):
    # ``run`` ends the process without Python's teardown: what was printed (a short
    # output, which sits in the stream's buffer until flushed, and a long one), the
    # file written and the exit status are those of ``main``
    import os
    import subprocess
    import sys

    from repo_paths import ESSAY_PATH

    from workbench.cli import main

    (tmp_path / "o.txt").write_text("One paragraph.\n\nAnother one.", encoding="utf-8")
    (tmp_path / "t.txt").write_text("One paragraph.\n\nAnother.", encoding="utf-8")
    cli = [sys.executable, "-m", "workbench", "align"]
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    for pair in ([str(tmp_path / "o.txt"), str(tmp_path / "t.txt")], [str(ESSAY_PATH)] * 2):
        assert main(["align", *pair, "--format", "json"]) == 0
        expected = capsys.readouterr().out
        printed = subprocess.run(
            [*cli, *pair, "--format", "json"], capture_output=True, text=True, env=buffered
        )
        assert (printed.returncode, printed.stdout) == (0, expected)
    written = subprocess.run([*cli, *pair, "-o", str(tmp_path / "b.txt")], capture_output=True)
    assert written.returncode == 0
    assert len((tmp_path / "b.txt").read_text(encoding="utf-8").splitlines()) == 37
    missing = subprocess.run([*cli, str(tmp_path / "none.txt"), str(ESSAY_PATH)])
    assert missing.returncode == 2
