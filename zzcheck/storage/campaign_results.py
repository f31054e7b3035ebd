"""What the results of a campaign are made from: the completed answers per questionnaire as
``team.groups.Respondent`` (role, area, dimension scores, answers; no ids leave this module),
and how many answers were started and completed.

An answer counts if it was completed before the campaign ended (closing date or early
close); unfinished ones never count. Three small queries per questionnaire: a campaign has
tens or hundreds of answers, not millions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select

from zzcheck.storage.base import DbSession
from zzcheck.storage.models import COMPLETED, Answer, Assessment, DimensionScore
from zzcheck.storage.team_models import Campaign, CampaignResponse
from zzcheck.team.groups import Respondent


@dataclass(frozen=True)
class PartCount:
    """Answers to the campaign's questionnaire at ``position``."""

    position: int
    started: int
    completed: int  # counted: completed before the campaign ended


def _counted(campaign: Campaign, position: int, *columns: Any) -> Select[Any]:
    """The counted answers' ``columns`` (default: assessment id, role, area)."""
    columns = columns or (
        CampaignResponse.assessment_id,
        CampaignResponse.role,
        CampaignResponse.area,
    )
    return (
        select(*columns)
        .select_from(CampaignResponse)
        .join(Assessment, Assessment.id == CampaignResponse.assessment_id)
        .where(
            CampaignResponse.campaign_id == campaign.id,
            CampaignResponse.position == position,
            Assessment.status == COMPLETED,
            Assessment.completed_at < campaign.end(),
        )
    )


def part_counts(session: DbSession, campaign: Campaign) -> list[PartCount]:
    """Started and counted answers for each of the campaign's questionnaires."""
    started = dict(
        session.execute(
            select(CampaignResponse.position, func.count())
            .where(CampaignResponse.campaign_id == campaign.id)
            .group_by(CampaignResponse.position)
        ).all()
    )
    counts = []
    for item in campaign.questionnaires:
        completed = int(session.scalar(_counted(campaign, item.position, func.count())) or 0)
        counts.append(PartCount(item.position, int(started.get(item.position, 0)), completed))
    return counts


def respondents(session: DbSession, campaign: Campaign, position: int) -> list[Respondent]:
    """The counted answers to the questionnaire at ``position``."""
    rows = session.execute(_counted(campaign, position)).all()
    ids = _counted(campaign, position, CampaignResponse.assessment_id).scalar_subquery()
    scores: dict[int, dict[str, float | None]] = defaultdict(dict)
    for row in session.execute(
        select(
            DimensionScore.assessment_id, DimensionScore.dimension_id, DimensionScore.score
        ).where(DimensionScore.assessment_id.in_(ids))
    ):
        scores[row[0]][row[1]] = row[2]
    answers: dict[int, dict[str, object]] = defaultdict(dict)
    for row in session.execute(
        select(Answer.assessment_id, Answer.question_id, Answer.value).where(
            Answer.assessment_id.in_(ids)
        )
    ):
        answers[row[0]][row[1]] = row[2]
    return [Respondent(role, area, scores[key], answers[key]) for key, role, area in rows]
