"""The owner's plan as a calendar file (RFC 5545, built with ``icalendar``).

One all-day VEVENT per planned step with a date (Outlook and Google import events more
reliably than VTODOs) and one all-day reminder six months after the check was completed,
to repeat it. A calendar file gets synced to calendar servers, so it never holds the
personal link: the reminder says where to find the check in words. UIDs are derived from
the stored token hash (one-way), so importing the file again updates the entries.
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

from icalendar import Calendar, Event

from zzcheck.storage.step_plans import PlanEntry
from zzcheck.web.translate import _

PRODID = "-//Zukunftszentren//zzcheck//DE"
REMINDER_MONTHS = 6


def plan_calendar(
    check: str,
    key: str,
    steps: Sequence[Mapping[str, Any]],
    plan: Mapping[str, PlanEntry],
    completed_on: date,
) -> bytes:
    """The calendar of ``check`` (its title): the ``first`` steps of ``Result.to_dict``
    with their planned dates, and the reminder; ``key`` makes the UIDs (not secret)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", _("Plan: %(check)s", check=check))
    for step in steps:
        entry = plan.get(step["id"])
        if entry is not None and entry.due is not None:
            cal.add_component(_step_event(check, key, step, entry))
    cal.add_component(_reminder(check, key, completed_on))
    return bytes(cal.to_ical())


def _step_event(check: str, key: str, step: Mapping[str, Any], entry: PlanEntry) -> Event:
    assert entry.due is not None
    lines = [_("Erster Schritt aus Ihrem Ergebnis: %(check)s.", check=check), step["text"]]
    if entry.who:
        lines.insert(0, _("Wer kümmert sich: %(who)s", who=entry.who))
    return _all_day(f"{key}-{step['id']}", step["title"], "\n\n".join(lines), entry.due)


def _reminder(check: str, key: str, completed_on: date) -> Event:
    day = max(add_months(completed_on, REMINDER_MONTHS), datetime.now(UTC).date())
    text = _(
        "Vor einem halben Jahr haben Sie den %(check)s gemacht. Öffnen Sie Ihr Ergebnis über "
        "Ihren persönlichen Link und wählen Sie „Check wiederholen“: Sie sehen dann, was sich "
        "verändert hat.",
        check=check,
    )
    return _all_day(f"{key}-wiederholen", _("%(check)s wiederholen", check=check), text, day)


def _all_day(uid: str, summary: str, description: str, day: date) -> Event:
    event = Event()
    event.add("uid", hashlib.sha256(uid.encode()).hexdigest()[:32] + "@zzcheck")
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a to-do, not a meeting: the day stays free
    return event


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (the month's last day where it is shorter)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
