"""k-anonymity rules on constructed cubes (no database): primary suppression of groups under
k, complementary suppression so no small group follows by subtraction."""

from __future__ import annotations

from collections import defaultdict
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zzcheck.analytics.privacy import ALL, Hierarchy, Suppression, cell, min_group_size, suppress

FLAT = Hierarchy()


def one_key(counts: dict[str, int], k: int = 5) -> Suppression:
    return suppress({(key,): n for key, n in counts.items()}, [FLAT], k)


def hidden_keys(result: Suppression) -> set[str]:
    return {key[0][1] for key in result.hidden if key[0][0] == 0}


def test_k_defaults_to_5_and_never_goes_below_3() -> None:
    assert min_group_size(None) == 5
    assert min_group_size("7") == 7
    assert min_group_size(2) == 3
    assert min_group_size("1") == 3
    assert min_group_size("viele") == 5


def test_suppress_refuses_a_k_below_3() -> None:
    with pytest.raises(ValueError, match="at least 3"):
        one_key({"A": 10}, k=2)


def test_a_group_of_4_is_hidden_and_a_group_of_5_is_shown() -> None:
    result = one_key({"A": 4, "B": 5, "C": 6, "D": 20})
    # A (4) is under k; hiding it alone would let total − B − C − D = A: the smallest
    # shown group (B, 5) is hidden too. C and D and the total stay.
    assert hidden_keys(result) == {"A", "B"}
    assert result.shown(cell([0], ["C"])) and result.shown(cell([0], ["D"]))
    assert result.shown(cell([1], [ALL]))
    assert result.counts[cell([1], [ALL])] == 35


def test_a_group_of_exactly_k_with_no_small_sibling_is_shown() -> None:
    result = one_key({"A": 5, "B": 9})
    assert result.hidden == frozenset()
    assert result.shown(cell([0], ["A"]))


def test_a_total_with_one_small_part_hides_the_other_part_too() -> None:
    result = one_key({"small": 3, "big": 27})
    assert hidden_keys(result) == {"small", "big"}
    assert result.shown(cell([1], [ALL]))  # the total (30) itself is fine


def test_hidden_parts_that_sum_to_less_than_k_take_the_next_smallest_along() -> None:
    result = one_key({"a": 1, "b": 2, "c": 8, "d": 9, "e": 30})
    # a + b = 3 < 5: hiding both would still reveal a group of 3 as total − c − d − e.
    assert hidden_keys(result) == {"a", "b", "c"}


def test_two_hidden_parts_of_at_least_k_together_need_nothing_more() -> None:
    result = one_key({"a": 3, "b": 3, "c": 10})
    assert hidden_keys(result) == {"a", "b"}


def test_a_small_total_hides_everything_below_it() -> None:
    result = one_key({"a": 2, "b": 2})
    assert result.hidden == frozenset({cell([0], ["a"]), cell([0], ["b"]), cell([1], [ALL])})


def test_two_keys_protect_rows_and_columns() -> None:
    counts = {("BY", "small"): 3, ("BY", "big"): 10, ("SN", "small"): 10, ("SN", "big"): 10}
    result = suppress(counts, [FLAT, FLAT], 5)
    # Hiding BY×small alone is undone by the row (BY total) and the column (small total);
    # the only pattern that protects it is hiding all four cells. The margins stay shown.
    assert {key for key in result.hidden if key[0][0] == 0 and key[1][0] == 0} == {
        cell([0, 0], list(pair)) for pair in counts
    }
    for margin in [
        cell([0, 1], ["BY", ALL]),
        cell([1, 0], [ALL, "small"]),
        cell([1, 1], [ALL, ALL]),
    ]:
        assert result.shown(margin)


def test_states_inside_a_centre_are_protected_against_the_centre_total() -> None:
    centre_of = {"DE-BE": "berlin-brandenburg", "DE-BB": "berlin-brandenburg", "DE-SN": "sachsen"}
    geo = Hierarchy((centre_of.__getitem__,))
    result = suppress({("DE-BE",): 40, ("DE-BB",): 3, ("DE-SN",): 50}, [geo], 5)
    # The centre total (43) is public through a query by centre: Berlin (40) would give
    # Brandenburg (3) away, so Berlin is hidden too; Saxony is not affected.
    assert result.hidden == frozenset({cell([0], ["DE-BB"]), cell([0], ["DE-BE"])})
    assert result.shown(cell([1], ["berlin-brandenburg"]))
    assert result.shown(cell([0], ["DE-SN"]))


def test_a_hidden_total_is_not_left_as_the_sum_of_shown_parts() -> None:
    # Saxony (3) is hidden, so Bavaria (9) is hidden too (else total − Bavaria = Saxony).
    # Bavaria's only part by size, Bavaria × a (9), would show Bavaria's count again: the
    # rule for a hidden total hides it as well.
    result = suppress({("BY", "a"): 9, ("SN", "b"): 3}, [FLAT, FLAT], 5)
    assert cell([0, 1], ["BY", ALL]) in result.hidden
    assert cell([0, 0], ["BY", "a"]) in result.hidden
    assert result.shown(cell([1, 1], [ALL, ALL]))


def test_the_same_group_is_hidden_the_same_way_in_a_bigger_cube() -> None:
    """A group reached by grouping on fewer keys or by a filter gets the same decision."""
    small = {("BY",): 4, ("SN",): 9, ("BE",): 30}
    bigger = {("BY", "x"): 2, ("BY", "y"): 2, ("SN", "x"): 9, ("BE", "x"): 10, ("BE", "y"): 20}
    alone = suppress(small, [FLAT], 5)
    within = suppress(bigger, [FLAT, FLAT], 5)
    for state in small:
        assert alone.shown(cell([0], [state[0]])) == within.shown(cell([0, 1], [state[0], ALL]))


@st.composite
def cubes(draw: st.DrawFn) -> dict[tuple[str, str], int]:
    rows = draw(st.integers(1, 4))
    cols = draw(st.integers(1, 4))
    counts = {}
    for r, c in product(range(rows), range(cols)):
        n = draw(st.integers(0, 12))
        if n:
            counts[(f"r{r}", f"c{c}")] = n
    return counts


@settings(max_examples=300, deadline=None)
@given(cubes(), st.integers(3, 6))
def test_no_line_ever_reveals_a_small_group(counts: dict[tuple[str, str], int], k: int) -> None:
    """In every line (parts along one key under one total) either nothing is hidden, or at
    least two parts are and they hold at least k; every group under k is hidden."""
    result = suppress(counts, [FLAT, FLAT], k)
    for key, n in result.counts.items():
        if n < k:
            assert key in result.hidden
    lines: dict[tuple[int, object], list[tuple[object, ...]]] = defaultdict(list)
    for key in result.counts:
        for axis in (0, 1):
            if key[axis][0] == 0:
                parent = list(key)
                parent[axis] = (1, ALL)
                lines[(axis, tuple(parent))].append(key)
    for (_axis, parent), parts in lines.items():
        hidden = [p for p in parts if p in result.hidden]
        if hidden and len(hidden) < len(parts):
            assert len(hidden) >= 2
            assert sum(result.counts[p] for p in hidden) >= k
        if parent in result.hidden:
            assert hidden, "a hidden total must not be the sum of shown parts"
