"""Peer comparison from the snapshot: the closest published group (industry and size, else
size, else all) of at least 10 companies, its size band and its means on the 5-point grid,
within 5 points of the exact mean; the rules themselves (band, random rounding)."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence

import pytest
from assessmentrows import Row

from zzcheck.analytics.peer_snapshot import take_peer_snapshot
from zzcheck.analytics.peers import band, dithered, peer_comparison, peer_minimum
from zzcheck.extensions import db
from zzcheck.storage.models import Assessment, utcnow

Add = Callable[[Sequence[Row]], list[Row]]
SECRET = b"test-secret"


def me(rows: list[Row]) -> Assessment:
    take_peer_snapshot(db.session, utcnow(), SECRET, 5)
    db.session.commit()
    found = db.session.get(Assessment, rows[0].id)
    assert found is not None
    return found


def mean_of(rows: Sequence[Row], dimension: str) -> float:
    return statistics.fmean(s for r in rows if (s := r.scores.get(dimension)) is not None)


def test_same_industry_and_size_when_that_group_is_big_enough(add: Add) -> None:
    group = [
        Row(industry="C", size="10-49", scores={"strategie": 40.0 + i, "daten": 70.0 - i})
        for i in range(12)
    ]
    others = [Row(industry="F", size="10-49")] * 10 + [Row(industry="C", size="1-9")] * 10
    rows = add(group + others)
    found = peer_comparison(db.session, me(rows))
    assert found is not None
    assert found.basis == ("industry", "size")
    assert found.profile == {"industry": "C", "size": "10-49"}
    assert found.companies == 10  # 12, shown as "at least 10"
    for dimension in ("strategie", "daten"):
        value = found.means[dimension]
        assert value is not None and value % 5 == 0  # the own check is one of the group
        assert abs(value - mean_of(group, dimension)) < 5


def test_falls_back_to_the_size_class(add: Add) -> None:
    own = [Row(industry="C", size="10-49")]
    few = [Row(industry="C", size="10-49", scores={"strategie": 90.0, "daten": 90.0})] * 8
    same_size = [
        Row(industry="F", size="10-49", scores={"strategie": 20.0 + i, "daten": 30.0})
        for i in range(12)
    ]
    rows = add(own + few + same_size + [Row(industry="C", size="1-9")] * 20)
    found = peer_comparison(db.session, me(rows))
    assert found is not None
    assert found.basis == ("size",) and found.profile == {"size": "10-49"}
    assert found.companies == 20  # 21
    value = found.means["strategie"]
    assert value is not None and abs(value - mean_of(own + few + same_size, "strategie")) < 5


def test_all_companies_when_no_closer_group_may_be_shown(add: Add) -> None:
    rows = add(
        [Row(industry="C", size="250+")]
        + [Row(industry="F", size="1-9")] * 6
        + [Row(industry="G", size="10-49")] * 19
    )
    found = peer_comparison(db.session, me(rows))
    assert found is not None
    # 250+ has 1, 1-9 has 6 (hidden), so 10-49 (19) is hidden too (all − 10-49 − 250+
    # would give 1-9): what is left is everybody.
    assert found.basis == () and found.companies == 20  # 26


def test_no_comparison_with_fewer_than_ten(add: Add) -> None:
    rows = add([Row()] * 9)
    assert peer_comparison(db.session, me(rows)) is None
    assert peer_minimum(5) == 10 and peer_minimum(8) == 16


def test_no_comparison_before_a_snapshot(add: Add) -> None:
    rows = add([Row()] * 12)
    found = db.session.get(Assessment, rows[0].id)
    assert found is not None and peer_comparison(db.session, found) is None


def test_a_dimension_rated_by_fewer_than_ten_has_no_mean(add: Add) -> None:
    rows = add([Row(scores={"strategie": 50.0, "daten": None})] * 4 + [Row()] * 8)
    found = peer_comparison(db.session, me(rows))
    assert found is not None and found.companies == 10
    assert found.means["strategie"] is not None
    assert found.means["daten"] is None  # 8 rated it


def test_bands() -> None:
    assert [band(n, 10) for n in (10, 19, 20, 49, 50, 99, 100, 4321)] == [
        10,
        10,
        20,
        20,
        50,
        50,
        100,
        2000,
    ]
    assert band(17, 16) == 16


@pytest.mark.parametrize("mean", [0.0, 12.3, 47.5, 50.0, 99.9, 100.0])
def test_random_rounding_is_on_the_grid_close_and_right_on_average(mean: float) -> None:
    values = [dithered(mean, SECRET, f"group {i}") for i in range(4000)]
    assert all(v % 5 == 0 and abs(v - mean) < 5 and 0 <= v <= 100 for v in values)
    assert statistics.fmean(values) == pytest.approx(mean, abs=0.3)
    assert dithered(mean, SECRET, "same") == dithered(mean, SECRET, "same")
