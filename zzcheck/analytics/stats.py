"""Group statistics from value counts (pure pandas/numpy, no database).

A dimension score takes few distinct values (its questions have few options), so "how many
assessments of this group scored exactly v" (``value_counts``, from one row per assessment)
is a short table that sums up from groups to subtotals without touching single assessments
again. Mean and quantiles are computed exactly from it; quantiles interpolate
linearly between order statistics, as PostgreSQL's ``percentile_cont`` and numpy's default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from zzcheck.analytics.privacy import ALL, published_stats

QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
STAT_COLUMNS = ("count", "mean", "p10", "q1", "median", "q3", "p90")


@dataclass(frozen=True)
class Stat:
    """One measure of one group: rated count, mean, and the quantiles a box plot needs;
    None where the group is too small to show it (``privacy.published_stats``).

    The whiskers are the 10th and 90th percentile, not minimum and maximum: those would be
    single companies' scores.
    """

    count: int
    mean: float
    p10: float | None
    q1: float | None
    median: float | None
    q3: float | None
    p90: float | None

    def published(self, k: int) -> Stat:
        """This statistic with what the group's size does not allow set to None."""
        shown = published_stats(self.count, k)
        hidden: dict[str, Any] = {name: None for name in STAT_COLUMNS[2:] if name not in shown}
        return replace(self, **hidden)


def describe(
    value_counts: pd.DataFrame, keys: Sequence[str], levels: Sequence[int]
) -> pd.DataFrame:
    """Statistics per group and measure, for each level (how many of ``keys`` are kept;
    the others become ALL), from columns ``*keys, measure, score, n``."""
    keys = list(keys)
    if value_counts.empty:
        return pd.DataFrame(columns=[*keys, "measure", *STAT_COLUMNS])
    # text columns as integer codes once: grouping by them is what costs, at every level
    coded = [pd.factorize(value_counts[column]) for column in [*keys, "measure"]]
    score = value_counts["score"].to_numpy(dtype=np.float64)
    n = value_counts["n"].to_numpy(dtype=np.float64)
    frames = [_describe_level(coded, score, n, keys, level) for level in levels]
    return pd.concat(frames, ignore_index=True)


def _describe_level(
    coded: list[tuple[np.ndarray, pd.Index]],
    score: np.ndarray,
    n: np.ndarray,
    keys: list[str],
    level: int,
) -> pd.DataFrame:
    """Vectorised over all groups: value counts sorted by group and score, so a group's
    order statistics are found by binary search in the running total of counts."""
    kept = [*coded[:level], coded[-1]]  # the kept keys and the measure
    gid = np.zeros(len(score), dtype=np.int64)
    for codes, uniques in kept:
        gid = gid * len(uniques) + codes
    order = np.lexsort((score, gid))
    gid, score = gid[order], score[order]
    new_value = np.r_[True, (gid[1:] != gid[:-1]) | (score[1:] != score[:-1])]
    starts = np.flatnonzero(new_value)  # equal scores of a group summed (from finer groups)
    n = np.add.reduceat(n[order], starts)
    gid, score, rows = gid[starts], score[starts], order[starts]
    new_group = np.r_[True, gid[1:] != gid[:-1]]
    group = np.cumsum(new_group) - 1
    first = np.flatnonzero(new_group)
    ends = np.cumsum(n)
    totals = np.bincount(group, weights=n)
    frame = pd.DataFrame(
        {
            name: uniques.take(codes[rows[first]])
            for name, (codes, uniques) in zip([*keys[:level], "measure"], kept, strict=True)
        }
    )
    frame["count"] = totals.astype(np.int64)
    frame["mean"] = np.bincount(group, weights=n * score) / totals
    base = ends[first] - n[first]
    for name, p in zip(STAT_COLUMNS[2:], QUANTILES, strict=True):
        frame[name] = _quantile(ends, score, base, totals, p)
    for key in keys[level:]:
        frame[key] = ALL
    return frame[[*keys, "measure", *STAT_COLUMNS]]


def _quantile(
    ends: np.ndarray, score: np.ndarray, base: np.ndarray, totals: np.ndarray, p: float
) -> np.ndarray:
    """Per group the value at rank p·(n − 1), interpolated like ``percentile_cont``."""
    rank = p * (totals - 1)
    low = np.floor(rank)
    lower = score[np.searchsorted(ends, base + low, side="right")]
    upper = score[np.searchsorted(ends, base + np.minimum(low + 1, totals - 1), side="right")]
    return np.asarray(lower + (rank - low) * (upper - lower), dtype=np.float64)


def value_counts(scores: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """From one row per assessment (``*keys`` and one column per measure) to value counts
    ``*keys, measure, score, n`` (unrated scores left out).

    Counted with hash tables on integer codes (``pd.factorize``), a quarter less time than
    ``DataFrame.value_counts`` and its join of the key values at 100,000 assessments.
    """
    keys = list(keys)
    group = np.zeros(len(scores), dtype=np.int64)
    for key in keys:
        codes, uniques = pd.factorize(scores[key])
        group = group * len(uniques) + codes
    group = pd.factorize(group)[0]  # dense again, so that the pairs below stay small
    parts = []
    for measure in scores.columns.difference(keys, sort=False):
        values = scores[measure].to_numpy(dtype=np.float64)
        rated = ~np.isnan(values)
        codes, distinct = pd.factorize(values[rated])
        pair, pair_rows = _first_rows(group[rated] * len(distinct) + codes)
        rows = np.flatnonzero(rated)[pair_rows]
        part = {key: scores[key].to_numpy()[rows] for key in keys}
        part.update(measure=measure, score=values[rows], n=np.bincount(pair))
        parts.append(pd.DataFrame(part))
    if not parts:
        return pd.DataFrame(columns=[*keys, "measure", "score", "n"])
    return pd.concat(parts, ignore_index=True)


def _first_rows(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Dense codes of ``values`` (in order of appearance) and the first row of each."""
    codes, uniques = pd.factorize(values)
    first = np.full(len(uniques), len(values), dtype=np.int64)
    np.minimum.at(first, codes, np.arange(len(values)))
    return codes, first
