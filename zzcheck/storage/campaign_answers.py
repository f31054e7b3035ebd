"""Taking part in a campaign: start answering (role, optional area), go on to the campaign's
next questionnaire, and the rule that answers are accepted only while the campaign is open.

A respondent is known only by a random browser id in a signed cookie; its SHA-256 is stored
with each of their answers (``CampaignResponse.browser_hash``) to find their unfinished
answer again and to refuse a second start from the same browser. That stops quiet repeats,
not a determined person (another browser, deleted cookies): a campaign with personal codes
(``campaign_codes``) does, and there only a code starts an answer. Services flush, never
commit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from zzcheck.storage.assessments import hash_token, new_token
from zzcheck.storage.base import DbSession
from zzcheck.storage.models import IN_PROGRESS, Assessment, utcnow
from zzcheck.storage.team_models import Campaign, CampaignResponse
from zzcheck.storage.workspace_errors import InvalidInput
from zzcheck.team.groups import AREAS, ROLES


class CampaignRefused(Exception):
    """Base of the refusals of a respondent's request; the view explains each one."""


class CampaignClosed(CampaignRefused):
    """The closing date has passed or the campaign was closed early."""


class CodeRequired(CampaignRefused):
    """A code campaign was joined without a code (e.g. by posting to its link)."""


class AlreadyAnswered(CampaignRefused):
    """This browser has already started (or finished) answering in this campaign."""


def check_open(campaign: Campaign, now: datetime | None = None) -> None:
    """Raise ``CampaignClosed`` unless answers are still accepted."""
    if not campaign.is_open(now or utcnow()):
        raise CampaignClosed(f"campaign {campaign.id} closed at {campaign.end()}")


def join_campaign(
    session: DbSession,
    campaign: Campaign,
    role: str,
    area: str | None,
    browser_id: str,
    now: datetime | None = None,
) -> Assessment:
    """Start answering the campaign's first questionnaire as ``role`` (and ``area``) through
    its shared link. ``CodeRequired`` in a code campaign: there only a code starts an answer
    (``campaign_codes.join_with_code``)."""
    if campaign.uses_codes:
        raise CodeRequired(f"campaign {campaign.id} takes answers by code only")
    check_open(campaign, now)
    validate_role(role, area)
    return start_first(session, campaign, role, area, browser_id)


def validate_role(role: str | None, area: str | None) -> None:
    """``InvalidInput`` unless ``role`` and ``area`` are known codes (area optional)."""
    if role not in ROLES or (area is not None and area not in AREAS):
        raise InvalidInput(f"role {role!r} / area {area!r}")


def start_first(
    session: DbSession, campaign: Campaign, role: str, area: str | None, browser_id: str
) -> Assessment:
    """The first questionnaire's answer of a new respondent (``AlreadyAnswered`` if this
    browser has one); the caller has checked how they may take part."""
    if responses_of(session, campaign, browser_id):
        raise AlreadyAnswered(f"this browser has answered campaign {campaign.id}")
    return _start(session, campaign, 0, role, area, hash_token(browser_id))


def responses_of(
    session: DbSession, campaign: Campaign, browser_id: str | None
) -> list[CampaignResponse]:
    """This browser's answers in the campaign, by questionnaire (empty without an id)."""
    if not browser_id:
        return []
    query = (
        select(CampaignResponse)
        .where(
            CampaignResponse.campaign_id == campaign.id,
            CampaignResponse.browser_hash == hash_token(browser_id),
        )
        .options(selectinload(CampaignResponse.assessment))
        .order_by(CampaignResponse.position)
    )
    return list(session.scalars(query))


def current_answer(responses: list[CampaignResponse]) -> Assessment | None:
    """The unfinished answer to go on with, if any."""
    return next((r.assessment for r in responses if not r.assessment.is_completed), None)


def pending_part(campaign: Campaign, responses: list[CampaignResponse]) -> int | None:
    """The position of the next questionnaire not yet started, once all started ones are
    finished; None if there is none (or one is unfinished)."""
    if not responses or current_answer(responses) is not None:
        return None
    position = len(responses)
    return position if position < len(campaign.questionnaires) else None


def start_next_part(
    session: DbSession, campaign: Campaign, browser_id: str, now: datetime | None = None
) -> Assessment | None:
    """Start the campaign's next questionnaire with the same role and area; None if there
    is nothing to start (idempotent for a double submit)."""
    check_open(campaign, now)
    responses = responses_of(session, campaign, browser_id)
    position = pending_part(campaign, responses)
    if position is None:
        return None
    first = responses[0]
    return _start(session, campaign, position, first.role, first.area, first.browser_hash)


def _start(
    session: DbSession, campaign: Campaign, position: int, role: str, area: str | None, key: str
) -> Assessment:
    """An assessment pinned to the campaign's questionnaire at ``position``. Its resume token
    is thrown away: a team answer is reached only through the campaign link and the cookie."""
    assessment = Assessment(
        token_hash=hash_token(new_token()),
        questionnaire_version=campaign.questionnaires[position].questionnaire_version,
        status=IN_PROGRESS,
        current_section=0,
        works_council=campaign.works_council,
    )
    session.add(assessment)
    session.flush()
    link = CampaignResponse(
        assessment_id=assessment.id,
        campaign_id=campaign.id,
        position=position,
        role=role,
        area=area,
        browser_hash=key,
    )
    session.add(link)
    session.flush()
    return assessment
