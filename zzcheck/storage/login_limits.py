"""Rate limits for login attempts, per account and per client address, kept in the database.

Failed attempts are rows (a keyed hash of "account:EMAIL" or "address:IP", and the time), so
the limits hold across several worker processes on SQLite and PostgreSQL without another
service, and no e-mail address or IP address is stored in clear. The window slides: a key is
limited while it has ``limit`` failures in the last ``window``. Rows older than the window
are deleted whenever a failure is recorded.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Index, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.storage.base import Base, DbSession
from zzcheck.storage.models import UTCDateTime, utcnow


class LoginAttempt(Base):
    """One failed login attempt under one key (an account or a client address)."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_key_hash_attempted_at", "key_hash", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


@dataclass(frozen=True)
class LoginLimits:
    """How many failures per key the window allows; ``secret`` keys the stored hashes."""

    per_account: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)
    secret: bytes = b""

    def keys(self, email: str, client_key: str) -> list[tuple[str, int]]:
        """The (key hash, limit) pairs an attempt counts against: account first."""
        return [
            (self.digest("account:" + email.strip().lower()), self.per_account),
            (self.digest("address:" + client_key), self.per_address),
        ]

    def digest(self, key: str) -> str:
        return hmac.new(self.secret, key.encode("utf-8"), hashlib.sha256).hexdigest()


class LoginThrottled(Exception):
    """Too many failed attempts; ``retry_after`` seconds until the next one is accepted."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed login attempts; retry after {retry_after} s")


def check_limits(
    session: DbSession, keys: list[tuple[str, int]], window: timedelta, now: datetime
) -> None:
    """Raise :class:`LoginThrottled` (with the longest wait) if any key is at its limit."""
    waits = [_wait(session, key, limit, window, now) for key, limit in keys]
    longest = max(waits, default=0.0)
    if longest > 0:
        raise LoginThrottled(max(1, math.ceil(longest)))


def _wait(session: DbSession, key: str, limit: int, window: timedelta, now: datetime) -> float:
    """Seconds until ``key`` has fewer than ``limit`` failures in the window (0: not limited)."""
    recent = session.scalars(
        select(LoginAttempt.attempted_at)
        .where(LoginAttempt.key_hash == key, LoginAttempt.attempted_at > now - window)
        .order_by(LoginAttempt.attempted_at.desc())
        .limit(limit)
    ).all()
    if len(recent) < limit:
        return 0.0
    return (recent[-1] + window - now).total_seconds()


def record_failure(
    session: DbSession, keys: list[tuple[str, int]], window: timedelta, now: datetime
) -> None:
    """Store one failure under each key and drop the rows that left the window (flushes)."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at <= now - window))
    session.add_all(LoginAttempt(key_hash=key, attempted_at=now) for key, _limit in keys)
    session.flush()


def forget_failures(session: DbSession, key: str) -> None:
    """After a successful login the account starts afresh (the address keeps its count)."""
    session.execute(delete(LoginAttempt).where(LoginAttempt.key_hash == key))
