"""A limit on links with unknown tokens (resume, invitation and team-campaign links) per
client address: 30 in 10 minutes by default, then 429 until the oldest leaves the window.

A mistyped or outdated link costs one count; scanning for tokens runs into the limit at
once. Links that exist are never counted, so a workshop behind one address keeps working
while someone there guesses. Counted in the ``rate_limits`` table, as a keyed hash of
``link:ADDRESS`` – no address is stored in clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from zzcheck.storage.base import DbSession
from zzcheck.storage.models import utcnow
from zzcheck.storage.rate_limits import Keys, count_attempt, keyed_hash


@dataclass(frozen=True)
class LinkLimits:
    """Unknown links allowed per client address in ``window``; ``secret`` keys the hash."""

    per_address: int = 30
    window: timedelta = timedelta(minutes=10)
    secret: bytes = b""

    def keys(self, client_key: str) -> Keys:
        return [(keyed_hash(self.secret, "link:" + client_key), self.per_address)]


def count_unknown_link(
    session: DbSession, limits: LinkLimits, client_key: str, now: datetime | None = None
) -> None:
    """Count one unknown link opened from ``client_key`` (flushes). Raises
    :class:`~zzcheck.storage.rate_limits.Throttled` instead, without counting, while the
    address is at its limit."""
    count_attempt(session, limits.keys(client_key), limits.window, now or utcnow())
