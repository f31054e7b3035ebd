"""Rate limits kept in the database: failed attempts per key in a sliding window.

Each failure is a row (a keyed hash of the key – ``account:EMAIL``, ``address:IP``,
``link:IP`` – and the time), so a limit holds across several worker processes on SQLite and
PostgreSQL without another service, and no e-mail or IP address is stored in clear. A key
is limited while it has ``limit`` failures in the last ``window`` (or, with
``growing_wait``, waits longer after each failure). Used by the login
(``login_limits``), by links with unknown tokens (``link_limits``) and by PDF reports
(``render_limits``); all share one table.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from datetime import datetime, timedelta

from sqlalchemy import Index, String, delete, select
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.storage.base import Base, DbSession
from zzcheck.storage.models import UTCDateTime, utcnow

# Rows older than this are deleted whenever a failure is recorded: the longest window of any
# limit (login: 15 minutes, unknown links: 10), so no limit loses rows it still counts.
KEPT_FOR = timedelta(minutes=15)

Keys = list[tuple[str, int]]  # (key hash, failures allowed in the window)


class Attempt(Base):
    """One failed attempt under one key. The table keeps the name it got when logins were
    its only use (migration 0002)."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_key_hash_attempted_at", "key_hash", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Throttled(Exception):
    """Too many recent failures; ``retry_after`` seconds until the next attempt counts."""

    def __init__(self, retry_after: int) -> None:
        self.retry_after = retry_after
        super().__init__(f"too many failed attempts; retry after {retry_after} s")


def keyed_hash(secret: bytes, key: str) -> str:
    """HMAC-SHA256 of ``key``: without the secret, hashing all 2³² IPv4 addresses finds nothing."""
    return hmac.new(secret, key.encode("utf-8"), hashlib.sha256).hexdigest()


def check_limits(session: DbSession, keys: Keys, window: timedelta, now: datetime) -> None:
    """Raise :class:`Throttled` (with the longest wait) if any key is at its limit."""
    waits = [_wait(session, key, limit, window, now) for key, limit in keys]
    longest = max(waits, default=0.0)
    if longest > 0:
        raise Throttled(max(1, math.ceil(longest)))


def _wait(session: DbSession, key: str, limit: int, window: timedelta, now: datetime) -> float:
    """Seconds until ``key`` has fewer than ``limit`` failures in the window (0: not limited;
    a limit of 0 allows nothing)."""
    if limit <= 0:
        return window.total_seconds()
    recent = session.scalars(
        select(Attempt.attempted_at)
        .where(Attempt.key_hash == key, Attempt.attempted_at > now - window)
        .order_by(Attempt.attempted_at.desc())
        .limit(limit)
    ).all()
    if len(recent) < limit:
        return 0.0
    return (recent[-1] + window - now).total_seconds()


def growing_wait(
    session: DbSession,
    key: str,
    free: int,
    longest: timedelta,
    window: timedelta,
    now: datetime,
) -> float:
    """Seconds ``key`` still has to wait: none for its first ``free`` failures in the window,
    then 2, 4, 8 … seconds after its last failure, at most ``longest``."""
    recent = session.scalars(
        select(Attempt.attempted_at)
        .where(Attempt.key_hash == key, Attempt.attempted_at > now - window)
        .order_by(Attempt.attempted_at.desc())
        .limit(free + 32)  # enough to reach any cap: 2**32 seconds
    ).all()
    if len(recent) < free:
        return 0.0
    delay = min(2.0 ** (len(recent) - free + 1), longest.total_seconds())
    return (recent[0] + timedelta(seconds=delay) - now).total_seconds()


def record_failure(session: DbSession, keys: Keys, window: timedelta, now: datetime) -> None:
    """Store one failure under each key and drop the rows no limit counts any more (flushes)."""
    expired = now - max(window, KEPT_FOR)
    session.execute(delete(Attempt).where(Attempt.attempted_at <= expired))
    session.add_all(Attempt(key_hash=key, attempted_at=now) for key, _limit in keys)
    session.flush()


def forget_failures(session: DbSession, key: str) -> None:
    """Start one key afresh (an account after a successful login)."""
    session.execute(delete(Attempt).where(Attempt.key_hash == key))


def count_attempt(session: DbSession, keys: Keys, window: timedelta, now: datetime) -> None:
    """Count one attempt under ``keys`` (flushes); raise :class:`Throttled` instead, without
    counting, while a key is at its limit. For limits on every attempt, not only failures
    (unknown links, PDF reports)."""
    check_limits(session, keys, window, now)
    record_failure(session, keys, window, now)
