"""Peer comparison for a respondent's result: the mean dimension scores of comparable
companies (same industry section and size class; else the same size class; else all), over
all stored versions of the same questionnaire, read from the daily peer snapshot.

Anyone can do checks without an account, so checks are attacker-controlled input: five fake
checks of a rare profile used to make a group of one real company and five fakes whose exact
mean and n gave the real company's scores to ±0.5 points. What is published now
(``peer_snapshot.py`` computes it, ``PeerFigure`` stores it):

* **A snapshot, not live figures.** At most once a day, over the companies' checks completed
  more than a day before it. Between two snapshots nothing changes, so a check done now
  shows nowhere until the day after, and two views never differ by one check.
* **Groups of at least** ``peer_minimum(k)`` **companies** (10; 2·k with a larger k), with the
  same complementary suppression over industry × size as the programme's aggregates, so no
  shown group minus other shown groups is a smaller one. A dimension rated by fewer than that
  has no value.
* **The same value for everyone in the group**: the group's mean including every member, so
  no page subtracts "its own" check (fakes whose own scores differ would otherwise each see a
  differently shifted mean and narrow it down together).
* **Means on a 5-point grid, rounded at random** (``dithered``): rounded up with probability
  equal to the distance from the grid point below, so the value is off by less than 5 and
  right on average. The random number comes from an HMAC of the application secret and the
  group's exact content (members, sums), so the same group always shows the same value and
  reloading or waiting teaches nothing; only a changed group draws again.
* **n as a band** (at least 10, 20, 50, 100 …), never exactly.

With 9 fakes and one real company (the worst case, a group of exactly 10) one page leaves
the real score anywhere in an interval of 100 points around ``10·value − fakes`` (clipped to
0–100): for a score between 20 and 80 that is always wider than ±10. What remains: an
attacker who replaces their nine fakes every day (each a day old when the snapshot is
taken) gets one fresh random draw a day and can combine them. Simulated with random fakes
and a Bayesian attacker (scores 20–80), the 90 % interval shrinks to ±10 after a median of
10 days, for 95 % of companies within 15; with plain rounding (no random draw) it took 4
days, with exact means one. A score at the very end of the scale (near 0 or 100) can be
bounded sooner by a lucky draw. A longer snapshot period would stretch this in proportion.
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from zzcheck.storage.base import DbSession
from zzcheck.storage.models import Assessment
from zzcheck.storage.peer_models import SNAPSHOT_ID, PeerFigure, PeerSnapshot

BASES: tuple[tuple[str, ...], ...] = (("industry", "size"), ("size",), ())
CUBE = ("industry", "size")
EVERY = "*"  # the stored value of a key whose group spans all its values
MIN_PEERS = 10
STEP = 5.0  # published means lie on this grid
BANDS = (1, 2, 5)  # × powers of ten: the lower ends of the size bands


@dataclass(frozen=True)
class PeerGroup:
    """The peers found: which profile keys they share (``basis``, with the values in
    ``profile``), the lower end of their size band, their published mean per dimension
    (None: not shown) and the day the checks they cover were completed before."""

    basis: tuple[str, ...]
    profile: Mapping[str, str]
    companies: int
    means: Mapping[str, float | None]
    cutoff: datetime


def peer_minimum(k: int) -> int:
    """The smallest peer group shown: 10 companies, or 2·k with a larger k."""
    return max(MIN_PEERS, 2 * k)


def band(n: int, minimum: int) -> int:
    """The lower end of the band n falls in (10, 20, 50, 100, 200 …), never below
    ``minimum``: a group of 37 is shown as "at least 20"."""
    lower, power = minimum, 1
    while power <= n:
        lower = max([lower, *(b * power for b in BANDS if b * power <= n)])
        power *= 10
    return lower


def dithered(mean: float, secret: bytes, content: str) -> float:
    """``mean`` on the ``STEP`` grid, rounded up with probability equal to its distance
    from the grid point below; the random number is an HMAC of ``content``, so the same
    group with the same members always gets the same value."""
    digest = hmac.new(secret, content.encode(), hashlib.sha256).digest()
    uniform = int.from_bytes(digest[:8], "big") / 2**64
    return min(100.0, max(0.0, STEP * math.floor(mean / STEP + uniform)))


def peer_comparison(session: DbSession, assessment: Assessment) -> PeerGroup | None:
    """The closest peer group of the current snapshot, or None (no snapshot yet, or no
    group of this profile published)."""
    snapshot = session.get(PeerSnapshot, SNAPSHOT_ID)
    if snapshot is None:
        return None
    candidates = [(basis, _profile(assessment, basis)) for basis in BASES]
    wanted = [(basis, profile) for basis, profile in candidates if profile is not None]
    cells = {_stored_cell(profile) for _, profile in wanted}
    query = select(PeerFigure).where(
        PeerFigure.questionnaire_id == assessment.questionnaire_version.questionnaire_id,
        PeerFigure.industry.in_({industry for industry, _ in cells}),
        PeerFigure.size.in_({size for _, size in cells}),
    )
    found: dict[tuple[str, str], list[PeerFigure]] = {}
    for figure in session.scalars(query):
        found.setdefault((figure.industry, figure.size), []).append(figure)
    for basis, profile in wanted:
        figures = found.get(_stored_cell(profile))
        if figures:
            means = {figure.dimension_id: figure.mean for figure in figures}
            return PeerGroup(basis, profile, figures[0].companies, means, snapshot.cutoff)
    return None


def _profile(assessment: Assessment, basis: tuple[str, ...]) -> dict[str, str] | None:
    profile = {key: getattr(assessment, key) for key in basis}
    return None if any(value is None for value in profile.values()) else profile


def _stored_cell(profile: Mapping[str, str]) -> tuple[str, str]:
    """(industry, size) as ``PeerFigure`` stores a group: EVERY where the basis spans all."""
    return profile.get("industry", EVERY), profile.get("size", EVERY)
