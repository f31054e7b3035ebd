"""Aggregates of one questionnaire (all its stored versions): per group the number of
completed assessments and mean, median, quartiles (and 10th/90th percentile) of every
dimension and of the overall score, with subtotals and a total, k-anonymous.

SQL does the counting and grouping (``queries.py``: per group its count and its assessments'
packed scores), numpy and pandas the statistics (``frames.py``, ``stats.py``), ``privacy.py``
decides what is hidden. The database reads one narrow summary row per assessment in scope;
Python handles a few values per group plus numpy arrays, never a Python object per answer
or score.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from zzcheck.analytics import queries
from zzcheck.analytics.frames import scores_frame
from zzcheck.analytics.keys import (
    FAMILIES,
    FAMILY_OF,
    GROUP_KEYS,
    PERIODS,
    finest,
    hierarchy,
    level_in_family,
    period_level,
    sort_key,
)
from zzcheck.analytics.privacy import ALL, Cell, Suppression, suppress
from zzcheck.analytics.queries import OVERALL, Scope
from zzcheck.analytics.stats import Stat, describe, value_counts
from zzcheck.storage.base import DbSession
from zzcheck.storage.score_summary import dimension_ids

MAX_GROUP_KEYS = 3  # the page offers 2; the CLI export may ask for 3


class QueryError(ValueError):
    """An aggregate that cannot be asked: ``codes`` name the problems (for messages)."""

    def __init__(self, codes: Sequence[str]) -> None:
        super().__init__(", ".join(codes))
        self.codes = tuple(codes)


@dataclass(frozen=True)
class AggregateQuery:
    """What to aggregate: group keys from ``GROUP_KEYS`` ("period" in units of ``period``),
    and filters key → value ("period": ``2025``, ``2025-Q1`` or ``2025-03``)."""

    questionnaire_id: str
    group_by: tuple[str, ...]
    filters: Mapping[str, str] = field(default_factory=dict)
    period: str = "quarter"

    @property
    def keys(self) -> tuple[str, ...]:
        """The group keys with "period" replaced by its unit (month, quarter, year)."""
        return tuple(self.period if key == "period" else key for key in self.group_by)

    @property
    def filter_keys(self) -> dict[str, str]:
        """The filters with "period" replaced by the unit its value is written in."""
        return {
            (period_level(value) or "period") if key == "period" else key: value
            for key, value in self.filters.items()
        }

    def problems(self) -> list[str]:
        """Codes of what is wrong with this query (empty: it can be run)."""
        codes = []
        if not 1 <= len(self.group_by) <= MAX_GROUP_KEYS:
            codes.append("group_count")
        if any(key not in GROUP_KEYS for key in [*self.group_by, *self.filters]):
            codes.append("unknown_key")
        if self.period not in PERIODS or "period" in self.filter_keys:
            codes.append("period")
        if codes:
            return codes
        families = [FAMILY_OF[key] for key in self.keys]
        if len(set(families)) < len(families):
            codes.append("same_family")
        if any(_finer_filter(key, self.filter_keys) for key in self.keys):
            codes.append("filter_finer")
        return codes


def _finer_filter(key: str, filters: Mapping[str, str]) -> bool:
    """A filter finer than a group key of its family would make that group a single value."""
    family = FAMILIES[FAMILY_OF[key]]
    return any(
        FAMILY_OF[f] == FAMILY_OF[key] and family.index(f) < family.index(key) for f in filters
    )


@dataclass(frozen=True)
class GroupRow:
    """One line of the table: a group (``level`` = number of keys), a subtotal or the total.

    ``values`` holds one value per group key, ALL where rolled up. ``n`` is None when the
    group is hidden; ``stats`` lacks a measure that is hidden or rated by fewer than k, and
    a measure's quantiles are None where too few rated it (``privacy.published_stats``).
    """

    values: tuple[str, ...]
    level: int
    n: int | None
    stats: Mapping[str, Stat]

    @property
    def shown(self) -> bool:
        return self.n is not None


@dataclass(frozen=True)
class Aggregate:
    """The result: rows in table order (groups, then their subtotal; the total last)."""

    questionnaire_id: str
    versions: tuple[str, ...]
    keys: tuple[str, ...]
    filters: Mapping[str, str]
    measures: tuple[str, ...]
    rows: tuple[GroupRow, ...]
    k: int

    def groups(self) -> list[GroupRow]:
        """The shown rows at the finest level (no subtotals, no total)."""
        return [row for row in self.rows if row.level == len(self.keys) and row.shown]

    @property
    def total(self) -> GroupRow | None:
        return next((row for row in self.rows if row.level == 0), None)

    @property
    def hidden(self) -> int:
        return sum(1 for row in self.rows if not row.shown)


def aggregate(
    session: DbSession,
    query: AggregateQuery,
    *,
    dimensions: Sequence[str],
    centres: Mapping[str, str],
    k: int,
) -> Aggregate:
    """Run ``query`` over the completed assessments of all stored versions of the
    questionnaire; ``centres`` maps a state code to its centre id, ``k`` is the minimum
    group size (from configuration, never from a request)."""
    codes = query.problems()
    if codes:
        raise QueryError(codes)
    found = queries.versions(session, query.questionnaire_id)
    measures = (OVERALL, *dimensions)
    keys, filters = query.keys, query.filter_keys
    scope = Scope(session, [vid for vid, _ in found], centres, filters)
    rows: list[GroupRow] = []
    if found:
        cube = cube_keys(keys, filters)
        counts, stats = _counts_and_stats(scope, keys, cube, dimensions)
        hidden = suppress(counts, [hierarchy(key, centres) for key in cube], k), cube
        rows = _rows(stats, keys, filters, hidden, k)
    names = tuple(version for _, version in found)
    return Aggregate(query.questionnaire_id, names, keys, filters, measures, tuple(rows), k)


def cube_keys(keys: Sequence[str], filters: Mapping[str, str]) -> list[str]:
    """The privacy cube's keys: per family touched, its finest key, in a fixed order."""
    chosen = finest([*keys, *filters])
    return [chosen[family] for family in FAMILIES if family in chosen]


