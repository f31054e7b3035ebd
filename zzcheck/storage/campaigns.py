"""Team campaigns: open one (a company owner from their completed check, or a consultant for
a client of their centre), find it by its link, close it early, delete it.

Campaign tokens are 192 bits from ``secrets``, stored only as SHA-256 and shown once, like
invitation links (in a code campaign the link is no key and is kept in clear; the codes are
issued by ``campaign_codes``). A consultant reads campaigns only through ``centre_scope`` (joined with
the centre's client), an owner only through their own check. Services flush, never commit.
Taking part (``campaign_answers``) and the results (``campaign_results``) live beside this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, and_, delete, select

from zzcheck.questionnaire.loader import LoadedQuestionnaire
from zzcheck.questionnaire.profile import PROFILE_FIELDS
from zzcheck.storage.assessments import MAX_TOKEN_LENGTH, hash_token, new_token
from zzcheck.storage.base import DbSession
from zzcheck.storage.campaign_results import take_snapshot
from zzcheck.storage.clients import find_client
from zzcheck.storage.models import IN_PROGRESS, Assessment, utcnow
from zzcheck.storage.scope import centre_scope
from zzcheck.storage.team_models import (
    CODES,
    LINK,
    Campaign,
    CampaignQuestionnaire,
    CampaignResponse,
)
from zzcheck.storage.versions import pin_version
from zzcheck.storage.workspace import Client
from zzcheck.storage.workspace_errors import InvalidInput, NotShareable
from zzcheck.team.groups import MIN_GROUP_SIZE

MAX_DAYS = 92  # a campaign runs at most about three months
MAX_GROUP_SIZE = 10
MAX_QUESTIONNAIRES = 3


@dataclass(frozen=True)
class CentreCampaign:
    """A consultant's campaign as their list shows it."""

    campaign: Campaign
    client: Client


def open_owner_campaign(
    session: DbSession,
    owner: Assessment,
    questionnaires: Sequence[LoadedQuestionnaire],
    closes_at: datetime,
    *,
    min_group_size: int = MIN_GROUP_SIZE,
    access: str = LINK,
    now: datetime | None = None,
) -> tuple[Campaign, str]:
    """A campaign managed through the owner's completed check (its works-council answer is
    the campaign's); returns it and its token, shown once. ``NotShareable`` if not completed."""
    if not owner.is_completed:
        raise NotShareable(f"assessment {owner.id} is not completed")
    campaign = Campaign(
        owner_assessment_id=owner.id, works_council=owner.works_council, access=access
    )
    return _open(session, campaign, questionnaires, closes_at, min_group_size, now)


def open_centre_campaign(
    session: DbSession,
    centre_id: str,
    client_id: int,
    questionnaires: Sequence[LoadedQuestionnaire],
    closes_at: datetime,
    *,
    works_council: str | None = None,
    min_group_size: int = MIN_GROUP_SIZE,
    access: str = LINK,
    now: datetime | None = None,
) -> tuple[Campaign, str] | None:
    """A consultant's campaign for a client of their centre; None if the client is not the
    centre's. Raises ``InvalidInput`` for values a form should have refused."""
    if works_council is not None and works_council not in PROFILE_FIELDS["works_council"]:
        raise InvalidInput(f"works_council: {works_council!r}")
    if find_client(session, centre_id, client_id) is None:
        return None
    campaign = Campaign(
        centre_id=centre_id, client_id=client_id, works_council=works_council, access=access
    )
    return _open(session, campaign, questionnaires, closes_at, min_group_size, now)


def _open(
    session: DbSession,
    campaign: Campaign,
    questionnaires: Sequence[LoadedQuestionnaire],
    closes_at: datetime,
    min_group_size: int,
    now: datetime | None,
) -> tuple[Campaign, str]:
    now = now or utcnow()
    _check(questionnaires, closes_at, min_group_size, now)
    if campaign.access not in (LINK, CODES):
        raise InvalidInput(f"access {campaign.access!r}")
    token = new_token()
    campaign.token_hash = hash_token(token)
    if campaign.uses_codes:  # the link is no key there: codes are (see team_models)
        campaign.entry_token = token
    campaign.min_group_size = min_group_size
    campaign.created_at, campaign.closes_at = now, closes_at
    campaign.questionnaires = [
        CampaignQuestionnaire(position=i, questionnaire_version=pin_version(session, loaded))
        for i, loaded in enumerate(questionnaires)
    ]
    session.add(campaign)
    session.flush()
    return campaign, token


