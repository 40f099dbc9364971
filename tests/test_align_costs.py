"""Cost components: normalisation, anchors, length, similarity rescaling, cost model."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.align.anchors import anchor_chain, anchor_tokens, key_words, match_keys
from workbench.align.core import build_cost_model, resolve_mode
from workbench.align.costs import AnchorCost, LengthCost, SimilarityCost
from workbench.errors import AlignmentError
from workbench.text.normalise import match_key


def test_match_key_folds_case_accents_and_punctuation():
    assert match_key("Élan, «Vital» — d'été!") == "elan vital d ete"
    assert match_key("II nous est parvenu") == "ii nous est parvenu"


def test_anchor_tokens_keep_numbers_names_urls_and_punctuation():
    toks = anchor_tokens('In 1956, Dyhrenfurth measured 8848 m (see https://x.org/a). "Everest"?')
    assert "#1956" in toks and "#8848" in toks
    assert "url:https://x.org/a" in toks
    assert "n:dyhren" in toks
    assert "<q>" in toks and "<p>" in toks


def test_anchor_cost_is_zero_for_matching_and_one_for_disjoint_anchors():
    cost = AnchorCost(["Zermatt 1956", "no anchors here"], ["Zermatt en 1956", "Paris 1789", ""])
    row = cost.block(1, 1, 1, 1, 4)  # original unit 0 against translation units 0..2
    assert row[0] == pytest.approx(0.0)
    assert row[1] == pytest.approx(1.0)
    both_empty = cost.block(1, 1, 2, 3, 4)  # "no anchors here" vs ""
    assert both_empty[0] == pytest.approx(0.0)


def test_length_cost_prefers_proportional_lengths():
    cost = LengthCost([100, 200, 300], [105, 190, 310])
    assert cost.ratio == pytest.approx(1.0083, abs=1e-3)
    row = cost.block(1, 1, 1, 1, 4)  # 100 chars vs 105, 190, 310
    assert row[0] < row[1] < row[2]
    merged = cost.block(2, 1, 2, 3, 4)  # 100 + 200 chars vs 310 chars
    assert merged[0] < row[2]


def test_similarity_is_rescaled_so_random_pairs_cost_one():
    left = ["the cat sat on the mat", "a storm is coming from the west"]
    right = ["the cat sat on a mat", "completely different words here"]
    sim = SimilarityCost(left, right)
    assert 0.0 < sim.baseline < 0.9
    row = sim.block(1, 1, 1, 1, 3)
    assert row[0] < 0.3 and row[1] == pytest.approx(1.0)


@pytest.mark.parametrize("measure", ["indel", "word_indel", "char_dice"])
def test_the_similarity_cost_reads_the_match_keys_and_their_words_without_keeping_them(
    measure: str,
) -> None:
    # the keys' words are tens of megabytes on a long document: the cost model, which
    # lives through the DP, must not hold them (peak memory of the 10k case)
    import sys

    left = [f"Paragraph {k} about Zermatt and the Matterhorn." for k in range(20)]
    keys = (match_keys(left), match_keys(left))
    key_words(keys[0])  # as the anchor chain leaves them: words split and cached

    def references() -> tuple[int, int, int]:
        return sys.getrefcount(keys), sys.getrefcount(keys[0]), sys.getrefcount(keys[0].words())

    before = references()
    sim = SimilarityCost(left, left, measure=measure, keys=keys)
    assert references() == before
    assert sim.unit_matrix([3], [3])[0, 0] == pytest.approx(1.0)


def test_char_dice_is_the_dice_of_the_words_padded_character_ngrams():
    from collections import Counter

    from workbench.align.costs import NGRAM_LENGTH

    def grams(text: str) -> Counter[str]:
        out: Counter[str] = Counter()
        for word in match_key(text).split():
            padded = f" {word} "
            if len(padded) <= NGRAM_LENGTH:
                out[padded] += 1
            else:
                last = len(padded) - NGRAM_LENGTH
                out.update(padded[k : k + NGRAM_LENGTH] for k in range(last + 1))
        return out

    left = ["Die Expedition zum Mount Everest", "Himalaya Himalaya", "ab"]
    right = ["L'expédition au Mont Everest", "himalayenne", "ab cd"]
    sim = SimilarityCost(left, right, measure="char_dice")
    got = sim.unit_matrix([0, 1, 2], [0, 1, 2])
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            ga, gb = grams(a), grams(b)
            dice = 2 * sum((ga & gb).values()) / (sum(ga.values()) + sum(gb.values()))
            assert got[i, j] == pytest.approx(dice, abs=1e-6), (a, b)
    # word order does not count: the same words in another order are alike
    swapped = SimilarityCost(
        ["Mount Everest climbed"], ["climbed Everest Mount"], measure="char_dice"
    )
    assert swapped.unit_matrix([0], [0])[0, 0] == pytest.approx(1.0)


def test_anchor_chain_is_increasing_and_drops_crossing_coincidences():
    left = ["Zermatt one", "Matterhorn two", "Dufourspitze three", "Zurich four"]
    right = ["Zermatt un", "Zurich quatre", "Matterhorn deux", "Dufourspitze trois"]
    chain = anchor_chain(left, right)
    assert chain == [(0, 0), (1, 2), (2, 3)]


def test_anchor_chain_counts_a_word_repeated_within_one_unit_as_a_hapax():
    # "Zermatt Zermatt" is one unit writing the word twice: still once in the document
    left = ["Zermatt Zermatt and more", "Matterhorn here", "Matterhorn again"]
    right = ["Zermatt et plus", "Matterhorn ici", "autre chose"]
    assert anchor_chain(left, right) == [(0, 0)]  # "matterhorn" is twice on the left


def test_match_keys_carry_their_words_split_once_and_shared():
    keys = match_keys(["Élan, «Vital»!", "", "II nous"])
    assert list(keys) == ["elan vital", "", "ii nous"]
    words = key_words(keys)
    assert words == [["elan", "vital"], [], ["ii", "nous"]]
    assert key_words(keys) is words  # split once, read by the chain and the similarity
    assert key_words(list(keys)) == words  # plain keys are split on the spot


def test_cost_model_records_weights_and_calibration():
    texts = [f"Sentence number {k} talks about topic {k * 7}." for k in range(30)]
    model = build_cost_model(texts, texts, mode_used="monolingual")
    w = model.weights()
    assert {"weight_similarity", "weight_length", "weight_anchors", "skip_penalty"} <= set(w)
    good, rand = float(w["cost_good_1to1"]), float(w["cost_random_1to1"])
    assert good < model.skip < rand
    assert model.pair_cost(3, 3) < model.pair_cost(3, 20)
    np.testing.assert_allclose(
        model.pair_costs(np.array([3, 4]), np.array([3, 5])),
        [model.block(1, 1, 4, 4, 5)[0], model.block(1, 1, 5, 6, 7)[0]],
    )


def test_resolve_mode():
    en = ["The weather is fine and the sea is calm."] * 3
    de = ["Das Wetter ist schön und die See ist ruhig, nicht wahr."] * 3
    assert resolve_mode("auto", en, en, has_pivot=False) == "monolingual"
    assert resolve_mode("auto", de, en, has_pivot=False) == "crosslingual"
    assert resolve_mode("auto", de, en, has_pivot=True) == "pivot"
    assert resolve_mode("monolingual", de, en, has_pivot=True) == "monolingual"
    with pytest.raises(AlignmentError, match="Unknown alignment mode"):
        resolve_mode("magic", en, en, has_pivot=False)


def test_anchor_kinds_that_rarely_agree_on_confident_pairs_are_not_counted():
    # German capitalises nouns: its "names" find no twin in French, its numbers do
    left = [f"Der Berg ({1900 + k}), Tal und Weg" for k in range(12)]
    right = [f"la montagne ({1900 + k}), vallée et chemin" for k in range(12)]
    confident = [(k, k) for k in range(12)]
    cost = AnchorCost(left, right, confident=confident)
    assert cost.dropped == {"n:"}
    assert cost.block(1, 1, 1, 1, 2)[0] == pytest.approx(0.0)  # the number agrees
    assert AnchorCost(left, right).block(1, 1, 1, 1, 2)[0] == pytest.approx(0.2)  # Tal counted
    assert AnchorCost(left, left, confident=confident).dropped == frozenset()


def test_anchor_cells_compare_only_blocks_with_anchors_and_agree_with_the_row_scores():
    # blocks without anchors are not compared (their Dice against anything is 0, two
    # empty ones cost nothing); every cell must equal the row-by-row reference
    rng = np.random.default_rng(3)
    pool = ["Zermatt", "1956", "Paris", "1789", "?", "(x)", "Mont Blanc", "4808"]

    def unit() -> str:
        picked = rng.choice(pool, size=int(rng.integers(0, 3)), replace=False)
        return " and ".join(["plain words", *picked]) if len(picked) else "plain words only"

    left, right = [unit() for _ in range(30)], [unit() for _ in range(34)]
    cost = AnchorCost(left, right)
    for a, b in ((1, 1), (2, 1), (1, 3), (2, 2)):
        for i in range(a, 31):
            cols = np.arange(b, 35)
            cells = cost.cells(a, b, np.full(len(cols), i), cols)
            assert np.array_equal(cells, cost.block(a, b, i, b, 35))
    assert (cost.cells(1, 1, np.arange(1, 31), np.arange(1, 31)) == 0.0).any()
