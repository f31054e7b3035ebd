"""The respondent's side of sharing: share a completed assessment with one centre, withdraw.

A share records the consent (text version, language, SHA-256 of the exact text, time). An
assessment started from an invitation of the same centre joins that invitation's client
record here, at the moment of consent, and not before. Services flush, never commit.
"""

from __future__ import annotations

from collections.abc import Container
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from zzcheck.centres import Centre, Centres
from zzcheck.storage.base import DbSession
from zzcheck.storage.consent import CONSENT
from zzcheck.storage.handover import forget_request
from zzcheck.storage.models import Assessment, utcnow
from zzcheck.storage.retention import RetentionPolicy
from zzcheck.storage.workspace import NAME_LENGTH, Invitation, InvitedAssessment, Share, name_key
from zzcheck.storage.workspace_errors import (
    AlreadyShared,
    ConsentOutdated,
    InvalidInput,
    NotShareable,
    UnknownCentre,
)


def active_share(session: DbSession, assessment: Assessment) -> Share | None:
    """The assessment's share that is not withdrawn, if any (there is at most one)."""
    query = select(Share).where(Share.assessment_id == assessment.id, Share.withdrawn_at.is_(None))
    return session.scalars(query).one_or_none()


def suggested_centre(session: DbSession, assessment: Assessment, centres: Centres) -> Centre | None:
    """The centre to preselect: the inviting one, else the first offered for the company's
    state and industry (its sector centre, else its regional centre)."""
    invitation = _invitation_of(session, assessment)
    if invitation is not None and invitation.centre_id in centres:
        return centres.get(invitation.centre_id)
    offered = centres.offered_for(assessment.state, assessment.industry)
    return offered[0] if offered else None


def share_assessment(
    session: DbSession,
    assessment: Assessment,
    centre_id: str,
    consent_version: str,
    lang: str,
    *,
    centres: Container[str],
    company_name: str | None = None,
    contact_person: str | None = None,
    consent_days: int = RetentionPolicy.shared_days,
    now: datetime | None = None,
) -> Share:
    """Share with ``centre_id`` after consent to ``consent_version`` shown in ``lang`` for
    ``consent_days`` (the configured consent period the text names).

    Idempotent for the same centre (a double submit returns the existing share). Raises
    ``NotShareable``, ``ConsentOutdated``, ``UnknownCentre``, ``AlreadyShared`` (another
    centre: withdraw first) or ``InvalidInput`` (a name longer than the form allows).
    """
    _check_shareable(assessment, centre_id, consent_version, centres)
    existing = active_share(session, assessment)
    if existing is not None:
        if existing.centre_id != centre_id:
            raise AlreadyShared(f"assessment {assessment.id} is shared with {existing.centre_id}")
        return existing
    company = _cleaned(company_name)
    share = Share(
        assessment_id=assessment.id,
        centre_id=centre_id,
        client_id=_invited_client(session, assessment, centre_id),
        company_name=company,
        company_key=name_key(company),
        contact_person=_cleaned(contact_person),
        consent_version=CONSENT.version,
        consent_lang=CONSENT.lang_of(lang),
        consent_hash=CONSENT.digest(lang, consent_days),
        consented_at=now or utcnow(),
    )
    session.add(share)
    session.flush()
    return share


def consent_ends(share: Share, consent_days: int) -> datetime:
    """When the purge ends ``share`` unless it is withdrawn before (retention rule 1)."""
    return share.consented_at + timedelta(days=consent_days)


@dataclass(frozen=True)
class ConsentRecord:
    """One consent to share, as the respondent's own copy of their data lists it."""

    centre_id: str
    centre: str  # the centre's name (its id if it is no longer configured)
    given_at: datetime
    valid_until: datetime
    withdrawn_at: datetime | None


def consent_records(
    session: DbSession, assessment: Assessment, consent_days: int, centres: Centres, lang: str
) -> list[ConsentRecord]:
    """Every consent given for ``assessment``, withdrawn ones too, oldest first."""
    query = (
        select(Share)
        .where(Share.assessment_id == assessment.id)
        .order_by(Share.consented_at, Share.id)
    )
    return [
        ConsentRecord(
            centre_id=share.centre_id,
            centre=centres.name_of(share.centre_id, lang),
            given_at=share.consented_at,
            valid_until=consent_ends(share, consent_days),
            withdrawn_at=share.withdrawn_at,
        )
        for share in session.scalars(query)
    ]


def withdraw_share(
    session: DbSession, assessment: Assessment, now: datetime | None = None
) -> Share | None:
    """End the active share: the centre no longer sees the assessment; company name and
    contact person are erased (and the request for advice with its message and contact
    detail), the consent record stays. None if nothing was shared."""
    share = active_share(session, assessment)
    if share is None:
        return None
    forget_request(session, share)
    share.withdrawn_at = now or utcnow()
    share.company_name = share.company_key = share.contact_person = None
    share.client_id = None
    session.flush()
    return share


def _check_shareable(
    assessment: Assessment, centre_id: str, consent_version: str, centres: Container[str]
) -> None:
    if not assessment.is_completed:
        raise NotShareable(f"assessment {assessment.id} is not completed")
    if consent_version != CONSENT.version:
        raise ConsentOutdated(f"consent {consent_version!r} is not {CONSENT.version!r}")
    if centre_id not in centres:
        raise UnknownCentre(f"unknown centre {centre_id!r}")


def _cleaned(value: str | None) -> str | None:
    """Stripped text or None; longer than a form allows is refused, never cut silently."""
    text = (value or "").strip()
    if len(text) > NAME_LENGTH:
        raise InvalidInput(f"longer than {NAME_LENGTH} characters")
    return text or None


def _invitation_of(session: DbSession, assessment: Assessment) -> Invitation | None:
    query = (
        select(Invitation)
        .join(InvitedAssessment, InvitedAssessment.invitation_id == Invitation.id)
        .where(InvitedAssessment.assessment_id == assessment.id)
    )
    return session.scalars(query).one_or_none()


def _invited_client(session: DbSession, assessment: Assessment, centre_id: str) -> int | None:
    """The client record of the invitation the assessment was started from, if that
    invitation came from the centre the respondent now shares with."""
    invitation = _invitation_of(session, assessment)
    if invitation is not None and invitation.centre_id == centre_id:
        return invitation.client_id
    return None
