"""What the aggregate page shows, as plain data for the template: the main aggregate and two
more over the same filters (by period for the trend, by federal state for the bar chart),
with their figures.

Every table and figure is built from ``Aggregate`` rows, which hold no numbers for a hidden
group, so nothing here can show a group smaller than k.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from zzcheck.analytics import charts
from zzcheck.analytics.aggregate import Aggregate, AggregateQuery, GroupRow, QueryError
from zzcheck.analytics.labels import value_label
from zzcheck.analytics.privacy import ALL
from zzcheck.analytics.queries import OVERALL
from zzcheck.analytics.setting import Setting, run
from zzcheck.storage.base import DbSession
from zzcheck.web.programme.forms import key_labels, unit_labels
from zzcheck.web.translate import _

Figure = dict[str, Any]


@dataclass(frozen=True)
class Labeller:
    """Readable names of groups and measures in the page language."""

    setting: Setting
    lang: str

    def key(self, key: str) -> str:
        """The column title of a key (Bundesland, Quartal …)."""
        return {**key_labels(), **unit_labels()}[key]

    def value(self, key: str, value: str) -> str:
        return value_label(key, value, self.lang, self.setting.centre_names(self.lang))

    def row(self, agg: Aggregate, row: GroupRow) -> str:
        """The group in words ("Bayern, 10 bis 49 Beschäftigte"); the total is "Insgesamt"."""
        parts = [self.value(k, v) for k, v in zip(agg.keys, row.values, strict=True) if v != ALL]
        return ", ".join(parts) or self.value(agg.keys[0], ALL)

    def with_n(self, agg: Aggregate, row: GroupRow) -> str:
        return f"{self.row(agg, row)} (n = {row.n})"

    def measure(self, measure: str) -> str:
        if measure == OVERALL:
            return _("Gesamtergebnis")
        return self.setting.titles(self.lang).get(measure, measure)


@dataclass(frozen=True)
class Report:
    main: Aggregate
    trend: Aggregate | None
    states: Aggregate | None
    labels: Labeller
    measure: str
    figures: dict[str, Figure | None]

    @property
    def dimensions(self) -> list[str]:
        return [m for m in self.main.measures if m != OVERALL]


def build_report(
    session: DbSession, query: AggregateQuery, setting: Setting, measure: str, lang: str
) -> Report:
    """The page's aggregates and figures; raises ``QueryError`` for a query that cannot run."""
    labels = Labeller(setting, lang)
    main = run(session, query, setting)
    trend = _optional(session, replace(query, group_by=("period",)), setting)
    states = _optional(session, replace(query, group_by=("state",)), setting)
    return Report(
        main, trend, states, labels, measure, _figures(main, trend, states, labels, measure)
    )


def _state_bars(states: Aggregate, labels: Labeller, measure: str, title: str) -> Figure | None:
    return charts.bar_figure(
        states, measure, lambda row: labels.row(states, row), title, labels.lang
    )


def _optional(session: DbSession, query: AggregateQuery, setting: Setting) -> Aggregate | None:
    """A side aggregate (trend, states), or None where the filters rule it out."""
    try:
        return run(session, query, setting)
    except QueryError:
        return None


def _figures(
    main: Aggregate,
    trend: Aggregate | None,
    states: Aggregate | None,
    labels: Labeller,
    measure: str,
) -> dict[str, Figure | None]:
    lang, titles, title = labels.lang, labels.setting.titles(labels.lang), labels.measure(measure)
    return {
        "radar": charts.group_radar(main, titles, lambda row: labels.with_n(main, row), lang),
        "box": charts.box_figure(main, measure, lambda row: labels.row(main, row), title, lang),
        "trend": charts.trend_figure(trend, titles, _("Gesamtergebnis"), lang) if trend else None,
        "states": _state_bars(states, labels, measure, title) if states else None,
    }
