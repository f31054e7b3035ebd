"""A campaign's results as stored once at closing (``storage.campaign_results``) and read
back on every view: ``TeamResults`` ↔ plain JSON. The stored data is what the analysis let
through, before any words of a page language, so the page, the downloads and the PDF read
one fixed set of figures in German or English. A next step is kept as its recommendation's
id and found again in the campaign's pinned questionnaire version.
"""

from __future__ import annotations

from typing import Any

from zzcheck.questionnaire.model import Questionnaire
from zzcheck.team.analysis import DimensionRow, TeamResults
from zzcheck.team.gaps import GapStep
from zzcheck.team.items import AnswerCount, ItemSpread
from zzcheck.team.needs import NeedRow, NeedsTable

FORMAT = 1


def dump(results: TeamResults) -> dict[str, Any]:
    """The results as JSON-ready data."""
    needs = results.needs
    return {
        "format": FORMAT,
        "total": results.total,
        "k": results.k,
        "groups": [list(group) for group in results.groups],
        "dimensions": [_dump_dimension(row) for row in results.dimensions],
        "disagreements": [_dump_item(item) for item in results.disagreements],
        "next_steps": [[s.recommendation.id, s.gap] for s in results.next_steps],
        "needs": None if needs is None else _dump_needs(needs),
    }


def load(questionnaire: Questionnaire, data: dict[str, Any]) -> TeamResults:
    """The results stored by ``dump``, for the questionnaire they were computed with."""
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown snapshot format {data.get('format')!r}")
    rules = {rec.id: rec for rec in questionnaire.gap_recommendations}
    return TeamResults(
        total=data["total"],
        k=data["k"],
        groups=[(group, n) for group, n in data["groups"]],
        dimensions=[_load_dimension(row) for row in data["dimensions"]],
        disagreements=[_load_item(item) for item in data["disagreements"]],
        next_steps=[GapStep(rules[rule], gap) for rule, gap in data["next_steps"]],
        needs=None if data["needs"] is None else _load_needs(data["needs"]),
    )


def _dump_dimension(row: DimensionRow) -> dict[str, Any]:
    quartiles = None if row.quartiles is None else list(row.quartiles)
    means = [[group, mean] for group, mean in row.means.items()]  # pairs: the order stays
    return {"id": row.id, "means": means, "gap": row.gap, "quartiles": quartiles}


def _load_dimension(row: dict[str, Any]) -> DimensionRow:
    quartiles = row["quartiles"]
    return DimensionRow(
        row["id"],
        {group: mean for group, mean in row["means"]},
        row["gap"],
        None if quartiles is None else (quartiles[0], quartiles[1]),
    )


def _dump_item(item: ItemSpread) -> dict[str, Any]:
    counts = [[list(count.options), count.count] for count in item.counts]
    return {"question": item.question_id, "n": item.n, "spread": item.spread, "counts": counts}


def _load_item(item: dict[str, Any]) -> ItemSpread:
    counts = [AnswerCount(tuple(options), count) for options, count in item["counts"]]
    return ItemSpread(item["question"], item["n"], item["spread"], counts)


def _dump_needs(needs: NeedsTable) -> dict[str, Any]:
    rows = [[row.question_id, row.target, row.shares] for row in needs.rows]
    return {"columns": [list(column) for column in needs.columns], "rows": rows}


def _load_needs(needs: dict[str, Any]) -> NeedsTable:
    columns = [(group, n) for group, n in needs["columns"]]
    return NeedsTable(columns, [NeedRow(q, target, shares) for q, target, shares in needs["rows"]])
