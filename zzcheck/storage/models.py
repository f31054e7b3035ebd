"""The stored data of a respondent's journey: pinned questionnaire versions, assessments,
answers (long form, one row per answer) and the dimension scores of completed assessments.

No IP addresses, no names: the company profile is coarse by design (DESIGN.md, privacy).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zzcheck.storage.base import NEVER_REUSED, Base

IN_PROGRESS = "in_progress"
COMPLETED = "completed"


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC (evaluated per row, never at import)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always read back as aware UTC, on SQLite (naive) and PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use an aware UTC datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if not isinstance(value, datetime):
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class QuestionnaireVersion(Base):
    """The exact questionnaire file a response was answered with (the YAML snapshot)."""

    __tablename__ = "questionnaire_version"
    __table_args__ = (UniqueConstraint("questionnaire_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[str] = mapped_column(String(32))
    content_hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text, deferred=True)  # read only on a cache miss
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Assessment(Base):
    """One company's run through one questionnaire, reachable only by its resume token."""

    __tablename__ = "assessment"
    __table_args__ = (
        CheckConstraint(f"status IN ('{IN_PROGRESS}', '{COMPLETED}')", name="status"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    questionnaire_version_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_version.id"), index=True
    )
    status: Mapped[str] = mapped_column(String(16), default=IN_PROGRESS)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    current_section: Mapped[int] = mapped_column(Integer, default=0)
    industry: Mapped[str | None] = mapped_column(String(1))
    size: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[str | None] = mapped_column(String(5))
    works_council: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(String(16))
    overall_score: Mapped[float | None] = mapped_column(Float)
    overall_level: Mapped[str | None] = mapped_column(String(32))

    questionnaire_version: Mapped[QuestionnaireVersion] = relationship()
    answers: Mapped[list[Answer]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", passive_deletes=True
    )
    dimension_scores: Mapped[list[DimensionScore]] = relationship(
        back_populates="assessment",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DimensionScore.id",
    )

    @property
    def is_completed(self) -> bool:
        return self.status == COMPLETED

    @property
    def profile(self) -> dict[str, str]:
        """The company profile as the scoring engine takes it (unset fields left out)."""
        values = {
            "industry": self.industry,
            "size": self.size,
            "state": self.state,
            "works_council": self.works_council,
            "role": self.role,
        }
        return {key: value for key, value in values.items() if value is not None}


class Answer(Base):
    """One answer; ``value`` is JSON (option id, list of ids, number or text)."""

    __tablename__ = "answer"
    __table_args__ = (UniqueConstraint("assessment_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    question_id: Mapped[str] = mapped_column(String(64))
    value: Mapped[Any] = mapped_column(JSON)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="answers")


class DimensionScore(Base):
    """A completed assessment's score in one dimension (the programme aggregates read them
    packed, from ``ScoreSummary``; the daily peer snapshot from here).

    ``score`` None means "not enough answers" (not 0); it is kept at full precision.
    """

    __tablename__ = "dimension_score"
    __table_args__ = (UniqueConstraint("assessment_id", "dimension_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessment.id", ondelete="CASCADE"))
    dimension_id: Mapped[str] = mapped_column(String(64), index=True)
    score: Mapped[float | None] = mapped_column(Float)
    level: Mapped[str | None] = mapped_column(String(32))
    answered: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)

    assessment: Mapped[Assessment] = relationship(back_populates="dimension_scores")


class ScoreSummary(Base):
    """What the programme aggregates read of a company's completed assessment, in one
    narrow row: the profile keys, the month of completion and all its scores packed into
    one value (``score_summary.py``), so that a GROUP BY over 100,000 assessments reads
    one table instead of joining seven dimension scores to each. Team answers have none.
    Written with the result (``score_summary.summarize``), gone with the assessment."""

    __tablename__ = "score_summary"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    questionnaire_version_id: Mapped[int] = mapped_column(
        ForeignKey("questionnaire_version.id"), index=True
    )
    industry: Mapped[str | None] = mapped_column(String(1))
    size: Mapped[str | None] = mapped_column(String(8))
    state: Mapped[str | None] = mapped_column(String(5))
    works_council: Mapped[str | None] = mapped_column(String(8))
    month: Mapped[str] = mapped_column(String(7))  # of completion, UTC: 2025-03
    scores: Mapped[bytes] = mapped_column(LargeBinary)
