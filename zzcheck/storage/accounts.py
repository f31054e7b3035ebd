"""Accounts of consultants, programme staff and admins, and their use cases (create, log in,
change the password, deactivate). Services flush, never commit.

A consultant belongs to exactly one centre, the others to none (a database constraint).
``session_epoch`` goes up whenever access must end (logout, password changed, account
deactivated):
the web layer stores it in the login session and refuses a session whose epoch is old.
"""

from __future__ import annotations

import re
from collections.abc import Container
from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column

from zzcheck.storage.base import NEVER_REUSED, Base, DbSession
from zzcheck.storage.login_limits import (
    LoginLimits,
    check_login,
    forget_failures,
    record_failure,
)
from zzcheck.storage.models import UTCDateTime, utcnow
from zzcheck.storage.passwords import (
    burn_verification,
    hash_password,
    needs_rehash,
    verify_password,
)

CONSULTANT, PROGRAMME, ADMIN = "consultant", "programme", "admin"
ROLES = (CONSULTANT, PROGRAMME, ADMIN)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
MAX_EMAIL_LENGTH = 254
_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")


class AccountError(Exception):
    """A request on accounts that must be refused; the message says why, for the user."""


class User(Base):
    """A login account. ``email`` is stored lower-case; ``centre_id`` names a configured
    centre (``questionnaires/_centres.yaml``) for consultants and is empty for the others."""

    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint(f"role IN ('{CONSULTANT}', '{PROGRAMME}', '{ADMIN}')", name="role"),
        CheckConstraint(
            f"(role = '{CONSULTANT}' AND centre_id IS NOT NULL)"
            f" OR (role <> '{CONSULTANT}' AND centre_id IS NULL)",
            name="centre_by_role",
        ),
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        NEVER_REUSED,
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(MAX_EMAIL_LENGTH), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    centre_id: Mapped[str | None] = mapped_column(String(64), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    session_epoch: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def is_consultant(self) -> bool:
        return self.role == CONSULTANT

    def end_sessions(self) -> None:
        """Every login session of this user ends at its next request."""
        self.session_epoch = (self.session_epoch or 0) + 1


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_user(session: DbSession, email: str) -> User | None:
    """The account with this e-mail address (any case), active or not."""
    return session.scalar(select(User).where(User.email == normalise_email(email)))


def get_user(session: DbSession, user_id: int) -> User | None:
    return session.get(User, user_id)


def create_user(
    session: DbSession,
    email: str,
    role: str,
    centre_id: str | None,
    password: str,
    *,
    centres: Container[str],
) -> User:
    """A new active account; raises :class:`AccountError` naming the first problem.

    ``centres`` are the configured centre ids (the registry's ``Centres`` will do).
    """
    email = normalise_email(email)
    _check_email(email)
    _check_role(role, centre_id, centres)
    check_password(password)
    if find_user(session, email) is not None:
        raise AccountError(f"An account with the e-mail address {email} already exists.")
    user = User(email=email, role=role, centre_id=centre_id or None)
    user.password_hash = hash_password(password)
    session.add(user)
    session.flush()
    return user


def _check_email(email: str) -> None:
    if len(email) > MAX_EMAIL_LENGTH or not _EMAIL.fullmatch(email):
        raise AccountError(f"'{email}' is not a valid e-mail address.")


def _check_role(role: str, centre_id: str | None, centres: Container[str]) -> None:
    if role not in ROLES:
        raise AccountError(f"Unknown role '{role}': use one of {', '.join(ROLES)}.")
    if role == CONSULTANT and not centre_id:
        raise AccountError("A consultant needs a centre (--centre ID).")
    if role != CONSULTANT and centre_id:
        raise AccountError(f"Only consultants belong to a centre, not the role '{role}'.")
    if centre_id and centre_id not in centres:
        raise AccountError(f"Unknown centre '{centre_id}': see questionnaires/_centres.yaml.")


def check_password(password: str) -> None:
    """Long enough to resist guessing; the upper bound only keeps hashing cheap."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must have at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise AccountError(f"The password must have at most {MAX_PASSWORD_LENGTH} characters.")


def set_password(session: DbSession, user: User, password: str) -> None:
    """Store a new password and end the user's other sessions."""
    check_password(password)
    user.password_hash = hash_password(password)
    user.end_sessions()
    session.flush()


def deactivate_user(session: DbSession, email: str) -> User:
    """The account can no longer log in; its sessions end at their next request."""
    user = find_user(session, email)
    if user is None:
        raise AccountError(f"There is no account with the e-mail address {email.strip()}.")
    user.active = False
    user.end_sessions()
    session.flush()
    return user


def authenticate(
    session: DbSession,
    email: str,
    password: str,
    client_key: str,
    *,
    limits: LoginLimits | None = None,
    now: datetime | None = None,
) -> User | None:
    """The active user with this e-mail and password, else None (same for every reason).

    Raises :class:`~zzcheck.storage.login_limits.LoginThrottled` while the client
    (``client_key``, e.g. its address) has too many recent failures, or this account at this
    address has to wait after its last ones, even for the right password. An unknown account
    costs as much time as a known one.
    """
    limits, now = limits or LoginLimits(), now or utcnow()
    keys = limits.keys(email, client_key)
    check_login(session, limits, keys, now)
    user = find_user(session, email) if len(email) <= MAX_EMAIL_LENGTH else None
    if user is None or len(password) > MAX_PASSWORD_LENGTH:
        burn_verification(password[:MAX_PASSWORD_LENGTH])
        matches = False
    else:
        matches = verify_password(user.password_hash, password)
    if user is None or not matches or not user.active:
        record_failure(session, keys, limits.window, now)
        return None
    _logged_in(session, user, password, keys[0][0], now)
    return user


def _logged_in(session: DbSession, user: User, password: str, key: str, now: datetime) -> None:
    forget_failures(session, key)
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = now
    session.flush()
