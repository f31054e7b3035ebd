"""Peer comparison: the closest group of at least k other companies (industry and size,
else size, else all), its size and its mean per dimension."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence

import pytest
from assessmentrows import Row

from zzcheck.analytics.peers import peer_comparison
from zzcheck.extensions import db
from zzcheck.storage.models import Assessment

Add = Callable[[Sequence[Row]], list[Row]]


def me(rows: list[Row]) -> Assessment:
    found = db.session.get(Assessment, rows[0].id)
    assert found is not None
    return found


def mean_of(rows: Sequence[Row], dimension: str) -> float:
    return statistics.fmean(s for r in rows if (s := r.scores.get(dimension)) is not None)


def test_same_industry_and_size_when_that_group_is_big_enough(add: Add) -> None:
    own = [Row(industry="C", size="10-49", scores={"strategie": 5.0, "daten": 5.0})]
    peers = [
        Row(industry="C", size="10-49", scores={"strategie": 40.0 + i, "daten": 70.0 - i})
        for i in range(6)
    ]
    others = [Row(industry="F", size="10-49")] * 10 + [Row(industry="C", size="1-9")] * 10
    rows = add(own + peers + others)
    group = peer_comparison(db.session, me(rows), k=5)
    assert group is not None
    assert group.basis == ("industry", "size")
    assert group.profile == {"industry": "C", "size": "10-49"}
    assert group.n == 6  # without the company itself
    assert group.means["strategie"] == pytest.approx(mean_of(peers, "strategie"))
    assert group.means["daten"] == pytest.approx(mean_of(peers, "daten"))


def test_falls_back_to_the_size_class(add: Add) -> None:
    own = [Row(industry="C", size="10-49")]
    few = [Row(industry="C", size="10-49", scores={"strategie": 90.0, "daten": 90.0})] * 3
    same_size = [
        Row(industry="F", size="10-49", scores={"strategie": 20.0 + i, "daten": 30.0})
        for i in range(10)
    ]
    rows = add(own + few + same_size + [Row(industry="C", size="1-9")] * 10)
    group = peer_comparison(db.session, me(rows), k=5)
    assert group is not None
    assert group.basis == ("size",) and group.profile == {"size": "10-49"}
    assert group.n == 13
    assert group.means["strategie"] == pytest.approx(mean_of(few + same_size, "strategie"))


def test_without_an_industry_the_size_class_is_the_group(add: Add) -> None:
    rows = add([Row(industry=None, size="1-9")] + [Row(industry="C", size="1-9")] * 8)
    group = peer_comparison(db.session, me(rows), k=5)
    assert group is not None and group.basis == ("size",) and group.n == 8


def test_all_companies_when_no_closer_group_may_be_shown(add: Add) -> None:
    rows = add(
        [Row(industry="C", size="250+")]
        + [Row(industry="F", size="1-9")] * 3
        + [Row(industry="G", size="10-49")] * 9
    )
    group = peer_comparison(db.session, me(rows), k=5)
    assert group is not None
    # 250+ has only the company itself; 1-9 (3) is hidden, so 10-49 (9) is hidden too
    # (all − 10-49 − 250+ would give 1-9): what is left is everybody.
    assert group.basis == () and group.n == 12


def test_no_comparison_with_fewer_than_k_others(add: Add) -> None:
    rows = add([Row()] * 5)
    assert peer_comparison(db.session, me(rows), k=5) is None  # 4 others
    assert peer_comparison(db.session, me(rows), k=4) is not None


def test_a_dimension_rated_by_fewer_than_k_peers_has_no_mean(add: Add) -> None:
    rows = add([Row()] + [Row(scores={"strategie": 50.0, "daten": None})] * 4 + [Row()] * 2)
    group = peer_comparison(db.session, me(rows), k=5)
    assert group is not None and group.n == 6
    assert group.means["strategie"] == pytest.approx((4 * 50 + 2 * 40) / 6)
    assert group.means["daten"] is None  # 2 peers rated it
