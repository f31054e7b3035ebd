"""Personal API tokens: created and revoked by their user, shown once, stored as a SHA-256.

A token acts for its user with exactly the user's role and centre (the API applies the same
scoping as the pages). It stops working when it is revoked and, since the user is loaded
with every request, at once when the account is deactivated. Each use records
``last_used_at``. Services flush, never commit.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, joinedload, mapped_column, relationship

from zzcheck.storage.accounts import ADMIN, User
from zzcheck.storage.base import NEVER_REUSED, Base, DbSession
from zzcheck.storage.models import UTCDateTime, utcnow
from zzcheck.storage.rate_limits import Keys, check_limits, keyed_hash, record_failure

PREFIX = "zzk_"  # makes a leaked token easy to recognise (e.g. by secret scanners)
TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 128
LABEL_LENGTH = 80
MAX_TOKENS_PER_USER = 20


class ApiTokenError(Exception):
    """A token request that must be refused; the message says why, for the user."""


class ApiToken(Base):
    """One personal token; ``token_hash`` is all that is kept of the secret."""

    __tablename__ = "api_token"
    __table_args__ = (NEVER_REUSED,)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(LABEL_LENGTH))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def create_token(session: DbSession, user: User, label: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns the row and the secret (shown once, never stored)."""
    label = " ".join(label.split())
    if not label or len(label) > LABEL_LENGTH:
        raise ApiTokenError(f"the label must have 1 to {LABEL_LENGTH} characters")
    if not user.active or user.role == ADMIN:
        raise ApiTokenError("only active consultants and programme staff get API tokens")
    if len(user_tokens(session, user.id)) >= MAX_TOKENS_PER_USER:
        raise ApiTokenError(f"at most {MAX_TOKENS_PER_USER} active tokens per account")
    secret = PREFIX + secrets.token_urlsafe(TOKEN_BYTES)
    token = ApiToken(user_id=user.id, token_hash=hash_secret(secret), label=label)
    session.add(token)
    session.flush()
    return token, secret


def user_tokens(session: DbSession, user_id: int) -> list[ApiToken]:
    """The user's tokens that are not revoked, newest first."""
    query = select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
    return list(session.scalars(query.order_by(ApiToken.id.desc())))


def revoke_token(session: DbSession, user_id: int, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False if there is no such active token."""
    token = session.get(ApiToken, token_id)
    if token is None or token.user_id != user_id or token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    session.flush()
    return True


def authenticate(
    session: DbSession,
    secret: str,
    now: datetime | None = None,
    granularity: timedelta = timedelta(0),
) -> User | None:
    """The active user behind ``secret``, or None: unknown, revoked, malformed, an admin's,
    or the account deactivated. The use is recorded (at most once per ``granularity``, so
    a busy client does not write on every request)."""
    if not secret.startswith(PREFIX) or len(secret) > MAX_TOKEN_LENGTH:
        return None
    query = select(ApiToken).options(joinedload(ApiToken.user))  # one query for both
    token = session.scalars(query.where(ApiToken.token_hash == hash_secret(secret))).one_or_none()
    if token is None or token.revoked_at is not None:
        return None
    if not token.user.active or token.user.role == ADMIN:
        return None
    now = now or utcnow()
    if token.last_used_at is None or now - token.last_used_at >= granularity:
        token.last_used_at = now
        session.flush()
    return token.user


@dataclass(frozen=True)
class TokenLimits:
    """Failed token attempts (unknown, revoked, malformed) allowed per client address in
    ``window``, like failed logins: guessing tokens stops there. Kept in the rate-limit
    table as a keyed hash of ``api:ADDRESS``."""

    per_address: int = 20
    window: timedelta = timedelta(minutes=15)
    secret: bytes = b""

    def keys(self, client_key: str) -> Keys:
        return [(keyed_hash(self.secret, "api:" + client_key), self.per_address)]


def check_token_limit(
    session: DbSession, limits: TokenLimits, client_key: str, now: datetime
) -> None:
    """Raise :class:`~zzcheck.storage.rate_limits.Throttled` while the address is limited."""
    check_limits(session, limits.keys(client_key), limits.window, now)


def record_bad_token(
    session: DbSession, limits: TokenLimits, client_key: str, now: datetime
) -> None:
    record_failure(session, limits.keys(client_key), limits.window, now)
