"""Plotly figure dicts of programme aggregates: radar of dimension means per group, box
plots, trend lines, a bar chart by federal state (plain dicts, see ``zzcheck/charts.py``).

Only shown groups are drawn, and only their aggregates: a box only for a group large
enough for quartiles (``privacy.published_stats``), drawn from the group's
quartiles with the 10th and 90th percentile as whiskers (Plotly's ``q1``, ``median``,
``q3``, ``lowerfence``, ``upperfence``), never from single scores, so no hover text or
outlier point can show one company. Texts are HTML-escaped (plotly reads some HTML).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from zzcheck.analytics.aggregate import Aggregate, GroupRow
from zzcheck.analytics.queries import OVERALL
from zzcheck.charts import (
    COLOURS,
    DASHES,
    FONT,
    GRID,
    INK,
    MAX_OVERLAY,
    MUTED,
    SYMBOLS,
    overlay_radar_figure,
)

Label = Callable[[GroupRow], str]
SEPARATORS = {"de": ",.", "en": ".,"}
MAX_BOXES = 24


def group_radar(
    agg: Aggregate, titles: Mapping[str, str], label: Label, lang: str = "de"
) -> dict[str, Any] | None:
    """Dimension means of up to six shown groups (the largest), overlaid; with a single
    group the total is drawn beside it. None if fewer than two polygons can be drawn."""
    dims = [m for m in agg.measures if m != OVERALL]
    rows = sorted(agg.groups(), key=lambda row: -(row.n or 0))[:MAX_OVERLAY]
    total = agg.total
    if len(rows) == 1 and total is not None and total.shown and total is not rows[0]:
        rows = [*rows, total]
    traces = [(label(row), [_mean(row, d) for d in dims]) for row in rows]
    if len(traces) < 2 or not dims:
        return None
    return overlay_radar_figure(traces, [titles.get(d, d) for d in dims], lang)


def box_figure(
    agg: Aggregate, measure: str, label: Label, axis_title: str, lang: str = "de"
) -> dict[str, Any] | None:
    """One box per shown group from its precomputed quantiles; with more than MAX_BOXES
    groups one per subtotal of the first key instead (the table has them all)."""
    rows = [row for row in agg.groups() if _has_box(row, measure)]
    if len(rows) > MAX_BOXES:
        rows = [row for row in agg.rows if row.level == 1 and row.shown and _has_box(row, measure)]
    if not rows:
        return None
    stats = [row.stats[measure] for row in rows]
    trace = {
        "type": "box",
        "orientation": "h",  # long group names stay readable on a phone
        "name": html.escape(axis_title),
        "y": [html.escape(label(row)) for row in rows],
        "q1": [_one(s.q1) for s in stats],
        "median": [_one(s.median) for s in stats],
        "q3": [_one(s.q3) for s in stats],
        # without percentiles (fewer than 10·k) the whiskers end at the box
        "lowerfence": [_one(s.q1 if s.p10 is None else s.p10) for s in stats],
        "upperfence": [_one(s.q3 if s.p90 is None else s.p90) for s in stats],
        "mean": [round(s.mean, 1) for s in stats],
        "boxpoints": False,
        "marker": {"color": COLOURS[0]},
        "line": {"color": COLOURS[0]},
        "fillcolor": "rgba(11, 83, 148, 0.18)",
    }
    layout = _layout(lang, axis_title, show_legend=False, horizontal=True)
    layout["height"] = max(320, 44 * len(rows) + 120)
    layout["yaxis"]["autorange"] = "reversed"  # first group on top, as in the table
    return {"data": [trace], "layout": layout}


def _has_box(row: GroupRow, measure: str) -> bool:
    """A box needs the quartiles, shown only for groups of at least 3·k."""
    stat = row.stats.get(measure)
    return stat is not None and stat.q1 is not None


def _one(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def trend_figure(
    agg: Aggregate, titles: Mapping[str, str], overall_title: str, lang: str = "de"
) -> dict[str, Any] | None:
    """Mean per period (x) and measure (one line each); a hidden period is a gap."""
    rows = [row for row in agg.rows if row.level == len(agg.keys)]
    if sum(1 for row in rows if row.shown) < 2:
        return None
    periods = [row.values[-1] for row in rows]
    data = []
    for i, measure in enumerate(agg.measures):
        name = overall_title if measure == OVERALL else titles.get(measure, measure)
        data.append(_line(i, name, periods, [_mean(row, measure) for row in rows]))
    layout = _layout(lang, "", show_legend=True)
    layout["legend"] = {"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"}
    layout["margin"] = {**layout["margin"], "t": 120, "b": 64}
    layout["height"] = 520
    return {"data": data, "layout": layout}


def _line(index: int, name: str, x: Sequence[str], y: Sequence[float | None]) -> dict[str, Any]:
    """A line in the index-th style (colour, dash and marker; after six, dashes shift)."""
    colour, dash = (
        COLOURS[index % len(COLOURS)],
        DASHES[(index + index // len(COLOURS)) % len(DASHES)],
    )
    return {
        "type": "scatter",
        "mode": "lines+markers",
        "name": html.escape(name),
        "x": list(x),
        "y": [None if v is None else round(v, 1) for v in y],
        "connectgaps": False,
        "line": {"color": colour, "dash": dash, "width": 3 if index == 0 else 2},
        "marker": {"color": colour, "symbol": SYMBOLS[index % len(SYMBOLS)], "size": 7},
        "hovertemplate": "%{x}: %{y:.1f}<extra>" + html.escape(name) + "</extra>",
    }


def bar_figure(
    agg: Aggregate, measure: str, label: Label, axis_title: str, lang: str = "de"
) -> dict[str, Any] | None:
    """Mean of ``measure`` per shown group as horizontal bars (readable names on a phone)."""
    rows = [row for row in agg.groups() if measure in row.stats]
    if not rows:
        return None
    trace = {
        "type": "bar",
        "orientation": "h",
        "y": [html.escape(label(row)) for row in rows],
        "x": [round(row.stats[measure].mean, 1) for row in rows],
        "marker": {"color": COLOURS[0]},
        "hovertemplate": "%{y}: %{x:.1f}<extra></extra>",
    }
    layout = _layout(lang, axis_title, show_legend=False, horizontal=True)
    layout["height"] = max(320, 36 * len(rows) + 120)
    layout["yaxis"]["autorange"] = "reversed"
    return {"data": [trace], "layout": layout}


def _mean(row: GroupRow, measure: str) -> float | None:
    stat = row.stats.get(measure)
    return stat.mean if stat is not None else None


def _layout(
    lang: str, value_title: str, show_legend: bool, horizontal: bool = False
) -> dict[str, Any]:
    """A readable cartesian layout on the 0–100 scale; ``radar.js`` narrows it on phones."""
    value_axis = {
        "range": [0, 100],
        "title": {"text": html.escape(value_title)},
        "gridcolor": GRID,
        "tickfont": {"color": MUTED},
        "fixedrange": True,
    }
    category_axis = {"automargin": True, "fixedrange": True, "tickfont": {"color": INK}}
    return {
        "showlegend": show_legend,
        "legend": {"orientation": "h", "x": 0, "y": -0.25, "yanchor": "top"},
        "autosize": True,
        "height": 440,
        "margin": {"l": 64, "r": 24, "t": 24, "b": 120 if show_legend else 64},
        "font": {"family": FONT, "size": 14, "color": INK},
        "separators": SEPARATORS.get(lang, SEPARATORS["de"]),
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "#ffffff",
        "dragmode": False,
        "xaxis": value_axis if horizontal else category_axis,
        "yaxis": category_axis if horizontal else value_axis,
    }
