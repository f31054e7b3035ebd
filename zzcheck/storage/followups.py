"""Repeating a check: a follow-up of a completed assessment, and the link between the two.

The link is a small table of its own (``assessment_followup``) rather than a column on
``assessment``: adding a column there makes SQLite rebuild the table in a migration, which
would have to drop and re-create every ON DELETE CASCADE pointing at it. Both foreign keys
cascade: deleting either check (the owner, or the retention purge) deletes the link, never
the other check. So a follow-up whose earlier check is gone simply shows no comparison.

The follow-up is a new assessment of the same questionnaire, pinned to its current version,
with the company profile taken over; it gets its own resume token. Its owner reaches the
earlier check's scores only through the follow-up (``previous_of``): the earlier token is
never stored or needed. Services flush, never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Select, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.questionnaire.loader import LoadedQuestionnaire
from zzcheck.scoring.report import display_score
from zzcheck.storage.assessments import result_of, start_assessment
from zzcheck.storage.base import Base, DbSession
from zzcheck.storage.changes import DimensionChange, dimension_changes
from zzcheck.storage.clients import active_shares
from zzcheck.storage.models import Assessment
from zzcheck.storage.stored_pages import StoredPage
from zzcheck.storage.workspace import Share


class AssessmentFollowup(Base):
    """``assessment_id`` repeats the check ``previous_id`` (the earlier, completed one)."""

    __tablename__ = "assessment_followup"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    previous_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )


class NotRepeatable(ValueError):
    """Only a completed check can be repeated."""


def start_followup(
    session: DbSession, previous: Assessment, loaded: LoadedQuestionnaire
) -> tuple[Assessment, str]:
    """A new assessment of ``loaded`` (the current version of the previous check's
    questionnaire) with its profile, linked to ``previous``; returns it and its token."""
    if not previous.is_completed:
        raise NotRepeatable("the check is not completed yet")
    if loaded.questionnaire.id != previous.questionnaire_version.questionnaire_id:
        raise NotRepeatable("a follow-up answers the same questionnaire")
    assessment, token = start_assessment(session, loaded, previous.profile)
    session.add(AssessmentFollowup(assessment_id=assessment.id, previous_id=previous.id))
    session.flush()
    return assessment, token


def previous_of(session: DbSession, assessment: Assessment) -> Assessment | None:
    """The earlier check this one repeats, if it still exists."""
    query = (
        select(Assessment)
        .join(AssessmentFollowup, AssessmentFollowup.previous_id == Assessment.id)
        .where(AssessmentFollowup.assessment_id == assessment.id)
    )
    return session.scalars(query).one_or_none()


def shared_previous(session: DbSession, centre_id: str, share: Share) -> Share | None:
    """The centre's active share of the check that ``share``'s check repeats, if the
    company shared both with this centre (the consultant sees the link, nothing else)."""
    previous = (
        select(AssessmentFollowup.previous_id)
        .where(AssessmentFollowup.assessment_id == share.assessment_id)
        .scalar_subquery()
    )
    query = active_shares(centre_id).where(Share.assessment_id == previous)
    return session.scalars(query.order_by(Share.id.desc()).limit(1)).first()


@dataclass(frozen=True)
class BeforeAfter:
    """A completed follow-up beside the check it repeats: when that was completed, and the
    change per dimension and overall (rounded as the pages show them)."""

    previous_completed_at: datetime
    changes: tuple[DimensionChange, ...]
    overall: DimensionChange


def before_after(session: DbSession, assessment: Assessment, lang: str) -> BeforeAfter | None:
    """The comparison of a completed follow-up with its earlier check (None when the check
    repeats none, is not completed, or the earlier one is gone)."""
    previous = previous_of(session, assessment) if assessment.is_completed else None
    if previous is None or previous.completed_at is None:
        return None
    before, after = result_of(previous), result_of(assessment)
    overall = DimensionChange(
        "overall", "", display_score(before.overall), display_score(after.overall)
    )
    return BeforeAfter(previous.completed_at, dimension_changes(before, after, lang), overall)


def drop_followup_pages(session: DbSession, previous_ids: Select[Any]) -> None:
    """Before checks are deleted: drop the stored result pages of their follow-ups, which
    show the deleted check's scores (``stored_pages``; rendered again without them)."""
    followups = select(AssessmentFollowup.assessment_id).where(
        AssessmentFollowup.previous_id.in_(previous_ids)
    )
    session.execute(delete(StoredPage).where(StoredPage.assessment_id.in_(followups)))
