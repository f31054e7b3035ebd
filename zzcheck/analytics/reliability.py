"""Internal consistency of a dimension's questions (pure pandas/numpy).

Both figures come from the covariance matrix of the item scores (0–1 per question), with
pairwise deletion: "weiß nicht" answers and questions shown only under a condition leave
gaps, and dropping every incomplete assessment would throw most data away. With complete
data the results equal the textbook formulas.

* Cronbach's alpha = k/(k−1) · (1 − Σ var(item) / var(sum of items)).
* Corrected item-total correlation of item i: its correlation with the sum of the *other*
  items of the dimension. A low one (< 0.2) suggests the question measures something else.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

WEAK_FIT = 0.2  # below this corrected item-total correlation a question "seems not to fit"
MIN_PAIRS = 3  # covariances from fewer common answers are left out


def covariance(items: pd.DataFrame, min_pairs: int = MIN_PAIRS) -> pd.DataFrame:
    """Sample covariances (n − 1) of the item columns over the rows both answered."""
    return items.cov(min_periods=min_pairs)


def usable(cov: pd.DataFrame) -> pd.DataFrame:
    """The covariance matrix without the items that leave gaps (too few common answers,
    e.g. a question nobody was shown), dropping the one with the most gaps first."""
    while not cov.empty and cov.isna().to_numpy().any():
        worst = cov.isna().sum().idxmax()
        cov = cov.drop(index=worst, columns=worst)
    return cov


def cronbach_alpha(cov: pd.DataFrame) -> float | None:
    """Alpha from a covariance matrix; None with fewer than two items, a gap in the matrix
    or no variance at all."""
    matrix = cov.to_numpy(dtype=np.float64)
    count = len(matrix)
    total = matrix.sum()
    if count < 2 or np.isnan(matrix).any() or total <= 0:
        return None
    return float(count / (count - 1) * (1 - np.trace(matrix) / total))


def rest_correlations(cov: pd.DataFrame) -> dict[str, float | None]:
    """Corrected item-total correlation per item (None where it cannot be computed)."""
    matrix = cov.to_numpy(dtype=np.float64)
    names = [str(name) for name in cov.columns]
    result: dict[str, float | None] = {}
    for i, name in enumerate(names):
        others = [j for j in range(len(names)) if j != i]
        with_rest = matrix[i, others].sum()
        rest_variance = matrix[np.ix_(others, others)].sum()
        denominator = math.sqrt(max(matrix[i, i], 0.0) * max(rest_variance, 0.0))
        valid = others and denominator > 0 and not np.isnan(with_rest + rest_variance)
        result[name] = float(with_rest / denominator) if valid else None
    return result


def fits(correlation: float | None) -> bool | None:
    """False where a question seems not to fit its dimension; None if unknown."""
    return None if correlation is None else correlation >= WEAK_FIT
