"""The less protected way into a campaign, its one shared link, limited per client address:
at most ``per_address`` answers started from one address in ``window`` (default 20 in 10
minutes), then 429 until the oldest start leaves the window.

This bounds a flood from one browser or script; it does not stop a person who waits, or
switches networks (a phone's mobile data), or uses several devices: only personal codes
(``campaign_codes``) do. 20 lets an office behind one router answer after a staff meeting.
Counted in the rate-limit table as a keyed hash of ``team-start:CAMPAIGN:ADDRESS`` (no
address in clear, kept 15 minutes); the window stays within ``rate_limits.KEPT_FOR``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from zzcheck.storage.base import DbSession
from zzcheck.storage.models import utcnow
from zzcheck.storage.rate_limits import Keys, check_limits, keyed_hash, record_failure


@dataclass(frozen=True)
class StartLimits:
    """Answers one address may start in one campaign per ``window``; ``secret`` keys the hash."""

    per_address: int = 20
    window: timedelta = timedelta(minutes=10)
    secret: bytes = b""

    def keys(self, campaign_id: int, client_key: str) -> Keys:
        key = f"team-start:{campaign_id}:{client_key}"
        return [(keyed_hash(self.secret, key), self.per_address)]


def check_start(
    session: DbSession,
    limits: StartLimits,
    campaign_id: int,
    client_key: str,
    now: datetime | None = None,
) -> None:
    """Raise :class:`~zzcheck.storage.rate_limits.Throttled` while the address is at its limit."""
    check_limits(session, limits.keys(campaign_id, client_key), limits.window, now or utcnow())


def count_start(
    session: DbSession,
    limits: StartLimits,
    campaign_id: int,
    client_key: str,
    now: datetime | None = None,
) -> None:
    """Count one answer started from ``client_key`` (flushes)."""
    keys = limits.keys(campaign_id, client_key)
    record_failure(session, keys, limits.window, now or utcnow())
