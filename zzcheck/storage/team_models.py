"""The tables of team mode: a campaign (one company, one link, one or more questionnaires, a
closing date) and the link from each anonymous answer to its campaign.

A team answer is an ordinary ``assessment`` (answers, dimension scores, pinned version) that
a ``campaign_response`` row ties to its campaign, with the respondent's role and optional area
and nothing else: no name, no IP address, no user agent. ``browser_hash`` is the SHA-256 of a
random id kept in a signed cookie of the browser that answered; it only refuses a second start
from the same browser ("each browser answers once": it stops quiet repeats, not a determined
person who deletes cookies or uses another device; personal one-time codes do, see
``campaign_codes``).

Link tables rather than new columns on ``assessment``: adding a column there would make SQLite
copy and drop that table in a migration, and the drop deletes every answer (ON DELETE
CASCADE). If a campaign row goes (its owner's check was deleted by the retention purge), its
responses keep their link row with ``campaign_id`` NULL, so they still count as team answers
(never as a company's check) until the purge removes them too.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ColumnElement,
    ForeignKey,
    ForeignKeyConstraint,
    String,
    UniqueConstraint,
    exists,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zzcheck.storage.base import NEVER_REUSED, Base
from zzcheck.storage.models import Assessment, QuestionnaireVersion, UTCDateTime, utcnow
from zzcheck.team.groups import AREAS, MIN_GROUP_SIZE, ROLES

LINK, CODES = "link", "codes"  # how respondents get in: one shared link, or one-time codes


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Campaign(Base):
    """A team campaign, reachable by respondents only through its link (token hash).

    Opened either by a company owner from their completed check (``owner_assessment_id``,
    managed through their resume link) or by a consultant for a client of their centre
    (``centre_id`` + ``client_id``).
    """

    __tablename__ = "campaign"
    __table_args__ = (
        CheckConstraint(f"min_group_size >= {MIN_GROUP_SIZE}", name="min_group_size"),
        CheckConstraint(
            "owner_assessment_id IS NOT NULL OR client_id IS NOT NULL", name="has_owner"
        ),
        ForeignKeyConstraint(["client_id", "centre_id"], ["client.id", "client.centre_id"]),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    owner_assessment_id: Mapped[int | None] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    centre_id: Mapped[str | None] = mapped_column(String(64), index=True)
    client_id: Mapped[int | None] = mapped_column(index=True)
    works_council: Mapped[str | None] = mapped_column(String(8))
    min_group_size: Mapped[int] = mapped_column(default=MIN_GROUP_SIZE)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # LINK: anyone with the link answers (limited per address); CODES: one personal code per
    # answer (``campaign_codes``). In CODES mode the link opens nothing without a code, so its
    # token is kept in clear (``entry_token``) to send a respondent on after their code.
    access: Mapped[str] = mapped_column(String(8), default=LINK, server_default=LINK)
    entry_token: Mapped[str | None] = mapped_column(String(64))

    questionnaires: Mapped[list[CampaignQuestionnaire]] = relationship(
        order_by="CampaignQuestionnaire.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )

    def end(self) -> datetime:
        """When answers stop being accepted: the closing date, or the early close."""
        if self.closed_at is not None and self.closed_at < self.closes_at:
            return self.closed_at
        return self.closes_at

    def is_open(self, now: datetime) -> bool:
        return now < self.end()

    @property
    def uses_codes(self) -> bool:
        return self.access == CODES

    @property
    def versions(self) -> list[QuestionnaireVersion]:
        return [item.questionnaire_version for item in self.questionnaires]


class CampaignQuestionnaire(Base):
    """One questionnaire of a campaign, pinned when the campaign was opened (so editing the
    file during a campaign never mixes two versions in one comparison)."""

    __tablename__ = "campaign_questionnaire"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("questionnaire_version.id"), index=True)

    questionnaire_version: Mapped[QuestionnaireVersion] = relationship(lazy="joined")


class CampaignResponse(Base):
    """Ties one team answer (an assessment) to its campaign, with role and optional area."""

    __tablename__ = "campaign_response"
    __table_args__ = (
        UniqueConstraint("campaign_id", "browser_hash", "position"),
        CheckConstraint(_in("role", ROLES), name="role"),
        CheckConstraint(f"area IS NULL OR {_in('area', AREAS)}", name="area"),
    )

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaign.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column()
    role: Mapped[str] = mapped_column(String(16))
    area: Mapped[str | None] = mapped_column(String(16))
    browser_hash: Mapped[str] = mapped_column(String(64))

    assessment: Mapped[Assessment] = relationship()


class CampaignSnapshot(Base):
    """A closed campaign's results, computed once when it closed and never again
    (``campaign_results.final_results``): per questionnaire the counts and the analysis as
    ``team.snapshot`` stores it. Every later view, download and PDF reads this row, so an
    answer arriving (or committed) later changes nothing, and no two views differ."""

    __tablename__ = "campaign_snapshot"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


def is_team_answer() -> ColumnElement[bool]:
    """SQL: the ``assessment`` row is a team answer. A company's own checks are the others;
    aggregates over companies (programme statistics, peer comparisons) leave team answers
    out with ``~is_team_answer()``."""
    return exists().where(CampaignResponse.assessment_id == Assessment.id)
