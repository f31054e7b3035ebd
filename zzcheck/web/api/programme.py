"""Programme staff's operation: the aggregates of the programme pages, run through the same
``analytics.setting.run`` with the same k from configuration, serialised as it returns
them. A hidden group keeps ``n: null`` and no statistics; nothing here decides what is shown
(that stays in ``zzcheck.analytics``, so a change to its rules flows through)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

from pydantic import BaseModel, Field

from zzcheck.analytics.aggregate import Aggregate, AggregateQuery, QueryError
from zzcheck.analytics.keys import GROUP_KEYS, PERIODS
from zzcheck.analytics.setting import run
from zzcheck.extensions import db
from zzcheck.registry import current_registry
from zzcheck.storage.accounts import PROGRAMME, User
from zzcheck.web.api.problems import ApiProblem
from zzcheck.web.api.routing import operation
from zzcheck.web.api.schemas import Query
from zzcheck.web.programme.blueprint import setting_for
from zzcheck.web.programme.forms import query_problem

Value = Annotated[str | None, Field(max_length=16)]
_KEY = "(" + "|".join(GROUP_KEYS) + ")"
GROUP_BY = f"^{_KEY}(,{_KEY}){{0,2}}$"  # one to three keys


class AggregateParams(Query):
    """``group_by``: one to three of state, centre, industry, size, works_council, period
    (comma-separated); the other fields filter by a value."""

    questionnaire: Annotated[str, Field(min_length=1, max_length=64)]
    group_by: Annotated[str, Field(pattern=GROUP_BY, max_length=80, examples=["state,size"])]
    period: Annotated[str, Field(pattern="^(" + "|".join(PERIODS) + ")$")] = "quarter"
    state: Value = None
    centre: Value = None
    industry: Value = None
    size: Value = None
    works_council: Value = None
    period_value: Annotated[str | None, Field(max_length=7)] = None


class AggregateRow(BaseModel):
    """A group, a subtotal (``level`` < number of keys) or the total (level 0); ``n`` is
    null and ``stats`` empty when the group is hidden (fewer than k companies, or it would
    let one be worked out). Within ``stats``, a quantile is null where the group is too
    small to publish it: median and quartiles from 3·k rated companies, 10th and 90th
    percentile from 10·k (the same rule as the pages and exports)."""

    values: list[str]
    level: int
    n: int | None
    stats: dict[str, dict[str, float | None]]


class AggregateOut(BaseModel):
    questionnaire_id: str
    versions: list[str]
    keys: list[str]
    filters: dict[str, str]
    measures: list[str]
    k: int
    hidden: int
    rows: list[AggregateRow]


@operation(
    "GET",
    "/aggregates",
    summary="Aggregates by region, industry, size and period, k-anonymous like the pages",
    response=AggregateOut,
    query=AggregateParams,
    roles=(PROGRAMME,),
    tag="programme",
)
def aggregates(user: User, query: AggregateParams) -> AggregateOut:
    if current_registry().get(query.questionnaire) is None:
        raise ApiProblem(404, f"There is no questionnaire {query.questionnaire!r}.")
    try:
        result = run(db.session, _aggregate_query(query), setting_for(query.questionnaire))
    except QueryError as error:
        raise ApiProblem(400, " ".join(query_problem(code) for code in error.codes)) from None
    return AggregateOut.model_validate(_serialise(result))


def _aggregate_query(params: AggregateParams) -> AggregateQuery:
    filters = {key: getattr(params, key) for key in GROUP_KEYS if key != "period"}
    filters["period"] = params.period_value
    return AggregateQuery(
        questionnaire_id=params.questionnaire,
        group_by=tuple(key.strip() for key in params.group_by.split(",")),
        filters={key: value for key, value in filters.items() if value is not None},
        period=params.period,
    )


def _serialise(result: Aggregate) -> dict[str, Any]:
    return {
        "questionnaire_id": result.questionnaire_id,
        "versions": list(result.versions),
        "keys": list(result.keys),
        "filters": dict(result.filters),
        "measures": list(result.measures),
        "k": result.k,
        "hidden": result.hidden,
        "rows": [
            {
                "values": list(row.values),
                "level": row.level,
                "n": row.n,
                "stats": {m: dataclasses.asdict(stat) for m, stat in row.stats.items()},
            }
            for row in result.rows
        ],
    }
