"""The owner's plan for the first steps of a result: who does a step, and by when.

One row per planned step (long form): the assessment, the recommendation id (one of the
result's first steps), a short free text ``who`` (a role or first name) and a ``due`` date.
Rows go with their assessment (ON DELETE CASCADE), so deleting the check or the retention
purge deletes the plan. Saving a plan drops the stored copies of the result page
(``stored_pages``): the page shows the plan, and a stored copy would show the old one.
Services flush, never commit.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import Date, ForeignKey, String, delete, insert, select
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.storage.base import Base, DbSession
from zzcheck.storage.models import Assessment, UTCDateTime, utcnow
from zzcheck.storage.stored_pages import StoredPage

WHO_LENGTH = 60  # a role or a first name, never a list of people
MAX_AHEAD = timedelta(days=731)  # a plan reaches about two years ahead


class PlannedStep(Base):
    """Who does one of the first steps, and by when (either may be empty)."""

    __tablename__ = "planned_step"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    recommendation_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    who: Mapped[str | None] = mapped_column(String(WHO_LENGTH))
    due: Mapped[date | None] = mapped_column(Date)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


@dataclass(frozen=True)
class PlanEntry:
    """What the owner entered for one step (``who`` stripped; None where left empty)."""

    who: str | None
    due: date | None


class InvalidPlan(ValueError):
    """The plan names a step that is not a first step, or a value out of range."""


def plan_of(session: DbSession, assessment_id: int) -> dict[str, PlanEntry]:
    """The stored plan by recommendation id (empty when nothing is planned)."""
    query = select(PlannedStep).where(PlannedStep.assessment_id == assessment_id)
    return {row.recommendation_id: PlanEntry(row.who, row.due) for row in session.scalars(query)}


def check_entry(entry: PlanEntry, today: date) -> str | None:
    """Why ``entry`` cannot be saved ("who", "past", "far"), or None when it can."""
    if entry.who is not None and (not entry.who.strip() or len(entry.who) > WHO_LENGTH):
        return "who"
    if entry.due is not None and entry.due < today:
        return "past"
    if entry.due is not None and entry.due > today + MAX_AHEAD:
        return "far"
    return None


def save_plan(
    session: DbSession,
    assessment: Assessment,
    first_ids: Collection[str],
    entries: Mapping[str, PlanEntry],
    today: date,
) -> None:
    """Replace the plan of a completed assessment with ``entries`` (steps left empty are
    not stored). ``first_ids`` are the result's first steps; ``today`` the owner's date.
    Raises ``InvalidPlan`` (nothing written) for another step or a value out of range."""
    if not assessment.is_completed:
        raise InvalidPlan("only a completed check has first steps")
    for step_id, entry in entries.items():
        if step_id not in first_ids:
            raise InvalidPlan(f"{step_id!r} is not one of the first steps")
        if (problem := check_entry(entry, today)) is not None:
            raise InvalidPlan(f"{step_id!r}: {problem}")
    now = utcnow()
    rows = [
        {
            "assessment_id": assessment.id,
            "recommendation_id": step_id,
            "who": entry.who,
            "due": entry.due,
            "updated_at": now,
        }
        for step_id, entry in entries.items()
        if entry.who is not None or entry.due is not None
    ]
    session.execute(delete(PlannedStep).where(PlannedStep.assessment_id == assessment.id))
    if rows:
        session.execute(insert(PlannedStep), rows)
    session.execute(delete(StoredPage).where(StoredPage.assessment_id == assessment.id))
    session.flush()
