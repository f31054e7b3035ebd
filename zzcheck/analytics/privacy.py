"""k-anonymity for aggregates: which groups must not be shown (pure Python, no database).

A *cube* holds the number of completed assessments per combination of key values at the
finest level a query needs (e.g. state × size). Every key has a hierarchy of levels
(state → centre → all; month → quarter → year → all; industry → all), and every cell of
every level combination is a group someone may ask for: by grouping, by filtering, or as a
total. Two rules decide what is hidden:

1. *Primary*: a group with fewer than k assessments is suppressed (k ≥ 3, see ``min_group_size``).
2. *Complementary*: in every *line* (the children of one parent cell along one key, e.g.
   the size classes within Bavaria, or the states within one centre) either no child is
   suppressed, or at least two are and together they hold at least k assessments; otherwise
   the smallest shown child is suppressed as well. A suppressed parent needs two suppressed
   children too, or it could be summed up from them. So no small group can be derived by
   subtracting shown parts from a shown total.

3. *Statistics by group size* (``published_stats``): a measure rated by fewer than k
   companies shows nothing; from k the mean; the median and the quartiles only from 3·k,
   the 10th and 90th percentile only from 10·k. Over 5 values the five quantiles are five
   equations that give all five scores; below 3·k they still pin single companies where
   scores take few values (a quantile between two neighbouring ranks decodes to one pair).
   From 3·k a quartile lies between ranks that at least k − 1 others share on its side, and
   from 10·k the percentiles leave at least k companies beyond them, so they never describe
   the two most extreme companies of a group. Minimum and maximum are never published.
   The same rule serves the page, its charts, the CSV/XLSX export and the CLI ``export``
   (all read ``GroupRow.stats``); team mode uses the same 3·k for its quartiles.

Totals are treated as public even where this cube hides them, because a query with fewer
keys shows them. Levels are processed from coarse to fine, and a cell's fate depends only on
cells at its own or coarser levels, so the same group is hidden the same way whichever query
(grouping, filter, total) reaches it. The remaining limit is that of every rule-based
suppression: it is not a full audit against all linear combinations of published tables.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, partial
from itertools import product
from typing import Any

DEFAULT_MIN_GROUP_SIZE = 5
MIN_GROUP_SIZE_FLOOR = 3
ALL: Any = "*"  # the value of a key at its top level (all groups together)

QUARTILE_FACTOR = 3  # median and quartiles from 3·k rated companies
PERCENTILE_FACTOR = 10  # 10th and 90th percentile from 10·k
MEAN = ("mean",)
QUARTILES = ("q1", "median", "q3")
PERCENTILES = ("p10", "p90")

Step = Callable[[Any], Any]  # maps a value at one level to its parent at the next level
Cell = tuple[tuple[int, Any], ...]  # per key: (level, value)


def min_group_size(configured: object = None) -> int:
    """k from configuration: default 5, never below 3 (a request can never change it)."""
    try:
        value = int(str(configured)) if configured is not None else DEFAULT_MIN_GROUP_SIZE
    except ValueError:
        value = DEFAULT_MIN_GROUP_SIZE
    return max(MIN_GROUP_SIZE_FLOOR, value)


def published_stats(rated: int, k: int) -> tuple[str, ...]:
    """The statistics of one measure of one group that may be shown, by the number of
    companies that rated it (rule 3 of the module docstring; the one place it is decided)."""
    if rated < k:
        return ()
    shown: tuple[str, ...] = MEAN
    if rated >= QUARTILE_FACTOR * k:
        shown += QUARTILES
    if rated >= PERCENTILE_FACTOR * k:
        shown += PERCENTILES
    return shown


@dataclass(frozen=True)
class QuantileSizes:
    """The smallest rated group that shows quartiles and percentiles (for the page's text)."""

    quartiles: int
    percentiles: int


def quantile_sizes(k: int) -> QuantileSizes:
    return QuantileSizes(QUARTILE_FACTOR * k, PERCENTILE_FACTOR * k)


@dataclass(frozen=True)
class Hierarchy:
    """The levels of one key above its finest: ``steps[i]`` maps level i to level i + 1.

    The level after the last step is ALL. A key without levels in between has no steps.
    """

    steps: tuple[Step, ...] = ()

    @property
    def top(self) -> int:
        return len(self.steps) + 1

    def up(self, level: int, value: Any) -> Any:
        """The parent of ``value`` (at ``level``) one level up."""
        return self.steps[level](value) if level < len(self.steps) else ALL


def cell(levels: Sequence[int], values: Sequence[Any]) -> Cell:
    """A cell key: per key its level and its value at that level."""
    return tuple(zip(levels, values, strict=True))


@dataclass(frozen=True)
class Suppression:
    """The counts of every group of a cube and the groups that must not be shown."""

    counts: Mapping[Cell, int]
    hidden: frozenset[Cell]
    k: int

    def shown(self, key: Cell) -> bool:
        """True only for a group with at least k assessments that is not hidden."""
        return key not in self.hidden and self.counts.get(key, 0) >= self.k


def suppress(
    finest: Mapping[tuple[Any, ...], int], hierarchies: Sequence[Hierarchy], k: int
) -> Suppression:
    """Apply both rules to a cube given as counts per tuple of finest-level values."""
    if k < MIN_GROUP_SIZE_FLOOR:
        raise ValueError(f"k must be at least {MIN_GROUP_SIZE_FLOOR}, got {k}")
    counts = roll_up(finest, hierarchies)
    hidden = {key for key, n in counts.items() if n < k}
    by_levels: dict[tuple[int, ...], list[Cell]] = defaultdict(list)
    for key in sorted(counts, key=_order(counts)):
        by_levels[_levels(key)].append(key)
    for levels in sorted(by_levels, key=sum, reverse=True):  # coarse before fine
        _protect_level(by_levels[levels], hierarchies, counts, hidden, k)
    return Suppression(counts, frozenset(hidden), k)


def roll_up(
    finest: Mapping[tuple[Any, ...], int], hierarchies: Sequence[Hierarchy]
) -> dict[Cell, int]:
    """Counts of every group at every combination of levels (ALL at each key's top)."""
    counts: dict[Cell, int] = defaultdict(int)
    chains = [cache(partial(_chain, h)) for h in hierarchies]  # each value's chain once
    for values, n in finest.items():
        for combo in product(*(chain(v) for chain, v in zip(chains, values, strict=True))):
            counts[combo] += n
    return dict(counts)


def _chain(hierarchy: Hierarchy, value: Any) -> list[tuple[int, Any]]:
    """(level, value) from the finest level up to ALL."""
    chain = [(0, value)]
    for level in range(hierarchy.top):
        chain.append((level + 1, hierarchy.up(level, chain[-1][1])))
    return chain


def _levels(key: Cell) -> tuple[int, ...]:
    return tuple(level for level, _ in key)


def _order(counts: Mapping[Cell, int]) -> Callable[[Cell], tuple[int, str]]:
    """Smallest first, ties broken by the key's text, so every query picks the same cell."""
    return lambda key: (counts[key], repr(key))


def _protect_level(
    cells: Sequence[Cell],
    hierarchies: Sequence[Hierarchy],
    counts: Mapping[Cell, int],
    hidden: set[Cell],
    k: int,
) -> None:
    """Rule 2 for every line of one level combination, repeated until nothing changes
    (hiding a cell for one line can break another line through that cell)."""
    lines = _lines(cells, hierarchies)
    changed = True
    while changed:
        changed = False
        for parent, children in lines:
            while _needs_more(parent, children, counts, hidden, k):
                hidden.add(next(c for c in children if c not in hidden))
                changed = True


def _lines(
    cells: Sequence[Cell], hierarchies: Sequence[Hierarchy]
) -> list[tuple[Cell, list[Cell]]]:
    """(parent, children) along every key that is not at its top level; children stay in
    the smallest-first order of ``cells``."""
    lines: dict[tuple[int, Cell], list[Cell]] = defaultdict(list)
    for key in cells:
        for index, (level, value) in enumerate(key):
            if level < hierarchies[index].top:
                parent = list(key)
                parent[index] = (level + 1, hierarchies[index].up(level, value))
                lines[(index, tuple(parent))].append(key)
    ordered = sorted(lines.items(), key=lambda line: repr(line[0]))  # keys are unique
    return [(parent, children) for (_, parent), children in ordered]


def _needs_more(
    parent: Cell, children: Sequence[Cell], counts: Mapping[Cell, int], hidden: set[Cell], k: int
) -> bool:
    """Whether a hidden child could still be derived, and a shown child is left to hide."""
    suppressed = [c for c in children if c in hidden]
    if len(suppressed) == len(children):
        return False
    if parent in hidden and not suppressed:
        return True
    return len(suppressed) == 1 or 0 < sum(counts[c] for c in suppressed) < k
