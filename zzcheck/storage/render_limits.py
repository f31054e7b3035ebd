"""A limit on PDF reports per client address: 20 made in 10 minutes by default, then 429
until the oldest leaves the window (only reports really made count, not refused requests). A report costs a worker 0.2 to 1.2 seconds of CPU (WeasyPrint), a
result page a few milliseconds: without a limit, one browser asking for a report in a loop
keeps a worker busy. People download a report once or twice; a workshop behind one address
with a dozen companies stays well below the limit. Counted in the ``rate_limits`` table, as
a keyed hash of ``pdf:ADDRESS`` – no address is stored in clear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from zzcheck.storage.base import DbSession
from zzcheck.storage.models import utcnow
from zzcheck.storage.rate_limits import Keys, check_limits, keyed_hash, record_failure


@dataclass(frozen=True)
class RenderLimits:
    """PDF reports allowed per client address in ``window``; ``secret`` keys the hash."""

    per_address: int = 20
    window: timedelta = timedelta(minutes=10)
    secret: bytes = b""

    def keys(self, client_key: str) -> Keys:
        return [(keyed_hash(self.secret, "pdf:" + client_key), self.per_address)]


def check_renders(
    session: DbSession, limits: RenderLimits, client_key: str, now: datetime | None = None
) -> None:
    """Raise :class:`~zzcheck.storage.rate_limits.Throttled` while ``client_key`` is at its
    limit (asked before a report is made)."""
    check_limits(session, limits.keys(client_key), limits.window, now or utcnow())


def count_render(
    session: DbSession, limits: RenderLimits, client_key: str, now: datetime | None = None
) -> None:
    """Count one report made for ``client_key`` (flushes)."""
    record_failure(session, limits.keys(client_key), limits.window, now or utcnow())
