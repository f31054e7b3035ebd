"""Plotly figures as plain dicts: the result radar, radar overlays, and safe JSON for a page.

Plain dicts instead of ``plotly.graph_objects``: building a ``go.Figure`` per request cost
about ten times the throughput (DESIGN.md). Templates only embed ``figure_json(fig)`` in a
``<script type="application/json">``; ``static/js/radar.js`` draws it with the local bundle
``static/vendor/plotly.min.js`` (built by ``bench/plotly-bundle/build.sh``).

A dimension without enough answers is a *gap*, not a 0: its score is ``None``, the polygon
skips it (``connectgaps``) and its axis label says "zu wenige Antworten". A 0 would read as
"worst" and a cut polygon would hide the shape of the others.

Texts use no ``<b>``/``<i>``: plotly draws those with ``style`` attributes, which a CSP
without ``style-src 'unsafe-inline'`` blocks (``<br>`` is fine). Titles are HTML-escaped,
since plotly reads a subset of HTML in every text.
"""

from __future__ import annotations

import html
import json
import textwrap
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import pyphen
from markupsafe import Markup

from zzcheck.scoring.report import display_score
from zzcheck.scoring.result import Result

PLOTLY_JS_VERSION = "4.1.1"  # of static/vendor/plotly.min.js; tests compare it with the file

# Okabe–Ito colours (told apart with colour-vision deficiencies), darkened where needed for
# ≥ 3:1 contrast on white (WCAG 1.4.11); dashes and marker symbols also tell traces apart
# in print. The first is the app's accent colour (static/css/zzcheck.css).
COLOURS = ("#0b5394", "#c24e00", "#00795a", "#b4508a", "#8a6200", "#3a3a3a")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star")
MIN_OVERLAY, MAX_OVERLAY = 2, 6

INK, MUTED, GRID, FILL = "#1b1f24", "#4a525c", "#c9d1da", "rgba(11, 83, 148, 0.18)"
FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif'
LABEL_WIDTH = 14  # characters per axis label line; longer words are hyphenated (pyphen)

TEXTS: Mapping[str, Mapping[str, str]] = {
    "de": {
        "not_rated": "zu wenige Antworten",
        "of_100": "von 100 Punkten",
        "separators": ",.",
        "hyphenation": "de_DE",
    },
    "en": {
        "not_rated": "not enough answers",
        "of_100": "of 100 points",
        "separators": ".,",
        "hyphenation": "en_US",
    },
}

