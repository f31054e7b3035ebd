"""Retention: what ``flask --app app zzcheck purge`` removes, and when (README, "Data
protection").

1. A share whose consent is older than the consent period is withdrawn, exactly as the
   respondent would withdraw it: the centre no longer sees the assessment, company name and
   contact person are erased, the consent record (version, text hash, times) stays.
2. An unfinished assessment that was not saved for ``unfinished_days`` is deleted.
3. A completed assessment older than ``completed_days`` is deleted unless it is shared with
   a centre under a consent that is still running (it goes once that consent ends).

Deleting an assessment deletes its answers, scores, share records and invitation link with
it (``ON DELETE CASCADE``), and the owner's plan and the link to a repeated check too. The service flushes and never commits; the CLI commits once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, exists, func, select, update

from zzcheck.storage.base import DbSession
from zzcheck.storage.followups import drop_followup_pages
from zzcheck.storage.handover import AdviceRequest
from zzcheck.storage.models import COMPLETED, IN_PROGRESS, Assessment, utcnow
from zzcheck.storage.stored_pages import drop_expired_pages
from zzcheck.storage.workspace import Share


@dataclass(frozen=True)
class RetentionPolicy:
    """Periods in days (the defaults of ``zzcheck.config``)."""

    unfinished_days: int = 90
    completed_days: int = 730
    shared_days: int = 730


@dataclass(frozen=True)
class PurgeCounts:
    """What a purge removed (or, in a dry run, would remove)."""

    shares_withdrawn: int
    unfinished_deleted: int
    completed_deleted: int


def purge(
    session: DbSession,
    policy: RetentionPolicy,
    now: datetime | None = None,
    dry_run: bool = False,
) -> PurgeCounts:
    """Apply ``policy`` as of ``now``; with ``dry_run`` only count (nothing is written)."""
    now = now or utcnow()
    expired = _expired_shares(now - timedelta(days=policy.shared_days))
    unfinished = _unfinished(now - timedelta(days=policy.unfinished_days))
    completed = _completed(now - timedelta(days=policy.completed_days), policy, now)
    counts = PurgeCounts(
        shares_withdrawn=_count(session, Share, expired),
        unfinished_deleted=_count(session, Assessment, unfinished),
        completed_deleted=_count(session, Assessment, completed),
    )
    if not dry_run:
        _withdraw(session, expired, now)
        for condition in (unfinished, completed):
            drop_followup_pages(session, select(Assessment.id).where(condition))
            session.execute(delete(Assessment).where(condition), execution_options=_NO_SYNC)
        drop_expired_pages(session, now)  # copies of results, see stored_pages
        session.expire_all()  # objects loaded before may be deleted or changed now
    return counts


_NO_SYNC = {"synchronize_session": False}


def _expired_shares(consented_before: datetime) -> ColumnElement[bool]:
    return Share.withdrawn_at.is_(None) & (Share.consented_at < consented_before)


def _unfinished(saved_before: datetime) -> ColumnElement[bool]:
    return (Assessment.status == IN_PROGRESS) & (Assessment.updated_at < saved_before)


def _completed(
    completed_before: datetime, policy: RetentionPolicy, now: datetime
) -> ColumnElement[bool]:
    """Old completed assessments without a share whose consent is still running."""
    running = exists().where(
        Share.assessment_id == Assessment.id,
        Share.withdrawn_at.is_(None),
        Share.consented_at >= now - timedelta(days=policy.shared_days),
    )
    old = (Assessment.status == COMPLETED) & (Assessment.completed_at < completed_before)
    return old & ~running


def _count(session: DbSession, model: type, condition: ColumnElement[bool]) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(condition)) or 0)


def _withdraw(session: DbSession, condition: ColumnElement[bool], now: datetime) -> None:
    """What ``sharing.withdraw_share`` does to one share, for all expired ones at once."""
    erased = {"company_name": None, "company_key": None, "contact_person": None}
    values = {"withdrawn_at": now, "client_id": None, **erased}
    expiring = select(Share.id).where(condition)
    requests = delete(AdviceRequest).where(AdviceRequest.share_id.in_(expiring))
    session.execute(requests, execution_options=_NO_SYNC)  # message and contact detail too
    session.execute(update(Share).where(condition).values(values), execution_options=_NO_SYNC)
