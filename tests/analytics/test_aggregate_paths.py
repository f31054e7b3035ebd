"""How the aggregates reach their figures: one GROUP BY over the score summaries gives per
group its count and packed scores; without filters the privacy cube is counted from those
groups, which must give the SQL cube's counts."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import pandas as pd
import pytest
from assessmentrows import DIMENSIONS, Row, random_rows

from zzcheck.analytics import aggregate as aggregate_module
from zzcheck.analytics import queries
from zzcheck.analytics.aggregate import AggregateQuery, cube_keys
from zzcheck.analytics.frames import scores_frame
from zzcheck.analytics.keys import NOT_GIVEN
from zzcheck.analytics.stats import value_counts
from zzcheck.extensions import db
from zzcheck.storage.score_summary import dimension_ids

Add = Callable[[Sequence[Row]], list[Row]]


@pytest.mark.parametrize(
    ("group_by", "filters"),
    [
        (("state", "size"), {}),
        (("size",), {"industry": "C", "works_council": NOT_GIVEN}),
        (("centre",), {"period": "2025-Q2", "size": "10-49"}),
    ],
)
def test_the_cube_counts_ignore_the_filters_as_the_sql_cube_does(
    add: Add, centres: dict[str, str], group_by: tuple[str, ...], filters: dict[str, str]
) -> None:
    rows = random_rows(120, seed=11)
    for i, row in enumerate(rows[:30]):
        row.works_council = None
        row.completed_at = datetime(2025, 1 + i % 12, 3, 12, tzinfo=UTC)
    add(rows)
    query = AggregateQuery("ki-readiness", group_by, filters)
    keys, chosen = query.keys, query.filter_keys
    versions = [vid for vid, _ in queries.versions(db.session, "ki-readiness")]
    scope = queries.Scope(db.session, versions, centres, chosen)
    cube = cube_keys(keys, chosen)
    counts, _ = aggregate_module._counts_and_stats(scope, keys, cube, DIMENSIONS)
    assert counts == queries.cube_counts(scope, cube)
    assert sum(counts.values()) == 120  # every assessment, whatever the filters


def test_the_packed_scores_come_back_exactly_as_stored(add: Add) -> None:
    """The GROUP BY hands back each group's scores concatenated into one value (string_agg,
    or SQLite's group_concat of BLOBs): unpacked, they are the stored rows, bit for bit,
    unrated ones NaN, in the groups they belong to."""
    rows = random_rows(60, seed=5)
    rows[0].overall, rows[1].scores = None, {}
    add(rows)
    versions = [vid for vid, _ in queries.versions(db.session, "ki-readiness")]
    scope = queries.Scope(db.session, versions, {}, {})
    groups = queries.packed_groups(scope, ["state", "size"])
    layouts = {vid: dimension_ids(db.session, vid) for vid in versions}
    wide = scores_frame(groups, ["state", "size"], layouts, ["daten", "strategie"])

    def stored(row: Row) -> tuple[object, ...]:
        values = (row.overall, row.scores.get("daten"), row.scores.get("strategie"))
        return (row.state, row.size, *(math.nan if v is None else v for v in values))

    got = sorted(map(_nan_safe, wide.itertuples(index=False, name=None)))
    assert got == sorted(_nan_safe(stored(row)) for row in rows)
    assert sum(group.n for group in groups) == 60 and len(groups) == len(
        {(row.state, row.size) for row in rows}
    )


def _nan_safe(record: tuple[object, ...]) -> tuple[object, ...]:
    """NaN compares unequal to itself: -1 (no score) instead, so that sorted tuples compare."""
    return tuple(-1.0 if isinstance(v, float) and math.isnan(v) else v for v in record)


def test_value_counts_count_each_score_per_group() -> None:
    nan = float("nan")
    scores = pd.DataFrame(
        {
            "state": ["DE-BY", "DE-BY", "DE-HH", "DE-BY", "DE-HH"],
            "_overall": [50.0, 50.0, 20.0, 70.0, nan],
            "daten": [nan, 40.0, 40.0, 40.0, 60.0],
        }
    )
    counted = value_counts(scores, ["state"])
    got = sorted(counted.itertuples(index=False, name=None))
    assert got == [
        ("DE-BY", "_overall", 50.0, 2),
        ("DE-BY", "_overall", 70.0, 1),
        ("DE-BY", "daten", 40.0, 2),
        ("DE-HH", "_overall", 20.0, 1),
        ("DE-HH", "daten", 40.0, 1),
        ("DE-HH", "daten", 60.0, 1),
    ]
