"""Rate limits for login attempts, per account and per client address (``rate_limits``).

Five failures per account and twenty per address in 15 minutes; a success clears the
account's count, the address keeps its own. The keys are stored as keyed hashes only.
``LoginAttempt`` and ``LoginThrottled`` are the generic row and exception under the names
the login code and its tests use.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from zzcheck.storage.rate_limits import Attempt as LoginAttempt
from zzcheck.storage.rate_limits import (
    Keys,
    check_limits,
    forget_failures,
    keyed_hash,
    record_failure,
)
from zzcheck.storage.rate_limits import Throttled as LoginThrottled

__all__ = [
    "LoginAttempt",
    "LoginLimits",
    "LoginThrottled",
    "check_limits",
    "forget_failures",
    "record_failure",
]


@dataclass(frozen=True)
class LoginLimits:
    """How many failures per key the window allows; ``secret`` keys the stored hashes."""

    per_account: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)
    secret: bytes = b""

    def keys(self, email: str, client_key: str) -> Keys:
        """The (key hash, limit) pairs an attempt counts against: account first."""
        return [
            (self.digest("account:" + email.strip().lower()), self.per_account),
            (self.digest("address:" + client_key), self.per_address),
        ]

    def digest(self, key: str) -> str:
        return keyed_hash(self.secret, key)
