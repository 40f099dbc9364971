"""Reviewer corrections of an alignment (workbench.align.edit)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.align.edit import (
    link,
    merge_with_next,
    sort_beads,
    split,
    touched_pair_ids,
    unaligned_units,
    unlink,
)
from workbench.errors import AlignmentError
from workbench.model import (
    KIND_ADDED,
    KIND_MANY,
    KIND_MOVED,
    KIND_OMITTED,
    KIND_ONE_ONE,
    Alignment,
    Bead,
)
from workbench.text import segment_text


def _doc(name: str, count: int):
    return segment_text(
        "\n\n".join(f"{name} paragraph number {i + 1} says something." for i in range(count)),
        name=name,
        language="en",
    )


def _alignment(beads: list[Bead], *, n_orig: int = 6, n_trans: int = 6) -> Alignment:
    return Alignment(_doc("orig", n_orig), _doc("trans", n_trans), tuple(beads))


@pytest.fixture()
def base() -> Alignment:
    """P1=P1, P2=P2+P3, P3=-, P4+P5=P4, -=P5, P6=P6 (0-based in the beads)."""
    return _alignment(
        [
            Bead((0,), (0,), 0.9, 0.8),
            Bead((1,), (1, 2), 0.7, 0.6),
            Bead((2,), (), 0.0, 0.5),
            Bead((3, 4), (3,), 0.6, 0.5),
            Bead((), (4,), 0.0, 0.5),
            Bead((5,), (5,), 0.95, 0.9),
        ]
    )


def _pairs(alignment: Alignment) -> list[str]:
    return [alignment.pair_id(b) for b in alignment.beads]


def _covers_every_unit_once(alignment: Alignment) -> bool:
    o = sorted(i for b in alignment.beads for i in b.original)
    t = sorted(i for b in alignment.beads for i in b.translation)
    return o == list(range(len(alignment.original))) and t == list(
        range(len(alignment.translation))
    )


def test_merge_with_next_unions_both_sides_and_recomputes_kind(base: Alignment) -> None:
    after = merge_with_next(base, 1)
    assert _pairs(after) == ["P1=P1", "P2+P3=P2+P3", "P4+P5=P4", "-=P5", "P6=P6"]
    merged = after.beads[1]
    assert (merged.original, merged.translation) == ((1, 2), (1, 2))
    assert merged.kind == KIND_MANY
    assert (merged.score, merged.confidence) == (1.0, 1.0)
    assert _covers_every_unit_once(after)


def test_merge_an_omission_with_an_addition_gives_a_one_to_one(base: Alignment) -> None:
    unlinked = unlink(base, 0)  # P1=-, -=P1, ...
    after = merge_with_next(unlinked, 0)
    assert after.beads[0].kind == KIND_ONE_ONE
    assert _pairs(after)[0] == "P1=P1"


def test_merge_keeps_untouched_beads_identical(base: Alignment) -> None:
    after = merge_with_next(base, 3)
    assert after.beads[0] is base.beads[0]
    assert after.beads[-1] is base.beads[-1]
    assert touched_pair_ids(base, after) == {"P4+P5=P4+P5"}


def test_merge_the_last_bead_is_refused(base: Alignment) -> None:
    with pytest.raises(AlignmentError, match="last one"):
        merge_with_next(base, len(base) - 1)


@pytest.mark.parametrize("index", [-1, 6, 99, "1", 1.0, True])
def test_invalid_indices_are_refused_with_the_valid_range(base: Alignment, index) -> None:
    for operation in (merge_with_next, split, unlink):
        with pytest.raises(AlignmentError, match="valid numbers are 0 to 5"):
            operation(base, index)


def test_an_empty_alignment_says_so() -> None:
    empty = _alignment([], n_orig=1, n_trans=1)
    with pytest.raises(AlignmentError, match="empty"):
        split(empty, 0)


def test_split_pairs_units_in_order_and_leaves_the_rest_unaligned(base: Alignment) -> None:
    after = split(base, 1)  # P2=P2+P3 -> P2=P2, -=P3
    assert _pairs(after) == ["P1=P1", "P2=P2", "-=P3", "P3=-", "P4+P5=P4", "-=P5", "P6=P6"]
    assert [b.kind for b in after.beads[1:3]] == [KIND_ONE_ONE, KIND_ADDED]
    after = split(base, 3)  # P4+P5=P4 -> P4=P4, P5=-
    assert _pairs(after)[3:6] == ["P4=P4", "P5=-", "-=P5"]
    assert after.beads[4].kind == KIND_OMITTED
    assert _covers_every_unit_once(after)


def test_split_a_single_pair_is_refused(base: Alignment) -> None:
    with pytest.raises(AlignmentError, match="no group to split"):
        split(base, 0)


def test_unlink_turns_a_pair_into_omissions_and_additions(base: Alignment) -> None:
    after = unlink(base, 1)  # P2=P2+P3 -> P2=-, -=P2, -=P3
    assert _pairs(after) == ["P1=P1", "P2=-", "-=P2", "-=P3", "P3=-", "P4+P5=P4", "-=P5", "P6=P6"]
    assert touched_pair_ids(base, after) == {"P2=-", "-=P2", "-=P3"}
    assert _covers_every_unit_once(after)


def test_unlink_an_unaligned_bead_is_refused(base: Alignment) -> None:
    with pytest.raises(AlignmentError, match="not linked"):
        unlink(base, 2)


def test_link_joins_two_unaligned_units_in_document_order(base: Alignment) -> None:
    assert unaligned_units(base, "original") == (2,)
    assert unaligned_units(base, "translation") == (4,)
    after = link(base, 2, 4)
    assert _pairs(after) == ["P1=P1", "P2=P2+P3", "P3=P5", "P4+P5=P4", "P6=P6"]
    new = after.beads[2]
    assert (new.kind, new.score, new.confidence) == (KIND_ONE_ONE, 1.0, 1.0)
    assert unaligned_units(after, "original") == ()
    assert touched_pair_ids(base, after) == {"P3=P5"}


def test_link_takes_one_unit_out_of_a_larger_unaligned_group() -> None:
    alignment = _alignment(
        [Bead((0,), (0,)), Bead((1, 2), ()), Bead((), (1, 2))], n_orig=3, n_trans=3
    )
    after = link(alignment, 2, 1)
    assert _pairs(after) == ["P1=P1", "P2=-", "P3=P2", "-=P3"]
    assert _covers_every_unit_once(after)


def test_link_refuses_units_that_are_already_linked(base: Alignment) -> None:
    with pytest.raises(AlignmentError, match="Original P1 is already linked"):
        link(base, 0, 4)
    with pytest.raises(AlignmentError, match="Translation P2 is already linked"):
        link(base, 2, 1)


def test_link_refuses_units_out_of_range(base: Alignment) -> None:
    with pytest.raises(AlignmentError, match="original has no paragraph number 6"):
        link(base, 6, 4)
    with pytest.raises(AlignmentError, match="translation has no paragraph number -1"):
        link(base, 2, -1)


def test_operations_do_not_change_their_input(base: Alignment) -> None:
    snapshot = base.notation()
    merge_with_next(base, 0)
    split(base, 1)
    unlink(base, 0)
    link(base, 2, 4)
    assert base.notation() == snapshot


def test_undo_by_keeping_previous_alignments(base: Alignment) -> None:
    history = [base]
    history.append(merge_with_next(history[-1], 0))
    history.append(split(history[-1], 0))
    assert _pairs(history[-1])[:3] == ["P1=P1", "P2=P2", "-=P3"]
    history.pop()
    history.pop()
    assert history[-1] is base


def test_edited_alignment_keeps_documents_and_settings(base: Alignment) -> None:
    after = merge_with_next(base, 0)
    assert after.original is base.original
    assert after.translation is base.translation
    assert after.settings == base.settings


def test_moved_beads_stay_at_their_original_position() -> None:
    # P3 of the original was moved to the end of the translation.
    beads = [
        Bead((0,), (0,)),
        Bead((1,), (1,)),
        Bead((2,), (4,), kind=KIND_MOVED),
        Bead((3,), (2,)),
        Bead((4,), (3,)),
    ]
    alignment = _alignment(beads, n_orig=5, n_trans=5)
    assert sort_beads(alignment.beads) == alignment.beads
    after = unlink(alignment, 0)
    assert after.beads[3] is beads[2]
    assert _pairs(after) == ["P1=-", "-=P1", "P2=P2", "P3=P5", "P4=P3", "P5=P4"]


def test_touched_pair_ids_of_identical_alignments_is_empty(base: Alignment) -> None:
    assert touched_pair_ids(base, base) == set()


@st.composite
def _monotone_alignments(draw: st.DrawFn) -> Alignment:
    """Random in-order alignments of up to 6 x 6 units (every unit used once)."""
    n_o = draw(st.integers(1, 6))
    n_t = draw(st.integers(1, 6))
    beads: list[Bead] = []
    i = j = 0
    while i < n_o or j < n_t:
        take_o = draw(st.integers(0, min(2, n_o - i)))
        take_t = draw(st.integers(0, min(2, n_t - j)))
        if take_o == take_t == 0:
            if i < n_o:
                take_o = 1
            else:
                take_t = 1
        beads.append(Bead(tuple(range(i, i + take_o)), tuple(range(j, j + take_t))))
        i, j = i + take_o, j + take_t
    return _alignment(beads, n_orig=n_o, n_trans=n_t)


@settings(max_examples=60, deadline=None)
@given(_monotone_alignments(), st.data())
def test_every_edit_keeps_each_unit_in_exactly_one_bead(alignment: Alignment, data) -> None:
    assert sort_beads(alignment.beads) == alignment.beads
    index = data.draw(st.integers(0, len(alignment) - 1))
    for operation in (merge_with_next, split, unlink):
        try:
            after = operation(alignment, index)
        except AlignmentError:
            continue
        assert _covers_every_unit_once(after)
        # the result is in document order on the original side
        firsts = [b.original[0] for b in after.beads if b.original]
        assert firsts == sorted(firsts)
        assert touched_pair_ids(alignment, after)
