"""Limits: one upload size in both places, typed errors past the character and paragraph
limits (library, CLI, app), and the linear rewrites of stages that were quadratic.

Timings are not tested here (the machine is shared); ``scripts/bench_limits.py`` measures
them. These tests use small monkeypatched limits so they stay fast.
"""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from workbench import config
from workbench.cli import main
from workbench.diff.spans import word_count
from workbench.diff.tokens import tokenize
from workbench.errors import TooLargeError
from workbench.render import escape, highlight_html
from workbench.review import build_review
from workbench.store import from_csv, to_csv
from workbench.text import document_from_units, load_document, read_bytes, read_path

REPO = Path(__file__).resolve().parent.parent
APP = REPO / "workbench" / "ui" / "app.py"


def _paragraphs(n: int) -> str:
    return "\n\n".join(f"Paragraph number {i} tells its own short story." for i in range(n))


# --- one upload limit ------------------------------------------------------------------------


def test_streamlit_upload_limit_equals_the_library_limit():
    settings = tomllib.loads((REPO / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["server"]["maxUploadSize"] == config.get("max_upload_mb")
    assert int(config.get("max_upload_mb")) * 1024 * 1024 == config.MAX_UPLOAD_BYTES


def test_the_upload_help_states_the_same_limit():
    from workbench.ui.components.document_input import FILE_HELP

    assert f"up to {config.get('max_upload_mb')} MB" in FILE_HELP


def test_bytes_limit_is_checked_before_decoding():
    # undecodable bytes: if decoding ran first, this would be an EncodingError
    data = bytes(random.Random(1).randrange(1, 256) for _ in range(2049))
    with pytest.raises(TooLargeError) as info:
        read_bytes(data, name="big.bin.txt", max_bytes=2048)
    assert "the largest file accepted is" in info.value.message
    assert info.value.title == "Document too large"


def test_read_path_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(TooLargeError):
        read_path(path, max_bytes=4999)
    assert read_path(path, max_bytes=5000).text == ("word " * 1000).strip()


# --- characters and paragraphs ---------------------------------------------------------------


def test_too_many_characters(monkeypatch):
    monkeypatch.setattr(config, "MAX_CHARS", 100)
    text = "x" * 101
    with pytest.raises(TooLargeError) as info:
        load_document(text.encode(), name="long.txt")
    assert info.value.message == (
        "“long.txt” has 101 characters of text; the most accepted is 100."
    )
    assert load_document(("x" * 100).encode(), name="ok.txt").text == "x" * 100


def test_the_character_limit_counts_normalised_text(monkeypatch):
    # CRLF line ends and trailing spaces are removed before counting
    monkeypatch.setattr(config, "MAX_CHARS", 12)
    doc = load_document(b"abcde  \r\n\r\nfghij   ", name="crlf.txt")
    assert len(doc.text) == 12


def test_too_many_paragraphs(monkeypatch):
    monkeypatch.setattr(config, "MAX_SEGMENTS", 5)
    with pytest.raises(TooLargeError) as info:
        load_document(_paragraphs(6).encode(), name="many.txt")
    assert info.value.message == "“many.txt” has 6 paragraphs; the most accepted is 5."
    assert len(load_document(_paragraphs(5).encode(), name="five.txt")) == 5


def test_cli_reports_the_limits(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(config, "MAX_SEGMENTS", 3)
    path = tmp_path / "many.txt"
    path.write_text(_paragraphs(4), encoding="utf-8")
    assert main(["segment", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "workbench: Document too large: “many.txt” has 4 paragraphs; the most accepted is 3.\n"
    )
    monkeypatch.setattr(config, "MAX_SEGMENTS", 20_000)
    monkeypatch.setattr(config, "MAX_CHARS", 50)
    assert main(["align", str(path), str(path)]) == 2
    _, err = capsys.readouterr()
    assert err.startswith("workbench: Document too large: “many.txt” has ")
    assert err.endswith(" characters of text; the most accepted is 50.\n")


def test_app_shows_the_paragraph_limit_for_pasted_text(monkeypatch, tmp_path):
    monkeypatch.setenv("WORKBENCH_ALIGNMENTS_DIR", str(tmp_path / "alignments"))
    monkeypatch.setattr(config, "MAX_SEGMENTS", 4)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    at.sidebar.radio(key="original_source").set_value("Paste text").run()
    # a text no other test pastes: the app caches documents by content
    at.sidebar.text_area(key="original_text").set_value(_paragraphs(5) + "\n\nLimits.").run()
    assert not at.exception
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any(
        e.startswith("**Document too large** — “pasted-original.txt” has 6 paragraphs")
        for e in errors
    ), errors
    assert at.sidebar.button(key="align").disabled


# --- long fields survive the CSV -----------------------------------------------------------------


def test_a_paragraph_longer_than_the_csv_module_default_round_trips():
    long = "word " * 60_000  # 300 kB in one field; csv refuses over 128 KiB by default
    doc = document_from_units([long.strip(), "Short."], name="o.txt")
    other = document_from_units([long.strip() + " end", "Short!"], name="t.txt")
    from workbench.model import Alignment, Bead

    alignment = Alignment(doc, other, (Bead((0,), (0,)), Bead((1,), (1,))))
    review = build_review(alignment, [], project="long")
    back = from_csv(to_csv(review), source="long.csv")
    assert back.pairs[0].original_text == long.strip()
    assert back.pairs[0].translation_text == long.strip() + " end"


# --- linear rewrites agree with the plain definitions -----------------------------------


def _plain_word_count(tokens, start: int, end: int) -> int:
    return sum(1 for t in tokens if t.kind != "punct" and start <= t.start and t.end <= end)


def test_word_count_by_bisection_equals_counting_every_token():
    rng = random.Random(5)
    words = ["alpha", "beta", "1871", ",", ".", "gamma's", "—", "delta", "3.5"]
    text = " ".join(rng.choice(words) for _ in range(400))
    tokens = tokenize(text)
    for _ in range(500):
        start = rng.randrange(0, len(text) + 1)
        end = rng.randrange(start, len(text) + 2)
        assert word_count(tokens, start, end) == _plain_word_count(tokens, start, end)
    assert word_count(tokens, 0, len(text)) == sum(t.kind != "punct" for t in tokens)
    assert word_count((), 0, 10) == 0


def _plain_highlight(text: str, spans) -> str:
    """The definition: cut at every boundary; each piece gets every span covering it."""
    n = len(text)
    clean = []
    for start, end, kind, message in spans:
        start, end = max(0, min(start, n)), max(0, min(end, n))
        if end < start:
            start, end = end, start
        clean.append((start, end, kind, message))
    cuts = sorted({0, n} | {s for s, _, _, _ in clean} | {e for _, e, _, _ in clean})
    out = []
    for left, right in zip(cuts, cuts[1:] + [n], strict=True):
        for s, e, kind, message in clean:
            if s == e == left:
                out.append(f'<span class="wb-gap wb-{kind}" title="{escape(message)}"></span>')
        if right <= left:
            continue
        covering = [c for c in clean if c[0] < c[1] and c[0] <= left and right <= c[1]]
        piece = escape(text[left:right])
        if covering:
            classes = " ".join(dict.fromkeys(f"wb-{k}" for _, _, k, _ in covering))
            title = escape(" | ".join(dict.fromkeys(m for _, _, _, m in covering if m)))
            out.append(f'<span class="{classes}" title="{title}">{piece}</span>')
        else:
            out.append(piece)
    return "".join(out)


@pytest.mark.parametrize("seed", range(20))
def test_highlight_sweep_equals_the_definition(seed):
    rng = random.Random(seed)
    text = "".join(rng.choice("ab <&\"'>\n") for _ in range(rng.randrange(0, 60)))
    spans = []
    for _ in range(rng.randrange(0, 12)):
        a, b = rng.randrange(-3, len(text) + 4), rng.randrange(-3, len(text) + 4)
        kind = rng.choice(["omission", "addition", "change", "minor"])
        spans.append((a, b, kind, rng.choice(["", "m1", "<m2>", "m&3"])))
    assert highlight_html(text, spans) == _plain_highlight(text, spans)


def _long_pair(words: int, seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(300)] + [",", ".", "1871", "Berg"]
    original = [rng.choice(vocab) for _ in range(words)]
    translation = []
    for word in original:
        r = rng.random()
        if r < 0.03:
            translation.append(rng.choice(vocab))  # changed
        elif r < 0.05:
            continue  # dropped
        else:
            translation.append(word)
        if rng.random() < 0.01:
            translation.append("extra")  # added
    # a passage moved from the middle to the end, so anchors cannot all be in order
    translation = (
        translation[: words // 3] + translation[words // 2 :] + translation[words // 3 : words // 2]
    )
    return " ".join(original), " ".join(translation)


@pytest.mark.parametrize("seed", range(3))
def test_unique_run_anchoring_gives_a_valid_diff(seed, monkeypatch):
    from workbench.diff import opcodes as spans

    monkeypatch.setattr(spans, "UNIQUE_ANCHOR_CELLS", 10_000)
    original, translation = _long_pair(3000, seed)
    a, b = tokenize(original), tokenize(translation)
    ops = spans.token_opcodes(a, b)
    # contiguous, complete, and "equal" means equal
    assert ops[0][1] == 0 and ops[0][3] == 0
    assert ops[-1][2] == len(a) and ops[-1][4] == len(b)
    for (_, _, i2, _, j2), (_, k1, _, l1, _) in zip(ops, ops[1:], strict=False):
        assert (i2, j2) == (k1, l1)
    rebuilt = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            assert [t.norm for t in a[i1:i2]] == [t.norm for t in b[j1:j2]]
        rebuilt.extend(t.norm for t in b[j1:j2])
    assert rebuilt == [t.norm for t in b]
    # and it matches about as much as the plain diff does
    monkeypatch.setattr(spans, "UNIQUE_ANCHOR_CELLS", 10**12)
    plain = spans.token_opcodes(a, b)
    matched = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    matched_plain = sum(i2 - i1 for tag, i1, i2, _, _ in plain if tag == "equal")
    assert matched >= 0.97 * matched_plain


def test_piecewise_similarity_of_long_pairs_is_close_to_the_exact_one(monkeypatch):
    import importlib

    measures = importlib.import_module("workbench.diff.measures")
    original, translation = _long_pair(4000, 11)
    a, b = tokenize(original), tokenize(translation)
    exact = measures.similarity(a, b)
    monkeypatch.setattr(measures, "EXACT_SIMILARITY_CELLS", 0)
    piecewise = measures.similarity(a, b)
    # a sum over one alignment is never below the optimal distance
    assert piecewise <= exact
    assert exact - piecewise <= 1.0