_JSON_ESCAPES = (  # replaced one by one: str.replace is ~20× faster than str.translate
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def radar_figure(result: Result, lang: str = "de") -> dict[str, Any]:
    """One closed ``scatterpolar`` polygon of the dimension scores (0–100) of ``result``;
    hovering a point shows the dimension, its score and its level."""
    texts = _texts(lang)
    trace = {
        **_result_polygon(result, lang, texts),
        "hovertemplate": f"%{{customdata[0]}}<br>%{{r:.1f}} {texts['of_100']}"
        "<br>%{customdata[1]}<extra></extra>",
        "fill": "toself",
        "fillcolor": FILL,
        "line": {"color": COLOURS[0], "width": 3},
        "marker": {"color": COLOURS[0], "size": 8},
    }
    ticks = sorted({level.min for level in result.questionnaire.levels} | {100.0})
    return {"data": [trace], "layout": _layout(lang, ticks, show_legend=False)}


def _result_polygon(result: Result, lang: str, texts: Mapping[str, str]) -> dict[str, Any]:
    """r/theta of the result's dimensions, with (title, level name) per point as customdata."""
    levels = {level.id: html.escape(level.name.get(lang)) for level in result.questionnaire.levels}
    titles = [_dimension_title(result, d.id, lang) for d in result.dimensions]
    scores = [display_score(d.score) for d in result.dimensions]
    pairs = zip(titles, scores, strict=True)
    labels = [_axis_label(t, texts, rated=s is not None) for t, s in pairs]
    customdata = [
        [html.escape(t), levels.get(d.level or "", "")]
        for t, d in zip(titles, result.dimensions, strict=True)
    ]
    return {**_polygon(labels, scores), "customdata": _closed(customdata)}


def overlay_radar_figure(
    traces: Sequence[tuple[str, Sequence[float | None]]], titles: Sequence[str], lang: str = "de"
) -> dict[str, Any]:
    """2–6 radar polygons over the same dimensions (``titles``), e.g. one company over time.

    Each trace is ``(label, scores)`` with one score (0–100 or None) per title. A None is a
    gap in its polygon; the axis label stays the same for all traces.
    """
    if not MIN_OVERLAY <= len(traces) <= MAX_OVERLAY:
        raise ValueError(f"an overlay shows {MIN_OVERLAY}–{MAX_OVERLAY} traces, got {len(traces)}")
    texts = _texts(lang)
    labels = [_axis_label(title, texts, rated=True) for title in titles]
    data = [
        _overlay_trace(i, label, scores, labels, titles, texts)
        for i, (label, scores) in enumerate(traces)
    ]
    return {"data": data, "layout": _layout(lang, [0, 20, 40, 60, 80, 100], show_legend=True)}


def group_radar_figure(
    traces: Sequence[tuple[int, str, Sequence[float | None]]],
    titles: Sequence[str],
    lang: str = "de",
) -> dict[str, Any]:
    """1–6 radar polygons of groups (e.g. the role groups of a team campaign), each
    ``(style, label, scores)``: ``style`` picks colour, dash and marker, so a group keeps its
    look whichever other groups are shown. A None score is a gap in its polygon."""
    if not 1 <= len(traces) <= MAX_OVERLAY:
        raise ValueError(f"a group radar shows 1–{MAX_OVERLAY} traces, got {len(traces)}")
    texts = _texts(lang)
    labels = [_axis_label(title, texts, rated=True) for title in titles]
    data = [
        _overlay_trace(style, label, scores, labels, titles, texts)
        for style, label, scores in traces
    ]
    return {"data": data, "layout": _layout(lang, [0, 20, 40, 60, 80, 100], show_legend=True)}


def figure_json(fig: Mapping[str, Any]) -> Markup:
    """JSON for a ``<script type="application/json">``: ``<``, ``>``, ``&`` are escaped as
    ``\\u003c`` … so no text (``</script>``, ``<!--``) can end the element early.

    Returned as ``Markup``: Jinja must not HTML-escape it (a script element's text is not
    HTML-decoded, ``&#34;`` would break ``JSON.parse``): ``{{ fig|figure_json }}`` (the
    filter is registered in ``zzcheck/assets.py``).
    """
    text = json.dumps(fig, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for char, escaped in _JSON_ESCAPES:
        text = text.replace(char, escaped)
    return Markup(text)


def _texts(lang: str) -> Mapping[str, str]:
    if lang not in TEXTS:
        raise ValueError(f"unsupported language {lang!r} (use one of {', '.join(TEXTS)})")
    return TEXTS[lang]


def _dimension_title(result: Result, dimension_id: str, lang: str) -> str:
    dimension = result.questionnaire.dimension(dimension_id)
    return dimension.title.get(lang) if dimension is not None else dimension_id


def _closed(values: Sequence[Any]) -> list[Any]:
    """The values with the first repeated at the end, so the polygon closes."""
    return [*values, values[0]] if values else []


def _axis_label(title: str, texts: Mapping[str, str], rated: bool) -> str:
    """An angular axis label: wrapped, hyphenated, HTML-escaped (plotly reads some HTML)."""
    lines = _wrap(title, texts["hyphenation"])
    if not rated:
        lines += textwrap.wrap(f"({texts['not_rated']})", LABEL_WIDTH)
    return "<br>".join(html.escape(line) for line in lines)


def _wrap(text: str, hyphenation: str) -> list[str]:
    """Lines of at most LABEL_WIDTH characters where possible: a longer word (a German
    compound such as "Veränderungsbereitschaft") gets a hyphen where it may break."""
    words = [
        _hyphenate(w, hyphenation) if len(w) > LABEL_WIDTH and w.isalpha() else w
        for w in text.split()
    ]
    return textwrap.wrap(" ".join(words), LABEL_WIDTH, break_long_words=False) or [text]


def _hyphenate(word: str, hyphenation: str) -> str:
    """The word with one hyphen: preferably where both parts fit, then after an "s" (the
    German joint in Veränderungs-bereitschaft), then where the parts are most even."""
    positions = hyphenator(hyphenation).positions(word)

    def badness(cut: int) -> tuple[bool, bool, int]:
        longer = max(cut + 1, len(word) - cut)
        return longer > LABEL_WIDTH, word[cut - 1] != "s", longer

    cut = min(positions, key=badness, default=0)
    return f"{word[:cut]}-{word[cut:]}" if cut else word


@cache
def hyphenator(lang: str) -> pyphen.Pyphen:
    """Loaded once per process and language (about 0.2 s for a dictionary)."""
    return pyphen.Pyphen(lang=lang)


def _polygon(labels: Sequence[str], scores: Sequence[float | None]) -> dict[str, Any]:
    """The parts every radar trace shares: closed r/theta, gaps for unrated dimensions."""
    if len(labels) != len(scores):
        raise ValueError(f"{len(scores)} scores for {len(labels)} dimensions")
    return {
        "type": "scatterpolar",
        "mode": "lines+markers",
        "r": _closed(list(scores)),
        "theta": _closed(list(labels)),
        "connectgaps": True,
    }


def _overlay_trace(
    index: int,
    name: str,
    scores: Sequence[float | None],
    labels: Sequence[str],
    titles: Sequence[str],
    texts: Mapping[str, str],
) -> dict[str, Any]:
    return {
        **_polygon(labels, [display_score(s) for s in scores]),
        "name": html.escape(name),
        "customdata": _closed([html.escape(t) for t in titles]),
        "hovertemplate": f"%{{customdata}}<br>%{{r:.1f}} {texts['of_100']}",
        "line": {"color": COLOURS[index], "width": 2.5, "dash": DASHES[index]},
        "marker": {"color": COLOURS[index], "size": 8, "symbol": SYMBOLS[index]},
    }


def _layout(lang: str, ticks: Sequence[float], show_legend: bool) -> dict[str, Any]:
    """Readable, responsive layout: width from the container, fixed height, no drag-zoom.
    (radar.js shrinks fonts, margins and height for containers narrower than 480 px.)"""
    return {
        "showlegend": show_legend,
        "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.2, "yanchor": "top"},
        "autosize": True,
        "height": 560 if show_legend else 480,
        "margin": {"l": 104, "r": 104, "t": 64, "b": 150 if show_legend else 64},
        "font": {"family": FONT, "size": 14, "color": INK},
        "hoverlabel": {"font": {"family": FONT, "size": 15}},
        "separators": _texts(lang)["separators"],
        "paper_bgcolor": "rgba(0,0,0,0)",
        "dragmode": False,
        "polar": {
            "bgcolor": "#ffffff",
            "radialaxis": {
                "range": [0, 100],
                "tickvals": list(ticks),
                "angle": 90,
                "tickangle": 90,
                "tickfont": {"size": 12, "color": MUTED},
                "gridcolor": GRID,
                "linecolor": GRID,
            },
            "angularaxis": {
                "direction": "clockwise",
                "rotation": 90,
                "gridcolor": GRID,
                "linecolor": GRID,
                "tickfont": {"size": 14, "color": INK},
            },
        },
    }
