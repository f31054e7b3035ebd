"""Synthetic companies for demo data: a realistic mix of federal states, industries and sizes.

Weights are rounded shares, not official statistics: states roughly by number of firms,
industries leaning to the Zukunftszentren's clientele (manufacturing, construction, trade,
logistics, services, care), sizes mostly small. Each company gets a latent AI maturity that
its answers are drawn around (``answers.py``), higher in larger firms and some industries.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

STATE_WEIGHTS: Mapping[str, float] = {
    "DE-NW": 21.0, "DE-BY": 17.0, "DE-BW": 13.0, "DE-NI": 9.0, "DE-HE": 7.6, "DE-BE": 5.0,
    "DE-RP": 4.7, "DE-SN": 4.5, "DE-SH": 3.4, "DE-HH": 3.0, "DE-BB": 2.8, "DE-TH": 2.4,
    "DE-ST": 2.2, "DE-MV": 1.8, "DE-SL": 1.1, "DE-HB": 0.8,
}  # fmt: skip
INDUSTRY_WEIGHTS: Mapping[str, float] = {
    "C": 18, "G": 14, "F": 12, "M": 11, "Q": 8, "H": 8, "N": 7, "J": 5, "I": 4, "S": 4,
    "K": 2, "P": 2, "L": 1.5, "D": 1, "E": 1, "R": 1, "A": 1, "B": 0.3, "O": 0.2,
}  # fmt: skip
SIZE_WEIGHTS: Mapping[str, float] = {"1-9": 45, "10-49": 35, "50-249": 16, "250+": 4}
WORKS_COUNCIL_BY_SIZE: Mapping[str, Mapping[str, float]] = {
    "1-9": {"yes": 3, "no": 92, "unknown": 5},
    "10-49": {"yes": 12, "no": 83, "unknown": 5},
    "50-249": {"yes": 45, "no": 50, "unknown": 5},
    "250+": {"yes": 85, "no": 13, "unknown": 2},
}
# latent maturity shifts (logit scale): larger firms and knowledge industries are further
SIZE_EFFECT: Mapping[str, float] = {"1-9": -0.35, "10-49": 0.0, "50-249": 0.35, "250+": 0.7}
INDUSTRY_EFFECT: Mapping[str, float] = {
    "J": 0.6, "K": 0.5, "M": 0.35, "D": 0.2, "C": 0.1, "P": 0.1, "G": -0.05, "H": -0.1,
    "E": -0.1, "B": -0.1, "R": -0.1, "Q": -0.2, "S": -0.25, "F": -0.35, "I": -0.4, "A": -0.4,
}  # fmt: skip
PERIOD_DAYS = 730  # the last 24 months
TREND = 0.4  # maturity gained over the period (AI use is rising)


@dataclass(frozen=True)
class Company:
    industry: str
    size: str
    state: str
    works_council: str
    role: str
    started_at: datetime
    completed_at: datetime
    maturity: float  # latent, logit scale; 0 ≈ the middle of the answer scales

    @property
    def profile(self) -> dict[str, str]:
        return {
            "industry": self.industry,
            "size": self.size,
            "state": self.state,
            "works_council": self.works_council,
            "role": self.role,
        }


def plan_states(count: int, rng: random.Random) -> list[str]:
    """``count`` states in proportion to their weight (largest remainder), shuffled.

    Unlike independent draws this puts every state in the sample once ``count`` ≥ 16.
    """
    total = sum(STATE_WEIGHTS.values())
    quotas = {state: count * weight / total for state, weight in STATE_WEIGHTS.items()}
    floor = 1 if count >= len(quotas) else 0
    seats = {state: max(floor, math.floor(quota)) for state, quota in quotas.items()}
    by_remainder = sorted(quotas, key=lambda s: quotas[s] - math.floor(quotas[s]), reverse=True)
    for state in by_remainder[: max(0, count - sum(seats.values()))]:
        seats[state] += 1
    while sum(seats.values()) > count:  # the floor of 1 overshot: take from the largest
        seats[max(seats, key=seats.__getitem__)] -= 1
    states = [state for state, n in seats.items() for _ in range(n)]
    rng.shuffle(states)
    return states


def draw_company(rng: random.Random, state: str, now: datetime) -> Company:
    """One company in ``state``, with profile, dates in the last 24 months and maturity."""
    industry = _weighted(rng, INDUSTRY_WEIGHTS)
    size = _weighted(rng, SIZE_WEIGHTS)
    works_council = _weighted(rng, WORKS_COUNCIL_BY_SIZE[size])
    age = PERIOD_DAYS * rng.random() ** 1.3  # more recent assessments are more frequent
    started_at = now - timedelta(days=age)
    return Company(
        industry, size, state, works_council, _role(rng, works_council),
        started_at, min(now, started_at + _duration(rng)),
        _maturity(rng, industry, size, age),
    )  # fmt: skip


def _role(rng: random.Random, works_council: str) -> str:
    """Mostly owners; works council members answer only where a council exists."""
    if works_council == "yes":
        return _weighted(rng, {"owner": 70, "employee": 15, "works_council": 15})
    return _weighted(rng, {"owner": 80, "employee": 20})


def _maturity(rng: random.Random, industry: str, size: str, age_days: float) -> float:
    """Latent maturity: size and industry effects, a rising trend, and much individual spread."""
    trend = TREND * (1 - age_days / PERIOD_DAYS)
    effects = SIZE_EFFECT[size] + INDUSTRY_EFFECT.get(industry, 0.0)
    return -0.2 + effects + trend + rng.gauss(0, 0.8)


def _duration(rng: random.Random) -> timedelta:
    """Mostly one sitting of 5–40 minutes; one in ten resumed a few days later."""
    minutes = math.exp(rng.gauss(math.log(14), 0.5))
    later = timedelta(days=rng.uniform(1, 6)) if rng.random() < 0.1 else timedelta()
    return timedelta(minutes=minutes) + later


def _weighted(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]
