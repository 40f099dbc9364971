"""Agreement between reviewers: kappas against hand computations, refusals, CLI and app panel."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from app_steps import open_tab, start_app
from repo_paths import TEXTS_DIR

from workbench import store
from workbench.cli import main
from workbench.commands import agreement as command
from workbench.errors import AgreementError
from workbench.model import Annotation, Level
from workbench.review.agreement import format_kappa, measure_agreement
from workbench.review.record import Review
from workbench.session import start_review
from workbench.text import load_document
from workbench.ui.components.agreement import CHOICE_KEY

DEMO = TEXTS_DIR / "demo"
OK, MINOR, MAJOR, CRIT, NONE = "ok", "minor issue", "major issue", "critical", "unreviewed"
MIS, OM, STYLE = "Accuracy/Mistranslation", "Accuracy/Omission", "Style"

# Ten pairs (P1..P10 of the demo texts). Reviewer A left P9 unreviewed: it counts for
# no field, so every figure below is over the other nine pairs.
STATUS_A = (OK, OK, OK, OK, MINOR, MINOR, MAJOR, MAJOR, NONE, CRIT)
STATUS_B = (OK, OK, OK, MINOR, MINOR, OK, MAJOR, MINOR, OK, CRIT)
STATUS_C = (OK, OK, MINOR, OK, MINOR, OK, MAJOR, MAJOR, OK, MAJOR)
CATEGORY_A = ("", "", "", "", STYLE, STYLE, OM, OM, "", MIS)
CATEGORY_B = ("", "", "", STYLE, STYLE, "", MIS, OM, "", MIS)
SEVERITY_A = ("", "", "", "", "minor", "minor", "major", "major", "", "critical")
SEVERITY_B = ("", "", "", "minor", "minor", "", "critical", "major", "", "critical")


def _start(folder: Path, name: str, *, translation: str = "translation.fr.txt", **kw) -> Review:
    """A review of the demo original and ``translation`` saved as ``folder/name.csv``."""
    original = load_document(DEMO / "original.en.txt")
    return start_review(
        original, load_document(DEMO / translation), path=folder / f"{name}.csv", **kw
    ).review


def _annotated(review: Review, status, category=None, severity=None) -> Review:
    """``review`` with one annotation per pair, in order, from the value columns given."""
    n = len(status)
    category = category or ("",) * n
    severity = severity or ("",) * n
    ids = [p.pair_id for p in review.pairs]
    assert len(ids) == n
    return review.with_annotations(
        {
            pid: Annotation(status=s, category=c, severity=v, reviewer="T")
            for pid, s, c, v in zip(ids, status, category, severity, strict=True)
        }
    )


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Review:
    """The demo original and its French translation, unannotated (10 pairs)."""
    return _start(tmp_path_factory.mktemp("demo"), "demo")


@pytest.fixture(scope="module")
def reviews(demo: Review) -> tuple[Review, Review, Review]:
    """Three reviewers' reviews of the demo texts."""
    return (
        _annotated(demo, STATUS_A, CATEGORY_A, SEVERITY_A),
        _annotated(demo, STATUS_B, CATEGORY_B, SEVERITY_B),
        _annotated(demo, STATUS_C),
    )


def _saved(folder: Path, name: str, review: Review) -> Path:
    return store.save_review(review, path=folder / name)


# --- the library ---------------------------------------------------------------------------


def test_cohen_kappa_of_status_equals_the_hand_computation(reviews) -> None:
    a, b, _ = reviews
    result = measure_agreement([a, b], names=["A", "B"])
    status = result.field("status")
    # Confusion over the 9 pairs both reviewed (rows A, columns B; ok, minor, major, crit):
    #   ok    3 1 0 0   (A: 4)
    #   minor 1 1 0 0   (A: 2)
    #   major 0 1 1 0   (A: 2)
    #   crit  0 0 0 1   (A: 1)
    #   B:    4 3 1 1
    assert status.confusions[0].counts == ((3, 1, 0, 0), (1, 1, 0, 0), (0, 1, 1, 0), (0, 0, 0, 1))
    n = 9
    p_o = (3 + 1 + 1 + 1) / n
    p_e = (4 * 4 + 2 * 3 + 2 * 1 + 1 * 1) / (n * n)
    kappa = (p_o - p_e) / (1 - p_e)  # = 29/56
    assert status.method == "cohen" and status.items == 9
    assert round(status.observed, 4) == round(p_o, 4)
    assert round(status.kappa, 4) == round(kappa, 4) == 0.5179
    assert [d.pair_id for d in status.disagreements] == ["P4=P4", "P6=P6", "P8=P8"]
    assert status.disagreements[0].values == (OK, MINOR)


