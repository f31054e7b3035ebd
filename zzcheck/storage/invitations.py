"""Invitation links: a consultant invites a company (a client record of the centre); an
assessment started from the link remembers the invitation and joins the client's record
when the respondent shares it with that centre (``zzcheck.storage.sharing``).

Tokens are 192 bits from ``secrets``, stored only as SHA-256 and shown once. The link is
the only key on the respondent's side, like a resume link, so ``find_invitation`` is not
centre-scoped; everything the consultant lists is. Services flush, never commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from zzcheck.questionnaire.loader import LoadedQuestionnaire
from zzcheck.storage.assessments import MAX_TOKEN_LENGTH, hash_token, new_token, start_assessment
from zzcheck.storage.base import DbSession
from zzcheck.storage.clients import find_client
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.storage.paging import Page, paginate
from zzcheck.storage.scope import centre_scope
from zzcheck.storage.workspace import LABEL_LENGTH, Invitation, InvitedAssessment, Share
from zzcheck.storage.workspace_errors import InvalidInput, InvitationExpired

INVITATION_DAYS = 60


@dataclass(frozen=True)
class InvitationSummary:
    invitation: Invitation
    started: int  # assessments started from the link
    shared: int  # of those, shared with this centre now


def create_invitation(
    session: DbSession,
    centre_id: str,
    client_id: int,
    created_by_id: int,
    label: str | None = None,
    *,
    days: int = INVITATION_DAYS,
    now: datetime | None = None,
) -> tuple[Invitation, str] | None:
    """A new invitation for the centre's client; returns it and its token (shown once),
    or None if the client is not the centre's."""
    label = " ".join((label or "").split()) or None
    if label is not None and len(label) > LABEL_LENGTH:
        raise InvalidInput(f"a label has at most {LABEL_LENGTH} characters")
    if find_client(session, centre_id, client_id) is None:
        return None
    now = now or utcnow()
    token = new_token()
    invitation = Invitation(
        token_hash=hash_token(token),
        centre_id=centre_id,
        client_id=client_id,
        created_by_id=created_by_id,
        label=label,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    session.add(invitation)
    session.flush()
    return invitation, token


def find_invitation(session: DbSession, token: str | None) -> Invitation | None:
    """The invitation behind a link's token (expired ones too), or None."""
    if not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    query = select(Invitation).where(Invitation.token_hash == hash_token(token))
    return session.scalars(query).one_or_none()


def start_from_invitation(
    session: DbSession,
    invitation: Invitation,
    loaded: LoadedQuestionnaire,
    profile: Mapping[str, str | None],
    now: datetime | None = None,
) -> tuple[Assessment, str]:
    """Start an assessment that remembers ``invitation``; ``InvitationExpired`` if it is."""
    if invitation.expired(now or utcnow()):
        raise InvitationExpired(f"invitation {invitation.id} expired at {invitation.expires_at}")
    assessment, token = start_assessment(session, loaded, profile)
    session.add(InvitedAssessment(assessment_id=assessment.id, invitation_id=invitation.id))
    session.flush()
    return assessment, token


def centre_invitations(
    session: DbSession, centre_id: str, page: int = 1
) -> Page[InvitationSummary]:
    """The centre's invitations, newest first, with how many were started and shared."""
    started = centre_scope(
        select(func.count(InvitedAssessment.assessment_id)).where(
            InvitedAssessment.invitation_id == Invitation.id
        ),
        centre_id,
    ).scalar_subquery()
    shared = centre_scope(
        select(func.count(Share.id))
        .join(InvitedAssessment, Share.assessment_id == InvitedAssessment.assessment_id)
        .where(InvitedAssessment.invitation_id == Invitation.id),
        centre_id,
    ).scalar_subquery()
    query = centre_scope(
        select(Invitation, started, shared)
        .options(selectinload(Invitation.client), selectinload(Invitation.created_by))
        .order_by(Invitation.created_at.desc(), Invitation.id.desc()),
        centre_id,
    )
    rows = paginate(session, query, page)
    items = [InvitationSummary(row[0], int(row[1]), int(row[2])) for row in rows.items]
    return Page(items, rows.number, rows.per_page, rows.total)
