"""Dates as people in Germany read them: stored in UTC, shown and entered in Berlin time.

``local_date`` is a template filter (``{{ share.consented_at|local_date }}``); a date range
typed into a filter form becomes a half-open UTC range ``[from, before)`` of whole Berlin days.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import format_date

BERLIN = ZoneInfo("Europe/Berlin")
# The days a form accepts: wide enough for any real date, far from the ends of Python's
# calendar (0001-01-01 in Berlin is still year 0 in UTC: an OverflowError, not a filter).
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)


def local_date(moment: datetime | date | None) -> str:
    """``22.11.2026`` (German) or ``Nov 22, 2026`` (English); empty for None."""
    if moment is None:
        return ""
    day = moment.astimezone(BERLIN).date() if isinstance(moment, datetime) else moment
    return str(format_date(day, format="medium"))


def day_start(day: date) -> datetime:
    """The first moment (UTC) of ``day`` in Berlin."""
    return datetime.combine(day, time(), tzinfo=BERLIN).astimezone(UTC)


def day_after(day: date) -> datetime:
    """The first moment (UTC) after ``day`` in Berlin: the exclusive end of a range."""
    return day_start(day + timedelta(days=1))
