"""A campaign's results: while it is open only how many answers came in (``part_counts``);
once it has closed, the results computed once and stored (``final_results``), never again.

Closing takes the snapshot in its own transaction (``campaigns.close_campaign``); a campaign
that reached its closing date gets it on the first read afterwards (whoever reads first: a
results page, a download, a PDF or the campaign list). Since every later read returns the
stored snapshot, two views at different times never differ, and an answer completed (or
committed) after the snapshot never counts: nobody can subtract two views to recover the
answers of the one person who came in between.

What the results are made from: the completed answers per questionnaire as
``team.groups.Respondent`` (role, area, dimension scores, answers; no ids leave this module).
An answer counts if it was completed before the campaign ended (closing date or early
close); unfinished ones never count. Three small queries per questionnaire: a campaign has
tens or hundreds of answers, not millions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select

from zzcheck.storage.base import DbSession
from zzcheck.storage.models import COMPLETED, Answer, Assessment, DimensionScore, utcnow
from zzcheck.storage.team_models import Campaign, CampaignResponse, CampaignSnapshot
from zzcheck.storage.versions import dialect_insert, questionnaire_of_version
from zzcheck.team import snapshot
from zzcheck.team.analysis import TeamResults, analyse
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


@dataclass(frozen=True)
class FinalPart:
    """One questionnaire of a closed campaign: its counts and results as stored at closing."""

    count: PartCount
    results: TeamResults


def final_results(
    session: DbSession, campaign: Campaign, now: datetime | None = None
) -> list[FinalPart] | None:
    """The closed campaign's results per questionnaire; None while it is open. The first
    read after the closing date takes the snapshot (flushed; the caller commits)."""
    if campaign.is_open(now or utcnow()):
        return None
    stored = session.get(CampaignSnapshot, campaign.id)
    if stored is None:
        stored = take_snapshot(session, campaign)
    return _parts(campaign, stored.data)


def take_snapshot(session: DbSession, campaign: Campaign) -> CampaignSnapshot:
    """Compute and store the results of the (closed) campaign, unless already stored: of two
    parallel first reads one inserts, the other reads that row (``ON CONFLICT DO NOTHING``)."""
    data = {
        "parts": [_part_data(session, campaign, count) for count in part_counts(session, campaign)]
    }
    row = {"campaign_id": campaign.id, "created_at": utcnow(), "data": data}
    insert = dialect_insert(session, CampaignSnapshot).values(row)
    session.execute(insert.on_conflict_do_nothing(index_elements=["campaign_id"]))
    stored = session.get(CampaignSnapshot, campaign.id, populate_existing=True)
    assert stored is not None  # inserted just now, or by a parallel request
    return stored


def _part_data(session: DbSession, campaign: Campaign, count: PartCount) -> dict[str, Any]:
    item = campaign.questionnaires[count.position]
    questionnaire = questionnaire_of_version(item.questionnaire_version)
    found = respondents(session, campaign, count.position)
    results = analyse(questionnaire, found, campaign.min_group_size)
    return {
        "started": count.started,
        "completed": count.completed,
        "results": snapshot.dump(results),
    }


def _parts(campaign: Campaign, data: dict[str, Any]) -> list[FinalPart]:
    parts = []
    for item, part in zip(campaign.questionnaires, data["parts"], strict=True):
        questionnaire = questionnaire_of_version(item.questionnaire_version)
        count = PartCount(item.position, part["started"], part["completed"])
        parts.append(FinalPart(count, snapshot.load(questionnaire, part["results"])))
    return parts
