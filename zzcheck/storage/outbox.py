"""Mail waiting to be sent: a request for advice is stored and committed first, with its
notification mail in this outbox in the same transaction; sending happens after the commit
and may fail (a mail server that is down never loses the request). A failed mail stays
pending and is tried again by ``flask zzcheck send-mail`` or after the next request.

Delivery is at least once: a mail is claimed (``claimed_at``) before it is sent, so two
processes do not send it at the same moment; a claim older than ``CLAIM_MINUTES`` (a process
that died while sending) is taken over. Services flush, never commit.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Integer, String, Text, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.storage.base import NEVER_REUSED, Base, DbSession
from zzcheck.storage.models import UTCDateTime, utcnow

CLAIM_MINUTES = 10
ERROR_LENGTH = 500


class OutboxMail(Base):
    """One plain-text mail to one recipient; ``sent_at`` NULL while it waits."""

    __tablename__ = "mail_outbox"
    __table_args__ = (NEVER_REUSED,)

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(ERROR_LENGTH))


def queue_mail(session: DbSession, recipient: str, subject: str, body: str) -> OutboxMail:
    mail = OutboxMail(recipient=recipient, subject=subject[:200], body=body, attempts=0)
    session.add(mail)
    session.flush()
    return mail


def pending_ids(session: DbSession, limit: int = 100) -> list[int]:
    """Unsent mails, least tried first (a mail that keeps failing, e.g. a refused address,
    does not hold up new ones), then oldest first."""
    query = (
        select(OutboxMail.id)
        .where(OutboxMail.sent_at.is_(None))
        .order_by(OutboxMail.attempts, OutboxMail.id)
    )
    return list(session.scalars(query.limit(limit)))


def claim(session: DbSession, mail_id: int, now: datetime | None = None) -> OutboxMail | None:
    """Take ``mail_id`` for sending; None if it is sent or another process holds it."""
    now = now or utcnow()
    stale = now - timedelta(minutes=CLAIM_MINUTES)
    taken = session.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.sent_at.is_(None),
            or_(OutboxMail.claimed_at.is_(None), OutboxMail.claimed_at < stale),
        )
        .values(claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(taken, "rowcount", 0) != 1:
        return None
    mail = session.get(OutboxMail, mail_id)
    if mail is not None:
        session.refresh(mail)
    return mail


def mark_sent(session: DbSession, mail: OutboxMail, now: datetime | None = None) -> None:
    mail.sent_at = now or utcnow()
    mail.attempts += 1
    mail.last_error = None
    session.flush()


def mark_failed(session: DbSession, mail: OutboxMail, error: str) -> None:
    """The mail stays pending (its claim is released) for the next try."""
    mail.attempts += 1
    mail.claimed_at = None
    mail.last_error = error[:ERROR_LENGTH]
    session.flush()
