"""The tables of the consultant workspace: clients of a centre, shares (a respondent's consent
to show one assessment to one centre), invitation links, notes and action-plan items.

Privacy: a centre sees an assessment only through an active ``Share`` (``withdrawn_at`` NULL);
company name and contact person exist only on a share and are erased when it is withdrawn,
while the consent record (text version, hash of the exact text, times) stays as proof.
Names of companies are also kept case-folded (``*_key``) so the search finds "Müller"
as "müller" on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zzcheck.storage.accounts import User
from zzcheck.storage.base import NEVER_REUSED, Base
from zzcheck.storage.models import Assessment, UTCDateTime, utcnow

OPEN, IN_PROGRESS, DONE = "open", "in_progress", "done"
ITEM_STATUSES = (OPEN, IN_PROGRESS, DONE)
NAME_LENGTH = 200  # company and client names, contact person, item titles
OWNER_LENGTH = 120
LABEL_LENGTH = 120
NOTE_LENGTH = 5000


def name_key(name: str | None) -> str | None:
    """The search form of a name: whitespace collapsed, case-folded (Unicode-aware)."""
    if not name:
        return None
    return " ".join(name.split()).casefold() or None


class Client(Base):
    """A company a centre works with; its assessments arrive through shares."""

    __tablename__ = "client"
    # The target of the (client_id, centre_id) foreign keys of shares and invitations: a
    # share or invitation can never point at another centre's client, by the database.
    __table_args__ = (UniqueConstraint("id", "centre_id"), NEVER_REUSED)

    id: Mapped[int] = mapped_column(primary_key=True)
    centre_id: Mapped[str] = mapped_column(String(64), index=True)
    display_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    name_key: Mapped[str] = mapped_column(String(NAME_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Share(Base):
    """A respondent's consent to show one assessment to one centre, until withdrawn."""

    __tablename__ = "share"
    __table_args__ = (
        # At most one active share per assessment (a double submit cannot make two).
        Index(
            "uq_share_active_assessment",
            "assessment_id",
            unique=True,
            sqlite_where=text("withdrawn_at IS NULL"),
            postgresql_where=text("withdrawn_at IS NULL"),
        ),
        Index("ix_share_centre_id_withdrawn_at", "centre_id", "withdrawn_at"),
        ForeignKeyConstraint(["client_id", "centre_id"], ["client.id", "client.centre_id"]),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), index=True
    )
    centre_id: Mapped[str] = mapped_column(String(64))
    client_id: Mapped[int | None] = mapped_column(index=True)
    company_name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    company_key: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    contact_person: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    consent_version: Mapped[str] = mapped_column(String(32))
    consent_lang: Mapped[str] = mapped_column(String(8))
    consent_hash: Mapped[str] = mapped_column(String(64))
    consented_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    assessment: Mapped[Assessment] = relationship()
    client: Mapped[Client | None] = relationship(viewonly=True)


class Invitation(Base):
    """A link a consultant sends to a company; only the SHA-256 of its token is stored."""

    __tablename__ = "invitation"
    __table_args__ = (
        ForeignKeyConstraint(["client_id", "centre_id"], ["client.id", "client.centre_id"]),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    centre_id: Mapped[str] = mapped_column(String(64), index=True)
    client_id: Mapped[int] = mapped_column(index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    label: Mapped[str | None] = mapped_column(String(LABEL_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    client: Mapped[Client] = relationship(viewonly=True)
    created_by: Mapped[User] = relationship()

    def expired(self, now: datetime) -> bool:
        return now >= self.expires_at


class InvitedAssessment(Base):
    """An assessment started from an invitation link (at most one per assessment).

    A table of its own rather than a column on ``assessment``: adding a foreign-key column
    there would make SQLite copy and drop the table in the migration, and dropping it with
    foreign keys on deletes every answer (ON DELETE CASCADE).
    """

    __tablename__ = "invited_assessment"

    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    )
    invitation_id: Mapped[int] = mapped_column(
        ForeignKey("invitation.id", ondelete="CASCADE"), index=True
    )


class Note(Base):
    """A consultant's note on a client (visible to the consultants of the same centre)."""

    __tablename__ = "note"
    __table_args__ = (NEVER_REUSED,)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User] = relationship()


class ActionItem(Base):
    """One step of a client's action plan: who does what by when, and how far it is."""

    __tablename__ = "action_item"
    __table_args__ = (
        CheckConstraint(f"status IN ('{OPEN}', '{IN_PROGRESS}', '{DONE}')", name="status"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id"), index=True)
    title: Mapped[str] = mapped_column(String(NAME_LENGTH))
    owner: Mapped[str | None] = mapped_column(String(OWNER_LENGTH))
    due_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=OPEN)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