def test_cohen_kappa_of_category_counts_no_error_as_a_value(reviews) -> None:
    a, b, _ = reviews
    category = measure_agreement([a, b]).field("category")
    # Labels: no error, Mistranslation, Omission, Style. A: 4 1 2 2; B: 4 2 1 2.
    assert category.confusions[0].labels == ("", MIS, OM, STYLE)
    n = 9
    p_o = (3 + 1 + 1 + 1) / n  # P1-P3 no error, P5 Style, P8 Omission, P10 Mistranslation
    p_e = (4 * 4 + 1 * 2 + 2 * 1 + 2 * 2) / (n * n)
    assert round(category.kappa, 4) == round((p_o - p_e) / (1 - p_e), 4) == 0.5263


def test_fleiss_kappa_of_three_reviews_equals_the_hand_computation(reviews) -> None:
    result = measure_agreement(list(reviews), names=["A", "B", "C"])
    status = result.field("status")
    # Per item (9 items, 3 raters): counts of (ok, minor, major, critical) and
    # P_i = (sum of squared counts - 3) / (3 * 2):
    #   P1 (3,0,0,0) 1   P2 (3,0,0,0) 1   P3 (2,1,0,0) 1/3   P4 (2,1,0,0) 1/3
    #   P5 (0,3,0,0) 1   P6 (2,1,0,0) 1/3 P7 (0,0,3,0) 1     P8 (0,1,2,0) 1/3
    #   P10 (0,0,1,2) 1/3
    p_bar = (4 * 1 + 5 * (1 / 3)) / 9  # = 17/27
    # Category totals over 27 ratings: ok 12, minor 7, major 6, critical 2.
    p_e = (12 / 27) ** 2 + (7 / 27) ** 2 + (6 / 27) ** 2 + (2 / 27) ** 2
    kappa = (p_bar - p_e) / (1 - p_e)  # = (459 - 233) / (729 - 233) = 226/496
    assert status.method == "fleiss" and status.items == 9
    assert round(status.observed, 4) == round(p_bar, 4)
    assert round(status.kappa, 4) == round(kappa, 4) == 0.4556
    # beside it, every pair's Cohen's kappa; A-B is the two-review figure
    assert [(k.first, k.second) for k in status.pairwise] == [(0, 1), (0, 2), (1, 2)]
    assert round(status.pairwise[0].kappa, 4) == 0.5179
    assert len(status.confusions) == 3
    assert [d.pair_id for d in status.disagreements] == [
        "P3=P3",
        "P4=P4",
        "P6=P6",
        "P8=P8",
        "P10=P10",
    ]


def test_identical_reviews_give_kappa_one(reviews) -> None:
    a = reviews[0]
    for result in (measure_agreement([a, a]), measure_agreement([a, a, a])):
        for found in result.fields:
            assert found.kappa == 1.0 and found.observed == 1.0
            assert found.disagreements == ()


def test_one_value_everywhere_gives_one_and_no_item_gives_n_a(demo: Review) -> None:
    all_ok = _annotated(demo, (OK,) * 10)
    result = measure_agreement([all_ok, all_ok, all_ok])
    assert result.field("status").expected == 1.0 and result.field("status").kappa == 1.0
    nothing = measure_agreement([all_ok, demo])  # the second reviewer reviewed nothing
    status = nothing.field("status")
    assert nothing.unreviewed == 10 and status.items == 0
    assert status.kappa is None and format_kappa(status.kappa) == "n/a"


def test_unreviewed_pairs_and_pairs_of_other_texts_are_not_compared(reviews) -> None:
    a, b, _ = reviews
    pairs = list(b.pairs)
    pairs[0] = replace(pairs[0], translation_text=pairs[0].translation_text + " (edited)")
    changed = Review(meta=b.meta, pairs=tuple(pairs[:-1]))  # P10 dropped, P1 other texts
    result = measure_agreement([a, changed])
    assert (result.shared, result.not_shared, result.unreviewed) == (8, 2, 1)
    assert result.field("status").items == 7


def test_reviews_of_different_texts_are_refused(tmp_path: Path, reviews) -> None:
    other = _start(tmp_path, "other", translation="alternative.en.txt")
    with pytest.raises(AgreementError) as caught:
        measure_agreement([reviews[0], other], names=["first.csv", "other.csv"])
    message = str(caught.value)
    assert "“other.csv”" in message and "“first.csv”" in message
    assert "the translation differs" in message and "alternative.en.txt" in message
    sentences = _start(tmp_path, "sentences", level=Level.SENTENCE)
    with pytest.raises(AgreementError, match="sentence-level review"):
        measure_agreement([reviews[0], sentences])


