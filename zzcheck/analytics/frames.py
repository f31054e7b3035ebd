"""From the packed groups of ``queries.packed_groups`` to one row per assessment: the key
columns and one column per measure, for ``stats.value_counts``.

Key columns never hold None or NaN: a value the respondent did not give is ``NOT_GIVEN``
(""), so pandas groups it like any other value and it stays a part of every total. A score
that was not rated is NaN.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from zzcheck.analytics.queries import OVERALL, PackedGroup
from zzcheck.storage.score_summary import unpack


def scores_frame(
    groups: Sequence[PackedGroup],
    keys: Sequence[str],
    layouts: Mapping[int, Sequence[str]],
    dimensions: Sequence[str],
) -> pd.DataFrame:
    """Columns ``*keys, OVERALL, *dimensions``; ``layouts`` gives each version's packed
    dimension order (a dimension a version lacks is NaN for its assessments)."""
    measures = [OVERALL, *dimensions]
    blocks = [_unpack(group, layouts[group.version_id], measures) for group in groups]
    matrix = np.concatenate(blocks) if blocks else np.empty((0, len(measures)))
    frame = pd.DataFrame(matrix, columns=measures)
    sizes = [group.n for group in groups]
    for i, key in enumerate(keys):
        # categorical: grouping by it later reads integer codes, not 100,000 strings
        codes, values = pd.factorize(np.array([group.values[i] for group in groups], dtype=object))
        column = pd.Categorical.from_codes(np.repeat(codes, sizes), categories=values)
        frame.insert(i, key, column)
    return frame


def _unpack(group: PackedGroup, layout: Sequence[str], measures: Sequence[str]) -> np.ndarray:
    width = 1 + len(layout)
    packed = unpack(group.scores, group.n, width)
    # position of each measure in the packed vector; ``width`` points at an added NaN column
    positions = [0, *(1 + layout.index(m) if m in layout else width for m in measures[1:])]
    padded = np.hstack([packed, np.full((group.n, 1), np.nan)])
    return padded[:, positions]
