"""Group statistics from value counts (pure pandas/numpy, no database).

A dimension score takes few distinct values (its questions have few options), so "how many
assessments of this group scored exactly v" is a short table that SQL can produce with a
hash GROUP BY, and that sums up from groups to subtotals without touching single
assessments again. Mean and quantiles are computed exactly from it; quantiles interpolate
linearly between order statistics, as PostgreSQL's ``percentile_cont`` and numpy's default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from zzcheck.analytics.privacy import ALL

QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)
STAT_COLUMNS = ("count", "mean", "p10", "q1", "median", "q3", "p90")


@dataclass(frozen=True)
class Stat:
    """One measure of one group: rated count, mean, and the quantiles a box plot needs.

    The whiskers are the 10th and 90th percentile, not minimum and maximum: those would be
    single companies' scores.
    """

    count: int
    mean: float
    p10: float
    q1: float
    median: float
    q3: float
    p90: float


def describe(
    value_counts: pd.DataFrame, keys: Sequence[str], levels: Sequence[int]
) -> pd.DataFrame:
    """Statistics per group and measure, for each level (how many of ``keys`` are kept;
    the others become ALL), from columns ``*keys, measure, score, n``."""
    frames = [_describe_level(value_counts, list(keys), level) for level in levels]
    return pd.concat(frames, ignore_index=True)


def _describe_level(vc: pd.DataFrame, keys: list[str], level: int) -> pd.DataFrame:
    """Vectorised over all groups: value counts sorted by group and score, so a group's
    order statistics are found by binary search in the running total of counts."""
    by = [*keys[:level], "measure"]
    summed = vc.groupby([*by, "score"], sort=True)["n"].sum().reset_index()
    if summed.empty:
        return pd.DataFrame(columns=[*keys, "measure", *STAT_COLUMNS])
    gid = summed.groupby(by, sort=False).ngroup().to_numpy()
    n = summed["n"].to_numpy(dtype=np.float64)
    score = summed["score"].to_numpy(dtype=np.float64)
    ends = np.cumsum(n)
    first = np.flatnonzero(np.r_[True, gid[1:] != gid[:-1]])
    totals = np.bincount(gid, weights=n)
    frame = summed.iloc[first][by].reset_index(drop=True)
    frame["count"] = totals.astype(np.int64)
    frame["mean"] = np.bincount(gid, weights=n * score) / totals
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
    ``*keys, measure, score, n`` (unrated scores left out)."""
    keys = list(keys)
    codes = scores.groupby(keys, sort=False).ngroup().to_numpy()
    groups = _group_table(scores, keys, codes)
    parts = []
    for measure in scores.columns.difference(keys, sort=False):
        values = scores[measure].to_numpy(dtype=np.float64)
        rated = ~np.isnan(values)
        pairs = pd.DataFrame({"group": codes[rated], "score": values[rated]})
        counted = pairs.value_counts(sort=False).rename("n").reset_index()
        counted["measure"] = measure
        parts.append(counted)
    if not parts:
        return pd.DataFrame(columns=[*keys, "measure", "score", "n"])
    joined = pd.concat(parts, ignore_index=True).join(groups, on="group")
    return joined[[*keys, "measure", "score", "n"]]


def _group_table(scores: pd.DataFrame, keys: list[str], codes: np.ndarray) -> pd.DataFrame:
    """The key values of each group number (``ngroup``), indexed by that number."""
    first = pd.Series(np.arange(len(codes))).groupby(codes).first()
    return scores[keys].iloc[first.to_numpy()].set_index(first.index)
