"""Rate limits for login attempts (``rate_limits``), made so that nobody can lock a user out.

- **Per account and address** a growing delay: the first three failures are free, then each
  further attempt waits 2, 4, 8 … seconds after the last failure, at most 15 minutes. A
  stranger guessing a consultant's password slows only their own address down; the
  consultant, from their own address, logs in as before.
- **Per address** 20 failures in 15 minutes, then 429 until the oldest leaves the window,
  whichever accounts they named: guessing many accounts from one address stops there.

There is no limit per account alone any more: with one, anyone could lock a consultant out
by typing wrong passwords for their address. (Passwords have at least 12 characters and are
argon2id hashes; guessing from many addresses still meets each address's limit.) A success
clears the failures of that account at that address; the address keeps its count. The keys
are stored as keyed hashes only. ``LoginAttempt`` and ``LoginThrottled`` are the generic row
and exception under the names the login code and its tests use.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from zzcheck.storage.base import DbSession
from zzcheck.storage.rate_limits import Attempt as LoginAttempt
from zzcheck.storage.rate_limits import (
    Keys,
    check_limits,
    forget_failures,
    growing_wait,
    keyed_hash,
    record_failure,
)
from zzcheck.storage.rate_limits import Throttled as LoginThrottled

__all__ = [
    "LoginAttempt",
    "LoginLimits",
    "LoginThrottled",
    "check_login",
    "forget_failures",
    "record_failure",
]


@dataclass(frozen=True)
class LoginLimits:
    """Free failures per account and address before the delays begin, the longest delay,
    failures per address in ``window``; ``secret`` keys the stored hashes."""

    free_failures: int = 3
    longest_delay: timedelta = timedelta(minutes=15)
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)
    secret: bytes = b""

    def keys(self, email: str, client_key: str) -> Keys:
        """The (key hash, limit) pairs an attempt counts against: the account at this address
        first (its limit: the free failures), then the address."""
        account = email.strip().lower()
        return [
            (self.digest(f"account:{account} address:{client_key}"), self.free_failures),
            (self.digest("address:" + client_key), self.per_address),
        ]

    def digest(self, key: str) -> str:
        return keyed_hash(self.secret, key)


def check_login(session: DbSession, limits: LoginLimits, keys: Keys, now: datetime) -> None:
    """Raise :class:`LoginThrottled` while the address is at its limit or the account at
    this address has to wait."""
    (pair, free), by_address = keys[0], keys[1:]
    check_limits(session, by_address, limits.window, now)
    wait = growing_wait(session, pair, free, limits.longest_delay, limits.window, now)
    if wait > 0:
        raise LoginThrottled(max(1, math.ceil(wait)))
