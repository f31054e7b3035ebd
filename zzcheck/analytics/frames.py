"""Rows from SQL to pandas DataFrames, with key values as plain text.

Key columns never hold None or NaN: a value the respondent did not give becomes
``NOT_GIVEN`` (""), so pandas groups it like any other value and it stays a part of every
total.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy.sql import Executable

from zzcheck.analytics.keys import NOT_GIVEN
from zzcheck.storage.base import DbSession


def key_frame(frame: pd.DataFrame, keys: Sequence[str]) -> pd.DataFrame:
    """``frame`` with every key column as text, None → NOT_GIVEN; other columns (but
    ``measure``) as floats, None → NaN."""
    for key in keys:
        frame[key] = frame[key].astype(object).where(frame[key].notna(), NOT_GIVEN).astype(str)
    for column in frame.columns.difference([*keys, "measure"], sort=False):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame


def fetch_frame(
    session: DbSession, query: Executable, columns: Sequence[str], keys: Sequence[str]
) -> pd.DataFrame:
    """Run ``query`` and read its rows straight from the DBAPI cursor into a DataFrame.

    Many rows (one per assessment, on SQLite) cost little this way: no Row objects and no
    result processing, which took about as long as the query itself at 100,000 rows.
    """
    cursor = session.connection().execute(query).cursor
    frame = pd.DataFrame.from_records(cursor.fetchall(), columns=list(columns))
    return key_frame(frame, keys)
