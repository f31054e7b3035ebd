"""The two ways the aggregates reach their figures: SQLite reads one row per assessment
(through the covering index of the dimension scores) and, without filters, counts the
privacy cube from that read; PostgreSQL groups in SQL. Both must give the SQL cube's counts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import pytest
from assessmentrows import DIMENSIONS, Row, random_rows
from sqlalchemy import event

from zzcheck.analytics import aggregate as aggregate_module
from zzcheck.analytics import queries
from zzcheck.analytics.aggregate import AggregateQuery, cube_keys
from zzcheck.analytics.keys import NOT_GIVEN
from zzcheck.analytics.stats import value_counts
from zzcheck.extensions import db
from zzcheck.storage.models import SCORES_INDEX

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


def test_sqlite_reads_the_scores_from_the_covering_index(add: Add) -> None:
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's read only")
    add(random_rows(20))
    statements: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_args: Any) -> None:
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        versions = [vid for vid, _ in queries.versions(db.session, "ki-readiness")]
        scope = queries.Scope(db.session, versions, {}, {})
        wide = queries.wide_scores(scope, ["state"], DIMENSIONS)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert len(wide) == 20
    connection = db.session.connection().connection.dbapi_connection
    assert connection is not None
    statement, parameters = statements[-1]
    plan = [row[3] for row in connection.execute("EXPLAIN QUERY PLAN " + statement, parameters)]
    lookups = [step for step in plan if "dimension_score" in step]
    assert len(lookups) == len(DIMENSIONS)
    assert all(f"USING COVERING INDEX {SCORES_INDEX}" in step for step in lookups), plan


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