def _check(
    questionnaires: Sequence[LoadedQuestionnaire],
    closes_at: datetime,
    min_group_size: int,
    now: datetime,
) -> None:
    ids = [loaded.questionnaire.id for loaded in questionnaires]
    if not 1 <= len(ids) <= MAX_QUESTIONNAIRES or len(set(ids)) != len(ids):
        raise InvalidInput(f"1–{MAX_QUESTIONNAIRES} different questionnaires, not {ids}")
    if not now < closes_at <= now + timedelta(days=MAX_DAYS):
        raise InvalidInput(f"a campaign closes within {MAX_DAYS} days, not at {closes_at}")
    if not MIN_GROUP_SIZE <= min_group_size <= MAX_GROUP_SIZE:
        raise InvalidInput(f"group size {MIN_GROUP_SIZE}–{MAX_GROUP_SIZE}, not {min_group_size}")


def find_campaign(session: DbSession, token: str | None) -> Campaign | None:
    """The campaign behind a link's token (closed ones too), or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    query = select(Campaign).where(Campaign.token_hash == hash_token(token))
    return session.scalars(query).one_or_none()


def owner_campaigns(session: DbSession, owner: Assessment) -> list[Campaign]:
    """The campaigns opened from this check, newest first."""
    query = select(Campaign).where(Campaign.owner_assessment_id == owner.id)
    return list(session.scalars(query.order_by(Campaign.created_at.desc(), Campaign.id.desc())))


def owner_campaign(session: DbSession, owner: Assessment, campaign_id: int) -> Campaign | None:
    """One campaign of this check, or None (unknown, or another owner's)."""
    query = select(Campaign).where(
        Campaign.id == campaign_id, Campaign.owner_assessment_id == owner.id
    )
    return session.scalars(query).one_or_none()


def _centre_query(centre_id: str) -> Select[Campaign, Client]:
    """The centre's campaigns with their client; ``centre_scope`` limits them to the centre."""
    client_of = and_(Client.id == Campaign.client_id, Client.centre_id == Campaign.centre_id)
    return centre_scope(select(Campaign, Client).join(Client, client_of), centre_id)


def centre_campaigns(session: DbSession, centre_id: str) -> list[CentreCampaign]:
    """The centre's campaigns, newest first."""
    query = _centre_query(centre_id).order_by(Campaign.created_at.desc(), Campaign.id.desc())
    return [CentreCampaign(row[0], row[1]) for row in session.execute(query)]


def centre_campaign(session: DbSession, centre_id: str, campaign_id: int) -> CentreCampaign | None:
    """One campaign of the centre, or None (unknown, or another centre's: the view says 404)."""
    row = session.execute(_centre_query(centre_id).where(Campaign.id == campaign_id)).first()
    return None if row is None else CentreCampaign(row[0], row[1])


def close_campaign(session: DbSession, campaign: Campaign, now: datetime | None = None) -> bool:
    """Close early: no answer is accepted from now on, unfinished answers (never counted)
    are deleted at once, and the results are computed and stored, once (in the same
    transaction). False if the campaign was closed already (nothing changes)."""
    now = now or utcnow()
    if not campaign.is_open(now):
        return False
    campaign.closed_at = now
    unfinished = select(CampaignResponse.assessment_id).where(
        CampaignResponse.campaign_id == campaign.id
    )
    session.execute(
        delete(Assessment).where(Assessment.id.in_(unfinished), Assessment.status == IN_PROGRESS),
        execution_options={"synchronize_session": False},
    )
    session.flush()
    take_snapshot(session, campaign)
    return True


def delete_campaign(session: DbSession, campaign: Campaign) -> None:
    """Delete the campaign and every answer given in it."""
    answers = select(CampaignResponse.assessment_id).where(
        CampaignResponse.campaign_id == campaign.id
    )
    session.execute(
        delete(Assessment).where(Assessment.id.in_(answers)),
        execution_options={"synchronize_session": False},
    )
    session.delete(campaign)
    session.flush()


def delete_owned_campaigns(session: DbSession, owner: Assessment) -> int:
    """Before an owner deletes their check: delete its campaigns with all their answers."""
    campaigns = owner_campaigns(session, owner)
    for campaign in campaigns:
        delete_campaign(session, campaign)
    return len(campaigns)
