"""A request for advice ("Beratung anfragen"): a share plus what the owner wants to talk
about and how they want to be contacted, and whether the centre has opened it yet.

One row per share (its primary key is the share's id), so a request lives and dies with its
share: withdrawing the share deletes the request (message and contact detail are personal
data, like the contact person), and deleting the share or assessment cascades. Scoped to a
centre only through its share. Services flush, never commit.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.storage.base import Base, DbSession
from zzcheck.storage.models import UTCDateTime, utcnow
from zzcheck.storage.workspace import NAME_LENGTH, Share
from zzcheck.storage.workspace_errors import InvalidInput

MESSAGE_LENGTH = 2000
CONTACT_WAYS = ("phone", "email", "visit")


class AdviceRequest(Base):
    """What the owner asked the centre for, with a share; ``opened_at`` is NULL until a
    consultant of the centre opens the share (the list marks it "neu" until then)."""

    __tablename__ = "advice_request"
    __table_args__ = (
        CheckConstraint(
            "contact_way IS NULL OR contact_way IN ('phone', 'email', 'visit')",
            name="contact_way",
        ),
    )

    share_id: Mapped[int] = mapped_column(
        ForeignKey("share.id", ondelete="CASCADE"), primary_key=True
    )
    message: Mapped[str | None] = mapped_column(Text)
    contact_way: Mapped[str | None] = mapped_column(String(8))
    contact_detail: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


def request_advice(
    session: DbSession,
    share: Share,
    message: str | None,
    contact_way: str | None,
    contact_detail: str | None,
    now: datetime | None = None,
) -> AdviceRequest:
    """Attach a request to ``share`` (idempotent: a second call returns the first request).
    Raises ``InvalidInput`` for an over-long text or an unknown way of contact."""
    existing = session.get(AdviceRequest, share.id)
    if existing is not None:
        return existing
    if contact_way is not None and contact_way not in CONTACT_WAYS:
        raise InvalidInput(f"unknown way of contact {contact_way!r}")
    found = AdviceRequest(
        share_id=share.id,
        message=_text(message, MESSAGE_LENGTH),
        contact_way=contact_way,
        contact_detail=_text(contact_detail, NAME_LENGTH),
        requested_at=now or utcnow(),
    )
    session.add(found)
    session.flush()
    return found


def advice_request(session: DbSession, share: Share) -> AdviceRequest | None:
    return session.get(AdviceRequest, share.id)


def mark_opened(session: DbSession, share: Share, now: datetime | None = None) -> bool:
    """A consultant of the share's centre opened it: it is no longer new (True if it was)."""
    found = session.get(AdviceRequest, share.id)
    if found is None or found.opened_at is not None:
        return False
    found.opened_at = now or utcnow()
    session.flush()
    return True


def forget_request(session: DbSession, share: Share) -> None:
    """On withdrawal: the message and contact detail go with the contact person."""
    found = session.get(AdviceRequest, share.id)
    if found is not None:
        session.delete(found)
        session.flush()


def advice_requests(session: DbSession, share_ids: list[int]) -> dict[int, AdviceRequest]:
    """The requests of ``share_ids`` (a list page's rows), by share id, in one query."""
    if not share_ids:
        return {}
    query = select(AdviceRequest).where(AdviceRequest.share_id.in_(share_ids))
    return {found.share_id: found for found in session.scalars(query)}


def _text(value: str | None, limit: int) -> str | None:
    """Stripped text or None; longer than allowed is refused, never cut silently."""
    text = (value or "").strip()
    if len(text) > limit:
        raise InvalidInput(f"longer than {limit} characters")
    return text or None
