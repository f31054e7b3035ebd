"""Aggregates over constructed rows on SQLite and PostgreSQL: counts, means and quantiles
match figures computed here from the same rows; groups under k are hidden."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime

import pytest
from assessmentrows import DIMENSIONS, Row, expected, random_rows

from zzcheck.analytics.aggregate import Aggregate, AggregateQuery, GroupRow, QueryError, aggregate
from zzcheck.analytics.keys import NOT_GIVEN
from zzcheck.analytics.privacy import ALL, published_stats
from zzcheck.analytics.queries import OVERALL
from zzcheck.extensions import db
from zzcheck.questionnaire.loader import LoadedQuestionnaire, load_text

Add = Callable[[Sequence[Row]], list[Row]]
MEASURES = {OVERALL: "overall", **{d: d for d in DIMENSIONS}}


def run(query: AggregateQuery, centres: dict[str, str] | None = None, k: int = 5) -> Aggregate:
    return aggregate(db.session, query, dimensions=DIMENSIONS, centres=centres or {}, k=k)


def members(rows: Iterable[Row], keys: Sequence[str], values: Sequence[str]) -> list[Row]:
    """The rows of one table row (ALL matches everything, NOT_GIVEN matches None)."""

    def value(row: Row, key: str) -> str:
        raw = getattr(row, key)
        return NOT_GIVEN if raw is None else raw

    return [
        r
        for r in rows
        if all(v == ALL or value(r, k) == v for k, v in zip(keys, values, strict=True))
    ]


def assert_matches(row: GroupRow, group: list[Row]) -> None:
    assert row.n == len(group)
    for measure, name in MEASURES.items():
        want = expected(group, name)
        got = row.stats.get(measure)
        if want is None or want["count"] < 5:
            assert got is None
            continue
        assert got is not None
        shown = ("count", *published_stats(want["count"], 5))  # quantiles from 3·k, 10·k
        for stat, value in want.items():
            if stat not in shown:
                assert getattr(got, stat) is None, (row.values, measure, stat)
                continue
            assert getattr(got, stat) == pytest.approx(value, abs=1e-9), (row.values, measure, stat)


def test_groups_subtotals_and_total_match_the_rows(add: Add) -> None:
    rows = add(random_rows(150))
    agg = run(AggregateQuery("ki-readiness", ("state", "size")))
    assert agg.versions == ("1.1",)
    assert agg.keys == ("state", "size")
    assert agg.hidden == 0
    levels = {row.level for row in agg.rows}
    assert levels == {0, 1, 2}
    assert len([r for r in agg.rows if r.level == 2]) == 6  # 3 states × 2 sizes
    for row in agg.rows:
        assert_matches(row, members(rows, agg.keys, row.values))
    assert agg.total is not None and agg.total.n == 150
    assert agg.rows[-1] is agg.total  # the total comes last, each subtotal after its groups
    assert [r.level for r in agg.rows[:3]] == [2, 2, 1]


def test_a_small_group_and_its_complement_are_hidden_everywhere(add: Add) -> None:
    rows = add(
        [Row(state="DE-HH", overall=10.0 + i) for i in range(4)]
        + [Row(state="DE-HB", overall=20.0 + i) for i in range(5)]
        + [Row(state="DE-BY", overall=50.0 + i) for i in range(20)]
    )
    agg = run(AggregateQuery("ki-readiness", ("state",)))
    by_state = {row.values[0]: row for row in agg.rows}
    assert by_state["DE-HH"].n is None and by_state["DE-HH"].stats == {}
    assert by_state["DE-HB"].n is None and by_state["DE-HB"].stats == {}  # complement
    assert_matches(by_state["DE-BY"], rows[9:])
    assert_matches(by_state[ALL], rows)
    assert [row.values[0] for row in agg.groups()] == ["DE-BY"]


def test_a_filter_reaches_a_group_with_the_same_decision_as_grouping(add: Add) -> None:
    add(
        [Row(state="DE-HH", size="1-9")] * 4
        + [Row(state="DE-HB", size="1-9")] * 3
        + [Row(state="DE-HB", size="10-49")] * 3
        + [Row(state="DE-BY", size="10-49")] * 20
    )
    grouped = {r.values[0]: r for r in run(AggregateQuery("ki-readiness", ("state",))).rows}
    for state, row in grouped.items():
        if state == ALL:
            continue
        filtered = run(AggregateQuery("ki-readiness", ("size",), {"state": state}))
        assert filtered.total is not None
        assert filtered.total.shown == row.shown, state
    assert not grouped["DE-HB"].shown  # 6 ≥ k, but hidden to protect Hamburg (4)


def test_filters_narrow_the_rows(add: Add) -> None:
    rows = add(random_rows(150, seed=3))
    query = AggregateQuery("ki-readiness", ("size",), {"industry": "C", "works_council": "yes"})
    agg = run(query)
    chosen = [r for r in rows if r.industry == "C" and r.works_council == "yes"]
    assert agg.total is not None and agg.total.n == len(chosen)
    for row in agg.rows:
        assert_matches(row, members(chosen, agg.keys, row.values))


def test_a_value_not_given_is_a_group_of_its_own(add: Add) -> None:
    rows = add([Row(industry=None)] * 6 + [Row(industry="F")] * 7)
    agg = run(AggregateQuery("ki-readiness", ("industry",), {"industry": NOT_GIVEN}))
    assert [row.values for row in agg.rows] == [(NOT_GIVEN,), (ALL,)]
    assert agg.rows[0].n == 6
    assert_matches(agg.rows[0], rows[:6])


@pytest.mark.parametrize(
    ("unit", "keys"),
    [
        ("month", ["2025-01", "2025-02", "2025-04"]),
        ("quarter", ["2025-Q1", "2025-Q2"]),
        ("year", ["2025"]),
    ],
)
def test_periods_group_by_month_quarter_and_year(add: Add, unit: str, keys: list[str]) -> None:
    def at(month: int, day: int) -> datetime:
        return datetime(2025, month, day, 23, 30, tzinfo=UTC)

    add(
        [Row(completed_at=at(1, 31))] * 5
        + [Row(completed_at=at(2, 1))] * 6
        + [Row(completed_at=at(4, 30))] * 7
    )
    agg = run(AggregateQuery("ki-readiness", ("period",), period=unit))
    assert agg.keys == (unit,)
    assert [row.values[0] for row in agg.groups()] == keys
    counts = {"month": [5, 6, 7], "quarter": [11, 7], "year": [18]}[unit]
    assert [row.n for row in agg.groups()] == counts


def test_a_period_filter_in_another_unit(add: Add) -> None:
    add(
        [Row(completed_at=datetime(2024, 12, 1, tzinfo=UTC))] * 5
        + [Row(completed_at=datetime(2025, 3, 1, tzinfo=UTC))] * 8
    )
    agg = run(AggregateQuery("ki-readiness", ("period",), {"period": "2025"}, period="quarter"))
    assert [(row.values[0], row.n) for row in agg.rows] == [("2025-Q1", 8), (ALL, 8)]


def test_centres_group_the_states_they_cover(add: Add, centres: dict[str, str]) -> None:
    rows = add([Row(state="DE-SN")] * 6 + [Row(state="DE-BY")] * 8 + [Row(state=None)] * 5)
    agg = run(AggregateQuery("ki-readiness", ("centre",)), centres)
    found = {row.values[0]: row.n for row in agg.rows}
    assert found == {centres["DE-SN"]: 6, centres["DE-BY"]: 8, NOT_GIVEN: 5, ALL: 19}
    assert_matches(agg.rows[-1], rows)


def test_a_measure_rated_by_fewer_than_k_has_no_figures(add: Add) -> None:
    add(
        [Row(scores={"strategie": 30.0, "daten": None})] * 4
        + [Row(scores={"strategie": 40.0, "daten": 70.0})] * 3
    )
    agg = run(AggregateQuery("ki-readiness", ("size",)))
    group = agg.groups()[0]
    assert group.n == 7
    assert group.stats["strategie"].mean == pytest.approx((4 * 30 + 3 * 40) / 7)
    assert "daten" not in group.stats  # rated by 3 < k


def test_every_stored_version_is_covered_and_named(add: Add, loaded: LoadedQuestionnaire) -> None:
    add([Row(overall=10.0)] * 5)
    newer = load_text(
        loaded.source.replace('version: "1.1"', 'version: "1.2"'), "ki-readiness.yaml"
    )
    from assessmentrows import insert_rows

    insert_rows(db.session, newer, [Row(overall=30.0)] * 5)
    agg = run(AggregateQuery("ki-readiness", ("size",)))
    assert agg.versions == ("1.1", "1.2")
    assert agg.total is not None and agg.total.stats[OVERALL].mean == pytest.approx(20.0)


def test_filters_that_match_nothing_give_no_rows(add: Add) -> None:
    add([Row(industry="C")] * 6)
    agg = run(AggregateQuery("ki-readiness", ("state",), {"industry": "U", "period": "2019"}))
    assert agg.rows == () and agg.versions == ("1.1",)


def test_no_data_gives_no_rows(ctx: object) -> None:
    agg = run(AggregateQuery("ki-readiness", ("state",)))
    assert agg.rows == () and agg.versions == ()


@pytest.mark.parametrize(
    ("query", "code"),
    [
        (AggregateQuery("q", ("state", "centre")), "same_family"),
        (AggregateQuery("q", ("centre",), {"state": "DE-BY"}), "filter_finer"),
        (AggregateQuery("q", ("period",), {"period": "2025-03"}, period="quarter"), "filter_finer"),
        (AggregateQuery("q", ()), "group_count"),
        (AggregateQuery("q", ("state", "size", "industry", "works_council")), "group_count"),
        (AggregateQuery("q", ("colour",)), "unknown_key"),
        (AggregateQuery("q", ("period",), {"period": "May"}), "period"),
        (AggregateQuery("q", ("period",), period="week"), "period"),
    ],
)
def test_queries_that_cannot_run(query: AggregateQuery, code: str) -> None:
    assert code in query.problems()
    with pytest.raises(QueryError) as raised:
        aggregate(None, query, dimensions=(), centres={}, k=5)  # type: ignore[arg-type]
    assert code in raised.value.codes
