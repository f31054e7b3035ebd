"""Who answered (role and optional area), and which groups of them a page may show.

Roles and areas are codes; their labels are the web layer's. ``shown_groups`` hides every
group below the group size ``k``; with ``complementary`` it also hides the next smallest
groups while the hidden rest is 1 … k−1 people, for tables that show a figure over everyone
beside the groups (otherwise "everyone minus the shown groups" would describe fewer than
``k`` people).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from zzcheck.analytics.privacy import QUARTILE_FACTOR

MANAGEMENT, EMPLOYEE, WORKS_COUNCIL, IT = "management", "employee", "works_council", "it"
ROLES = (MANAGEMENT, EMPLOYEE, WORKS_COUNCIL, IT)
OFFICE, PRODUCTION, FIELD = "office", "production", "field"
AREAS = (OFFICE, PRODUCTION, FIELD)
MIN_GROUP_SIZE = 3  # the smallest group ever shown; a campaign may only raise it
MIN_ANSWERS = 5  # nothing at all is shown before this many completed answers
# Quantiles (the quartiles of the spread) only over at least QUANTILE_FACTOR · k values: over
# fewer, a few order statistics pin down single values. The same rule as the programme
# statistics, from the same constant. Below it a table shows no spread at all.
QUANTILE_FACTOR = QUARTILE_FACTOR


@dataclass(frozen=True)
class Respondent:
    """One completed team answer as the analysis takes it: no id, no time, nothing else."""

    role: str
    area: str | None
    scores: Mapping[str, float | None]  # dimension id → score 0–100 (None: too few answers)
    answers: Mapping[str, object]  # question id → stored value


def group_size(k: int | None) -> int:
    """The campaign's group size, never below ``MIN_GROUP_SIZE``."""
    return max(k or MIN_GROUP_SIZE, MIN_GROUP_SIZE)


def threshold(k: int) -> int:
    """How many answers a campaign needs before its page shows anything."""
    return max(MIN_ANSWERS, group_size(k))


def quantiles_allowed(n: int, k: int) -> bool:
    """Whether quantiles over ``n`` values may be shown in a campaign of group size ``k``."""
    return n >= QUANTILE_FACTOR * group_size(k)


def need_group(respondent: Respondent) -> str:
    """The respondent's group in the qualification table: the role, and for employees the
    area too (``employee:production``); one partition, so no two groups overlap."""
    if respondent.role == EMPLOYEE and respondent.area:
        return f"{EMPLOYEE}:{respondent.area}"
    return respondent.role


def group_order() -> list[str]:
    """Every role and need group in the order tables list them."""
    employees = [f"{EMPLOYEE}:{area}" for area in AREAS]
    return [MANAGEMENT, *employees, EMPLOYEE, WORKS_COUNCIL, IT]


def shown_groups(counts: Mapping[str, int], k: int, complementary: bool = True) -> list[str]:
    """The groups (of one partition) a page may show, in ``group_order``.

    Groups under ``k`` are hidden; with ``complementary``, while the hidden rest is 1 … k−1
    people, the smallest shown group is hidden as well (complementary suppression).
    """
    k = group_size(k)
    shown = {group for group, n in counts.items() if n >= k}
    rest = sum(n for group, n in counts.items() if group not in shown)
    while complementary and 0 < rest < k and shown:
        smallest = min(shown, key=lambda group: (counts[group], group))
        shown.discard(smallest)
        rest += counts[smallest]
    return [group for group in group_order() if group in shown]


def counts_by(respondents: list[Respondent], key: str) -> dict[str, int]:
    """How many respondents per role (``key="role"``) or per need group (``"need"``)."""
    counts: dict[str, int] = {}
    for respondent in respondents:
        group = respondent.role if key == "role" else need_group(respondent)
        counts[group] = counts.get(group, 0) + 1
    return counts
