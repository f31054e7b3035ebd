"""The keys aggregates group and filter by, their SQL expressions and their hierarchies.

Eight keys in four families with levels (finest first): geography (state → centre),
period (month → quarter → year), and the flat industry, size and works council. Values are
the stored codes (``DE-BY``, ``C``, ``10-49``, ``yes``), centre ids, and periods written
``2025-03``, ``2025-Q1``, ``2025`` (UTC, from the month of completion). None is a group of its own
("keine Angabe"), since it is a part of every total.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Integer, String, case, cast, func, literal
from sqlalchemy.sql.elements import ColumnElement

from zzcheck.analytics.privacy import ALL, Hierarchy, Step
from zzcheck.questionnaire.profile import PROFILE_FIELDS
from zzcheck.storage.models import ScoreSummary

NOT_GIVEN = ""  # the value of a key the respondent did not give (NULL in the database)
PERIODS = ("month", "quarter", "year")
GROUP_KEYS = ("state", "centre", "industry", "size", "works_council", "period")
FAMILIES: Mapping[str, tuple[str, ...]] = {
    "geo": ("state", "centre"),
    "period": PERIODS,
    "industry": ("industry",),
    "size": ("size",),
    "works_council": ("works_council",),
}
FAMILY_OF = {key: family for family, keys in FAMILIES.items() for key in keys}
PROFILE_COLUMNS = {
    "state": ScoreSummary.state,
    "industry": ScoreSummary.industry,
    "size": ScoreSummary.size,
    "works_council": ScoreSummary.works_council,
}
_PERIOD_FORMATS = {
    "month": re.compile(r"\d{4}-(0[1-9]|1[0-2])"),
    "quarter": re.compile(r"\d{4}-Q[1-4]"),
    "year": re.compile(r"\d{4}"),
}


def period_level(value: str) -> str | None:
    """``month``, ``quarter`` or ``year`` for a period value, or None if it is none of them."""
    return next((level for level, rx in _PERIOD_FORMATS.items() if rx.fullmatch(value)), None)


def quarter_of(month: str) -> str:
    """``2025-05`` → ``2025-Q2``."""
    return f"{month[:4]}-Q{(int(month[5:7]) + 2) // 3}" if month else NOT_GIVEN


def year_of(period: str) -> str:
    """``2025-Q2`` or ``2025-05`` → ``2025``."""
    return period[:4] if period else NOT_GIVEN


def finest(keys: Sequence[str]) -> dict[str, str]:
    """Per family touched by ``keys``, its finest key among them (family → key)."""
    chosen: dict[str, str] = {}
    for key in keys:
        family = FAMILY_OF[key]
        levels = FAMILIES[family]
        if family not in chosen or levels.index(key) < levels.index(chosen[family]):
            chosen[family] = key
    return chosen


def level_in_family(key: str, finest_key: str) -> int:
    """How many levels ``key`` lies above the family's finest key of a cube."""
    levels = FAMILIES[FAMILY_OF[key]]
    return levels.index(key) - levels.index(finest_key)


def hierarchy(finest_key: str, centres: Mapping[str, str]) -> Hierarchy:
    """The levels above ``finest_key`` in its family, as steps for ``privacy.suppress``."""
    levels = FAMILIES[FAMILY_OF[finest_key]]
    steps: dict[str, Step] = {
        "state": lambda state: centres.get(state, NOT_GIVEN),
        "month": quarter_of,
        "quarter": year_of,
    }
    chain: tuple[Step, ...] = tuple(steps[key] for key in levels[levels.index(finest_key) : -1])
    return Hierarchy(chain)


def expression(key: str, centres: Mapping[str, str]) -> ColumnElement[Any]:
    """The SQL expression of a key over ``score_summary`` (the same on SQLite and PostgreSQL)."""
    if key in PROFILE_COLUMNS:
        return PROFILE_COLUMNS[key].expression
    if key == "centre":
        if not centres:
            return cast(literal(None), String)
        return case(dict(centres), value=ScoreSummary.state, else_=None)
    month = ScoreSummary.month  # 2025-03
    year = func.substr(month, 1, 4, type_=String)
    if key == "month":
        return month.expression
    if key == "quarter":
        number = (cast(func.substr(month, 6, 2), Integer) + 2) // 3
        return year.concat("-Q").concat(cast(number, String))
    if key == "year":
        return year
    raise ValueError(f"unknown key {key!r}")


def sort_key(key: str, value: str) -> tuple[int, int | str]:
    """Order of a key's values in tables: the profile's code order, periods in time; a value
    not given comes after the others, ALL (a subtotal) last."""
    if value == ALL:
        return (3, "")
    if value == NOT_GIVEN:
        return (2, "")
    codes = list(PROFILE_FIELDS.get(key, ()))
    return (0, codes.index(value)) if value in codes else (1, value)


def period_values(first: str, last: str) -> list[str]:
    """Years, quarters and months from month ``first`` to month ``last`` (``YYYY-MM``),
    newest first within each unit: the choices of a period filter."""
    months = []
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    quarters = sorted({quarter_of(m) for m in months}, reverse=True)
    years = sorted({year_of(m) for m in months}, reverse=True)
    return [*years, *quarters, *reversed(months)]