def test_one_review_or_no_shared_pair_is_refused(reviews) -> None:
    a = reviews[0]
    with pytest.raises(AgreementError, match="two or more reviews"):
        measure_agreement([a])
    moved = Review(
        meta=a.meta, pairs=tuple(replace(p, original_text=p.original_text + "!") for p in a.pairs)
    )
    with pytest.raises(AgreementError, match="share no pair"):
        measure_agreement([a, moved])


# --- the command line ----------------------------------------------------------------------


def test_cli_prints_the_kappas_confusions_and_disagreements(tmp_path, reviews, capsys) -> None:
    a, b, c = (_saved(tmp_path, f"{n}.csv", r) for n, r in zip("abc", reviews, strict=True))
    assert main(["agreement", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert "status: n=9  observed agreement 66.7%  Cohen's kappa 0.5179" in out
    assert "category: n=9  observed agreement 66.7%  Cohen's kappa 0.5263" in out
    assert "a.csv \\ b.csv" in out and "(no error)" in out
    assert "P4=P4: ok | minor issue" in out

    assert main(["agreement", str(a), str(b), str(c), "--field", "status"]) == 0
    out = capsys.readouterr().out
    assert "Fleiss' kappa 0.4556" in out and "Cohen's kappa a.csv / b.csv: 0.5179" in out
    assert "category:" not in out


def test_cli_json_and_output_file(tmp_path, reviews, capsys) -> None:
    a, b = _saved(tmp_path, "a.csv", reviews[0]), _saved(tmp_path, "b.csv", reviews[1])
    assert main(["agreement", str(a), str(b), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["reviewers"] == ["a.csv", "b.csv"]
    assert round(data["fields"]["status"]["kappa"], 4) == 0.5179
    assert data["fields"]["status"]["disagreements"][0]["values"] == {"a.csv": OK, "b.csv": MINOR}
    out = tmp_path / "agreement.txt"
    assert main(["agreement", str(a), str(b), "-o", str(out)]) == 0
    assert "Cohen's kappa 0.5179" in out.read_text(encoding="utf-8")


def test_cli_caps_the_disagreements(tmp_path, reviews, capsys, monkeypatch) -> None:
    a, b = _saved(tmp_path, "a.csv", reviews[0]), _saved(tmp_path, "b.csv", reviews[1])
    monkeypatch.setattr(command, "SHOWN_DISAGREEMENTS", 1)
    main(["agreement", str(a), str(b), "--field", "status"])
    assert "… and 2 more" in capsys.readouterr().out
    main(["agreement", str(a), str(b), "--field", "status", "--all-disagreements"])
    assert "more" not in capsys.readouterr().out


def test_cli_refuses_reviews_of_different_texts(tmp_path, reviews, capsys) -> None:
    a = _saved(tmp_path, "a.csv", reviews[0])
    _start(tmp_path, "other", translation="alternative.en.txt")
    assert main(["agreement", str(a), str(tmp_path / "other.csv")]) == 2
    err = capsys.readouterr().err
    assert "Cannot measure agreement" in err and "other.csv" in err and "a.csv" in err
    assert main(["agreement", str(a)]) == 2
    assert "two or more reviews" in capsys.readouterr().err


# --- the app -------------------------------------------------------------------------------


def test_overview_panel_shows_the_kappa_of_a_chosen_review(alignments: Path, reviews) -> None:
    first = _saved(alignments, "first.csv", reviews[0])
    _saved(alignments, "second.csv", reviews[1])
    _start(alignments, "unrelated", translation="alternative.en.txt")  # other texts: not offered
    expected = measure_agreement([store.load_review(first), reviews[1]]).field("status")

    at = open_tab(start_app(project="first"), "Overview")
    assert not at.exception and not at.error
    choice = at.selectbox(key=CHOICE_KEY)
    assert choice.options == ["second"]
    choice.set_value("second").run()
    assert not at.exception and not at.error
    summary = next(d.value for d in at.dataframe if "Cohen's kappa" in d.value.columns)
    row = summary[summary["field"] == "Status"].iloc[0]
    assert row["Cohen's kappa"] == format_kappa(expected.kappa) == "0.5179"
    assert row["pairs compared"] == 9


def test_overview_panel_without_another_review_says_how_to_get_one(
    alignments: Path, reviews
) -> None:
    _saved(alignments, "first.csv", reviews[0])
    at = open_tab(start_app(project="first"), "Overview")
    assert not at.exception
    assert any("No other review of these texts" in i.value for i in at.info)
