"""The limit on unknown links per client address (``storage.link_limits``) and the shared
table it keeps with the login limits (``storage.rate_limits``): 30 unknown links in a
sliding 10 minutes, counted per address as a keyed hash, without shortening the 15-minute
memory of the login limits."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from flask import Flask
from sqlalchemy import func, select

from zzcheck.extensions import db
from zzcheck.storage.link_limits import LinkLimits, count_unknown_link
from zzcheck.storage.login_limits import LoginLimits
from zzcheck.storage.models import utcnow
from zzcheck.storage.rate_limits import Attempt, Throttled, check_limits, record_failure

LIMITS = LinkLimits(secret=b"test-secret")
HOME, OTHER = "192.0.2.10", "198.51.100.20"


@pytest.fixture
def ctx(app: Flask) -> Iterator[Flask]:
    with app.app_context():
        yield app


def guess(client: str = HOME, now: datetime | None = None) -> None:
    count_unknown_link(db.session, LIMITS, client, now)


def rows() -> int:
    return int(db.session.scalar(select(func.count()).select_from(Attempt)) or 0)


def test_thirty_unknown_links_pass_and_the_next_waits_for_the_oldest(ctx: Flask) -> None:
    start = utcnow()
    for n in range(30):
        guess(now=start + timedelta(seconds=10 * n))  # the last one at 4 min 50 s
    later = start + timedelta(minutes=5)
    with pytest.raises(Throttled) as throttled:
        guess(now=later)
    assert throttled.value.retry_after == 5 * 60  # the first leaves the window at 10 min
    assert rows() == 30  # a refused guess is not counted: the wait does not grow
    guess(OTHER, now=later)  # another address has its own count
    guess(now=start + timedelta(minutes=10, seconds=1))  # the oldest has left the window


def test_the_count_is_a_keyed_hash_of_the_address(ctx: Flask) -> None:
    guess()
    stored = db.session.scalars(select(Attempt.key_hash)).one()
    assert stored == LIMITS.keys(HOME)[0][0]
    assert HOME not in stored and len(stored) == 64
    assert LinkLimits(secret=b"other").keys(HOME) != LIMITS.keys(HOME)
    assert LIMITS.keys(HOME) != [(LoginLimits(secret=b"test-secret").digest(HOME), 30)]


def test_link_guesses_keep_login_failures_that_the_login_limit_still_counts(ctx: Flask) -> None:
    """The link window (10 min) is shorter than the login window (15 min): recording a link
    guess must not delete a login failure 12 minutes old."""
    login = LoginLimits(per_address=1, secret=b"test-secret")
    keys = login.keys("berater@example.org", HOME)[1:]
    start = utcnow()
    record_failure(db.session, keys, login.window, start)
    guess(OTHER, now=start + timedelta(minutes=12))
    with pytest.raises(Throttled):
        check_limits(db.session, keys, login.window, start + timedelta(minutes=12))
    guess(OTHER, now=start + timedelta(minutes=15, seconds=1))
    assert rows() == 2  # the login row left every window and is gone; the two guesses stay