def _counts_and_stats(
    scope: Scope, keys: Sequence[str], cube: Sequence[str], dimensions: Sequence[str]
) -> tuple[dict[tuple[str, ...], int], pd.DataFrame]:
    """The privacy cube's counts (filters ignored) and the statistics per group, subtotal
    and total. Without filters the cube's cells are the groups (in another key order)."""
    groups = queries.packed_groups(scope, keys)
    layouts = {vid: dimension_ids(scope.session, vid) for vid in {g.version_id for g in groups}}
    wide = scores_frame(groups, keys, layouts, dimensions)
    if scope.filters:
        counts = queries.cube_counts(scope, cube)
    else:
        counts = defaultdict(int)
        order = [list(keys).index(key) for key in cube]
        for group in groups:
            counts[tuple(group.values[i] for i in order)] += group.n
    levels = list(range(len(keys), -1, -1))
    return dict(counts), describe(value_counts(wide, keys), keys, levels)


def _rows(
    stats: pd.DataFrame,
    keys: Sequence[str],
    filters: Mapping[str, str],
    hidden: tuple[Suppression, list[str]],
    k: int,
) -> list[GroupRow]:
    """One row per group with data in scope, at each level; hidden groups keep no numbers."""
    suppression, cube = hidden
    by_group: dict[tuple[str, ...], dict[str, Stat]] = defaultdict(dict)
    for record in stats.itertuples(index=False):
        values = tuple(str(v) for v in record[: len(keys)])
        count, *figures = record[len(keys) + 1 :]
        by_group[values][record.measure] = Stat(int(count), *map(float, figures))
    rows = []
    for values, measures in by_group.items():
        cell = _cell(values, keys, filters, cube)
        shown = suppression.shown(cell)
        visible = {m: s.published(k) for m, s in measures.items() if shown and s.count >= k}
        n = suppression.counts[cell] if shown else None
        rows.append(GroupRow(values, sum(v != ALL for v in values), n, visible))
    return sorted(rows, key=lambda row: _order(row, keys))


def _cell(
    values: Sequence[str], keys: Sequence[str], filters: Mapping[str, str], cube: Sequence[str]
) -> Cell:
    """The privacy cube cell of a table row: per cube family the group's value, else the
    filter's value, else ALL."""
    cell = []
    for cube_key in cube:
        family = FAMILY_OF[cube_key]
        grouped = [
            (key, v) for key, v in zip(keys, values, strict=True) if FAMILY_OF[key] == family
        ]
        filtered = [(key, v) for key, v in filters.items() if FAMILY_OF[key] == family]
        chosen = [(key, v) for key, v in grouped if v != ALL] or filtered
        if chosen:
            key, value = min(chosen, key=lambda item: level_in_family(item[0], cube_key))
            cell.append((level_in_family(key, cube_key), value))
        else:
            cell.append((_top_level(cube_key), ALL))
    return tuple(cell)


def _top_level(cube_key: str) -> int:
    """The level of ALL in a family whose finest cube key is ``cube_key``."""
    levels = FAMILIES[FAMILY_OF[cube_key]]
    return len(levels) - levels.index(cube_key)


def _order(row: GroupRow, keys: Sequence[str]) -> tuple[tuple[int, int | str], ...]:
    return tuple(sort_key(key, value) for key, value in zip(keys, row.values, strict=True))
